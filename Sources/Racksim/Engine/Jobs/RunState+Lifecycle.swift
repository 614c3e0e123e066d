import DataCenter
import Policies
import SimKernel
import Workloads

/// What a stopped job keeps of its progress.
public enum ProgressOnStop: Sendable, Equatable {
  /// The work done so far stays done (a suspend).
  case keep
  /// The job goes back to having done `workDone` of full-speed work (a checkpoint), or keeps
  /// its progress if it had done less.
  case rollBack(toWorkDone: SimDuration)
}

/// What a stopped job does with the GPUs it holds.
public enum AllocationOnStop: Sendable, Equatable {
  /// Gives them back to the cluster.
  case release
  /// Keeps them, idle (they count as reserved idle), for a `resume` on the same GPUs.
  case keep
}

// Job lifecycle (the jobs component): queued → running → stopped → requeued or resumed, or
// running → finished. Each mutator keeps the cluster's occupancy, the power ledger's load, the
// GPU-second counts and the change log consistent at the current instant.
extension RunState {
  /// Stops running job `job` now. Its progress is kept or rolled back, its allocation released
  /// or kept, as the caller says; it stays stopped until `requeue` or `resume`.
  public mutating func stopJob(
    _ job: JobID, progress: ProgressOnStop, allocation: AllocationOnStop
  ) {
    let j = job.index
    guard jobs.state[j] == .running else {
      return fail(
        .invalidModel(
          "\(actorName) stopped job \(jobs.specs[j].name), which is \(jobs.state[j].name)"))
    }
    jobs.accrueProgress(j, to: now)
    if case .rollBack(let done) = progress {
      let total = Double(jobs.specs[j].work.nanoseconds)
      let target = total - Double(Swift.max(done.nanoseconds, 0))
      jobs.remainingNs[j] = Swift.min(total, Swift.max(jobs.remainingNs[j], target))
    }
    jobs.rate[j] = 0
    jobs.generations.bump(j)
    applyLoad(j, joining: false)
    jobs.removeRunning(j)
    jobs.state[j] = .stopped
    switch allocation {
    case .release:
      releaseHeld(j)
    case .keep:
      power.changeReserved(by: heldGPUs(j))
      jobs.stoppedHolding += 1
    }
    jobsStopped += 1
    log.stopped.append(job)
    lastActor = currentModel
    needsScheduling = true
  }

  /// Gives back the allocation a stopped job kept.
  public mutating func releaseAllocation(_ job: JobID) {
    let j = job.index
    guard jobs.state[j] == .stopped, !jobs.allocations[j].isEmpty else { return }
    power.changeReserved(by: -heldGPUs(j))
    jobs.stoppedHolding -= 1
    releaseHeld(j)
    needsScheduling = true
  }

  /// Puts a stopped job back in the scheduler's queue (releasing its allocation if it kept
  /// one). It keeps its submit time, so order-by-submit schedulers put it where it was.
  public mutating func requeue(_ job: JobID) {
    let j = job.index
    guard jobs.state[j] == .stopped else {
      return fail(
        .invalidModel(
          "\(actorName) requeued job \(jobs.specs[j].name), which is \(jobs.state[j].name)"))
    }
    releaseAllocation(job)
    jobs.state[j] = .queued
    jobs.restarts[j] += 1
    queuedCount += 1
    toEnqueue.append(job)
    needsScheduling = true
  }

  /// Runs a stopped job again on the allocation it kept.
  public mutating func resume(_ job: JobID) {
    let j = job.index
    guard jobs.state[j] == .stopped, !jobs.allocations[j].isEmpty else {
      return fail(
        .invalidModel(
          "\(actorName) resumed job \(jobs.specs[j].name), which holds no allocation"))
    }
    power.changeReserved(by: -heldGPUs(j))
    jobs.stoppedHolding -= 1
    run(j)
  }

  // MARK: - Engine-side lifecycle

  /// Job `j` is submitted now.
  mutating func submit(_ j: Int) {
    jobs.state[j] = .queued
    queuedCount += 1
    toEnqueue.append(JobID(j))
    needsScheduling = true
  }

  /// Starts queued job `j` on `allocations` (already validated).
  mutating func start(_ j: Int, on allocations: [NodeAllocation]) {
    for a in allocations { cluster.take(a) }
    jobs.hold(j, allocations, at: now)
    if jobs.start[j] == .never {
      jobs.start[j] = now
      jobsStarted += 1
    }
    queuedCount -= 1
    // A resume after a preemption redoes `resumeOverhead` of full-speed work first (the
    // suspend/resume cost): the remaining work grows by it before the job runs again.
    if jobs.owesResumeOverhead[j] {
      jobs.owesResumeOverhead[j] = false
      jobs.remainingNs[j] += Double(jobs.resumeOverhead.nanoseconds)
      jobs.lostGPUSeconds[j] += Double(jobs.specs[j].gpus) * jobs.resumeOverhead.seconds
    }
    run(j)
  }

  /// The scheduler preempts running job `j` now: it is suspended with its progress kept, its
  /// allocation released, and requeued; its next start pays `jobs.resumeOverhead`.
  mutating func preempt(_ j: Int) {
    stopJob(JobID(j), progress: .keep, allocation: .release)
    guard failure == nil else { return }
    requeue(JobID(j))
    jobs.preemptions[j] += 1
    jobs.owesResumeOverhead[j] = jobs.resumeOverhead > .zero
  }

  /// A queued job that can never run here leaves the queue.
  mutating func reject(_ j: Int) {
    jobs.state[j] = .rejected
    queuedCount -= 1
    jobsRejected += 1
  }

  /// Running job `j` has done its work.
  mutating func finish(_ j: Int) {
    jobs.accrueProgress(j, to: now)
    jobs.rate[j] = 0
    jobs.state[j] = .finished
    jobs.end[j] = now
    jobs.generations.bump(j)
    applyLoad(j, joining: false)
    jobs.removeRunning(j)
    releaseHeld(j)
    jobsFinished += 1
    log.stopped.append(JobID(j))
    needsScheduling = true
  }

  // MARK: - Private

  /// Job `j` (holding its allocation) runs from now; the rates stage gives it its rate.
  private mutating func run(_ j: Int) {
    jobs.state[j] = .running
    jobs.progressTime[j] = now
    jobs.rate[j] = 0
    jobs.addRunning(j)
    applyLoad(j, joining: true)
    jobs.markDirty(j)
    log.started.append(JobID(j))
  }

  /// The GPUs job `j` holds.
  func heldGPUs(_ j: Int) -> Int { jobs.allocations[j].reduce(0) { $0 + Int($1.gpus) } }

  /// Returns job `j`'s GPUs to the cluster.
  private mutating func releaseHeld(_ j: Int) {
    for a in jobs.allocations[j] { cluster.release(a) }
    jobs.releaseHold(j, at: now)
  }

  /// A running job's load joins or leaves its nodes: its first `gpus` GPUs across its
  /// allocations are busy at its utilisation, the rest of what it holds idle (reserved).
  private mutating func applyLoad(_ j: Int, joining: Bool) {
    let spec = jobs.specs[j]
    var unassigned = Int32(spec.gpus)
    var reserved = 0
    for a in jobs.allocations[j] {
      let working = Swift.min(a.gpus, unassigned)
      unassigned -= working
      reserved += Int(a.gpus - working)
      if working > 0 {
        power.changeLoad(
          node: a.node.index, busy: working, utilization: spec.gpuUtilization, joining: joining,
          at: now)
      }
    }
    power.changeReserved(by: joining ? reserved : -reserved)
  }
}
