import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// The power-cap strategy on one rack of TestSupport's catalog (2 nodes × 4 GPUs), with a GPU
/// of two DVFS states: (1,000 MHz, throughput 0.5, 300 W) and (2,000 MHz, 1.0, 500 W).
/// Node power at full load: top state 600 + 450·4 = 2,400 W; lower state host 400 W + 4 × 300 W
/// = 1,600 W. Idle: 600 W in either state (GPU idle 100 W).
@Suite struct PowerCapTests {
  func scenario(cap: PowerCapSpec) -> Scenario {
    var s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100), priority: 5),
        TrainingJob(name: "B", submit: .zero, gpus: 4, work: .seconds(100), priority: 0),
      ], horizon: .seconds(200), sample: .seconds(50))
    var gpu = s.hardware.gpus[0]
    gpu.dvfsStates = [
      DVFSState(smClockMHz: 1000, relativeThroughput: 0.5, maxPowerW: 300),
      DVFSState(smClockMHz: 2000, relativeThroughput: 1.0, maxPowerW: 500),
    ]
    s.hardware.upsert(gpu)
    s.powerCaps = cap
    return s
  }

  /// Site cap 4,000 W; demand 4,800 W. Only B (priority 0) is lowered: node 1 at 1,600 W makes
  /// 2,400 + 1,600 = 4,000 W. B runs at 0.5 until A ends at 100; then 600 + 2,400 = 3,000 W
  /// fits and B is raised: 50 s of work done by 100, the other 50 at full speed → ends 150.
  /// Energy: 4,000 W × 100 s + 3,000 W × 50 s + 1,200 W × 50 s = 610,000 J. Every sampled
  /// interval mean, and so every instant, is at most 4 kW.
  @Test func aCapSlowsTheLowestPriorityJobOnly() throws {
    var simulation = try Simulation(scenario: scenario(cap: PowerCapSpec(siteW: 4_000)))
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [100, 150])
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 610_000 / 3.6e6) < 1e-9)
    #expect(r[summary: "power_cap_actions"] == .integer(2))
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    #expect(kw == [4.0, 4.0, 3.0, 1.2])
    #expect(kw.allSatisfy { $0 <= 4.0 })
  }

  /// A cap below the idle power of what it covers cannot hold: 2 idle nodes draw 1,200 W.
  @Test func aCapBelowIdleIsRefused() {
    #expect(throws: SimulationError.self) {
      _ = try Simulation(scenario: scenario(cap: PowerCapSpec(siteW: 1_000)))
    }
    do {
      _ = try Simulation(scenario: scenario(cap: PowerCapSpec(siteW: 1_000)))
    } catch {
      #expect(
        error.description
          == "power_caps: the cap on site (1000.0 W) is below the idle power of what it covers (1200.0 W)"
      )
    }
  }
}
