import Foundation
import RacksimTestSupport
import Testing

@testable import Experiments

/// STYLE.md §5.6 for `Scenarios/sweeps/`: every sweep file loads with its base, every
/// expectations file parses, every base scenario validates. Listed sorted by path.
@Suite struct ShippedSweepTests {
  static let folder = TestSupport.repositoryRoot.appendingPathComponent("Scenarios/sweeps")

  static func files(in dir: URL, _ keep: (String) -> Bool) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter(keep).sorted().map { dir.appendingPathComponent($0).path }
  }

  static let sweeps = files(in: folder) {
    $0.hasSuffix(".yaml") && !$0.hasSuffix(".expect.yaml")
  }
  static let expectations = files(in: folder) { $0.hasSuffix(".expect.yaml") }
  static let bases = files(in: folder.appendingPathComponent("bases")) { $0.hasSuffix(".yaml") }

  @Test func theFolderShipsTheLoadSweep() {
    #expect(Self.sweeps.contains { $0.hasSuffix("/load-seeds.yaml") })
    #expect(Self.expectations.contains { $0.hasSuffix("/load-seeds.expect.yaml") })
  }

  @Test(arguments: sweeps)
  func sweepLoadsWithItsBase(path: String) throws {
    let plan = try SweepPlan.load(path: path)
    #expect(!plan.runs.isEmpty)
    // A worker's quick load (no check against the base) expands to the same plan.
    #expect(try SweepPlan.loadForWorker(path: path) == plan)
    // Every run's scenario loads (the hashes are computed from them).
    #expect(try SweepFolder.scenarioHashes(of: plan).count == plan.runs.count)
  }

  @Test(arguments: expectations)
  func expectationsParse(path: String) throws {
    #expect(!(try ExpectationSet.load(path: path).expectations.isEmpty))
  }

  @Test(arguments: bases)
  func baseValidates(path: String) throws {
    // Loading reports every diagnostic of the file; none may remain.
    let scenario = try SingleRun(scenarioPath: path).loadScenario()
    #expect(!scenario.name.isEmpty)
  }

  /// load-seeds: 2 rates × 10 seeds = 20 runs; replications are the fastest dimension, so
  /// runs 0 … 9 are 30m and 10 … 19 are 10m, and run r and run 10 + r share a seed.
  @Test func loadSeedsExpandsAsDocumented() throws {
    let plan = try SweepPlan.load(path: Self.folder.appendingPathComponent("load-seeds.yaml").path)
    #expect(plan.runs.count == 20)
    #expect(plan.axisLabels == ["mean_interarrival"])
    #expect(plan.runs[9].axisValues[0].value == "30m")
    #expect(plan.runs[10].axisValues[0].value == "10m")
    #expect(plan.runs[10].folderName == "0010-mean_interarrival=10m-rep=0")
    #expect((0..<10).allSatisfy { plan.runs[$0].seed == plan.runs[10 + $0].seed })
    #expect(Set(plan.runs.map(\.seed)).count == 10)
  }
}

/// The power-cap sweep: 3 caps × 3 seeds = 9 runs, replications fastest, so runs 0 … 2 are
/// 4 MW, 3 … 5 are 6 MW and 6 … 8 are 8 MW; run r and runs 3 + r, 6 + r share a seed; each run
/// overrides power_caps.site, so the three caps give three scenario hashes.
@Suite struct PowerCapSweepTests {
  @Test func powerCapSeedsExpandsAsDocumented() throws {
    let path = ShippedSweepTests.folder.appendingPathComponent("power-cap-seeds.yaml").path
    let plan = try SweepPlan.load(path: path)
    #expect(plan.runs.count == 9)
    #expect(plan.axisKeyPaths == ["power_caps.site"])
    #expect(
      plan.runs.map { $0.axisValues[0].value } == [
        "4MW", "4MW", "4MW", "6MW", "6MW", "6MW", "8MW", "8MW", "8MW",
      ])
    #expect(plan.runs[3].overrides == ["power_caps.site=6MW"])
    #expect((0..<3).allSatisfy { plan.runs[$0].seed == plan.runs[3 + $0].seed })
    #expect((0..<3).allSatisfy { plan.runs[$0].seed == plan.runs[6 + $0].seed })
    #expect(Set(try SweepFolder.scenarioHashes(of: plan)).count == 3)
  }
}
