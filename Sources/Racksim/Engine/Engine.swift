import DataCenter
import Policies
import SimKernel
import Workloads

/// The event handling of one run: the engine's own events (arrivals, completions, samples),
/// the models' events, and the settle pipeline (`Engine+Settle.swift`). Owned by
/// `Simulation`; one thread, no globals.
///
/// The components live in `state` (jobs, cluster, power ledger, meters); the models that
/// joined the run live in `models`; the scheduler and placement policies and the recorder are
/// the engine's own.
struct Engine: EventHandler {
  typealias Event = SimEvent

  /// The most settle rounds allowed at one instant before the run stops with an error naming
  /// the model that kept changing things: a zero-delay cascade must end, never hang. A round
  /// is cheap, and a legitimate cascade (zero-work jobs starting and finishing at one instant)
  /// needs one round per batch of jobs that fit at once, so the limit is generous.
  static let maxRoundsPerInstant = 10_000
  /// The most events models may schedule for the very instant they handle (zero-delay
  /// events) at one instant: the same guard for cascades that never reach a settle round.
  static let maxZeroDelayEventsPerInstant = 100_000

  var state: RunState
  var models: [any RunModel]
  /// Each model's read position in the change log at this instant.
  var cursors: [ChangeCursor]
  let sampleInterval: SimDuration
  var scheduler: any SchedulingPolicy
  var placement: any PlacementPolicy
  var placementRandom: RandomStream
  var recorder: Recorder
  let recordRacks: Bool
  /// Each model's number of timeseries and rack columns (read once, not per sample).
  var seriesColumnCounts: [Int] = []
  var rackColumnCounts: [Int] = []
  var rackScratch: [Double] = []
  /// The models that gate job starts (`RunModel.gatesAdmission`).
  var gatingModels: [Int] = []
  /// Model indexes in settle order (by stage, then joining order), and which are `.power`
  /// models: read once, so a settle round makes no existential call to ask a stage.
  var settleOrder: [Int] = []
  var isPowerStage: [Bool] = []

  /// The instant the round counter refers to, and the rounds run at it.
  var roundInstant: SimTime = .never
  var rounds = 0
  /// How far the compute-factor update has read the started-jobs log at this instant.
  var computeCursor = 0
  /// How far the scheduling pass has read the stopped-jobs log at this instant.
  var leftCursor = 0
  var nodeStateMark: [Bool]
  var zeroDelayInstant: SimTime = .never
  var zeroDelayEvents = 0
  /// Marks stamped with counters instead of searches: the pass in which each job was
  /// examined, and the validation in which each node was allocated.
  var pass: UInt32 = 0
  var jobMark: [UInt32]
  var validation: UInt32 = 0
  var nodeMark: [UInt32]
  /// Whether the scheduler preempts (read once: a non-preemptive one is never asked).
  let preemptive: Bool
  /// The scheduler's wake-up: when it is due, its generation (older ones are stale), and
  /// whether it still has to be put in the kernel.
  var wakeTime: SimTime = .never
  var wakeGeneration: UInt32 = 0
  var wakePending = false

  init(
    scenario: Scenario, seed: UInt64, jobs specs: [TrainingJob], models extra: [any RunModel],
    timeseries: any ByteSink, racks: (any ByteSink)?, events: (any ByteSink)? = nil,
    links: (any ByteSink)? = nil
  ) throws(SimulationError) {
    let site = Site(layout: scenario.site, catalog: scenario.hardware)
    guard let s = PolicyCatalog.scheduler(for: scenario.policies) else {
      throw .unknownPolicy(
        PolicyCatalog.unknownNameMessage(scenario.policies.scheduler, family: .scheduler))
    }
    guard let p = PolicyCatalog.placement(for: scenario, site: site) else {
      throw .unknownPolicy(
        PolicyCatalog.unknownNameMessage(scenario.policies.placement, family: .placement))
    }
    scheduler = s
    preemptive = s.isPreemptive
    placement = p
    placementRandom = RandomStream(seed: seed, name: "policy/placement")
    sampleInterval = scenario.sampleInterval
    state = RunState(
      site: site, horizon: .zero + scenario.horizon, jobs: specs,
      nodePower: LinearNodePowerModel())
    state.jobs.resumeOverhead = scenario.policies.preemptionOverhead ?? .zero
    // The built-in models (energy strategies, thermal, fabric, facility):
    // Models/BuiltInModels.swift. The fabric streams links.csv through a model file the
    // recorder finishes (issue 9).
    let linksFile = links.map(ModelFile.init(sink:))
    models = try BuiltInModels.models(for: scenario, site: site, links: linksFile) + extra
    guard models.count < Int(UInt16.max) else { throw .invalidModel("too many models") }
    cursors = Array(repeating: ChangeCursor(), count: models.count)
    jobMark = Array(repeating: 0, count: specs.count)
    nodeMark = Array(repeating: 0, count: site.nodeCount)
    nodeStateMark = Array(repeating: false, count: site.nodeCount)
    recordRacks = racks != nil
    state.modelNames = models.map(\.name)
    // The engine owns `compute`: the relative throughput of the slowest state of a job's GPUs.
    state.computeFactor = try state.registerRateFactor("compute")
    // Models join in order; each registers what it owns.
    for m in 0..<models.count {
      state.currentModel = ModelID(raw: UInt16(m))
      try models[m].attach(to: &state, as: ModelID(raw: UInt16(m)))
      state.currentModel = nil
      if let failure = state.failure { throw failure }
    }
    state.meters.powerTerms = state.powerTerms.map { TimeWeighted(value: $0) }
    state.meters.facilityPowerW = TimeWeighted(
      value: state.power.itPowerW + state.powerTerms.reduce(0, +))
    var seriesColumns = OutputColumns.timeseries
    var rackColumns = OutputColumns.racks
    let stages = models.map(\.stage)
    isPowerStage = stages.map { $0 == .power }
    settleOrder = SettleStage.allCases.flatMap { stage in
      stages.indices.filter { stages[$0] == stage }
    }
    for model in models {
      seriesColumns += model.timeseriesColumns
      rackColumns += model.rackColumns
      if model.gatesAdmission { gatingModels.append(seriesColumnCounts.count) }
      seriesColumnCounts.append(model.timeseriesColumns.count)
      rackColumnCounts.append(model.rackColumns.count)
    }
    recorder = Recorder(
      timeseriesColumns: seriesColumns, rackColumns: rackColumns, rackNames: site.rackNames,
      timeseries: timeseries, racks: racks, events: events)
    if let linksFile { recorder.modelFiles.append(linksFile) }
  }

  var site: Site { state.site }
  var horizon: SimTime { state.horizon }

  // MARK: - Events

  mutating func handle(_ event: SimEvent, kernel: inout Kernel<SimEvent>) {
    state.now = kernel.now
    switch event {
    case .arrival(let id):
      let j = id.index
      state.submit(j)
      if j + 1 < state.jobs.count {
        kernel.schedule(
          .arrival(JobID(j + 1)), at: state.jobs.specs[j + 1].submit, phase: .arrival)
      }
    case .completion(let id, let generation):
      guard state.jobs.generations.isCurrent(id.index, generation),
        state.jobs.state[id.index] == .running
      else { return }
      state.finish(id.index)
    case .schedulerWakeUp(let generation):
      guard generation == wakeGeneration else { return }
      wakeTime = .never
      state.needsScheduling = true
    case .sample:
      recordSample(kernel: &kernel)
      if kernel.now < horizon {
        kernel.schedule(
          .sample, at: Swift.min(kernel.now + sampleInterval, horizon), phase: .sample)
      }
    case .model(let m, let modelEvent):
      state.currentModel = m
      models[m.index].handle(modelEvent, run: &state)
      state.currentModel = nil
      flushModelEvents(kernel: &kernel)
    }
    if let failure = state.failure { stop(failure, kernel: &kernel) }
  }

  /// Moves the events models asked for into the kernel.
  mutating func flushModelEvents(kernel: inout Kernel<SimEvent>) {
    if wakePending {
      wakePending = false
      kernel.schedule(.schedulerWakeUp(generation: wakeGeneration), at: wakeTime, phase: .decision)
    }
    guard !state.pendingEvents.isEmpty else { return }
    let now = kernel.now
    if zeroDelayInstant != now {
      zeroDelayInstant = now
      zeroDelayEvents = 0
    }
    for e in state.pendingEvents {
      if e.time == now {
        zeroDelayEvents += 1
        if zeroDelayEvents > Self.maxZeroDelayEventsPerInstant {
          state.pendingEvents.removeAll(keepingCapacity: true)
          let message =
            "the run did not settle at t = \(now.seconds) s: more than "
            + "\(Self.maxZeroDelayEventsPerInstant) zero-delay events at one instant; the last "
            + "came from model '\(state.modelName(e.model))'"
          return stop(.unsettled(message), kernel: &kernel)
        }
      }
      kernel.schedule(.model(e.model, e.event), at: e.time, phase: e.phase)
    }
    state.pendingEvents.removeAll(keepingCapacity: true)
  }

  mutating func stop(_ error: SimulationError, kernel: inout Kernel<SimEvent>) {
    if state.failure == nil { state.failure = error }
    kernel.stop()
  }
}
