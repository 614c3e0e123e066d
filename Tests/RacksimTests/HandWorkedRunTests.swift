import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// FIFO with first-fit on 2 nodes × 4 GPUs (one rack), jobs worked out by hand:
///
///   job  submit  gpus  work
///   A        0     4   100 s
///   B       10     8    50 s   (two whole nodes)
///   C       20     2    30 s
///   D       20     2    40 s
///
/// t=0    A starts on node 0, ends at 100.
/// t=10   B needs both nodes; node 0 is busy, so B waits, and FIFO lets nothing overtake it:
/// t=20   C and D queue behind B even though node 1 could hold them.
/// t=100  A ends; B starts on nodes 0 and 1, ends at 150.
/// t=150  B ends; C takes 2 GPUs of node 0 (ends 180); D takes node 0's other 2 (ends 190).
///
/// Power (TestSupport.catalog): P_node = 600 + 450·U W, U = busy GPUs on the node.
///   [0,100)   A: 2400 + 600 = 3000 W  → 300,000 J
///   [100,150) B: 2400 + 2400 = 4800 W → 240,000 J
///   [150,180) C+D: 2400 + 600 = 3000 W →  90,000 J
///   [180,190) D: 1500 + 600 = 2100 W   →  21,000 J
///   [190,200) idle: 1200 W             →  12,000 J
///   total 663,000 J = 0.184167 kWh; × PUE 1.5 = 994,500 J = 0.27625 kWh.
/// GPU-seconds busy: 4·100 + 8·50 + 2·30 + 2·40 = 940 of 8·200 = 1600 → gpu_util 0.5875.
@Suite struct HandWorkedRunTests {
  static let jobs = [
    TrainingJob(name: "A", submit: SimTime(seconds: 0), gpus: 4, work: .seconds(100)),
    TrainingJob(name: "B", submit: SimTime(seconds: 10), gpus: 8, work: .seconds(50)),
    TrainingJob(name: "C", submit: SimTime(seconds: 20), gpus: 2, work: .seconds(30)),
    TrainingJob(name: "D", submit: SimTime(seconds: 20), gpus: 2, work: .seconds(40)),
  ]

  func run() throws -> RunResult {
    let scenario = TestSupport.traceScenario(
      jobs: Self.jobs, horizon: .seconds(200), sample: .seconds(50))
    var simulation = try Simulation(scenario: scenario)
    return try simulation.run()
  }

  @Test func startAndEndTimesMatchTheHandWorkedSchedule() throws {
    let result = try run()
    let rows = result.jobRows
    #expect(rows.map(\.name) == ["A", "B", "C", "D"])
    #expect(rows.map { $0.start?.seconds } == [0, 100, 150, 150])
    #expect(rows.map { $0.end?.seconds } == [100, 150, 180, 190])
    #expect(rows.map { $0.wait?.seconds } == [0, 90, 130, 130])
    #expect(rows.map { $0.jct?.seconds } == [100, 140, 160, 170])
    #expect(rows.map(\.nodes) == [1, 2, 1, 1])
    // GPU-seconds held: A 4·100, B 8·50, C 2·30, D 2·40.
    #expect(rows.map(\.gpuSeconds) == [400, 400, 60, 80])
  }

  @Test func summaryMatchesTheHandWorkedEnergy() throws {
    let result = try run()
    #expect(result[summary: "it_energy_kwh"]!.number!.isApproximately(663_000 / 3.6e6))
    #expect(result[summary: "facility_energy_kwh"]!.number!.isApproximately(994_500 / 3.6e6))
    #expect(result[summary: "pue"]!.number!.isApproximately(1.5))
    #expect(result[summary: "gpu_util"]!.number!.isApproximately(0.5875))
    #expect(result[summary: "busy_gpu_hours"]!.number!.isApproximately(940.0 / 3600))
    // JCTs 100, 140, 160, 170: mean 142.5; median (140+160)/2 = 150;
    // p95 by linear interpolation: rank 0.95·3 = 2.85 → 160 + 0.85·(170−160) = 168.5.
    #expect(result[summary: "mean_jct_s"]!.number!.isApproximately(142.5))
    #expect(result[summary: "median_jct_s"]!.number!.isApproximately(150))
    #expect(result[summary: "p95_jct_s"]!.number!.isApproximately(168.5))
    #expect(result[summary: "jobs_finished"] == .integer(4))
    // Slowdown = JCT / work: 100/100 = 1, 140/50 = 2.8, 160/30 = 5.3333, 170/40 = 4.25;
    // mean 13.3833/4 = 3.345833; every work is over 10 s, so bounded slowdowns are the same.
    #expect(result.jobRows.map(\.slowdown) == [1, 2.8, 160.0 / 30, 4.25])
    #expect(result[summary: "mean_slowdown"]!.number!.isApproximately(13.383333333333333 / 4))
    #expect(
      result[summary: "mean_bounded_slowdown"]!.number!.isApproximately(13.383333333333333 / 4))
    // Waits 0, 90, 130, 130: median (90+130)/2 = 110. Makespan: last end 190 − first submit 0.
    #expect(result[summary: "p50_wait_s"]!.number!.isApproximately(110))
    #expect(result[summary: "makespan_s"]!.number!.isApproximately(190))
    // One user (the trace has none): Jain's index is 1.
    #expect(result[summary: "jain_fairness"]!.number!.isApproximately(1))
  }

  /// Jain's index over users' GPU-hours: u1 runs A (4 GPUs × 100 s = 400 GPU-s), u2 runs B,
  /// C, D (400 + 60 + 80 = 540): (940)² / (2 · (400² + 540²)) = 883,600 / 903,200.
  @Test func jainsIndexOverUsers() throws {
    var jobs = Self.jobs
    for k in jobs.indices { jobs[k].user = k == 0 ? "u1" : "u2" }
    let scenario = TestSupport.traceScenario(
      jobs: jobs, horizon: .seconds(200), sample: .seconds(50))
    var simulation = try Simulation(scenario: scenario)
    let result = try simulation.run()
    #expect(result[summary: "jain_fairness"]!.number!.isApproximately(883_600.0 / 903_200.0))
  }

  /// The same jobs under `sjf`: at t = 10 B (50 s) waits for node 0; at 20 C (30 s) and D
  /// (40 s) queue, and shorter jobs go first: the queue is C (30), D (40), B (50). Node 1 is
  /// free: C takes 2 GPUs of node 1 at 20 (ends 50), D the other 2 (ends 60). B needs both
  /// whole nodes: at 100 (A ends) it starts, ends 150. Strict order: B at the head after C and
  /// D blocks nothing else.
  @Test func shortestJobFirstOrder() throws {
    var scenario = TestSupport.traceScenario(
      jobs: Self.jobs, horizon: .seconds(200), sample: .seconds(50))
    scenario.policies.scheduler = "sjf"
    var simulation = try Simulation(scenario: scenario)
    let result = try simulation.run()
    #expect(result.jobRows.map { $0.start?.seconds } == [0, 100, 20, 20])
    #expect(result.jobRows.map { $0.end?.seconds } == [100, 150, 50, 60])
  }

  /// `priority`: D has priority 5, the others 0. At 20 the queue is B (0, submit 10), C (0,
  /// 20), D (5, 20): D goes first, onto node 1 (ends 60); then B blocks (needs 2 whole nodes),
  /// and C waits behind it. At 100 B starts (ends 150); at 150 C (ends 180).
  @Test func priorityOrder() throws {
    var jobs = Self.jobs
    jobs[3].priority = 5
    var scenario = TestSupport.traceScenario(
      jobs: jobs, horizon: .seconds(200), sample: .seconds(50))
    scenario.policies.scheduler = "priority"
    var simulation = try Simulation(scenario: scenario)
    let result = try simulation.run()
    #expect(result.jobRows.map { $0.start?.seconds } == [0, 100, 150, 20])
    #expect(result.jobRows.map { $0.end?.seconds } == [100, 150, 180, 60])
  }

  /// Interval means (samples every 50 s), from the timeline above:
  ///   it_power_kw   3.0, 3.0, 4.8, (90,000 + 21,000 + 12,000)/50 W = 2.46
  ///   busy_gpus     4, 4, 8, (4·30 + 2·10)/50 = 2.8
  ///   queued_jobs   (B 40 s + C,D 30 s each)/50 = 2.0, 3, 2, 0
  ///   running_jobs  1, 1, 1, (2·30 + 1·10)/50 = 1.4
  @Test func timeSeriesHoldsIntervalMeans() throws {
    let csv = try run().timeseriesCSV()
    #expect(
      csv == """
        time_s,it_power_kw,facility_power_kw,pue,gpu_util,busy_gpus,down_gpus,running_jobs,queued_jobs
        50.000,3.000,4.500,1.5000,0.5000,4.000,0.000,1.000,2.000
        100.000,3.000,4.500,1.5000,0.5000,4.000,0.000,1.000,3.000
        150.000,4.800,7.200,1.5000,1.0000,8.000,0.000,1.000,2.000
        200.000,2.460,3.690,1.5000,0.3500,2.800,0.000,1.400,0.000

        """)
  }

  /// GPU-seconds add up: busy + reserved-idle + free + down = GPUs × horizon, each integrated
  /// by its own meter (down = 0: every node stays up). B asks for 8 GPUs = 2 whole nodes exactly, so nothing is reserved idle here;
  /// free = 1600 − 940 = 660 GPU-s.
  @Test func gpuSecondsAddUp() throws {
    let result = try run()
    let busy = result[summary: "busy_gpu_hours"]!.number!
    let reserved = result[summary: "reserved_idle_gpu_hours"]!.number!
    let free = result[summary: "free_gpu_hours"]!.number!
    let down = result[summary: "down_gpu_hours"]!.number!
    #expect(reserved == 0)
    #expect(down == 0)
    #expect(free.isApproximately(660.0 / 3600))
    #expect((busy + reserved + free + down).isApproximately(1600.0 / 3600))
  }
}

extension Double {
  func isApproximately(_ other: Double, relative: Double = 1e-9) -> Bool {
    abs(self - other) <= relative * Swift.max(1, abs(other))
  }
}
