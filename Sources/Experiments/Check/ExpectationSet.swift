import Foundation
import Racksim
import ScenarioFile
import SimMath

/// Expectations checked together against one run or sweep: what `racksim check` runs.
///
/// ```swift
/// import Experiments
///
/// let checks = ExpectationSet([
///   try Expectation("summary.mean_jct_s", max: 36_000),
///   try Expectation("summary.pue", approx: 1.25, rel: 0.02),
///   try Expectation(comparison: "sweep[scheduler=sjf].mean_wait_s"
///     + " < sweep[scheduler=fifo].mean_wait_s significantly"),
/// ])
/// let report = try checks.evaluate(Results.load("Results/my-sweep"))
/// print(report.table)
/// #expect(report.passed)
/// ```
///
/// **Semantics.** A reference selecting one row is that row's value. One selecting several
/// sweep rows (replications) is judged by their mean, shown with its 95 % Student-t interval.
/// A plain comparison compares the means. `significantly` asks for the 95 % interval of the
/// difference of the means to lie on the comparison's side of 0 (below 0 for `<`/`<=`, above
/// for `>`/`>=`): paired-t when both sides have the same set of distinct `seed` values (common
/// random numbers; rows are paired by seed), Welch otherwise; fewer than 2 rows on a side fail
/// with that reason. Unknown metrics, selectors that match nothing and a `sweep…` reference on
/// a run are errors, not failures.
public struct ExpectationSet: Sendable, Equatable {
  /// The expectations, in order.
  public var expectations: [Expectation]

  /// A set of expectations, checked in order.
  public init(_ expectations: [Expectation]) { self.expectations = expectations }

  /// Reads an expectations file (the format of `ExpectationFile`).
  /// - Throws: `ExpectationError` listing every problem, one `file:line:column: message` a line.
  public static func load(path: String) throws(ExpectationError) -> ExpectationSet {
    let file: ExpectationFile
    do {
      file = try ExpectationFile.load(path: path)
    } catch {
      throw ExpectationError(error.diagnostics.map(\.description).joined(separator: "\n"))
    }
    var expectations: [Expectation] = []
    var problems: [String] = []
    for entry in file.entries {
      do {
        if let b = entry.bounds {
          let subject = try MetricReference(parsing: entry.text)
          let condition: Expectation.Condition
          if let v = b.approx {
            condition = .approximately(
              v, relative: b.relative ?? 0, absolute: b.absolute ?? 0)
            if b.min != nil || b.max != nil {
              expectations.append(
                Expectation(subject, .bounds(min: b.min, max: b.max), location: entry.location))
            }
          } else {
            condition = .bounds(min: b.min, max: b.max)
          }
          expectations.append(Expectation(subject, condition, location: entry.location))
        } else {
          var text = entry.text
          if entry.significantly { text += " significantly" }
          expectations.append(try Expectation(comparison: text, location: entry.location))
        }
      } catch {
        problems.append(ExpectationError(error.message, at: entry.location).description)
      }
    }
    guard problems.isEmpty else { throw ExpectationError(problems.joined(separator: "\n")) }
    return ExpectationSet(expectations)
  }

  /// Checks every expectation against `results`.
  /// - Throws: `ExpectationError` for the first expectation that cannot be evaluated (unknown
  ///   metric, listing the closest names; a selection matching no row; a sweep reference on a
  ///   run or a summary reference on a sweep).
  public func evaluate(_ results: Results) throws(ExpectationError) -> CheckReport {
    var outcomes: [CheckOutcome] = []
    for e in expectations {
      do {
        outcomes.append(try Evaluator(results: results).evaluate(e))
      } catch {
        throw ExpectationError(error.message, at: e.location)
      }
    }
    return CheckReport(outcomes: outcomes)
  }
}

/// The verdict on one expectation.
public struct CheckOutcome: Sendable, Equatable {
  /// The expectation.
  public var expectation: Expectation
  /// The observed value(s), formatted: `35996.2`, `mean 12.3 ± 0.41 (n=10)`,
  /// `Δ −2.8 ± 0.4 (paired, n=10)`.
  public var observed: String
  /// The expected condition, formatted: `≤ 36000`, `1.25 ± 2%`, `< sweep[…].x`.
  public var expected: String
  /// Whether it holds.
  public var passed: Bool
  /// Why it failed when the numbers alone do not say (e.g. too few replications); else empty.
  public var note: String
}

/// The outcome of checking an `ExpectationSet`.
public struct CheckReport: Sendable, Equatable {
  /// One outcome per expectation, in order.
  public var outcomes: [CheckOutcome]

  /// Whether every expectation holds (true for an empty set).
  public var passed: Bool { outcomes.allSatisfy(\.passed) }

  /// An aligned plain-text table: expectation, observed, expected, verdict; then a last line
  /// `N of M expectations hold`.
  public var table: String {
    let rows = outcomes.map { o in
      [
        o.expectation.description, o.observed, o.expected,
        o.passed ? "pass" : (o.note.isEmpty ? "FAIL" : "FAIL: \(o.note)"),
      ]
    }
    let held = outcomes.filter(\.passed).count
    return CatalogListing.table(["expectation", "observed", "expected", "verdict"], rows)
      + "\(held) of \(outcomes.count) expectations hold\n"
  }
}

// MARK: - Private

/// Reads metrics out of results and judges conditions.
private struct Evaluator {
  var results: Results

  /// The values a reference selects, with their seeds (nil where a row has none).
  func values(of ref: MetricReference) throws(ExpectationError) -> [(Double, String?)] {
    let rows: [ResultRow]
    switch (results, ref.selection) {
    case (.run(let row), nil):
      rows = [row]
    case (.run, .some):
      throw ExpectationError(
        "\(ref) refers to a sweep, but the results are a single run; use summary.\(ref.metric)")
    case (.sweep, nil):
      throw ExpectationError(
        "\(ref) refers to a run's summary, but the results are a sweep; use sweep.\(ref.metric) "
          + "or sweep[column=value].\(ref.metric)")
    case (.sweep(let all), .some(let selectors)):
      let columns = all.first?.fields.map(\.name) ?? []
      for s in selectors where !columns.contains(s.column) {
        throw ExpectationError(
          "\(ref): no column '\(s.column)' in the sweep" + Self.closest(s.column, in: columns))
      }
      rows = all.filter { row in selectors.allSatisfy { row.text($0.column) == $0.value } }
      if rows.isEmpty {
        let hints = selectors.map { s in
          let seen = Self.distinct(all.compactMap { $0.text(s.column) })
          return "\(s.column) takes " + seen.prefix(8).joined(separator: ", ")
        }
        throw ExpectationError("\(ref) matches no run (\(hints.joined(separator: "; ")))")
      }
    }
    var out: [(Double, String?)] = []
    for row in rows {
      guard let x = row.number(ref.metric) else {
        if row.text(ref.metric) != nil {
          throw ExpectationError("\(ref): '\(ref.metric)' is not a number in every run")
        }
        throw ExpectationError(
          "unknown metric '\(ref.metric)' in \(ref)" + Self.closest(ref.metric, in: row.metricNames)
        )
      }
      out.append((x, row.text(Results.seedColumn)))
    }
    return out
  }

  func evaluate(_ e: Expectation) throws(ExpectationError) -> CheckOutcome {
    let left = try values(of: e.subject)
    let xs = left.map(\.0)
    let mean = Statistics.mean(xs)
    let observed = Self.describe(xs)
    switch e.condition {
    case .bounds(let lo, let hi):
      let ok = (lo.map { mean >= $0 } ?? true) && (hi.map { mean <= $0 } ?? true)
      let expected = [
        lo.map { "≥ " + NumberText.format($0) }, hi.map { "≤ " + NumberText.format($0) },
      ]
      .compactMap { $0 }.joined(separator: " and ")
      return CheckOutcome(
        expectation: e, observed: observed, expected: expected, passed: ok, note: "")
    case .approximately(let v, let rel, let abs):
      let tolerance = Swift.max(rel * Swift.abs(v), abs)
      let ok = Swift.abs(mean - v) <= tolerance
      var expected = NumberText.format(v) + " ± "
      expected +=
        rel * Swift.abs(v) >= abs ? NumberText.format(rel * 100) + "%" : NumberText.format(abs)
      return CheckOutcome(
        expectation: e, observed: observed, expected: expected, passed: ok, note: "")
    case .comparison(let op, let other, let significantly):
      let right: [(Double, String?)]
      let rightText: String
      switch other {
      case .number(let x):
        right = [(x, nil)]
        rightText = NumberText.format(x)
      case .metric(let m):
        right = try values(of: m)
        rightText = m.description
      }
      let ys = right.map(\.0)
      let expected = "\(op.rawValue) \(rightText)" + (significantly ? " significantly" : "")
      let plainHolds = Self.holds(op, mean, Statistics.mean(ys))
      guard significantly else {
        return CheckOutcome(
          expectation: e, observed: observed + " vs " + Self.describe(ys), expected: expected,
          passed: plainHolds, note: "")
      }
      guard
        let d = Self.difference(
          left, right, numberOnRight: { if case .number = other { true } else { false } }())
      else {
        return CheckOutcome(
          expectation: e, observed: observed + " vs " + Self.describe(ys), expected: expected,
          passed: false, note: "significance needs at least 2 runs on each side")
      }
      let ok = (op == .less || op == .lessOrEqual) ? d.interval.high < 0 : d.interval.low > 0
      let shown =
        "Δ " + NumberText.format(d.difference) + " ± " + NumberText.format(d.interval.halfWidth)
        + " (\(d.method.rawValue), n=\(d.countA)" + (d.method == .welch ? "/\(d.countB)" : "")
        + ")"
      return CheckOutcome(
        expectation: e, observed: shown, expected: expected, passed: ok,
        note: ok || !plainHolds ? "" : "the interval of the difference includes 0")
    }
  }

  static func holds(_ op: Expectation.Operator, _ a: Double, _ b: Double) -> Bool {
    switch op {
    case .less: a < b
    case .lessOrEqual: a <= b
    case .greater: a > b
    case .greaterOrEqual: a >= b
    }
  }

  /// Paired when both sides carry the same distinct seeds; Welch otherwise. Against a number,
  /// the one-sample interval of the left side minus that number.
  static func difference(
    _ a: [(Double, String?)], _ b: [(Double, String?)], numberOnRight: Bool
  ) -> MeanDifference? {
    if numberOnRight {
      let shifted = a.map { $0.0 - b[0].0 }
      return MeanDifference.paired(shifted, [Double](repeating: 0, count: shifted.count))
    }
    let seedsA = a.compactMap(\.1)
    let seedsB = b.compactMap(\.1)
    if seedsA.count == a.count, seedsB.count == b.count, Set(seedsA).count == a.count,
      Set(seedsA) == Set(seedsB), seedsB.count == seedsA.count
    {
      let byseed = Dictionary(uniqueKeysWithValues: b.map { ($0.1 ?? "", $0.0) })
      let pairedB = a.map { byseed[$0.1 ?? ""] ?? .nan }
      return MeanDifference.paired(a.map(\.0), pairedB)
    }
    return MeanDifference.welch(a.map(\.0), b.map(\.0))
  }

  /// One value as is; several as `mean m ± h (n=k)` with the 95 % t interval.
  static func describe(_ xs: [Double]) -> String {
    guard xs.count > 1, let s = ReplicationSummary(xs), let ci = s.interval else {
      return xs.first.map(NumberText.format) ?? "-"
    }
    return "mean \(NumberText.format(s.mean)) ± \(NumberText.format(ci.halfWidth)) (n=\(s.count))"
  }

  static func distinct(_ texts: [String]) -> [String] {
    var seen: [String] = []
    for t in texts where !seen.contains(t) { seen.append(t) }
    return seen
  }

  /// "; closest: a, b, c" by edit distance, or the first names when nothing is close.
  static func closest(_ name: String, in names: [String]) -> String {
    guard !names.isEmpty else { return "" }
    let ranked = names.enumerated().sorted { x, y in
      (Suggestions.distance(name, x.element), x.offset)
        < (Suggestions.distance(name, y.element), y.offset)
    }.map(\.element)
    let near = Suggestions.nearest(to: name, in: names)
    let list = ranked.prefix(3).joined(separator: ", ")
    return near.map { "; did you mean '\($0)'? closest: \(list)" } ?? "; closest: \(list)"
  }
}

/// Numbers for tables: 6 significant digits, no locale, no exponent for ordinary magnitudes.
enum NumberText {
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
  }
}
