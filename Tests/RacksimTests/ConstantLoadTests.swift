import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// A constant IT load (issue 8 item 9): every node runs one whole-node job at the given
/// utilisation for the whole run.
@Suite struct ConstantLoadTests {
  /// One rack of 2 nodes × 4 GPUs at u = 0.5: each node draws 600 + 450 · (4 · 0.5) = 1,500 W
  /// (TestSupport.catalog), the rack 3,000 W, for 100 s: 300,000 J; GPU utilisation 0.5 in
  /// every interval; no job finishes before the horizon.
  @Test func holdsTheGivenUtilisation() throws {
    var s = TestSupport.traceScenario(jobs: [], horizon: .seconds(100), sample: .seconds(50))
    s.workloads = [.constantLoad(ConstantLoadSpec(name: "base", utilization: 0.5))]
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 300_000 / 3.6e6) < 1e-12)
    #expect(CSVTable(r.timeseriesCSV()).column("gpu_util") == ["0.5000", "0.5000"])
    #expect(CSVTable(r.timeseriesCSV()).column("it_power_kw") == ["3.000", "3.000"])
    #expect(r.jobRows.map(\.name) == ["base-1", "base-2"])
    #expect(r[summary: "jobs_finished"] == .integer(0))
  }

  /// From 20 s to 60 s only: 1,200 W idle for 60 s, 3,000 W for 40 s → 72,000 + 120,000 J.
  @Test func holdsItOverAPeriod() throws {
    var s = TestSupport.traceScenario(jobs: [], horizon: .seconds(100), sample: .seconds(50))
    s.workloads = [
      .constantLoad(
        ConstantLoadSpec(name: "base", utilization: 0.5, start: .seconds(20), end: .seconds(60)))
    ]
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 192_000 / 3.6e6) < 1e-12)
    #expect(r[summary: "jobs_finished"] == .integer(2))
  }
}
