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
