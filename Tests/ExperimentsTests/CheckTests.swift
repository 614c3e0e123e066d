import Experiments
import Foundation
import RacksimTestSupport
import Testing

/// `racksim check`: expectations on a run and on a sweep, verdicts, tables and errors.
@Suite struct CheckTests {
  static let run = Results.run(
    ResultRow(metrics: ["mean_jct_s": 35_000, "pue": 1.26, "mean_wait_s": 120]))

  /// Two schedulers on seeds 1 … 5. sjf = [10, 12, 14, 16, 18], fifo = [11, 13.2, 14.8, 17.1,
  /// 18.9]: the same numbers as the paired/Welch derivation in SimMathTests'
  /// ReplicationStatisticsTests. Paired: Δ = −1 ± 0.196324 (excludes 0). Welch: −1 ± 4.58.
  static func sweep(fifoSeeds: [Int] = [1, 2, 3, 4, 5]) -> Results {
    let sjf: [Double] = [10, 12, 14, 16, 18]
    let fifo: [Double] = [11, 13.2, 14.8, 17.1, 18.9]
    var rows: [ResultRow] = []
    for (i, x) in fifo.enumerated() {
      rows.append(
        ResultRow(fields: [
          ("index", "\(i)"), ("scheduler", "fifo"), ("seed", "\(fifoSeeds[i])"),
          ("mean_wait_s", "\(x)"),
        ]))
    }
    for (i, x) in sjf.enumerated() {
      rows.append(
        ResultRow(fields: [
          ("index", "\(5 + i)"), ("scheduler", "sjf"), ("seed", "\(i + 1)"),
          ("mean_wait_s", "\(x)"),
        ]))
    }
    return .sweep(rows)
  }

  @Test func boundsAndApproxOnARun() throws {
    let report = try ExpectationSet([
      try Expectation("summary.mean_jct_s", max: 36_000),  // 35000 ≤ 36000: pass
      try Expectation("summary.pue", approx: 1.25, rel: 0.02),  // |0.01| ≤ 0.025: pass
      try Expectation("summary.pue", approx: 1.20, rel: 0.02),  // |0.06| > 0.024: fail
      try Expectation("summary.mean_wait_s", min: 200),  // 120 < 200: fail
      try Expectation(comparison: "summary.mean_wait_s < 150"),  // pass
    ]).evaluate(Self.run)
    #expect(report.outcomes.map(\.passed) == [true, true, false, false, true])
    #expect(!report.passed)
    #expect(report.outcomes[0].observed == "35000")
    #expect(report.outcomes[0].expected == "≤ 36000")
    #expect(report.outcomes[1].expected == "1.25 ± 2%")
    let lines = report.table.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("expectation") == true)
    #expect(lines[3].hasPrefix("summary.pue") && lines[3].hasSuffix("FAIL"), "\(lines)")
    #expect(lines.last == "3 of 5 expectations hold")
  }

  @Test func pairedSignificanceOnCommonSeeds() throws {
    let report = try ExpectationSet([
      try Expectation(
        comparison: "sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s"
          + " significantly"),
      try Expectation(
        comparison: "sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s"),
    ]).evaluate(Self.sweep())
    #expect(report.passed)
    // Paired on seeds 1…5: Δ = −1, half-width 0.196324 (6 significant digits).
    #expect(report.outcomes[0].observed == "Δ -1 ± 0.196324 (paired, n=5)")
    // Plain: the means 14 and 15, each with its own t interval (half-width 3.92649 for sjf).
    #expect(report.outcomes[1].observed.hasPrefix("mean 14 ± 3.92649 (n=5) vs mean 15 ± "))
  }

  @Test func unpairedSeedsFallBackToWelchWhichIsNotSignificant() throws {
    // fifo ran on seeds 6 … 10: no pairs, so Welch: −1 ± 4.58 includes 0, and the plain
    // comparison (14 < 15) holds, so the note says why it fails.
    let report = try ExpectationSet([
      try Expectation(
        comparison: "sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s"
          + " significantly")
    ]).evaluate(Self.sweep(fifoSeeds: [6, 7, 8, 9, 10]))
    #expect(!report.passed)
    #expect(report.outcomes[0].observed.hasPrefix("Δ -1 ± 4.58"))
    #expect(report.outcomes[0].observed.hasSuffix("(welch, n=5/5)"))
    #expect(report.outcomes[0].note == "the interval of the difference includes 0")
    #expect(report.table.contains("FAIL: the interval of the difference includes 0"))
  }

  @Test func boundsOnReplicationsJudgeTheMean() throws {
    // sjf's mean is 14: max 14 holds, max 13.9 does not.
    let set = ExpectationSet([
      try Expectation("sweep[scheduler=sjf].mean_wait_s", max: 14),
      try Expectation("sweep[scheduler=sjf].mean_wait_s", max: 13.9),
    ])
    #expect(try set.evaluate(Self.sweep()).outcomes.map(\.passed) == [true, false])
  }

  @Test func significanceNeedsReplications() throws {
    let report = try ExpectationSet([
      try Expectation(comparison: "summary.mean_wait_s < summary.mean_jct_s significantly")
    ]).evaluate(Self.run)
    #expect(!report.passed)
    #expect(report.outcomes[0].note == "significance needs at least 2 runs on each side")
  }

  static func error(_ set: ExpectationSet, _ results: Results) -> String? {
    do {
      _ = try set.evaluate(results)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func unknownMetricsAndSelectionsAreOneLineErrors() throws {
    let typo = ExpectationSet([
      Expectation(
        MetricReference(metric: "mean_jtc_s"), .bounds(min: nil, max: 1), location: "e.yaml:2:3")
    ])
    #expect(
      Self.error(typo, Self.run)
        == "e.yaml:2:3: unknown metric 'mean_jtc_s' in summary.mean_jtc_s; did you mean "
        + "'mean_jct_s'? closest: mean_jct_s, mean_wait_s, pue")
    let noRow = ExpectationSet([try Expectation("sweep[scheduler=las].mean_wait_s", max: 1)])
    #expect(
      Self.error(noRow, Self.sweep())
        == "sweep[scheduler=las].mean_wait_s matches no run (scheduler takes fifo, sjf)")
    let noColumn = ExpectationSet([try Expectation("sweep[schedular=sjf].mean_wait_s", max: 1)])
    #expect(Self.error(noColumn, Self.sweep())?.contains("did you mean 'scheduler'?") == true)
    let wrongKind = ExpectationSet([try Expectation("sweep.mean_wait_s", max: 1)])
    #expect(Self.error(wrongKind, Self.run)?.contains("the results are a single run") == true)
  }

  @Test func badComparisonTextIsRejected() {
    #expect(throws: ExpectationError.self) { try Expectation(comparison: "summary.pue") }
    #expect(throws: ExpectationError.self) { try Expectation("sweep[a].pue", max: 1) }
    #expect(throws: ExpectationError.self) { try Expectation("summary.", max: 1) }
  }

  @Test func checksFilesOnDisk() throws {
    let folder = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = folder.appendingPathComponent("run")
    let sweep = folder.appendingPathComponent("sweep")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    try """
    {
      "scenario": "q",
      "seed": "42",
      "mean_jct_s": 35000.5,
      "pue": 1.2600
    }
    """.write(to: run.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
    try """
    index,scheduler,seed,mean_wait_s
    0,fifo,1,11
    1,fifo,2,13.2
    2,"sjf",1,10
    3,sjf,2,12.1
    """.write(to: sweep.appendingPathComponent("sweep.csv"), atomically: true, encoding: .utf8)
    let expect = folder.appendingPathComponent("expect.yaml")
    try """
    - summary.mean_jct_s: {max: 36000}
    - summary.pue: {approx: 1.25, rel: 0.02}
    """.write(to: expect, atomically: true, encoding: .utf8)
    let set = try ExpectationSet.load(path: expect.path)
    #expect(try set.evaluate(Results.load(run.path)).passed)
    // Pairs by seed: d = 10 − 11 = −1 and 12.1 − 13.2 = −1.1 (both < 0); the plain means
    // 11.05 < 12.1 hold.
    let rows = try Results.load(sweep.path)
    #expect(rows == Self.sweepFromCSV)
    let cmp = ExpectationSet([
      try Expectation(
        comparison: "sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s")
    ])
    #expect(try cmp.evaluate(rows).passed)
    // A folder with neither file is a one-line error.
    #expect(throws: ResultsError.self) { try Results.load(folder.path) }
  }

  static let sweepFromCSV = Results.sweep([
    ResultRow(fields: [
      ("index", "0"), ("scheduler", "fifo"), ("seed", "1"), ("mean_wait_s", "11"),
    ]),
    ResultRow(fields: [
      ("index", "1"), ("scheduler", "fifo"), ("seed", "2"), ("mean_wait_s", "13.2"),
    ]),
    ResultRow(fields: [("index", "2"), ("scheduler", "sjf"), ("seed", "1"), ("mean_wait_s", "10")]),
    ResultRow(fields: [
      ("index", "3"), ("scheduler", "sjf"), ("seed", "2"), ("mean_wait_s", "12.1"),
    ]),
  ])

  @Test func expectationFileErrorsAreLocated() throws {
    let folder = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let expect = folder.appendingPathComponent("e.yaml")
    try """
    summary.pue: {aprox: 1.25}
    summary.x: {approx: 1}
    summary.y: 3
    sweep[a=b].y < : significantly
    """.write(to: expect, atomically: true, encoding: .utf8)
    var message = ""
    do { _ = try ExpectationSet.load(path: expect.path) } catch { message = error.description }
    let p = expect.path
    #expect(
      message.split(separator: "\n").map(String.init)
        == [
          "\(p):1:15: summary.pue: unknown key 'aprox'; did you mean 'approx'? (valid: abs, "
            + "approx, max, min, rel)",
          "\(p):1:14: summary.pue: give min, max or approx",
          "\(p):2:12: summary.x: approx needs a tolerance, rel or abs",
          "\(p):3:12: summary.y: expected bounds like {max: 36000} or, after a comparison, "
            + "'significantly', got '3'",
        ].sorted())
  }
}
