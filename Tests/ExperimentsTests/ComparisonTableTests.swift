import Experiments
import Testing

/// `racksim compare`: side-by-side metrics with intervals and paired differences.
@Suite struct ComparisonTableTests {
  /// The paired/Welch data of SimMathTests' ReplicationStatisticsTests: A = [10, 12, 14, 16,
  /// 18], B = [11, 13.2, 14.8, 17.1, 18.9] on seeds 1 … 5. Means 14 and 15; A's half-width
  /// 2.776445 × √2 = 3.92649; B − A paired: +1 ± 0.196324.
  static func sweep(_ xs: [Double], seeds: [Int] = [1, 2, 3, 4, 5]) -> Results {
    .sweep(
      zip(xs, seeds).map { x, s in
        ResultRow(fields: [("seed", "\(s)"), ("mean_wait_s", "\(x)")])
      })
  }

  @Test func sweepsShowIntervalsAndPairedDifferences() throws {
    let table = try ComparisonTable([
      ("a", Self.sweep([10, 12, 14, 16, 18])), ("b", Self.sweep([11, 13.2, 14.8, 17.1, 18.9])),
    ])
    // The seed column is not a metric; mean_wait_s is the only row.
    #expect(table.header == ["metric", "a", "b", "b − a"])
    #expect(table.rows.count == 1)
    #expect(table.rows[0][1] == "14 ± 3.92649 (n=5)")
    #expect(table.rows[0][3] == "1 ± 0.196324 (paired)")
    #expect(
      table.render(.csv)
        == "metric,a,b,b − a\nmean_wait_s,14 ± 3.92649 (n=5),\(table.rows[0][2]),"
        + "1 ± 0.196324 (paired)\n")
    #expect(table.render(.markdown).hasPrefix("| metric | a | b | b − a |\n| --- | --- |"))
    #expect(table.render(.json).hasPrefix("[\n  {\"metric\": \"mean_wait_s\", \"a\": \"14 ± "))
  }

  @Test func otherSeedsGiveWelch() throws {
    let table = try ComparisonTable([
      ("a", Self.sweep([10, 12, 14, 16, 18])),
      ("b", Self.sweep([11, 13.2, 14.8, 17.1, 18.9], seeds: [6, 7, 8, 9, 10])),
    ])
    // Welch half-width ≈ 2.3060 × 1.986202 = 4.580 (ReplicationStatisticsTests).
    #expect(table.rows[0][3].hasPrefix("1 ± 4.58"))
    #expect(table.rows[0][3].hasSuffix("(welch)"))
  }

  @Test func runsShowValuesAndThePlainDifference() throws {
    let table = try ComparisonTable(
      [
        ("x", .run(ResultRow(metrics: ["pue": 1.3, "gpu_util": 0.5]))),
        ("y", .run(ResultRow(metrics: ["pue": 1.25, "gpu_util": 0.75]))),
      ], metrics: ["gpu_util"])
    // 0.75 − 0.5 = 0.25, exact in binary.
    #expect(table.rows == [["gpu_util", "0.5", "0.75", "0.25"]])
  }

  @Test func anUnknownMetricIsAnError() {
    #expect(throws: ExpectationError.self) {
      try ComparisonTable([("x", .run(ResultRow(metrics: ["pue": 1.3])))], metrics: ["peu"])
    }
  }
}

/// `racksim compare SWEEP_DIR`: one sweep split into its configurations.
@Suite struct SweepConfigurationComparisonTests {
  /// sweep.csv rows: index, the axes, replication, seed, then metrics.
  static func row(_ index: Int, _ axes: [(String, String)], rep: Int, wait: Double) -> ResultRow {
    ResultRow(
      fields: [("index", "\(index)")] + axes
        + [("replication", "\(rep)"), ("seed", "\(rep + 1)"), ("mean_wait_s", "\(wait)")])
  }

  /// policy=p has A = [10, 12, 14, 16, 18], policy=q has B = [11, 13.2, 14.8, 17.1, 18.9] on the
  /// same seeds 1 … 5: the same numbers as `sweepsShowIntervalsAndPairedDifferences`, so the
  /// same cells: A 14 ± 3.92649 (n=5), q − p paired +1 ± 0.196324. The replication column and
  /// the axis are not metrics: mean_wait_s is the only row.
  @Test func oneSweepIsComparedConfigurationByConfiguration() throws {
    let a = [10, 12, 14, 16, 18.0]
    let b = [11, 13.2, 14.8, 17.1, 18.9]
    let rows =
      a.enumerated().map { Self.row($0, [("policy", "p")], rep: $0, wait: $1) }
      + b.enumerated().map { Self.row(5 + $0, [("policy", "q")], rep: $0, wait: $1) }
    let table = try ComparisonTable([("Results/s", .sweep(rows))])
    #expect(table.header == ["metric", "policy=p", "policy=q", "policy=q − policy=p"])
    #expect(table.rows.count == 1)
    #expect(table.rows[0][1] == "14 ± 3.92649 (n=5)")
    #expect(table.rows[0][3] == "1 ± 0.196324 (paired)")
  }

  /// Two axes: configurations are the combinations, in run-index order (a=x, b=1), (a=x, b=2),
  /// (a=y, b=1); one replication each, so plain differences (25 − 20 = 5, 40 − 20 = 20).
  @Test func combinationsOfAxesAreConfigurations() throws {
    let rows = [
      Self.row(0, [("a", "x"), ("b", "1")], rep: 0, wait: 20),
      Self.row(1, [("a", "x"), ("b", "2")], rep: 0, wait: 25),
      Self.row(2, [("a", "y"), ("b", "1")], rep: 0, wait: 40),
    ]
    #expect(ComparisonTable.axisColumns(of: rows) == ["a", "b"])
    let table = try ComparisonTable([("s", .sweep(rows))])
    #expect(Array(table.header.prefix(4)) == ["metric", "a=x, b=1", "a=x, b=2", "a=y, b=1"])
    #expect(table.rows == [["mean_wait_s", "20", "25", "40", "5", "20"]])
  }

  /// Two inputs are never split: each sweep stays one column.
  @Test func twoSweepsAreNotSplit() throws {
    let rows = [
      Self.row(0, [("a", "x")], rep: 0, wait: 1), Self.row(1, [("a", "y")], rep: 0, wait: 3),
    ]
    let table = try ComparisonTable([("s", .sweep(rows)), ("t", .sweep(rows))])
    #expect(table.header == ["metric", "s", "t", "t − s"])
  }
}
