import DataCenter
import Policies
import Racksim
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

// Models written only in this test target join a run through the public `RunModel` seam:
// no file of another model or of the engine loop knows about them (plain `import Racksim`).

/// Sets its rate factor to a schedule of values, for the running jobs on `rack` (or all jobs),
/// and reports how many jobs it is slowing as a timeseries column (a snapshot of the settled
/// state at the sample time).
struct ScheduledFactorModel: RunModel {
  let name: String
  let factorName: String
  let rack: Int?
  let changes: [(time: SimTime, value: Double)]
  var factor = RateFactorID(raw: 0)
  var value = 1.0

  var timeseriesColumns: [ColumnSpec] {
    [ColumnSpec("\(name)_jobs", unit: "jobs", decimals: 0, "jobs whose factor is not 1")]
  }

  func applies(to job: JobID, in run: RunState) -> Bool {
    guard let rack else { return true }
    return run.jobs.allocations[job.index].contains {
      run.site.nodeRack[$0.node.index].index == rack
    }
  }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    factor = try run.registerRateFactor(factorName)
    for (k, change) in changes.enumerated() {
      run.schedule(ModelEvent(code: UInt32(k)), at: change.time)
    }
  }

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    value = changes[Int(event.code)].value
    for job in run.jobs.running where applies(to: job, in: run) {
      run.setRateFactor(factor, of: job, to: value)
    }
  }

  mutating func settle(run: inout RunState) {
    for job in run.changes.startedJobs where applies(to: job, in: run) {
      run.setRateFactor(factor, of: job, to: value)
    }
  }

  mutating func sample(run: RunState, into values: inout [Double]) {
    let slowed = run.jobs.running.filter { run.jobs.factor(factor, of: $0) != 1 }.count
    values.append(Double(slowed))
  }
}

/// Stops job 0 at `stopAt` and requeues or resumes it at `againAt`.
struct StopModel: RunModel {
  var name: String { "stopper" }
  let stopAt: SimTime
  let againAt: SimTime
  let progress: ProgressOnStop
  let allocation: AllocationOnStop

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    run.schedule(ModelEvent(code: 0), at: stopAt)
    run.schedule(ModelEvent(code: 1), at: againAt)
  }

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    if event.code == 0 {
      run.stopJob(JobID(0), progress: progress, allocation: allocation)
    } else if allocation == .keep {
      run.resume(JobID(0))
    } else {
      run.requeue(JobID(0))
    }
  }
}

/// Sets node availability on a schedule.
struct AvailabilityModel: RunModel {
  var name: String { "maintenance" }
  let changes: [(time: SimTime, node: Int, state: NodeAvailability)]

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    for (k, c) in changes.enumerated() { run.schedule(ModelEvent(code: UInt32(k)), at: c.time) }
  }

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    let c = changes[Int(event.code)]
    run.setAvailability(c.state, of: NodeID(c.node))
  }
}

/// Schedules itself again at the same instant, forever.
struct RunawayModel: RunModel {
  var name: String { "runaway" }
  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    run.schedule(ModelEvent(code: 0), at: SimTime(seconds: 5))
  }
  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    run.schedule(ModelEvent(code: 0), at: run.now)
  }
}

@Suite struct ModelSeamTests {
  func job(_ name: String, at submit: Double, gpus: Int, work: Double) -> TrainingJob {
    TrainingJob(name: name, submit: SimTime(seconds: submit), gpus: gpus, work: .seconds(work))
  }

  func run(
    _ jobs: [TrainingJob], racks: Int = 1, horizon: Double, sample: Double = 50,
    models: [any RunModel]
  ) throws -> RunResult {
    let scenario = TestSupport.traceScenario(
      jobs: jobs, racks: racks, horizon: .seconds(horizon), sample: .seconds(sample))
    var simulation = try Simulation(scenario: scenario, models: models)
    return try simulation.run()
  }

  /// The acceptance test of the seam: a test-only model halves the rate of the jobs on rack 0
  /// between t = 20 and t = 60 and adds a column. Two racks of 2 nodes × 4 GPUs; first-fit:
  ///   A  submit 0,  4 GPUs, 100 s → node 0 (rack 0): 20 done by 20, 20 more in [20,60) at
  ///      0.5, the last 60 at full speed → ends 120.
  ///   B  submit 0,  4 GPUs,  30 s → node 1 (rack 0): 20 done by 20, the last 10 at 0.5 take
  ///      20 s → ends 40.
  ///   C  submit 30, 4 GPUs, 100 s → node 2 (rack 1): never slowed → ends 130.
  ///   D  submit 45, 4 GPUs,  10 s → node 1 (rack 0, free since 40), starts slowed: 7.5 done
  ///      by 60, the last 2.5 at full speed → ends 62.5.
  /// The column at t = 50 counts A and D (2); at 100, 150, 200 none.
  @Test func aTestModelSlowsOneRackAndAddsAColumn() throws {
    let model = ScheduledFactorModel(
      name: "slow", factorName: "test-slowdown", rack: 0,
      changes: [(SimTime(seconds: 20), 0.5), (SimTime(seconds: 60), 1)])
    let result = try run(
      [
        job("A", at: 0, gpus: 4, work: 100), job("B", at: 0, gpus: 4, work: 30),
        job("C", at: 30, gpus: 4, work: 100), job("D", at: 45, gpus: 4, work: 10),
      ], racks: 2, horizon: 200, models: [model])
    #expect(result.jobRows.map { $0.end?.seconds } == [120, 40, 130, 62.5])
    let series = CSVTable(result.timeseriesCSV())
    #expect(series.header.last == "slow_jobs")
    #expect(series.column("slow_jobs") == ["2", "0", "0", "0"])
  }

  /// Two models own two factors of one job; its rate is their product. A job of 100 s of work:
  ///   [0,10)  rate 1           → 10 done
  ///   [10,30) a = 0.5          → 10 more (20 done)
  ///   [30,…)  a·b = 0.5 · 0.8 = 0.4 → the last 80 take 80 / 0.4 = 200 s → ends 230.
  @Test func factorsOfTwoModelsMultiply() throws {
    let a = ScheduledFactorModel(
      name: "a", factorName: "a", rack: nil, changes: [(SimTime(seconds: 10), 0.5)])
    let b = ScheduledFactorModel(
      name: "b", factorName: "b", rack: nil, changes: [(SimTime(seconds: 30), 0.8)])
    let result = try run(
      [job("J", at: 0, gpus: 1, work: 100)], horizon: 300, sample: 100, models: [a, b])
    #expect(result.jobRows[0].end?.seconds == 230)
  }

  /// Two models may not own the same factor.
  @Test func aFactorHasOneOwner() throws {
    let a = ScheduledFactorModel(name: "a", factorName: "same", rack: nil, changes: [])
    let b = ScheduledFactorModel(name: "b", factorName: "same", rack: nil, changes: [])
    #expect(throws: SimulationError.invalidModel("rate factor 'same' is already owned by a")) {
      _ = try run([job("J", at: 0, gpus: 1, work: 1)], horizon: 10, models: [a, b])
    }
  }

  /// Stop at 40 keeping progress, release, requeue at 60. One rack of 2 nodes × 4 GPUs; node
  /// power 600 + 450·U W (TestSupport.catalog). Job A: 4 GPUs, 100 s.
  ///   runs [0,40) (40 done), stopped [40,60), runs [60,120) (the other 60) → ends 120.
  ///   GPU-s held: 4·40 + 4·60 = 400.
  ///   IT energy: node 0 at 2,400 W for 100 s and 600 W for 100 s, node 1 at 600 W for 200 s:
  ///   240,000 + 60,000 + 120,000 = 420,000 J.
  @Test func stopKeepingProgressThenRequeue() throws {
    let stop = StopModel(
      stopAt: SimTime(seconds: 40), againAt: SimTime(seconds: 60), progress: .keep,
      allocation: .release)
    let r = try run([job("A", at: 0, gpus: 4, work: 100)], horizon: 200, models: [stop])
    #expect(r.jobRows[0].start?.seconds == 0)
    #expect(r.jobRows[0].end?.seconds == 120)
    #expect(r.jobRows[0].gpuSeconds == 400)
    #expect(r.jobRows[0].restarts == 1)
    #expect(r[summary: "jobs_stopped"] == .integer(1))
    #expect(r[summary: "it_energy_kwh"]!.number!.isApproximately(420_000 / 3.6e6))
    #expect(r[summary: "busy_gpu_hours"]!.number!.isApproximately(400 / 3600))
  }

  /// The same with a rollback to 25 s of work done (a checkpoint): 75 s remain after the
  /// restart at 60 → ends 135. GPU-s 4·40 + 4·75 = 460. Energy: node 0 busy 115 s, idle 85 s:
  /// 2,400·115 + 600·85 + 600·200 = 276,000 + 51,000 + 120,000 = 447,000 J.
  @Test func stopWithRollbackThenRequeue() throws {
    let stop = StopModel(
      stopAt: SimTime(seconds: 40), againAt: SimTime(seconds: 60),
      progress: .rollBack(toWorkDone: .seconds(25)), allocation: .release)
    let r = try run([job("A", at: 0, gpus: 4, work: 100)], horizon: 200, models: [stop])
    #expect(r.jobRows[0].end?.seconds == 135)
    #expect(r.jobRows[0].gpuSeconds == 460)
    #expect(r[summary: "it_energy_kwh"]!.number!.isApproximately(447_000 / 3.6e6))
  }

  /// Stop keeping the allocation, resume at 60: ends 120 as with a requeue, but the 4 GPUs are
  /// held the whole 120 s (480 GPU-s), 80 GPU-s of it reserved idle while stopped; energy as
  /// in the first case (the stopped node idles): 420,000 J.
  @Test func stopKeepingTheAllocationThenResume() throws {
    let stop = StopModel(
      stopAt: SimTime(seconds: 40), againAt: SimTime(seconds: 60), progress: .keep,
      allocation: .keep)
    let r = try run([job("A", at: 0, gpus: 4, work: 100)], horizon: 200, models: [stop])
    #expect(r.jobRows[0].end?.seconds == 120)
    #expect(r.jobRows[0].gpuSeconds == 480)
    #expect(r.jobRows[0].restarts == 0)
    #expect(r[summary: "reserved_idle_gpu_hours"]!.number!.isApproximately(80 / 3600))
    #expect(r[summary: "it_energy_kwh"]!.number!.isApproximately(420_000 / 3.6e6))
  }

  /// Node 0 is down during [0, 100). First-fit would put A there; it must use node 1:
  ///   A  submit 10, 4 GPUs, 50 s → node 1, ends 60.
  ///   B  submit 20, 4 GPUs, 50 s → node 0 down, node 1 busy: waits; starts 60 on node 1,
  ///      ends 110 (node 0 is back only at 100).
  /// GPU-seconds over 200 s × 8 GPUs = 1,600, each from its own meter: busy 4·50 + 4·50 =
  /// 400; down 4 GPUs × 100 s = 400; free the rest, 800; reserved 0.
  /// Energy: node 0 draws 0 W while down, 600 W for 100 s; node 1 2,400 W for 100 s and
  /// 600 W for 100 s: 60,000 + 240,000 + 60,000 = 360,000 J.
  @Test func aDownNodeIsNeverChosenAndGPUSecondsAddUp() throws {
    let maintenance = AvailabilityModel(changes: [
      (.zero, 0, .down), (SimTime(seconds: 100), 0, .up),
    ])
    let r = try run(
      [job("A", at: 10, gpus: 4, work: 50), job("B", at: 20, gpus: 4, work: 50)],
      horizon: 200, models: [maintenance])
    #expect(r.jobRows.map { $0.start?.seconds } == [10, 60])
    #expect(r.jobRows.map { $0.end?.seconds } == [60, 110])
    let hours = { (key: String) in r[summary: key]!.number! * 3600 }
    #expect(hours("busy_gpu_hours").isApproximately(400))
    #expect(hours("down_gpu_hours").isApproximately(400))
    #expect(hours("free_gpu_hours").isApproximately(800))
    #expect(hours("reserved_idle_gpu_hours") == 0)
    #expect(r[summary: "it_energy_kwh"]!.number!.isApproximately(360_000 / 3.6e6))
    // down_gpus: 4 over [0,50) and [50,100), 0 after.
    #expect(
      CSVTable(r.timeseriesCSV()).column("down_gpus") == ["4.000", "4.000", "0.000", "0.000"])
  }

  /// A node going down under a running job stops it (progress kept) and requeues it: A (4
  /// GPUs, 100 s) on node 0 from 0; node 0 down at 30; A restarts on node 1 at 30 with 70 s
  /// left → ends 100.
  @Test func aNodeGoingDownRequeuesItsJobs() throws {
    let maintenance = AvailabilityModel(changes: [(SimTime(seconds: 30), 0, .down)])
    let r = try run([job("A", at: 0, gpus: 4, work: 100)], horizon: 200, models: [maintenance])
    #expect(r.jobRows[0].end?.seconds == 100)
    #expect(r.jobRows[0].restarts == 1)
  }

  /// A model that keeps scheduling events at the same instant stops the run with an error
  /// that names it, after `maxRoundsPerInstant` rounds: never a hang.
  @Test func aZeroDelayCascadeIsBounded() throws {
    do {
      _ = try run([job("A", at: 0, gpus: 1, work: 10)], horizon: 100, models: [RunawayModel()])
      Issue.record("expected the run to stop")
    } catch {
      let message = "\(error)"
      #expect(message.contains("did not settle at t = 5.0 s"))
      #expect(message.contains("model 'runaway'"))
    }
  }
}
