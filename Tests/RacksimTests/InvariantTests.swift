import DataCenter
import RacksimTestSupport
import SimKernel
import Testing

@testable import Racksim

/// Conservation checks on a generated workload (STYLE.md §5.8), each side measured by its own
/// meter so that a missed update shows up.
@Suite struct InvariantTests {
  func run() throws -> RunResult {
    var simulation = try Simulation(scenario: TestSupport.poissonScenario(racks: 3, days: 3))
    return try simulation.run()
  }

  /// Busy + reserved-idle + free GPU-hours = GPUs × horizon (3 racks × 4 nodes × 8 GPUs =
  /// 96 GPUs over 72 h = 6,912 GPU-h). 12- and 32-GPU jobs reserve idle GPUs on whole nodes.
  @Test func gpuHoursAddUp() throws {
    let r = try run()
    let busy = r[summary: "busy_gpu_hours"]!.number!
    let reserved = r[summary: "reserved_idle_gpu_hours"]!.number!
    let free = r[summary: "free_gpu_hours"]!.number!
    #expect(busy > 0 && reserved > 0 && free > 0)
    #expect(abs(busy + reserved + free - 6_912) < 1e-6)
  }

  /// IT energy = ∫ IT power: the sum over samples of it_power_kw × interval (0.5 h) equals
  /// it_energy_kwh, and the racks' energies add up to the site's.
  @Test func energyIsTheIntegralOfPower() throws {
    let r = try run()
    let width = OutputColumns.timeseries.count - 1
    var fromSeries = 0.0
    for i in 0..<r.sampleTimes.count { fromSeries += r.siteValues[i * width] * 0.5 }
    var fromRacks = 0.0
    for k in stride(from: 0, to: r.rackValues.count, by: 2) { fromRacks += r.rackValues[k] * 0.5 }
    let energy = r[summary: "it_energy_kwh"]!.number!
    #expect(abs(fromSeries - energy) < 1e-6 * energy)
    #expect(abs(fromRacks - energy) < 1e-6 * energy)
  }

  /// IT power stays between all-idle and all-busy: 12 DGX H100 nodes idle at
  /// 1,200 + 8·70 = 1,760 W each (21.12 kW), and at most 2,400 + 8·700 = 8,000 W (96 kW).
  @Test func powerStaysWithinIdleAndPeak() throws {
    let r = try run()
    let width = OutputColumns.timeseries.count - 1
    for i in 0..<r.sampleTimes.count {
      let kw = r.siteValues[i * width]
      #expect(kw >= 21.12 - 1e-9 && kw <= 96 + 1e-9)
    }
  }

  /// Every finished job ran exactly its work (rate 1): end − start = duration; no job starts
  /// before it is submitted.
  @Test func jobsRunTheirWork() throws {
    let scenario = TestSupport.poissonScenario(racks: 3, days: 3)
    let jobs = Simulation.jobs(of: scenario, seed: scenario.seed)
    var simulation = try Simulation(scenario: scenario)
    let r = try simulation.run()
    for (row, spec) in zip(r.jobRows, jobs) {
      #expect(row.name == spec.name)
      if let start = row.start { #expect(start >= row.submit) }
      if let start = row.start, let end = row.end { #expect(end - start == spec.work) }
    }
  }
}
