import Foundation
import Racksim
import SimMath

/// `racksim compare`: metrics of several runs or sweeps side by side.
///
/// One row per metric, one column per input: a run's value, or for a sweep the mean over its
/// rows with the 95 % Student-t half-width and the count. After the inputs, one column per
/// input after the first holds its difference from the first (`B − A`): paired-t when both
/// have the same distinct `seed` values (common random numbers), Welch when both have at least
/// 2 rows otherwise, the plain difference of the values when either is a single run.
public struct ComparisonTable: Sendable, Equatable {
  /// The output formats.
  public enum Format: String, Sendable, CaseIterable {
    case text, csv, json, markdown
  }

  /// The header: `metric`, the input names, then `<name> − <first>` per later input.
  public var header: [String]
  /// One row per metric, cells formatted as in `header`.
  public var rows: [[String]]

  /// Builds the table.
  /// - Parameters:
  ///   - inputs: (name, results) in column order; at least one. A single sweep with axes is
  ///     split into its configurations.
  ///   - metrics: The metrics to show; empty for every numeric metric the first input has
  ///     (other than `index`, `replication` and `seed`) that all inputs have.
  /// - Throws: `ExpectationError` for a metric some input lacks, with the closest names.
  public init(
    _ inputs: [(name: String, results: Results)], metrics: [String] = []
  ) throws(ExpectationError) {
    // One sweep alone: its configurations side by side (ComparisonTable+Configurations).
    let inputs = Self.splittingSingleSweep(inputs)
    let tables = inputs.map { Self.rows(of: $0.results) }
    var names = metrics
    if names.isEmpty, let first = tables.first?.first {
      names = first.metricNames.filter { name in
        name != "index" && name != Results.seedColumn && name != "replication"
          && tables.allSatisfy { t in t.allSatisfy { $0.number(name) != nil } }
      }
    }
    header =
      ["metric"] + inputs.map(\.name)
      + inputs.dropFirst().map { "\($0.name) − \(inputs[0].name)" }
    var rows: [[String]] = []
    for metric in names {
      var samples: [[(Double, String?)]] = []
      for (i, table) in tables.enumerated() {
        var sample: [(Double, String?)] = []
        for row in table {
          guard let x = row.number(metric) else {
            let known = row.metricNames
            let near = Suggestions.nearest(to: metric, in: known).map { "; did you mean '\($0)'?" }
            throw ExpectationError(
              "\(inputs[i].name): unknown metric '\(metric)'"
                + (near ?? "; metrics: " + known.prefix(8).joined(separator: ", ")))
          }
          sample.append((x, row.text(Results.seedColumn)))
        }
        samples.append(sample)
      }
      var cells = [metric] + samples.map { Self.describe($0.map(\.0)) }
      for s in samples.dropFirst() { cells.append(Self.difference(s, samples[0])) }
      rows.append(cells)
    }
    self.rows = rows
  }

  /// The table in `format`: aligned text, CSV (RFC 4180), a JSON array of objects keyed by
  /// the header, or a Markdown table.
  public func render(_ format: Format) -> String {
    switch format {
    case .text:
      return CatalogListing.table(header, rows)
    case .csv:
      return ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }
        .joined(separator: "\n") + "\n"
    case .markdown:
      let line = { (cells: [String]) in
        "| "
          + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }
          .joined(separator: " | ") + " |"
      }
      return ([line(header), line(header.map { _ in "---" })] + rows.map(line))
        .joined(separator: "\n") + "\n"
    case .json:
      let objects = rows.map { row in
        "  {"
          + zip(header, row).map { "\(Self.jsonString($0)): \(Self.jsonString($1))" }
          .joined(separator: ", ") + "}"
      }
      return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
  }

  // MARK: - Private

  static func rows(of results: Results) -> [ResultRow] {
    switch results {
    case .run(let row): [row]
    case .sweep(let rows): rows
    }
  }

  static func describe(_ xs: [Double]) -> String {
    guard xs.count > 1, let s = ReplicationSummary(xs), let ci = s.interval else {
      return xs.first.map(NumberText.format) ?? "-"
    }
    return "\(NumberText.format(s.mean)) ± \(NumberText.format(ci.halfWidth)) (n=\(s.count))"
  }

  static func difference(_ b: [(Double, String?)], _ a: [(Double, String?)]) -> String {
    if b.count == 1 || a.count == 1 {
      let mb = Statistics.mean(b.map(\.0))
      let ma = Statistics.mean(a.map(\.0))
      return NumberText.format(mb - ma)
    }
    guard
      let d = Self.pairedOrWelch(b, a)
    else { return "-" }
    return NumberText.format(d.difference) + " ± " + NumberText.format(d.interval.halfWidth)
      + " (\(d.method.rawValue))"
  }

  static func pairedOrWelch(_ b: [(Double, String?)], _ a: [(Double, String?)]) -> MeanDifference? {
    let seedsA = a.compactMap(\.1)
    let seedsB = b.compactMap(\.1)
    if seedsA.count == a.count, seedsB.count == b.count, Set(seedsA).count == a.count,
      seedsA.count == seedsB.count, Set(seedsA) == Set(seedsB)
    {
      var byseed: [String: Double] = [:]
      for (x, s) in a { byseed[s ?? ""] = x }
      return MeanDifference.paired(b.map(\.0), b.map { byseed[$0.1 ?? ""] ?? .nan })
    }
    return MeanDifference.welch(b.map(\.0), a.map(\.0))
  }

  static func csvField(_ s: String) -> String { CSVText.field(s) }

  static func jsonString(_ s: String) -> String { JSONText.string(s) }
}
