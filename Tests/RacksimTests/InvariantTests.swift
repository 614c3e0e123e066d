import DataCenter
import Policies
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// Conservation checks on a generated workload (STYLE.md §5.8), each side measured by its own
/// meter so that a missed update shows up.
@Suite struct InvariantTests {
  func run() throws -> RunResult {
    var simulation = try Simulation(scenario: TestSupport.poissonScenario(racks: 3, days: 3))
    return try simulation.run()
  }

  /// Busy + reserved-idle + free + down GPU-hours = GPUs × horizon (3 racks × 4 nodes × 8
  /// GPUs = 96 GPUs over 72 h = 6,912 GPU-h), each term from its own meter. 12- and 32-GPU
  /// jobs reserve idle GPUs on whole nodes; no node goes down here, so down = 0.
  @Test func gpuHoursAddUp() throws {
    let r = try run()
    let busy = r[summary: "busy_gpu_hours"]!.number!
    let reserved = r[summary: "reserved_idle_gpu_hours"]!.number!
    let free = r[summary: "free_gpu_hours"]!.number!
    let down = r[summary: "down_gpu_hours"]!.number!
    #expect(busy > 0 && reserved > 0 && free > 0)
    #expect(down == 0)
    #expect(abs(busy + reserved + free + down - 6_912) < 1e-6)
  }

  /// IT energy = ∫ IT power: the sum over samples of it_power_kw × interval (0.5 h) equals
  /// it_energy_kwh, and the racks' energies add up to the site's. Both are read back from the
  /// CSV files, whose kW values have 3 decimals: each of the 144 site samples is off by at most
  /// 0.0005 kW, so the sum by at most 144 × 0.0005 × 0.5 = 0.036 kWh (× 3 racks for racks.csv,
  /// 0.108 kWh); the tolerance is 0.11 kWh.
  @Test func energyIsTheIntegralOfPower() throws {
    let r = try run()
    let series = CSVTable(r.timeseriesCSV())
    let racks = CSVTable(r.racksCSV())
    #expect(series.rows.count == 144)
    #expect(racks.rows.count == 144 * 3)
    let fromSeries = series.numbers("it_power_kw").reduce(0) { $0 + $1! * 0.5 }
    let fromRacks = racks.numbers("power_kw").reduce(0) { $0 + $1! * 0.5 }
    let energy = r[summary: "it_energy_kwh"]!.number!
    #expect(abs(fromSeries - energy) < 0.11)
    #expect(abs(fromRacks - energy) < 0.11)
  }

  /// IT power stays between all-idle and all-busy: 12 DGX H100 nodes idle at
  /// 1,200 + 8·70 = 1,760 W each (21.12 kW), and at most 2,400 + 8·700 = 8,000 W (96 kW).
  @Test func powerStaysWithinIdleAndPeak() throws {
    let r = try run()
    for kw in CSVTable(r.timeseriesCSV()).numbers("it_power_kw") {
      #expect(kw! >= 21.12 - 0.0005 && kw! <= 96 + 0.0005)
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

/// A scheduler that keeps proposing a job that cannot be placed: the engine ends the pass the
/// second time it sees the same job in one pass, instead of looping.
struct StubbornScheduler: SchedulingPolicy {
  static let name = "stubborn"
  var queue: [QueuedJob] = []
  var proposals = 0
  var waitingCount: Int { queue.count }
  mutating func enqueue(_ job: QueuedJob) { queue.append(job) }
  mutating func nextCandidate(cluster: ClusterView) -> JobID? {
    proposals += 1
    return queue.first?.id
  }
  mutating func record(_ outcome: CandidateOutcome, of job: JobID, cluster: ClusterView)
    -> SchedulingContinuation
  {
    if outcome != .blocked { queue.removeFirst() }
    return .tryNext
  }
}

@Suite struct SchedulerContractTests {
  /// One node of 4 GPUs (TestSupport.catalog with one 1-node rack); A takes it at 0 for 100 s;
  /// B (4 GPUs) at 10 cannot fit and the stubborn scheduler proposes it again and again. The
  /// pass at 10 ends after two proposals (the first, and the repeat that ends it); B starts at
  /// 100.
  @Test func aRepeatedCandidateEndsThePass() throws {
    let scenario = TestSupport.traceScenario(
      jobs: [
        TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100)),
        TrainingJob(name: "B", submit: SimTime(seconds: 10), gpus: 4, work: .seconds(10)),
      ], horizon: .seconds(200), sample: .seconds(100), nodesPerRack: 1)
    var simulation = try Simulation(scenario: scenario)
    simulation.engine.scheduler = StubbornScheduler()
    let result = try simulation.run()
    #expect(result.jobRows.map { $0.start?.seconds } == [0, 100])
    #expect(result.jobRows.map { $0.end?.seconds } == [100, 110])
  }
}
