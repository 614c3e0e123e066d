import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// The energy strategies on TestSupport's catalog (4 GPUs per node; node power
/// P(U) = 600 + 450·U W, so 600 W idle and 2,400 W with 4 busy GPUs at full load).
@Suite struct EnergyStrategyTests {
  /// A GPU of three DVFS states: (1,000 MHz, θ 0.6, 300 W), (1,500 MHz, 0.85, 400 W),
  /// (2,000 MHz, 1.0, 500 W); node power at full load in the middle state: host 400 W +
  /// 4 × 400 W = 2,000 W.
  static func withStates(_ s: Scenario, _ states: [DVFSState]) -> Scenario {
    var s = s
    var gpu = s.hardware.gpus[0]
    gpu.dvfsStates = states
    s.hardware.upsert(gpu)
    return s
  }

  static let threeStates = [
    DVFSState(smClockMHz: 1000, relativeThroughput: 0.6, maxPowerW: 300),
    DVFSState(smClockMHz: 1500, relativeThroughput: 0.85, maxPowerW: 400),
    DVFSState(smClockMHz: 2000, relativeThroughput: 1.0, maxPowerW: 500),
  ]

  // MARK: - power-down

  /// One node; A (4 GPUs, 1 h at full load) at 0, B (the same) at 3 h; horizon 6 h; idle
  /// timeout 10 min, wake latency 3 min, wake energy 50 kJ.
  ///   0–1 h      A runs                                    2,400 W
  ///   1 h–1h10   idle until the timeout                      600 W
  ///   1h10–3 h   off                                           0 W
  ///   3 h–3h03   B is queued and wakes the node: waking      600 W (+ 50 kJ / 180 s term)
  ///   3h03–4h03  B runs (its start is 3 min late)          2,400 W
  ///   4h03–4h13  idle, 4h13–6 h off
  /// IT energy = 2,400 · 7,200 + 600 · (600 + 180 + 600) = 17,280,000 + 828,000 J
  ///           = 18,108,000 J = 5.03 kWh (without power-down: + 600 · (2 h − 1,380 s) … = 7.2 kWh).
  /// Facility (PUE 1.5 on IT, plus the wake term) = 27,162,000 + 50,000 J = 7.558889 kWh.
  /// Off: [4,200, 10,800) and [15,180, 21,600) = 13,020 s = 3.617 node·h; hourly means of
  /// nodes_off: 0, 3,000/3,600, 1, 0, 2,820/3,600, 1.
  @Test func powerDownOverAHandWorkedIdleGap() throws {
    var s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "A", submit: .zero, gpus: 4, work: .hours(1)),
        TrainingJob(name: "B", submit: .zero + .hours(3), gpus: 4, work: .hours(1)),
      ], horizon: .hours(6), sample: .hours(1), nodesPerRack: 1)
    s.policies.energy = ["power-down"]
    s.energy = EnergySpec(
      powerDown: PowerDownSpec(
        idleTimeout: .minutes(10), wakeLatency: .minutes(3), wakeEnergyJ: 50_000))
    #expect(s.validate() == [])
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [3_600, 14_580])
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 5.03) < 1e-9)
    #expect(abs(r[summary: "facility_energy_kwh"]!.number! - 27_212_000 / 3.6e6) < 1e-3)
    #expect(r[summary: "wake_count"] == .integer(1))
    #expect(abs(r[summary: "node_off_hours"]!.number! - 13_020.0 / 3_600) < 1e-12)
    #expect(
      CSVTable(r.timeseriesCSV()).column("nodes_off")
        == ["0.000", "0.833", "1.000", "0.000", "0.783", "1.000"])
  }

  /// Without the strategy the same jobs use 2,400 · 7,200 + 600 · 14,400 J = 7.2 kWh.
  @Test func withoutPowerDownTheNodeIdlesAtFullIdlePower() throws {
    let s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "A", submit: .zero, gpus: 4, work: .hours(1)),
        TrainingJob(name: "B", submit: .zero + .hours(3), gpus: 4, work: .hours(1)),
      ], horizon: .hours(6), sample: .hours(1), nodesPerRack: 1)
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 7.2) < 1e-9)
  }

  // MARK: - dvfs

  /// Target slowdown 1.2: θ_min = 1/1.2 = 0.833…, and the slowest state meeting it is the
  /// 0.85 one. A (work 100 s) ends at 100 / 0.85 = 117.647058824 s (rounded up to the ns).
  /// B was queued behind A on the one node: at its start its budget is 0 + 1.2 · 100 −
  /// 117.647 = 2.353 s < its 100 s of work, so it runs at the top state: ends 217.647058824 s.
  /// IT energy to 250 s: 2,000 W · 117.647 + 2,400 W · 100 + 600 W · 32.353
  /// = 235,294.118 + 240,000 + 19,411.765 = 494,705.882 J.
  @Test func dvfsPicksTheSlowestStateThatMeetsTheTargetSlowdown() throws {
    var s = Self.withStates(
      TestSupport.traceScenario(
        jobs: [
          TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100)),
          TrainingJob(name: "B", submit: .zero, gpus: 4, work: .seconds(100)),
        ], horizon: .seconds(250), sample: .seconds(50), nodesPerRack: 1),
      Self.threeStates)
    s.policies.energy = ["dvfs"]
    s.energy = EnergySpec(dvfs: DVFSStrategySpec(targetSlowdown: 1.2))
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    let ends = r.jobRows.map { $0.end!.seconds }
    #expect(abs(ends[0] - 117.647058824) < 1e-9)
    #expect(abs(ends[1] - 217.647058824) < 1e-9)
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 494_705.882 / 3.6e6) < 1e-6)
    #expect(r[summary: "dvfs_slowed_jobs"] == .integer(1))
  }

  // MARK: - composition

  /// power-cap and dvfs together, on a GPU of states (θ 0.5, 300 W), (0.8, 400 W),
  /// (1.0, 500 W); node power at full load: 1,600 / 2,000 / 2,400 W; idle 600 W. Two nodes,
  /// A (priority 5) and B (priority 0), 4 GPUs and 100 s each; dvfs target 1.25 → θ_min 0.8,
  /// so both ask for the 0.8 state (2 × 2,000 = 4,000 W); a 3,600 W site cap lowers B one
  /// state further: 2,000 + 1,600 = 3,600 W. The ledger runs each node in the lowest state any
  /// model asks for. A ends at 100 / 0.8 = 125 s. B does 0.5 · 125 = 62.5 s of work by then;
  /// the cap then lets it back up, but dvfs keeps it at 0.8: 37.5 / 0.8 = 46.875 s more → ends
  /// 171.875 s. IT energy to 200 s: 3,600 · 125 + 2,600 · 46.875 + 1,200 · 28.125 = 605,625 J.
  /// The same in either listing order.
  @Test(arguments: [["power-cap", "dvfs"], ["dvfs", "power-cap"]])
  func powerCapAndDVFSCompose(order: [String]) throws {
    var s = Self.withStates(
      TestSupport.traceScenario(
        jobs: [
          TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100), priority: 5),
          TrainingJob(name: "B", submit: .zero, gpus: 4, work: .seconds(100), priority: 0),
        ], horizon: .seconds(200), sample: .seconds(25)),
      [
        DVFSState(smClockMHz: 1000, relativeThroughput: 0.5, maxPowerW: 300),
        DVFSState(smClockMHz: 1600, relativeThroughput: 0.8, maxPowerW: 400),
        DVFSState(smClockMHz: 2000, relativeThroughput: 1.0, maxPowerW: 500),
      ])
    s.powerCaps = PowerCapSpec(siteW: 3_600)
    s.policies.energy = order
    s.energy = EnergySpec(dvfs: DVFSStrategySpec(targetSlowdown: 1.25))
    #expect(s.validate() == [])
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.end?.seconds } == [125, 171.875])
    #expect(abs(r[summary: "it_energy_kwh"]!.number! - 605_625 / 3.6e6) < 1e-9)
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    #expect(kw.allSatisfy { $0 <= 3.6 })
  }

  // MARK: - carbon-aware

  /// A hand-made hourly carbon series: 500, 400, 100, 300 g/kWh from 0, 1, 2, 3 h (then 300).
  /// J (ordinary, 4 GPUs, 1 h) starts at 0 on node 0. F (flexible, max delay 6 h, 4 GPUs, 1 h)
  /// is first proposed at 0: its window [0, 6 h] has g_min = 100, the threshold is
  /// 100 · 1.05 = 105, and the first time at or below it is 2 h: F waits (one deferred job),
  /// starts at 7,200 s and ends at 10,800 s. Its energy then costs 100 g/kWh instead of 500.
  @Test func carbonAwareMovesAFlexibleJobIntoTheLowCarbonHour() throws {
    let csv = "time_s,gco2_per_kwh\n0,500\n3600,400\n7200,100\n10800,300\n"
    let series = try CarbonIntensitySeries.read(csv)
    var s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "J", submit: .zero, gpus: 4, work: .hours(1)),
        TrainingJob(name: "F", submit: .zero, gpus: 4, work: .hours(1), maxDelay: .hours(6)),
      ], horizon: .hours(5), sample: .hours(1))
    s.facility.plant = FacilityPlantSpec(
      weather: .constant(dryBulbC: 20, wetBulbC: 15), carbon: .series(file: "c.csv", series))
    s.policies.energy = ["carbon-aware"]
    #expect(s.validate() == [])
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.start?.seconds } == [0, 7_200])
    #expect(r.jobRows.map { $0.end?.seconds } == [3_600, 10_800])
    #expect(r[summary: "deferred_jobs"] == .integer(1))
  }

  /// The same job without the strategy starts at once (both nodes are free at 0).
  @Test func withoutCarbonAwareTheFlexibleJobStartsAtOnce() throws {
    let s = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "J", submit: .zero, gpus: 4, work: .hours(1)),
        TrainingJob(name: "F", submit: .zero, gpus: 4, work: .hours(1), maxDelay: .hours(6)),
      ], horizon: .hours(5), sample: .hours(1))
    var simulation = try Simulation(scenario: s)
    let r = try simulation.run()
    #expect(r.jobRows.map { $0.start?.seconds } == [0, 0])
  }

  // MARK: - choosing strategies

  /// Without policies.energy, power_caps: alone selects power-cap; an explicit list decides.
  @Test func theDefaultIsPowerCapWithCapsAndNoneWithout() {
    #expect(PolicySelection().energyStrategies(hasPowerCaps: true) == ["power-cap"])
    #expect(PolicySelection().energyStrategies(hasPowerCaps: false) == [])
    let listed = PolicySelection(energy: ["none"])
    #expect(listed.energyStrategies(hasPowerCaps: false) == [])
    let two = PolicySelection(energy: ["dvfs", "power-down"])
    #expect(two.energyStrategies(hasPowerCaps: false) == ["dvfs", "power-down"])
  }

  /// Every problem at its key path: an unknown name (with the nearest), power-cap without
  /// caps, caps with a list that omits power-cap, parameters of a strategy not listed.
  @Test func badSelectionsAreReportedAtTheirKeys() {
    var s = TestSupport.traceScenario(
      jobs: [TrainingJob(name: "A", submit: .zero, gpus: 4, work: .hours(1))],
      horizon: .hours(1), sample: .hours(1))
    s.policies.energy = ["power-dwon", "power-cap"]
    s.energy = EnergySpec(dvfs: DVFSStrategySpec(targetSlowdown: 0.5))
    let issues = s.validate().map(\.description)
    #expect(
      issues == [
        "policies.energy[0]: unknown energy strategy 'power-dwon'; valid: carbon-aware, "
          + "cooling-setpoint, dvfs, none, power-cap, power-down (did you mean 'power-down'?)",
        "policies.energy[1]: power-cap needs a power_caps: section (the caps it enforces)",
        "energy.dvfs.target_slowdown: must be in [1, 100], got 0.5",
        "energy.dvfs: parameters for dvfs, which policies.energy does not list",
      ])
    s.policies.energy = ["dvfs"]
    s.energy = nil
    s.powerCaps = PowerCapSpec(siteW: 10_000)
    #expect(
      s.validate().map(\.description) == [
        "power_caps: power_caps: is given but policies.energy does not list power-cap; add it "
          + "to the list or remove the caps"
      ])
  }

  /// The registry lists every strategy once, sorted, and `racksim catalog` shows them.
  @Test func theRegistryListsEveryStrategy() {
    #expect(
      EnergyStrategies.names == [
        "carbon-aware", "cooling-setpoint", "dvfs", "none", "power-cap", "power-down",
      ])
    #expect(PolicyCatalog.names(of: .energy) == EnergyStrategies.names)
  }
}
