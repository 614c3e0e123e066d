/// A metric of a run or of a selection of sweep rows.
///
/// Written `summary.NAME` (a run's summary), `sweep.NAME` (every row of a sweep) or
/// `sweep[col=value,col2=value2].NAME` (the rows whose fields have those texts, e.g.
/// `sweep[scheduler=sjf].mean_wait_s`).
public struct MetricReference: Sendable, Equatable, CustomStringConvertible {
  /// One `column=value` condition of a sweep selection.
  public struct Selector: Sendable, Equatable {
    /// The field name (an axis label, `seed`, or any column of `sweep.csv`).
    public var column: String
    /// The text the field must have.
    public var value: String

    /// Creates a selector.
    public init(column: String, value: String) {
      self.column = column
      self.value = value
    }
  }

  /// `nil` for `summary.NAME`; the selectors (empty for all rows) for `sweep…`.
  public var selection: [Selector]?
  /// The metric's name, a summary key or sweep column such as `mean_wait_s`.
  public var metric: String

  /// Creates a reference; `selection` nil means a run's summary.
  public init(metric: String, selection: [Selector]? = nil) {
    self.metric = metric
    self.selection = selection
  }

  /// Parses `summary.NAME`, `sweep.NAME`, `sweep[a=b].NAME`, or a bare `NAME` (= summary).
  public init(parsing text: String) throws(ExpectationError) {
    let t = text.trimmingSpaces
    func bad() -> ExpectationError {
      ExpectationError(
        "'\(t)' is not a metric like summary.pue, sweep.pue or sweep[scheduler=sjf].pue")
    }
    if t.hasPrefix("summary.") {
      metric = String(t.dropFirst("summary.".count))
      selection = nil
    } else if t.hasPrefix("sweep.") {
      metric = String(t.dropFirst("sweep.".count))
      selection = []
    } else if t.hasPrefix("sweep[") {
      guard let close = t.firstIndex(of: "]") else { throw bad() }
      let inside = t[t.index(t.startIndex, offsetBy: "sweep[".count)..<close]
      var selectors: [Selector] = []
      for part in inside.split(separator: ",") {
        let pieces = part.split(separator: "=", maxSplits: 1)
        guard pieces.count == 2 else {
          throw ExpectationError("'\(t)': a selector is column=value, got '\(part)'")
        }
        selectors.append(
          Selector(
            column: String(pieces[0]).trimmingSpaces, value: String(pieces[1]).trimmingSpaces))
      }
      let rest = t[t.index(after: close)...]
      guard rest.hasPrefix(".") else { throw bad() }
      metric = String(rest.dropFirst())
      selection = selectors
    } else {
      metric = t
      selection = nil
    }
    guard !metric.isEmpty,
      metric.unicodeScalars.allSatisfy({
        $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)
      })
    else { throw bad() }
  }

  /// The reference as it is written.
  public var description: String {
    guard let selection else { return "summary.\(metric)" }
    if selection.isEmpty { return "sweep.\(metric)" }
    return "sweep[" + selection.map { "\($0.column)=\($0.value)" }.joined(separator: ",") + "]."
      + metric
  }
}

/// One expectation: a metric with bounds, or a comparison of two metrics (or a metric and a
/// number).
public struct Expectation: Sendable, Equatable {
  /// A comparison operator.
  public enum Operator: String, Sendable, Equatable, CaseIterable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
  }

  /// The right-hand side of a comparison.
  public enum Operand: Sendable, Equatable {
    case metric(MetricReference)
    case number(Double)
  }

  /// What must hold of the subject.
  public enum Condition: Sendable, Equatable {
    /// min ≤ x ≤ max (either may be absent).
    case bounds(min: Double?, max: Double?)
    /// |x − value| ≤ max(relative · |value|, absolute) (pytest's `approx` rule).
    case approximately(Double, relative: Double, absolute: Double)
    /// subject OP other; with `significantly`, the confidence interval of the difference of
    /// the means (paired when the seeds match, else Welch) must lie on the right side of 0.
    case comparison(Operator, Operand, significantly: Bool)
  }

  /// The metric checked (the left side of a comparison).
  public var subject: MetricReference
  /// What must hold.
  public var condition: Condition
  /// Where it was written (`file:line:column`), for messages; nil when built in code.
  public var location: String?

  /// Creates an expectation.
  public init(_ subject: MetricReference, _ condition: Condition, location: String? = nil) {
    self.subject = subject
    self.condition = condition
    self.location = location
  }

  /// `metric` within [min, max], e.g. `Expectation("summary.mean_jct_s", max: 36000)`.
  public init(_ metric: String, min: Double? = nil, max: Double? = nil) throws(ExpectationError) {
    self.init(try MetricReference(parsing: metric), .bounds(min: min, max: max))
  }

  /// `metric` close to `value`: `Expectation("summary.pue", approx: 1.25, rel: 0.02)`.
  public init(
    _ metric: String, approx value: Double, rel: Double = 0, abs: Double = 0
  ) throws(ExpectationError) {
    self.init(
      try MetricReference(parsing: metric),
      .approximately(value, relative: rel, absolute: abs))
  }

  /// A comparison written as text: `A < B`, `A >= 3.5`, with an optional trailing
  /// `significantly` (`sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s
  /// significantly`).
  public init(comparison text: String, location: String? = nil) throws(ExpectationError) {
    var t = text.trimmingSpaces
    var significantly = false
    if t.hasSuffix(" significantly") {
      t = String(t.dropLast(" significantly".count)).trimmingSpaces
      significantly = true
    }
    var found: (Operator, Range<String.Index>)? = nil
    for op in Operator.allCases {
      if let range = t.range(of: " \(op.rawValue) ") ?? t.range(of: op.rawValue) {
        found = (op, range)
        break
      }
    }
    guard let (op, range) = found else {
      throw ExpectationError(
        "'\(text)' is not a comparison like 'sweep[scheduler=sjf].mean_wait_s < "
          + "sweep[scheduler=fifo].mean_wait_s'", at: location)
    }
    let left = String(t[..<range.lowerBound])
    let right = String(t[range.upperBound...]).trimmingSpaces
    do {
      subject = try MetricReference(parsing: left)
      if let x = Double(right) {
        condition = .comparison(op, .number(x), significantly: significantly)
      } else {
        condition = .comparison(
          op, .metric(try MetricReference(parsing: right)), significantly: significantly)
      }
    } catch {
      throw ExpectationError(error.message, at: location)
    }
    self.location = location
  }

  /// The expectation as written, for the table's first column.
  public var description: String {
    switch condition {
    case .bounds, .approximately: return subject.description
    case .comparison(let op, let other, let significantly):
      let right: String
      switch other {
      case .metric(let m): right = m.description
      case .number(let x): right = NumberText.format(x)
      }
      return "\(subject) \(op.rawValue) \(right)" + (significantly ? " significantly" : "")
    }
  }
}

/// A problem with an expectation or its evaluation, phrased for the user (one line).
public struct ExpectationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message without location.
  public var message: String
  /// `file:line:column` when known.
  public var location: String?

  /// Creates an error.
  public init(_ message: String, at location: String? = nil) {
    self.message = message
    self.location = location
  }

  /// `file:line:column: message`, or the message alone.
  public var description: String { location.map { "\($0): \(message)" } ?? message }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return String(s)
  }
}
