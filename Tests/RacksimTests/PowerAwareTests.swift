import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// Caps per row and per GPU, the headroom the power-cap strategy publishes, and power-aware
/// placement, on TestSupport's catalog (racks of 2 nodes × 4 GPUs; node power 600 + 450·U W;
/// PDU 10 kW) with a GPU of two DVFS states: (1,000 MHz, 0.5, 300 W) and (2,000 MHz, 1.0,
/// 500 W). A 4-GPU job at full load adds 1,800 W to its node (host 200 W + GPUs 4 × 400 W);
/// its GPU share, which power-aware placement books, is 4 × (500 − 100) = 1,600 W.
@Suite struct PowerAwareTests {
  func scenario(
    cap: PowerCapSpec, racks: Int = 1, placement: String = "first-fit", horizon: Double = 200
  ) -> Scenario {
    var s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100), priority: 5),
        TrainingJob(name: "B", submit: .zero, gpus: 4, work: .seconds(100), priority: 0),
      ], racks: racks, horizon: .seconds(horizon), sample: .seconds(50))
    var gpu = s.hardware.gpus[0]
    gpu.dvfsStates = [
      DVFSState(smClockMHz: 1000, relativeThroughput: 0.5, maxPowerW: 300),
      DVFSState(smClockMHz: 2000, relativeThroughput: 1.0, maxPowerW: 500),
    ]
    s.hardware.upsert(gpu)
    s.powerCaps = cap
    s.policies.placement = placement
    return s
  }

  /// One row holding the one rack: a 4 kW row cap is the 4 kW site cap of PowerCapTests. B
  /// (priority 0) runs at 0.5 until A ends at 100 (2,400 + 1,600 = 4,000 W), then at full
  /// speed: 50 s of work left → ends at 150.
  @Test func aRowCapActsLikeASiteCapOnItsRow() throws {
    var simulation = try Simulation(scenario: scenario(cap: PowerCapSpec(rowW: 4_000)))
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [100, 150])
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    #expect(kw.allSatisfy { $0 <= 4.0 })
  }

  /// A 400 W limit per GPU: the fastest state whose full-load power fits is the 300 W state
  /// (throughput 0.5), held from the start. Each job runs at 0.5: 100 s of work → ends at 200.
  /// IT power while both run: each node at full load in the low state draws host 400 W +
  /// 4 × 300 W = 1,600 W; two nodes 3,200 W.
  @Test func aGPULimitHoldsEveryGPUInTheStateThatFits() throws {
    var simulation = try Simulation(
      scenario: scenario(cap: PowerCapSpec(gpuW: 400), horizon: 300))
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [200, 200])
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    #expect(kw[0] == 3.2)
  }

  /// A 250 W limit is below the slowest state's full-load 300 W: refused when the run is built.
  @Test func aGPULimitBelowTheSlowestStateIsRefused() {
    #expect(throws: SimulationError.self) {
      _ = try Simulation(scenario: scenario(cap: PowerCapSpec(gpuW: 250)))
    }
  }

  /// Headroom published at the start: rack 10,000 W PDU − 1,200 W idle = 8,800 W with no rack
  /// cap; with a 3,000 W rack cap, 3,000 − 1,200 = 1,800 W; the site cap 20 kW − 2 racks ×
  /// 1,200 W = 17,600 W; halls without a cap publish 1e18 W.
  @Test func theStrategyPublishesTheHeadroomItEnforces() throws {
    let simulation = try Simulation(
      scenario: scenario(cap: PowerCapSpec(siteW: 20_000, rackW: 3_000), racks: 2))
    let state = simulation.state
    let rack = try #require(state.signal(named: "power.rack_headroom_w"))
    let site = try #require(state.signal(named: "power.site_headroom_w"))
    let hall = try #require(state.signal(named: "power.hall_headroom_w"))
    #expect(state.signalValue(rack, 0) == 1_800)
    #expect(state.signalValue(rack, 1) == 1_800)
    #expect(state.signalValue(site) == 17_600)
    #expect(state.signalValue(hall, 0) == 1e18)
    // Without a rack cap, the rack's own PDU is its limit: 10,000 − 1,200 = 8,800 W.
    let uncapped = try Simulation(scenario: scenario(cap: PowerCapSpec(siteW: 20_000), racks: 2))
    let rackOnly = try #require(uncapped.state.signal(named: "power.rack_headroom_w"))
    #expect(uncapped.state.signalValue(rackOnly, 0) == 8_800)
  }

  /// Two racks with a 3,000 W rack cap. First-fit puts B beside A on rack 0, where even the
  /// lowest states (1,600 + 1,600 + … = 3,200 W > 3,000 W) cannot hold the cap: the cap's
  /// admission refuses B until A ends at 100, and B then runs 100–200 on node 0.
  /// Power-aware books A's 1,600 W against rack 0's 1,800 W headroom; 200 W are left, so B goes
  /// to rack 1 (1,800 W free): both run at once and end at 100.
  @Test func powerAwarePlacementSpreadsJobsWhereTheCapLeavesRoom() throws {
    var firstFit = try Simulation(
      scenario: scenario(cap: PowerCapSpec(rackW: 3_000), racks: 2, horizon: 300))
    #expect(try firstFit.run().jobRows.map { $0.end?.seconds } == [100, 200])
    var aware = try Simulation(
      scenario: scenario(
        cap: PowerCapSpec(rackW: 3_000), racks: 2, placement: "power-aware", horizon: 300))
    let r = try aware.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [100, 100])
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    // Both racks at 600 + 2,400 = 3,000 W: 6 kW in all while both run.
    #expect(kw[0] == 6.0)
  }

  /// Power-aware placement without caps has no headroom to respect: a located error.
  @Test func powerAwareNeedsCaps() {
    var s = scenario(cap: PowerCapSpec(rackW: 3_000))
    s.powerCaps = nil
    s.policies.placement = "power-aware"
    #expect(s.validate().contains { $0.path == "policies.placement" })
  }
}
