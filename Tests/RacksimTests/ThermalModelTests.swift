import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// The thermal model in a run, on one rack of TestSupport's catalog (2 nodes × 4 GPUs, node
/// power 600 + 450·U W, so the rack draws 1,200 W idle and 4,800 W at full load).
///
/// One rack is a block of size 1: the built-in A is the end rack's own recirculation,
/// A = [0.1]. K = P_design / ΔT_design = 4,800 / 16 = 300 W/K. D = (K − AᵀK)⁻¹ − K⁻¹ =
/// 1/(0.9 K) − 1/K = (1/9)/K, so the rise is P/(9 K) = P / 2,700 K:
///   idle 1,200 W → 0.4444 K;  full 4,800 W → 1.7778 K;  3,200 W → 1.1852 K.
@Suite struct ThermalModelTests {
  static let full = TrainingJob(name: "A", submit: .zero, gpus: 8, work: .seconds(100))

  func run(_ thermal: ThermalSpec, dvfs: [DVFSState] = [], horizon: Double)
    throws -> RunResult
  {
    var scenario = TestSupport.traceScenario(
      jobs: [Self.full], horizon: .seconds(horizon), sample: .seconds(100))
    var gpu = scenario.hardware.gpus[0]
    gpu.dvfsStates = dvfs
    scenario.hardware.upsert(gpu)
    scenario.thermal = thermal
    var simulation = try Simulation(scenario: scenario)
    return try simulation.run()
  }

  /// Supply 20 °C. A runs [0,100) at full load: inlet 21.78 over the first interval, 20.44
  /// over the second. `max_inlet_c` is a snapshot of the settled state at the sample time: at
  /// t = 100 A has just ended, so it is the idle 20.44, not 21.78.
  @Test func inletsFollowTheRecirculationModel() throws {
    let r = try run(ThermalSpec(supplyC: 20, inletLimitC: 40), horizon: 200)
    #expect(CSVTable(r.racksCSV()).column("inlet_c") == ["21.78", "20.44"])
    #expect(CSVTable(r.timeseriesCSV()).column("max_inlet_c") == ["20.44", "20.44"])
    #expect(r[summary: "max_inlet_c"]!.number! == 20 + 4_800.0 / 2_700)
    #expect(r[summary: "throttle_events"] == .integer(0))
  }

  /// What the model publishes for thermal-aware placement: D = 1/2,700 K/W for the one rack
  /// (above), so a kW more raises its inlet by 1,000 / 2,700 = 0.37037 K; the inlet at the
  /// start is the idle 20 + 1,200 / 2,700 = 20.444 °C.
  @Test func theModelPublishesInletsAndTheirRisePerKilowatt() throws {
    var scenario = TestSupport.traceScenario(
      jobs: [Self.full], horizon: .seconds(200), sample: .seconds(100))
    scenario.thermal = ThermalSpec(supplyC: 20, inletLimitC: 40)
    let state = try Simulation(scenario: scenario).state
    let rise = try #require(state.signal(named: "thermal.inlet_rise_k_per_kw"))
    let inlet = try #require(state.signal(named: "thermal.inlet_c"))
    #expect(abs(state.signalValue(rise, 0) - 1_000.0 / 2_700) < 1e-12)
    #expect(abs(state.signalValue(inlet, 0) - (20 + 1_200.0 / 2_700)) < 1e-12)
  }

  /// Limit 21.5 °C, release 0.5 K below it. The GPU has two DVFS states, (1,000 MHz, 0.5,
  /// 300 W) and (2,000 MHz, 1.0, 500 W); throttling picks the slowest with throughput ≥ 0.5.
  /// At t = 0 A starts: 4,800 W → 21.78 °C > 21.5 → throttle, in the same instant. Throttled
  /// node at full load: host 400 W + 4 × 300 W = 1,600 W; rack 3,200 W → 21.19 °C, above the
  /// release point 21.0, so it stays throttled. A runs at 0.5: 100 s of work take 200 s.
  /// IT energy: 3,200 W × 200 s + 1,200 W × 100 s = 760,000 J.
  @Test func aHotRackThrottlesItsJobs() throws {
    let states = [
      DVFSState(smClockMHz: 1000, relativeThroughput: 0.5, maxPowerW: 300),
      DVFSState(smClockMHz: 2000, relativeThroughput: 1.0, maxPowerW: 500),
    ]
    let r = try run(
      ThermalSpec(supplyC: 20, inletLimitC: 21.5, releaseMarginK: 0.5, throttleThroughput: 0.5),
      dvfs: states, horizon: 300)
    #expect(r.jobRows[0].end?.seconds == 200)
    #expect(r[summary: "throttle_events"] == .integer(1))
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 760_000 / 3.6e6) < 1e-9)
    #expect(CSVTable(r.racksCSV()).column("inlet_c") == ["21.19", "21.19", "20.44"])
    // events.csv: the throttle at 0 (inlet 21.78) and the release at 200, when A ends and the
    // idle rack's inlet falls to 20.44 (below 21.0, and after the 60 s minimum).
    let events = CSVTable(try #require(r.files().first { $0.name == "events.csv" }).contents)
    #expect(events.header == ["time_s", "model", "kind", "subject", "value"])
    #expect(
      events.rows == [
        ["0.000", "thermal", "throttle", "h/r1/k1", "21.778"],
        ["200.000", "thermal", "release", "h/r1/k1", "20.444"],
      ])
  }

  /// A hall of 100 rows × 30 racks grouped by hall is one block of 3,000 racks, over the
  /// 2,000 limit (its D would be 3,000² doubles = 72 MB, and the next site far more); by row it
  /// is 100 blocks of 30 (90,000 entries), fine.
  @Test func recirculationBlocksAreBounded() {
    var s = TestSupport.traceScenario(
      jobs: [Self.full], horizon: .seconds(10), sample: .seconds(10))
    s.site.halls[0].rows = 100
    s.site.halls[0].racksPerRow = 30
    s.thermal = ThermalSpec(grouping: .hall)
    #expect(
      s.validate().map(\.description) == [
        "thermal.blocks: a recirculation block (hall) has 3000 racks; the limit is 2000 per "
          + "block (its D is a dense matrix): use blocks: row"
      ])
    s.thermal = ThermalSpec(grouping: .row)
    #expect(s.validate().isEmpty)
  }

  /// The thermal section's keys are checked with the rest of the scenario.
  @Test func badThermalValuesAreReported() {
    var scenario = TestSupport.traceScenario(
      jobs: [Self.full], horizon: .seconds(10), sample: .seconds(10))
    scenario.thermal = ThermalSpec(supplyC: 30, inletLimitC: 25, throttleThroughput: 0)
    let paths = scenario.validate().map(\.path)
    #expect(paths.contains("thermal.inlet_limit_c"))
    #expect(paths.contains("thermal.throttle_throughput"))
  }
}
