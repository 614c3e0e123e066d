import Policies
import SimKernel
import Workloads

// The settle pipeline (DESIGN.md "How the models share one run"). After the events of an
// instant (before its observers), the engine runs rounds of:
//   1. scheduling        the engine: new and requeued jobs join the queue; one pass
//   2. power             the engine recomputes dirty nodes, racks and IT power; then the
//                        `.power` models (DVFS, caps)
//   3. network           `.network` models (the fabric)
//   4. thermal           `.thermal` models (inlets, throttling)
//   5. facility          `.facility` models (plant, losses: facility power terms)
//   6. rates             jobs whose factors changed get rate = Π factors
//   7. completions       jobs whose rate changed get a new completion (lazy cancellation)
// then brings the meters up to date. Another round follows while anything is dirty: a pass
// is needed, a node's power or a job's factors changed, a signal changed, or a model has not
// yet seen a change.
// More than `Engine.maxRoundsPerInstant` rounds at one instant (counting the rounds of later
// zero-delay events at the same time) stops the run with an error naming the model that last
// changed something: a cascade ends, never hangs.

extension Engine {
  mutating func settle(kernel: inout Kernel<SimEvent>) {
    let now = kernel.now
    state.now = now
    if roundInstant != now {
      roundInstant = now
      rounds = 0
    }
    repeat {
      rounds += 1
      guard rounds <= Self.maxRoundsPerInstant else {
        let culprit = state.lastActor.map { "model '\(state.modelName($0))'" } ?? "the engine"
        let message =
          "the run did not settle at t = \(now.seconds) s: more than "
          + "\(Self.maxRoundsPerInstant) settle rounds at one instant; the last change came "
          + "from \(culprit)"
        stop(.unsettled(message), kernel: &kernel)
        return
      }
      state.signalsChanged = false
      if state.needsScheduling || !state.toEnqueue.isEmpty { schedulingPass() }
      state.power.settle(
        at: now, availability: state.cluster.availability, changedRacks: &state.log.racks)
      for m in settleOrder { settleModel(m) }
      updateComputeFactors()
      applyRates(kernel: &kernel)
      updateMeters()
      flushModelEvents(kernel: &kernel)
      if let failure = state.failure {
        stop(failure, kernel: &kernel)
        return
      }
    } while isDirty
    if !state.eventRows.isEmpty {
      do {
        try recorder.writeEvents(state.eventRows, modelNames: state.modelNames)
      } catch {
        stop(error, kernel: &kernel)
      }
      state.eventRows.removeAll(keepingCapacity: true)
    }
    state.log.clear()
    computeCursor = 0
    leftCursor = 0
    for m in 0..<cursors.count { cursors[m] = ChangeCursor() }
    state.lastActor = nil
  }

  /// Whether another round is needed.
  var isDirty: Bool {
    if state.needsScheduling || !state.toEnqueue.isEmpty || state.power.isDirty
      || !state.jobs.dirty.isEmpty || state.signalsChanged
    {
      return true
    }
    let counts = state.log.counts
    return cursors.contains { $0 != counts }
  }

  /// Runs model `m`'s settle with the changes it has not seen.
  mutating func settleModel(_ m: Int) {
    let counts = state.log.counts
    let seen = cursors[m]
    state.changes = ChangeWindow(
      startedJobs: state.log.started[seen.started..<counts.started],
      stoppedJobs: state.log.stopped[seen.stopped..<counts.stopped],
      racksWithNewPower: state.log.racks[seen.racks..<counts.racks],
      nodesWithNewAvailability: state.log.availabilityChanged[
        seen.availability..<counts.availability])
    cursors[m] = counts
    state.currentModel = ModelID(raw: UInt16(m))
    models[m].settle(run: &state)
    state.currentModel = nil
    state.changes = ChangeWindow()
    // A power-stage model may have changed power states: recompute before later stages.
    if isPowerStage[m] {
      state.power.settle(
        at: state.now, availability: state.cluster.availability, changedRacks: &state.log.racks)
    }
  }

  /// The engine's `compute` factor (issue 8 item 1): every job on a node whose effective power
  /// state changed, and every job that started, gets the relative throughput of the slowest
  /// state among its nodes. Nothing to do while every node is in its top state.
  mutating func updateComputeFactors() {
    let changed = state.power.stateChangedNodes
    if !changed.isEmpty {
      for n in changed { nodeStateMark[Int(n)] = true }
      for job in state.jobs.running
      where state.jobs.allocations[job.index].contains(where: { nodeStateMark[$0.node.index] }) {
        setComputeFactor(of: job)
      }
      for n in changed { nodeStateMark[Int(n)] = false }
      state.power.stateChangedNodes.removeAll(keepingCapacity: true)
    }
    let started = state.log.started
    if computeCursor < started.count && state.powerStateRowCount > 0 {
      for job in started[computeCursor...] where state.jobs.state[job.index] == .running {
        setComputeFactor(of: job)
      }
    }
    computeCursor = started.count
  }

  mutating func setComputeFactor(of job: JobID) {
    var value = 1.0
    for a in state.jobs.allocations[job.index] {
      let s = state.power.nodePowerState[a.node.index]
      if s > 0 { value = Swift.min(value, state.relativeThroughput(of: a.node, inState: s)) }
    }
    state.setRateFactor(state.computeFactor, of: job, to: value)
  }

  /// Rates and completions: each running job whose factors changed gets rate = Π factors;
  /// where that changed, its progress is brought up to now at the old rate and its completion
  /// rescheduled by the one rounding rule (`SimDuration.completion`).
  mutating func applyRates(kernel: inout Kernel<SimEvent>) {
    guard !state.jobs.dirty.isEmpty else { return }
    let now = state.now
    for raw in state.jobs.dirty {
      let j = Int(raw)
      state.jobs.isDirty[j] = false
      guard state.jobs.state[j] == .running else { continue }
      let rate = state.jobs.factorProduct(j)
      // A job that has just started has rate 0 until now: it always gets a completion.
      guard rate != state.jobs.rate[j] || state.jobs.progressTime[j] == now else { continue }
      state.jobs.accrueProgress(j, to: now)
      state.jobs.rate[j] = rate
      let generation = state.jobs.generations.bump(j)
      let done = state.jobs.completionTime(j)
      if done != .never && done <= horizon {
        kernel.schedule(.completion(JobID(j), generation: generation), at: done, phase: .completion)
      }
    }
    state.jobs.dirty.removeAll(keepingCapacity: true)
  }

  /// Brings every site meter to the settled values of this instant, each from its own count.
  mutating func updateMeters() {
    let now = state.now
    let it = state.power.itPowerW
    Self.update(&state.meters.itPowerW, it, at: now)
    var facility = it
    for k in state.powerTerms.indices {
      facility += state.powerTerms[k]
      Self.update(&state.meters.powerTerms[k], state.powerTerms[k], at: now)
    }
    Self.update(&state.meters.facilityPowerW, facility, at: now)
    Self.update(&state.meters.busyGPUs, Double(state.power.busyGPUs), at: now)
    Self.update(&state.meters.reservedIdleGPUs, Double(state.power.reservedGPUs), at: now)
    Self.update(&state.meters.freeGPUs, Double(state.cluster.totalFreeGPUs), at: now)
    Self.update(&state.meters.downGPUs, Double(state.cluster.downGPUs), at: now)
    Self.update(&state.meters.utilizationSum, state.power.utilizationSum, at: now)
    Self.update(&state.meters.runningJobs, Double(state.jobs.running.count), at: now)
    Self.update(&state.meters.queuedJobs, Double(state.queuedCount), at: now)
  }

  static func update(_ meter: inout TimeWeighted, _ value: Double, at now: SimTime) {
    if meter.value != value { meter.set(value, at: now) }
  }
}
