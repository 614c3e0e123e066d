import DataCenter
import Policies
import SimKernel
import Workloads

extension Engine {
  /// One scheduling pass: new and requeued jobs join the scheduler's queue; the scheduler
  /// names candidates, the placement policy places them, the engine validates and applies
  /// each decision. A pass costs O(jobs examined · log) plus the placement queries: nothing
  /// scans or compacts the queue. A job the scheduler proposes twice in one pass ends it.
  ///
  /// A preemptive scheduler is then asked for preemptions (each victim is suspended, its
  /// progress kept and allocation released, and requeued, so another pass follows at this
  /// instant) and for its next wake-up time.
  mutating func schedulingPass() {
    startingPass()
    guard preemptive, state.failure == nil else { return }
    if let p = scheduler.preemptions(cluster: state.cluster), preemptionPlaces(p) {
      for id in p.victims { state.preempt(id.index) }
    }
    requestWakeUp(at: scheduler.nextDecisionTime(cluster: state.cluster))
  }

  /// Whether `p` names running victims and a waiting beneficiary that the placement policy
  /// would place once the victims' GPUs are free (tried on a copy of the cluster, with copies
  /// of the policy and its random stream, so nothing of the run changes). An invalid
  /// preemption stops the run with the scheduler's name.
  /// - Complexity: O(victims' allocations · log nodes) plus one placement, and a copy of the
  ///   free-capacity index (O(nodes)) when there are victims.
  mutating func preemptionPlaces(_ p: Preemption) -> Bool {
    let b = p.beneficiary.index
    guard b >= 0 && b < state.jobs.count, state.jobs.state[b] == .queued else {
      state.fail(
        .invalidDecision(
          policy: scheduler.name, message: "preempted for job \(b), which is not waiting"))
      return false
    }
    // No victims: nothing to free, so no copy of the cluster to try it on.
    guard !p.victims.isEmpty else { return false }
    var trial = state.cluster
    for id in p.victims {
      let j = id.index
      guard j >= 0 && j < state.jobs.count, state.jobs.state[j] == .running else {
        state.fail(
          .invalidDecision(
            policy: scheduler.name, message: "preempted job \(j), which is not running"))
        return false
      }
      for a in state.jobs.allocations[j] { trial.release(a) }
    }
    var trialPlacement = placement
    var trialRandom = placementRandom
    guard case .place = trialPlacement.place(queuedJob(b), on: trial, random: &trialRandom)
    else { return false }
    return true
  }

  /// Keeps one scheduler wake-up in the kernel, at `time` (none when nil, past or beyond the
  /// horizon); an earlier one becomes stale by its generation.
  mutating func requestWakeUp(at time: SimTime?) {
    guard let time, time > state.now, time <= horizon else { return }
    guard time != wakeTime else { return }
    wakeGeneration &+= 1
    wakeTime = time
    wakePending = true
  }

  /// The pass proper: starts jobs as the scheduler proposes them.
  mutating func startingPass() {
    state.needsScheduling = false
    // Jobs that stopped running since the last pass at this instant leave the scheduler's
    // books (EASY keeps running jobs' estimated ends; the preemptive ones their service).
    let stopped = state.log.stopped
    if leftCursor < stopped.count {
      for id in stopped[leftCursor...] { scheduler.jobLeft(id, at: state.now) }
      leftCursor = stopped.count
    }
    for id in state.toEnqueue { scheduler.enqueue(queuedJob(id.index)) }
    state.toEnqueue.removeAll(keepingCapacity: true)
    state.cluster.advance(to: state.now)
    nextPass()
    scheduler.beginPass(cluster: state.cluster)
    while let id = scheduler.nextCandidate(cluster: state.cluster) {
      let j = id.index
      guard j >= 0 && j < state.jobs.count, state.jobs.state[j] == .queued else {
        state.fail(
          .invalidDecision(
            policy: scheduler.name, message: "proposed job \(j), which is not waiting"))
        return
      }
      if jobMark[j] == pass { return }
      jobMark[j] = pass
      let job = queuedJob(j)
      switch placement.place(job, on: state.cluster, random: &placementRandom) {
      case .place(let allocations):
        if let problem = validate(allocations, for: job) {
          let message = "job \(state.jobs.specs[j].name): \(problem)"
          state.fail(.invalidDecision(policy: placement.name, message: message))
          return
        }
        if !admitted(job, on: allocations) {
          if scheduler.record(.blocked, of: id, cluster: state.cluster) == .stop { return }
          continue
        }
        state.start(j, on: allocations)
        placement.didStart(job, on: allocations, cluster: state.cluster)
        _ = scheduler.record(.started, of: id, cluster: state.cluster)
      case .reject:
        state.reject(j)
        _ = scheduler.record(.rejected, of: id, cluster: state.cluster)
      case .wait:
        if scheduler.record(.blocked, of: id, cluster: state.cluster) == .stop { return }
      }
    }
  }

  /// Job `j` as policies see it.
  func queuedJob(_ j: Int) -> QueuedJob {
    let spec = state.jobs.specs[j]
    return QueuedJob(
      id: JobID(j), gpus: spec.gpus, submit: spec.submit, work: spec.work,
      priority: spec.priority, estimate: spec.estimate)
  }

  /// Whether every model that gates starts admits `job` on `allocations`.
  mutating func admitted(_ job: QueuedJob, on allocations: [NodeAllocation]) -> Bool {
    for m in gatingModels where !models[m].admits(job, on: allocations, run: state) {
      return false
    }
    return true
  }

  /// Why `allocations` cannot run `job`, or nil when they can. Duplicate nodes are found with
  /// a mark array, not a quadratic search.
  mutating func validate(_ allocations: [NodeAllocation], for job: QueuedJob) -> String? {
    let cluster = state.cluster
    validation &+= 1
    if validation == 0 {
      for k in 0..<nodeMark.count { nodeMark[k] = 0 }
      validation = 1
    }
    var total = 0
    for a in allocations {
      let n = a.node.index
      guard n >= 0 && n < site.nodeCount else { return "node \(n) does not exist" }
      guard a.gpus > 0 else { return "allocates \(a.gpus) GPUs on node \(n)" }
      guard cluster.isUsable(n) else {
        return "chose node \(n), which is \(cluster.availability[n].name)"
      }
      guard a.gpus <= cluster.freeGPUs[n] else {
        return "takes \(a.gpus) GPUs on node \(n), which has \(cluster.freeGPUs[n]) free"
      }
      guard nodeMark[n] != validation else { return "node \(n) appears twice" }
      nodeMark[n] = validation
      if job.gpus > site.maxGPUsPerNode && a.gpus != site.nodeGPUCount[n] {
        return "a multi-node job must take whole nodes; node \(n) partly taken"
      }
      total += Int(a.gpus)
    }
    if total < job.gpus { return "allocates \(total) GPUs for a job of \(job.gpus)" }
    if job.gpus <= site.maxGPUsPerNode && allocations.count != 1 {
      return "a job that fits in one node must get one node"
    }
    return nil
  }

  /// A new stamp for the mark arrays (cleared when the counter wraps).
  mutating func nextPass() {
    pass &+= 1
    if pass == 0 {
      for k in 0..<jobMark.count { jobMark[k] = 0 }
      pass = 1
    }
  }
}
