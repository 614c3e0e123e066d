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
  @Test(arguments: ["jobs.csv", "racks.csv", "summary.json", "timeseries.csv"])
  func quickstartMatchesTheGoldenFiles(file: String) throws {
    let result = try SingleRun(scenarioPath: nil).loadScenario()
    var simulation = try Racksim.Simulation(scenario: result)
    let files = try simulation.run().files()
    let contents = try #require(files.first { $0.name == file }?.contents)
    if let problem = TestSupport.compareGolden(contents, relativePath: "quickstart/\(file)") {
      Issue.record(Comment(rawValue: problem))
    }
  }

  /// An existing folder is never overwritten without force, and nothing in it changes.
  @Test func refusesToOverwriteWithoutForce() throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("run")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let marker = out.appendingPathComponent("keep.txt")
    try Data("mine".utf8).write(to: marker)
    let run = SingleRun(scenarioPath: nil, overrides: ["horizon=1h"], outputPath: out.path)
    #expect(throws: SingleRun.Failure.self) { try run.execute() }
    #expect(try String(contentsOf: marker, encoding: .utf8) == "mine")
    // With force the folder is replaced whole: the marker is gone, the run's files are there.
    var forced = run
    forced.force = true
    _ = try forced.execute()
    #expect(!FileManager.default.fileExists(atPath: marker.path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    // No temporary folder is left beside it.
    let siblings = try FileManager.default.contentsOfDirectory(
      atPath: out.deletingLastPathComponent().path)
    #expect(siblings == ["run"])
  }

  /// An unknown policy lists the valid names and writes nothing.
  @Test func unknownPolicyListsTheValidNames() throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("run")
    let run = SingleRun(
      scenarioPath: nil, overrides: ["policies.scheduler=sjf"], outputPath: out.path)
    do {
      _ = try run.execute()
      Issue.record("expected a failure")
    } catch {
      #expect(error.description.contains("unknown scheduler 'sjf'; valid: fifo"))
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
