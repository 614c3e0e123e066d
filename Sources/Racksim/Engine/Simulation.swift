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

/// Where a run's streamed files go: `timeseries.csv`, `events.csv` and (when the scenario
/// records racks) `racks.csv`. `jobs.csv` and `summary.json` are encoded from the `RunResult`
/// at the end.
public struct RunSinks {
  public var timeseries: any ByteSink
  public var racks: (any ByteSink)?
  /// `events.csv`; none is written when nil.
  public var events: (any ByteSink)?
  /// `links.csv` of the fabric model (scenarios with `fabric:`); none is written when nil.
  public var links: (any ByteSink)?
  public init(
    timeseries: any ByteSink, racks: (any ByteSink)?, events: (any ByteSink)? = nil,
    links: (any ByteSink)? = nil
  ) {
    self.timeseries = timeseries
    self.racks = racks
    self.events = events
    self.links = links
  }
}

/// One run of a scenario with one seed: the root of the model (there is no `Racksim` type).
///
/// Build it from a `Scenario` (and any models that join the run), call `run`, write the
/// `RunResult`. Not `Sendable`: a simulation lives on one thread; parallel runs are separate
/// simulations (STYLE.md §4).
public struct Simulation {
  public let scenario: Scenario
  public let seed: UInt64
  var kernel: Kernel<SimEvent>
  var engine: Engine
  /// The in-memory sinks when no sinks were given.
  let memory: (timeseries: MemorySink, racks: MemorySink?, events: MemorySink)?
  /// The in-memory `links.csv` when no sinks were given and the scenario records links.
  let memoryLinks: MemorySink?

  /// - Parameters:
  ///   - scenario: A scenario; it is validated here and every problem is reported at once.
  ///   - seed: The run seed; `scenario.seed` when nil.
  ///   - models: Models that join the run after the built-in ones, in this order.
  ///   - sinks: Where `timeseries.csv` and `racks.csv` stream to; in memory when nil (then
  ///     `RunResult.files()` holds them).
  public init(
    scenario: Scenario, seed: UInt64? = nil, models: [any RunModel] = [], sinks: RunSinks? = nil
  ) throws(SimulationError) {
    let issues = scenario.validate()
    guard issues.isEmpty else { throw .invalidScenario(issues) }
    self.scenario = scenario
    self.seed = seed ?? scenario.seed
    let jobs = Simulation.jobs(of: scenario, seed: self.seed)
    let outputs: RunSinks
    if let sinks {
      outputs = sinks
      memory = nil
      memoryLinks = nil
    } else {
      let series = MemorySink()
      let racks = scenario.output.racks ? MemorySink() : nil
      let events = MemorySink()
      let links = scenario.fabric?.recordLinks == true ? MemorySink() : nil
      outputs = RunSinks(timeseries: series, racks: racks, events: events, links: links)
      memory = (series, racks, events)
      memoryLinks = links
    }
    engine = try Engine(
      scenario: scenario, seed: self.seed, jobs: jobs, models: models,
      timeseries: outputs.timeseries, racks: scenario.output.racks ? outputs.racks : nil,
      events: outputs.events, links: outputs.links)
    kernel = Kernel(capacity: 1024)
    if let first = jobs.first {
      kernel.schedule(.arrival(JobID(0)), at: first.submit, phase: .arrival)
    }
    let firstSample = Swift.min(SimTime.zero + scenario.sampleInterval, engine.horizon)
    kernel.schedule(.sample, at: firstSample, phase: .sample)
    engine.flushModelEvents(kernel: &kernel)
  }

  /// Every job of every workload submitted up to the horizon, merged in submission order
  /// (ties: workload order, then each workload's own order).
  static func jobs(of scenario: Scenario, seed: UInt64) -> [TrainingJob] {
    var tagged: [(job: TrainingJob, workload: Int, index: Int)] = []
    for (w, workload) in scenario.workloads.enumerated() {
      let jobs: [TrainingJob]
      switch workload {
      case .poisson(let source): jobs = source.jobs(seed: seed, horizon: scenario.horizon)
      case .constantLoad(let spec):
        jobs = spec.jobs(
          on: Site(layout: scenario.site, catalog: scenario.hardware), horizon: scenario.horizon)
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

  /// The run's state, read-only (tests and library users).
  public var state: RunState { engine.state }

  /// Runs to the horizon. The horizon is run in 200 slices so that `progress` is called
  /// between slices, never inside the event loop.
  public mutating func run(progress: ((RunProgress) -> Void)? = nil) throws(SimulationError)
    -> RunResult
  {
    let horizon = engine.horizon
    let slices: Int64 = progress == nil ? 1 : 200
    for k in 1...slices {
      let end = SimTime(
        nanoseconds: horizon.nanoseconds / slices * k
          + (k == slices ? horizon.nanoseconds % slices : 0))
      kernel.run(&engine, until: end)
      if let failure = engine.state.failure { throw failure }
      progress?(
        RunProgress(
          simulatedTime: kernel.now, horizon: horizon, eventsProcessed: kernel.eventsProcessed))
    }
    try engine.recorder.finish()
    return RunResult(simulation: self)
  }

  /// Runs events up to `time` only (tests).
  public mutating func advance(to time: SimTime) throws(SimulationError) {
    kernel.run(&engine, until: time)
    if let failure = engine.state.failure { throw failure }
  }
}
