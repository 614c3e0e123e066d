import Foundation
import Racksim
import RacksimTestSupport
import Testing

@testable import Experiments

@Suite struct SingleRunTests {
  static var scenarioFiles: [String] {
    let dir = TestSupport.repositoryRoot.appendingPathComponent("Scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map {
      dir.appendingPathComponent($0).path
    }
  }

  /// STYLE.md §5.6: every scenario that ships parses, validates and runs (for one simulated
  /// day, to keep the suite fast) and writes a complete folder.
  @Test(arguments: scenarioFiles)
  func everyShippedScenarioRuns(path: String) throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("run")
    let run = SingleRun(scenarioPath: path, overrides: ["horizon=1d"], outputPath: out.path)
    let outcome = try run.execute()
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      files.contains("summary.json") && files.contains("timeseries.csv")
        && files.contains("jobs.csv"))
    // 1 day = 86,400 s.
    #expect(outcome.result[summary: "horizon_s"]?.number == 86_400)
  }

  /// The built-in quickstart's output is compared byte for byte with Results/reference/
  /// quickstart/ (RECORD_SNAPSHOTS=1 re-records it; review the diff).
  @Test(arguments: ["events.csv", "jobs.csv", "racks.csv", "summary.json", "timeseries.csv"])
  func quickstartMatchesTheGoldenFiles(file: String) throws {
    let result = try SingleRun(scenarioPath: nil).loadScenario()
    var simulation = try Racksim.Simulation(scenario: result)
    let files = try simulation.run().files()
    let contents = try #require(files.first { $0.name == file }?.contents)
    if let problem = TestSupport.compareGolden(contents, relativePath: "quickstart/\(file)") {
      Issue.record(Comment(rawValue: problem))
    }
  }

  /// A previous run's folder is never overwritten without force; with force it is replaced
  /// whole, and no hidden partial or old folder is left beside it.
  @Test func replacesARunFolderOnlyWithForce() throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("run")
    let run = SingleRun(scenarioPath: nil, overrides: ["horizon=1h"], outputPath: out.path)
    _ = try run.execute()
    let summary = out.appendingPathComponent("summary.json")
    let first = try String(contentsOf: summary, encoding: .utf8)
    var again = SingleRun(
      scenarioPath: nil, overrides: ["horizon=2h"], outputPath: out.path)
    #expect(throws: SingleRun.Failure.self) { try again.execute() }
    #expect(try String(contentsOf: summary, encoding: .utf8) == first)
    again.force = true
    _ = try again.execute()
    #expect(try String(contentsOf: summary, encoding: .utf8) != first)
    let siblings = try FileManager.default.contentsOfDirectory(
      atPath: out.deletingLastPathComponent().path)
    #expect(siblings == ["run"])
  }

  /// An unknown policy lists the valid names and writes nothing.
  @Test func unknownPolicyListsTheValidNames() throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("run")
    let run = SingleRun(
      scenarioPath: nil, overrides: ["policies.scheduler=lottery"], outputPath: out.path)
    do {
      _ = try run.execute()
      Issue.record("expected a failure")
    } catch {
      #expect(
        error.description.contains(
          "unknown scheduler 'lottery'; valid: easy-backfill, fifo, las, priority, round-robin, "
            + "sjf, srtf"))
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
