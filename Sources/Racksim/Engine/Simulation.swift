import DataCenter
import Policies
import SimKernel
import Workloads

/// Where a run stands, for a progress bar.
public struct RunProgress: Sendable {
  public var simulatedTime: SimTime
  public var horizon: SimTime
  public var eventsProcessed: UInt64
  public var fraction: Double {
    horizon.nanoseconds > 0 ? simulatedTime.seconds / horizon.seconds : 1
  }
}

/// One run of a scenario with one seed: the root of the model (there is no `Racksim` type).
///
/// Build it from a `Scenario`, call `run`, write the `RunResult`. Not `Sendable`: a
/// simulation lives on one thread; parallel runs are separate simulations (STYLE.md §4).
public struct Simulation {
  public let scenario: Scenario
  public let seed: UInt64
  var kernel: Kernel<SimEvent>
  var model: RunModel

  /// - Parameters:
  ///   - scenario: A scenario; it is validated here and every problem is reported at once.
  ///   - seed: The run seed; `scenario.seed` when nil.
  public init(scenario: Scenario, seed: UInt64? = nil) throws(SimulationError) {
    let issues = scenario.validate()
    guard issues.isEmpty else { throw .invalidScenario(issues) }
    self.scenario = scenario
    self.seed = seed ?? scenario.seed
    let jobs = Simulation.jobs(of: scenario, seed: self.seed)
    model = try RunModel(scenario: scenario, seed: self.seed, jobs: jobs)
    kernel = Kernel(capacity: 1024)
    if let first = jobs.first {
      kernel.schedule(.arrival(JobID(0)), at: first.submit, phase: .arrival)
    }
    let firstSample = Swift.min(SimTime.zero + scenario.sampleInterval, model.horizon)
    kernel.schedule(.sample, at: firstSample, phase: .sample)
  }

  /// Every job of every workload submitted up to the horizon, merged in submission order
  /// (ties: workload order, then each workload's own order).
  static func jobs(of scenario: Scenario, seed: UInt64) -> [TrainingJob] {
    var tagged: [(job: TrainingJob, workload: Int, index: Int)] = []
    for (w, workload) in scenario.workloads.enumerated() {
      let jobs: [TrainingJob]
      switch workload {
      case .poisson(let source): jobs = source.jobs(seed: seed, horizon: scenario.horizon)
      case .trace(_, _, let trace):
        jobs = trace.filter { $0.submit.nanoseconds <= scenario.horizon.nanoseconds }
      }
      for (i, job) in jobs.enumerated() { tagged.append((job, w, i)) }
    }
    tagged.sort { ($0.job.submit, $0.workload, $0.index) < ($1.job.submit, $1.workload, $1.index) }
    return tagged.map(\.job)
  }

  /// The current simulated time.
  public var now: SimTime { kernel.now }

  /// Runs to the horizon. The horizon is run in 200 slices so that `progress` is called
  /// between slices, never inside the event loop.
  public mutating func run(progress: ((RunProgress) -> Void)? = nil) throws(SimulationError)
    -> RunResult
  {
    let horizon = model.horizon
    let slices: Int64 = progress == nil ? 1 : 200
    for k in 1...slices {
      let end = SimTime(
        nanoseconds: horizon.nanoseconds / slices * k
          + (k == slices ? horizon.nanoseconds % slices : 0))
      kernel.run(&model, until: end)
      if let failure = model.failure { throw failure }
      progress?(
        RunProgress(
          simulatedTime: kernel.now, horizon: horizon, eventsProcessed: kernel.eventsProcessed))
    }
    return RunResult(simulation: self)
  }

  /// Changes a running job's progress rate from now on (1.0 = full speed) and reschedules its
  /// completion. For models of later issues (power caps, throttling, contention) and tests.
  mutating func setRate(of job: JobID, to rate: Double) {
    model.setRate(job.index, to: rate, kernel: &kernel)
  }

  /// Runs events up to `time` only (tests).
  mutating func advance(to time: SimTime) {
    kernel.run(&model, until: time)
  }
}
