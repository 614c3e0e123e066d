import DataCenter
import SimKernel
import Workloads

/// EASY backfilling (Mu'alem and Feitelson 2001; one reservation, as in Slurm's backfill) over
/// a queue order (`policies.backfill: easy`; `easy-backfill` is `fifo` with it).
///
/// Semantics, exactly:
/// 1. A pass starts jobs from the head of the ordered queue while the head fits.
/// 2. When the head does not fit, it gets a reservation at the shadow time: the earliest time
///    at which enough GPUs are free if every running job releases its GPUs at its estimated
///    end (its latest start + `estimate_s`, or + its true duration when it has no estimate;
///    an estimated end already past counts as now). `extra` = the GPUs free at the shadow
///    time beyond the head's need.
/// 3. Then every later job, in queue order, starts now if it fits in what is free now and
///    either ends by its estimate no later than the shadow time, or needs no more than
///    `extra` (which then shrinks by its need).
/// Jobs really run for their true duration; estimates only shape the reservation. Resources
/// are counted in GPUs; the placement policy still decides where (a candidate it cannot place
/// is skipped).
///
/// The queue is a sorted array with removal marks (compacted when half of it is marked);
/// running jobs are kept by estimated end in `RunningEnds` (sorted blocks), so the shadow time
/// walks only the earliest ends until enough GPUs would be free, and a start or finish costs
/// O(log running + 256), not O(running). A pass costs O(jobs examined + running jobs walked)
/// after the head blocks. - Complexity: insertion O(log q) to find the place, O(q) to insert
/// out of order (in order — the common case for fifo — it appends).
public struct EasyBackfillScheduler<Order: QueueOrder>: SchedulingPolicy {
  public static var name: String { Order.name == "fifo" ? "easy-backfill" : Order.name + "+easy" }

  typealias Entry = EasyQueueEntry

  var queue: [Entry] = []
  var head = 0
  var live = 0
  /// Running jobs by estimated end, and each job's estimated end by `JobID.index` (`.never`
  /// when it is not running).
  var running = RunningEnds()
  var runningEnd: [SimTime] = []
  // The pass.
  var cursor = 0
  var backfilling = false
  var shadow = SimTime.never
  var extra = 0

  public init() {}

  public var waitingCount: Int { live }

  /// The reservation the last pass gave its blocked head: the job and its shadow time
  /// (`.never` when running jobs' releases never make room); nil when the head was not
  /// blocked.
  public var reservation: (job: JobID, shadow: SimTime)? {
    guard backfilling, head < queue.count else { return nil }
    return (queue[head].id, shadow)
  }

  public mutating func enqueue(_ job: QueuedJob) {
    let entry = Entry(
      key: Order.key(of: job), submit: job.submit, id: job.id, gpus: job.gpus,
      expected: job.expectedDuration)
    if queue.last.map({ $0.precedes(entry) }) ?? true {
      queue.append(entry)
    } else {
      var lo = head
      var hi = queue.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if queue[mid].precedes(entry) { lo = mid + 1 } else { hi = mid }
      }
      queue.insert(entry, at: lo)
    }
    live += 1
  }

  public mutating func beginPass(cluster: ClusterView) {
    cursor = head
    backfilling = false
  }

  public mutating func nextCandidate(cluster: ClusterView) -> JobID? {
    let free = cluster.totalFreeGPUs
    let now = cluster.now
    while cursor < queue.count {
      if queue[cursor].removed {
        cursor += 1
        continue
      }
      if !backfilling { return queue[cursor].id }
      if free == 0 { return nil }
      let gpus = queue[cursor].gpus
      let endsBeforeShadow = now + queue[cursor].expected <= shadow
      if gpus <= free && (endsBeforeShadow || gpus <= extra) { return queue[cursor].id }
      cursor += 1
    }
    return nil
  }

  public mutating func record(
    _ outcome: CandidateOutcome, of id: JobID, cluster: ClusterView
  ) -> SchedulingContinuation {
    let job = queue[cursor]
    switch outcome {
    case .started, .rejected:
      if outcome == .started {
        addRunning(job, at: cluster.now)
        if backfilling && cluster.now + job.expected > shadow { extra -= job.gpus }
      }
      remove(at: cursor)
      cursor += 1
      if !backfilling { cursor = head }
    case .blocked:
      if !backfilling {
        reserve(for: job, cluster: cluster)
        backfilling = true
      }
      cursor += 1
    }
    return .tryNext
  }

  public mutating func jobLeft(_ id: JobID) {
    let j = id.index
    guard j < runningEnd.count, runningEnd[j] != .never else { return }
    running.remove(end: runningEnd[j], id: id)
    runningEnd[j] = .never
  }

  // MARK: - Private

  /// The shadow time and `extra` for a blocked head of `job.gpus` GPUs.
  mutating func reserve(for job: Entry, cluster: ClusterView) {
    var available = cluster.totalFreeGPUs
    shadow = .never
    extra = 0
    for block in running.blocks {
      for r in block {
        available += r.gpus
        if available >= job.gpus {
          shadow = Swift.max(r.end, cluster.now)
          extra = available - job.gpus
          return
        }
      }
    }
  }

  mutating func addRunning(_ job: Entry, at now: SimTime) {
    let end = now + job.expected
    running.insert(.init(end: end, gpus: job.gpus, id: job.id))
    let j = job.id.index
    if j >= runningEnd.count {
      runningEnd += Array(repeating: .never, count: j + 1 - runningEnd.count)
    }
    runningEnd[j] = end
  }

  mutating func remove(at k: Int) {
    queue[k].removed = true
    live -= 1
    while head < queue.count && queue[head].removed { head += 1 }
    // Compact once half of the array is marks; positions restart at 0.
    if head > 1024 && head * 2 > queue.count {
      let shift = head
      queue.removeFirst(shift)
      cursor = Swift.max(0, cursor - shift)
      head = 0
    }
  }
}

/// A queue entry of `EasyBackfillScheduler`: the fields a pass reads, 48 bytes. Declared
/// outside the generic scheduler so that the queue's element type has static metadata (a
/// type nested in a generic one is looked up at run time on every access: 12 % of the EASY
/// benchmark's time).
struct EasyQueueEntry: Sendable {
  var key: Int64
  var submit: SimTime
  var id: JobID
  var gpus: Int
  var expected: SimDuration
  var removed = false
  func precedes(_ other: EasyQueueEntry) -> Bool {
    (key, submit, id) < (other.key, other.submit, other.id)
  }
}
