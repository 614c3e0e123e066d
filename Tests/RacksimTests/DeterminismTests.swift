import RacksimTestSupport
import Testing

@testable import Racksim

/// DESIGN.md principle 1: same scenario and seed, byte-identical output; another seed differs.
@Suite struct DeterminismTests {
  func files(seed: UInt64) throws -> [(name: String, contents: String)] {
    var simulation = try Simulation(scenario: TestSupport.poissonScenario(), seed: seed)
    return try simulation.run().files()
  }

  @Test func sameSeedGivesIdenticalBytes() throws {
    let a = try files(seed: 3)
    let b = try files(seed: 3)
    #expect(
      a.map(\.name) == ["events.csv", "jobs.csv", "racks.csv", "summary.json", "timeseries.csv"])
    #expect(a.map(\.name) == b.map(\.name))
    for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name) differs between runs") }
  }

  @Test func anotherSeedGivesDifferentJobs() throws {
    let a = try files(seed: 3)
    let b = try files(seed: 4)
    #expect(
      a.first { $0.name == "jobs.csv" }!.contents != b.first { $0.name == "jobs.csv" }!.contents)
  }

  /// Running with a progress callback (the horizon in 200 slices) changes nothing.
  @Test func progressSlicesDoNotChangeResults() throws {
    var plain = try Simulation(scenario: TestSupport.poissonScenario(), seed: 3)
    var sliced = try Simulation(scenario: TestSupport.poissonScenario(), seed: 3)
    var calls = 0
    let a = try plain.run().files()
    let b = try sliced.run(progress: { _ in calls += 1 }).files()
    #expect(calls == 200)
    for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name)") }
  }

  /// The scenario hash is over values: equal scenarios hash alike, a changed value does not.
  @Test func scenarioHashFollowsValues() {
    var s = TestSupport.poissonScenario()
    let h = s.hash
    #expect(h.count == 32)
    #expect(TestSupport.poissonScenario().hash == h)
    s.facility.pue = 1.31
    #expect(s.hash != h)
  }
}
