import DataCenter
import Policies
import SimKernel
import Workloads

/// The shared state of one run, as the models that join it see it: read-only views of the
/// components (jobs, cluster, power ledger) and a small set of narrow mutators.
///
/// A model gets `inout RunState` in its callbacks. It may read everything; it may change only
/// what it owns: the rate factors and power terms it registered, its own events, node
/// availability, and job stops/requeues/resumes through the lifecycle calls below. Every other
/// stored property is `internal(set)`: outside the `Racksim` module nothing else can be
/// written.
public struct RunState {
  public let site: Site
  public let horizon: SimTime
  /// The current simulated time.
  public internal(set) var now: SimTime = .zero
  public internal(set) var jobs: JobTable
  public internal(set) var cluster: ClusterView
  public internal(set) var power: PowerLedger
  /// What changed at this instant that the calling model has not seen yet.
  public internal(set) var changes = ChangeWindow()

  var log = ChangeLog()
  var meters: SiteMeters
  /// Events models asked for, moved to the kernel after each callback.
  var pendingEvents: [(time: SimTime, phase: EventPhase, model: ModelID, event: ModelEvent)] = []
  /// Jobs waiting to join the scheduler's queue (submitted or requeued).
  var toEnqueue: [JobID] = []
  var needsScheduling = false
  /// Jobs in state `queued`.
  public internal(set) var queuedCount = 0
  /// Rate factors by name, and the model that owns each.
  public internal(set) var rateFactorNames: [String] = []
  var rateFactorOwners: [ModelID?] = []
  /// Power terms: facility power = IT + Σ terms.
  public internal(set) var powerTermNames: [String] = []
  var powerTermOwners: [ModelID] = []
  var powerTerms: [Double] = []
  /// The model that publishes each signal (`cluster.signals`).
  var signalOwners: [ModelID?] = []
  /// Whether each signal's changes settle another round (`registerSignal(settles:)`).
  var signalSettles: [Bool] = []
  /// Whether a signal changed in this settle round.
  var signalsChanged = false
  /// Per model (index + 1; 0 for the engine), its row in the ledger's state requests.
  var powerStateRows: [Int] = []
  var powerStateRowCount = 0
  /// The engine's `compute` factor: the throughput of the slowest state of a job's GPUs.
  var computeFactor = RateFactorID(raw: 0)
  /// The model whose callback is running (nil: the engine).
  var currentModel: ModelID? = nil
  var modelNames: [String] = []
  /// The last model that changed something or scheduled a zero-delay event at this instant.
  var lastActor: ModelID? = nil
  var failure: SimulationError? = nil
  /// Events recorded since the recorder last wrote them.
  var eventRows: [EventRow] = []
  /// Counters for the summary.
  public internal(set) var jobsStarted = 0
  public internal(set) var jobsFinished = 0
  public internal(set) var jobsRejected = 0
  public internal(set) var jobsStopped = 0

  init(site: Site, horizon: SimTime, jobs specs: [TrainingJob], nodePower: any NodePowerModel) {
    self.site = site
    self.horizon = horizon
    jobs = JobTable(specs)
    cluster = ClusterView(site: site)
    power = PowerLedger(site: site, model: nodePower, availability: cluster.availability)
    meters = SiteMeters(
      itPowerW: power.itPowerW, facilityPowerW: power.itPowerW, freeGPUs: site.gpuCount)
  }

  /// The name of the model with `id`.
  public func modelName(_ id: ModelID) -> String { modelNames[id.index] }

  // MARK: - Rate factors

  /// Registers a rate factor owned by the calling model (call from `attach`). Factors start at
  /// 1 for every job.
  /// - Throws: when another model already owns a factor of that name.
  public mutating func registerRateFactor(_ name: String) throws(SimulationError) -> RateFactorID {
    if let i = rateFactorNames.firstIndex(of: name) {
      let owner = rateFactorOwners[i].map(modelName) ?? "the engine"
      throw .invalidModel("rate factor '\(name)' is already owned by \(owner)")
    }
    rateFactorNames.append(name)
    rateFactorOwners.append(currentModel)
    jobs.addFactorSlot()
    return RateFactorID(raw: UInt16(rateFactorNames.count - 1))
  }

  /// Sets factor `f` of `job` (the caller must own it). The rates stage recomputes the job's
  /// rate as the product of its factors and reschedules its completion only if it changed.
  /// A factor that is not a finite number ≥ 0 stops the run with an error naming the model.
  public mutating func setRateFactor(_ f: RateFactorID, of job: JobID, to value: Double) {
    guard rateFactorOwners[f.index] == currentModel else {
      return fail(
        .invalidModel("\(actorName) set rate factor '\(rateFactorNames[f.index])' it does not own"))
    }
    guard value.isFinite && value >= 0 else {
      return fail(
        .invalidModel(
          "\(actorName) set rate factor '\(rateFactorNames[f.index])' of job \(jobs.specs[job.index].name) to \(value)"
        ))
    }
    let k = job.index * jobs.factorCount + f.index
    guard jobs.factors[k] != value else { return }
    jobs.factors[k] = value
    lastActor = currentModel
    if jobs.state[job.index] == .running { jobs.markDirty(job.index) }
  }

  // MARK: - Power terms

  /// Registers a facility power term owned by the calling model (call from `attach`), 0 W.
  public mutating func registerPowerTerm(_ name: String) throws(SimulationError) -> PowerTermID {
    if powerTermNames.contains(name) {
      throw .invalidModel("power term '\(name)' is registered twice")
    }
    powerTermNames.append(name)
    powerTermOwners.append(currentModel ?? ModelID(raw: .max))
    powerTerms.append(0)
    return PowerTermID(raw: UInt16(powerTerms.count - 1))
  }

  /// Sets a power term, W (finite, ≥ 0, and owned by the caller).
  public mutating func setPowerTerm(_ term: PowerTermID, to watts: Double) {
    guard powerTermOwners[term.index] == currentModel else {
      return fail(
        .invalidModel("\(actorName) set power term '\(powerTermNames[term.index])' it does not own")
      )
    }
    guard watts.isFinite && watts >= 0 else {
      return fail(
        .invalidModel("\(actorName) set power term '\(powerTermNames[term.index])' to \(watts) W"))
    }
    guard powerTerms[term.index] != watts else { return }
    powerTerms[term.index] = watts
    lastActor = currentModel
  }

  /// The current value of a power term, W.
  public func powerTerm(_ term: PowerTermID) -> Double { powerTerms[term.index] }

  // MARK: - Meters and scheduling

  /// IT energy from the start to `time` (≥ the last change), J.
  public func itEnergyJ(at time: SimTime) -> Double { meters.itPowerW.integral(at: time) }

  /// Facility energy from the start to `time`, J.
  public func facilityEnergyJ(at time: SimTime) -> Double {
    meters.facilityPowerW.integral(at: time)
  }

  /// The energy of power term `term` from the start to `time`, J.
  public func powerTermEnergyJ(_ term: PowerTermID, at time: SimTime) -> Double {
    meters.powerTerms[term.index].integral(at: time)
  }

  /// Asks for a scheduling pass at this instant (a model whose admission answer changed, such
  /// as a deferral that has ended, calls it so the queue is tried again).
  public mutating func requestSchedulingPass() {
    needsScheduling = true
    lastActor = currentModel
  }

  // MARK: - Signals

  /// Registers a signal owned by the calling model (call from `attach`): `count` slots (1 for
  /// a scalar, `site.rackCount` for one per rack), each `initial`. Other models and placement
  /// read it by name (`signal(named:)`, `cluster.signals`).
  ///
  /// `settles`: whether a change makes the instant settle one more round. It must be true when
  /// a model that settles before the owner reads the signal (the thermal model reads the
  /// plant's supply temperature); a signal read only by later stages or by placement (which
  /// sees it at the next pass) passes false, so publishing it costs no extra round.
  /// - Throws: when another model already publishes a signal of that name.
  public mutating func registerSignal(
    _ name: String, count: Int = 1, initial: Double = 0, settles: Bool = true
  ) throws(SimulationError) -> SignalID {
    if let i = cluster.signals.index(of: name) {
      let owner = signalOwners[i].map(modelName) ?? "the engine"
      throw .invalidModel("signal '\(name)' is already published by \(owner)")
    }
    signalOwners.append(currentModel)
    signalSettles.append(settles)
    return SignalID(raw: UInt16(cluster.addSignal(name, count: count, initial: initial)))
  }

  /// The signal called `name`, or nil when no model of the run publishes it.
  public func signal(named name: String) -> SignalID? {
    cluster.signals.index(of: name).map { SignalID(raw: UInt16($0)) }
  }

  /// Slot `slot` of signal `id`.
  public func signalValue(_ id: SignalID, _ slot: Int = 0) -> Double {
    cluster.signals.value(id.index, slot)
  }

  /// Sets slot `slot` of signal `id` (the caller must own it; a finite value). A change of a
  /// signal registered with `settles` makes the instant settle one more round, so that models
  /// of earlier stages see it.
  public mutating func setSignal(_ id: SignalID, _ slot: Int = 0, to value: Double) {
    guard signalOwners[id.index] == currentModel else {
      return fail(
        .invalidModel(
          "\(actorName) set signal '\(cluster.signals.names[id.index])' it does not publish"))
    }
    guard value.isFinite else {
      return fail(
        .invalidModel(
          "\(actorName) set signal '\(cluster.signals.names[id.index])' to \(value)"))
    }
    if cluster.setSignal(id.index, slot, to: value) && signalSettles[id.index] {
      signalsChanged = true
      lastActor = currentModel
    }
  }

  // MARK: - Events

  /// Schedules one of the calling model's events at `time` (≥ now). Events after the horizon
  /// are dropped: the run ends first.
  public mutating func schedule(
    _ event: ModelEvent, at time: SimTime, phase: EventPhase = .resource
  ) {
    guard let model = currentModel else { return }
    guard time >= now else {
      return fail(.invalidModel("\(actorName) scheduled an event in the past (\(time) < \(now))"))
    }
    guard time <= horizon else { return }
    if time == now { lastActor = model }
    pendingEvents.append((time, phase, model, event))
  }

  // MARK: - Events

  /// Records an event in `events.csv` at the current time: a throttle, a release, a power-cap
  /// step, a fault. `value` is the event's number (an inlet temperature, a state), if any.
  public mutating func recordEvent(_ kind: String, subject: String, value: Double = .nan) {
    eventRows.append(
      EventRow(time: now, model: currentModel, kind: kind, subject: subject, value: value))
  }

  // MARK: - Power states

  /// Requests power state `state` for `node` (0 = the highest; k = k DVFS states below the
  /// top of its GPUs). Each model has its own request per node; the node runs in the lowest
  /// state any model requests (the largest index). The power stage recomputes the node's
  /// power, and the engine sets the `compute` rate factor of every job on it to the relative
  /// throughput of the slowest state among its GPUs (REFERENCES.md §3.1; issue 8 item 1).
  public mutating func setPowerState(_ state: UInt8, of node: NodeID) {
    let owner = currentModel.map { $0.index + 1 } ?? 0
    if powerStateRows.count <= owner {
      powerStateRows.append(contentsOf: repeatElement(-1, count: owner + 1 - powerStateRows.count))
    }
    if powerStateRows[owner] < 0 {
      powerStateRows[owner] = powerStateRowCount
      powerStateRowCount += 1
    }
    let before = power.nodePowerState[node.index]
    power.request(state, of: node.index, row: powerStateRows[owner])
    if power.nodePowerState[node.index] != before { lastActor = currentModel }
  }

  /// The largest power state that models other than the caller request for `node`.
  public func otherPowerStateRequests(of node: NodeID) -> UInt8 {
    let owner = currentModel.map { $0.index + 1 } ?? 0
    let mine = owner < powerStateRows.count ? powerStateRows[owner] : -1
    var result: UInt8 = 0
    for (row, requests) in power.stateRequests.enumerated() where row != mine {
      result = Swift.max(result, requests[node.index])
    }
    return result
  }

  /// The relative throughput of `node`'s GPUs in power state `state`.
  public func relativeThroughput(of node: NodeID, inState state: UInt8) -> Double {
    let gpu = site.gpuType(ofNode: node.index)
    let states = gpu.effectiveDVFSStates
    let index = Swift.max(0, gpu.topDVFSState - Int(state))
    return states[index].relativeThroughput
  }

  // MARK: - Node availability

  /// Sets `node`'s availability. A node going down or off stops the jobs on it first (their
  /// progress kept, their allocations released, requeued); a model that wants a rollback stops
  /// them itself before. Placement never chooses a node that is not `up`.
  public mutating func setAvailability(_ state: NodeAvailability, of node: NodeID) {
    let n = node.index
    guard cluster.availability[n] != state else { return }
    if !state.isPowered {
      var victims: [JobID] = []
      for j in jobs.running where jobs.allocations[j.index].contains(where: { $0.node == node }) {
        victims.append(j)
      }
      // Stopped jobs that keep an allocation are rare: scan only when there are some.
      if jobs.stoppedHolding > 0 {
        for j in 0..<jobs.count where jobs.state[j] == .stopped {
          if jobs.allocations[j].contains(where: { $0.node == node }) { victims.append(JobID(j)) }
        }
      }
      for v in victims.sorted() {
        if jobs.state[v.index] == .running { stopJob(v, progress: .keep, allocation: .release) }
        if !jobs.allocations[v.index].isEmpty { releaseAllocation(v) }
        requeue(v)
      }
    }
    cluster.setAvailability(state, of: n)
    power.markNode(n)
    lastActor = currentModel
    log.availabilityChanged.append(node)
    if state == .up { needsScheduling = true }
  }

  // MARK: - Private

  var actorName: String { currentModel.map { "model '\(modelName($0))'" } ?? "the engine" }

  mutating func fail(_ error: SimulationError) {
    if failure == nil { failure = error }
  }
}

/// One line of `events.csv`.
struct EventRow {
  var time: SimTime
  var model: ModelID?
  var kind: String
  var subject: String
  var value: Double
}

/// A signal's index among the signals of a run.
public struct SignalID: Hashable, Sendable {
  public var raw: UInt16
  public init(raw: UInt16) { self.raw = raw }
  public var index: Int { Int(raw) }
}

/// A power term's index among the terms of a run.
public struct PowerTermID: Hashable, Sendable {
  public var raw: UInt16
  public init(raw: UInt16) { self.raw = raw }
  public var index: Int { Int(raw) }
}

/// What changed at one instant, appended as it happens and cleared when the instant has
/// settled.
struct ChangeLog {
  var started: [JobID] = []
  var stopped: [JobID] = []
  var racks: [RackID] = []
  var availabilityChanged: [NodeID] = []

  var counts: ChangeCursor {
    ChangeCursor(
      started: started.count, stopped: stopped.count, racks: racks.count,
      availability: availabilityChanged.count)
  }

  mutating func clear() {
    started.removeAll(keepingCapacity: true)
    stopped.removeAll(keepingCapacity: true)
    racks.removeAll(keepingCapacity: true)
    availabilityChanged.removeAll(keepingCapacity: true)
  }
}

/// How far a model has read the change log.
struct ChangeCursor: Equatable {
  var started = 0
  var stopped = 0
  var racks = 0
  var availability = 0
}

/// The changes a model has not seen yet, at the instant its callback runs: jobs that started,
/// jobs that stopped running (finished or stopped), racks whose power changed, nodes whose
/// availability changed. An entity may appear more than once if it changed again.
public struct ChangeWindow: Sendable {
  public internal(set) var startedJobs: ArraySlice<JobID> = []
  public internal(set) var stoppedJobs: ArraySlice<JobID> = []
  public internal(set) var racksWithNewPower: ArraySlice<RackID> = []
  public internal(set) var nodesWithNewAvailability: ArraySlice<NodeID> = []

  public var isEmpty: Bool {
    startedJobs.isEmpty && stoppedJobs.isEmpty && racksWithNewPower.isEmpty
      && nodesWithNewAvailability.isEmpty
  }
}

/// Site-wide meters, each integrated exactly between events, each from its own count.
struct SiteMeters {
  var itPowerW: TimeWeighted
  var facilityPowerW: TimeWeighted
  /// GPUs doing a job's work.
  var busyGPUs = TimeWeighted()
  /// GPUs held by jobs but idle (the rest of a multi-node job's whole nodes; stopped jobs
  /// that keep their allocation).
  var reservedIdleGPUs = TimeWeighted()
  /// GPUs held by no job on nodes that are up.
  var freeGPUs: TimeWeighted
  /// GPUs held by no job on nodes that are not up.
  var downGPUs = TimeWeighted()
  /// Σ utilisation over all GPUs.
  var utilizationSum = TimeWeighted()
  var runningJobs = TimeWeighted()
  var queuedJobs = TimeWeighted()
  /// Each power term, W.
  var powerTerms: [TimeWeighted] = []

  init(itPowerW: Double, facilityPowerW: Double, freeGPUs: Int) {
    self.itPowerW = TimeWeighted(value: itPowerW)
    self.facilityPowerW = TimeWeighted(value: facilityPowerW)
    self.freeGPUs = TimeWeighted(value: Double(freeGPUs))
  }
}
