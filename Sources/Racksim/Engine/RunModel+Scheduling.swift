import DataCenter
import Policies
import SimKernel
import Workloads

extension RunModel {
  /// One scheduling pass: the scheduler names candidates, the placement policy places them,
  /// the engine validates and applies each decision. Started and rejected jobs leave the
  /// queue at the end of the pass, in one compaction.
  mutating func schedulingPass(kernel: inout Kernel<SimEvent>) {
    cluster.advance(to: kernel.now)
    var previous: Int? = nil
    // A buffer kept across passes, so a pass allocates nothing in steady state.
    var leaving = leavingBuffer
    leaving.removeAll(keepingCapacity: true)
    leavingBuffer = []
    defer { leavingBuffer = leaving }
    pass: while let position = scheduler.nextCandidate(after: previous, in: queue, cluster: cluster)
    {
      previous = position
      guard position >= 0 && position < queue.count, !leaving.contains(position) else {
        let message = "candidate position \(position) is not a waiting job"
        fail(.invalidDecision(policy: scheduler.name, message: message), kernel: &kernel)
        return
      }
      let job = queue[position]
      switch placement.place(job, on: cluster, random: &placementRandom) {
      case .place(let allocations):
        if let problem = validate(allocations, for: job) {
          let message = "job \(jobs.specs[job.id.index].name): \(problem)"
          fail(.invalidDecision(policy: placement.name, message: message), kernel: &kernel)
          return
        }
        start(job.id, on: allocations, kernel: &kernel)
        leaving.append(position)
      case .reject:
        jobs.state[job.id.index] = .rejected
        jobsRejected += 1
        leaving.append(position)
      case .wait:
        if scheduler.afterBlocked(at: position, in: queue, cluster: cluster) == .stop { break pass }
      }
    }
    guard !leaving.isEmpty else { return }
    meters.queuedJobs.add(-Double(leaving.count), at: kernel.now)
    // Compact the queue in one pass, keeping submission order.
    leaving.sort()
    var write = 0
    var next = 0
    for read in 0..<queue.count {
      if next < leaving.count && leaving[next] == read {
        next += 1
        continue
      }
      queue[write] = queue[read]
      write += 1
    }
    queue.removeLast(queue.count - write)
  }

  mutating func start(_ id: JobID, on allocations: [NodeAllocation], kernel: inout Kernel<SimEvent>)
  {
    let j = id.index
    let now = kernel.now
    for a in allocations { cluster.take(a) }
    jobs.allocations[j] = allocations
    jobs.state[j] = .running
    jobs.start[j] = now
    jobs.progressTime[j] = now
    jobsStarted += 1
    meters.runningJobs.add(1, at: now)
    setJobLoad(j, on: true, now: now)
    setRate(j, to: 1.0, kernel: &kernel)
  }

  /// Why `allocations` cannot run `job`, or nil when they can.
  func validate(_ allocations: [NodeAllocation], for job: QueuedJob) -> String? {
    var total = 0
    for (i, a) in allocations.enumerated() {
      let n = a.node.index
      guard n >= 0 && n < site.nodeCount else { return "node \(n) does not exist" }
      guard a.gpus > 0 else { return "allocates \(a.gpus) GPUs on node \(n)" }
      guard a.gpus <= cluster.freeGPUs[n] else {
        return "takes \(a.gpus) GPUs on node \(n), which has \(cluster.freeGPUs[n]) free"
      }
      if allocations[..<i].contains(where: { $0.node == a.node }) {
        return "node \(n) appears twice"
      }
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

  mutating func fail(_ error: SimulationError, kernel: inout Kernel<SimEvent>) {
    failure = error
    kernel.stop()
  }
}
