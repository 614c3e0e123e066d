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
