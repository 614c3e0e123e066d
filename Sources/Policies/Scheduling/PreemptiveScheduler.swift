import DataCenter
import HeapModule
import SimKernel
import Workloads

/// How a preemptive order ranks waiting jobs and chooses running jobs to suspend
/// (`LeastAttainedService`, `ShortestRemainingTime`, `RoundRobin`, `PreemptivePriority`).
public protocol PreemptionRule: Sendable {
  /// The scenario name of the scheduler that uses this rule.
  static var name: String { get }
  /// The rank of a waiting job: smaller starts first; ties by submit time, then ID. It must
  /// not change while the job waits (it is the heap key), so it may depend only on the
  /// record's finished segments and `queuedSince`.
  func waitingRank(_ job: ServiceRecord) -> Int64
  /// Whether running job `victim` may be suspended now so that the blocked head `candidate`
  /// can start. This is where each rule's anti-thrash rule lives.
  func mayPreempt(_ victim: ServiceRecord, for candidate: ServiceRecord, at now: SimTime) -> Bool
  /// Among the victims `mayPreempt` allows, larger is suspended first (ties: later submit,
  /// then larger ID first).
  func victimRank(_ job: ServiceRecord, at now: SimTime) -> Int64
  /// The first time after `now` at which running `job` may become preemptible with no other
  /// event (a LAS demotion, a quantum's end), or nil if that never happens by itself.
  func nextChange(_ job: ServiceRecord, at now: SimTime) -> SimTime?
}

extension PreemptionRule {
  public func nextChange(_ job: ServiceRecord, at now: SimTime) -> SimTime? { nil }
}

/// What a preemptive scheduler counts of one job's service. Times are the simulated clock's;
/// service is wall-clock time run, whatever rate models give the job (Tiresias counts it the
/// same way).
public struct ServiceRecord: Sendable {
  public var id: JobID
  public var gpus: Int
  public var submit: SimTime
  /// The job's `estimate_s` if it has one, else its true duration.
  public var expected: SimDuration
  public var priority: Int
  /// Wall-clock time run over finished segments.
  public var served: SimDuration = .zero
  /// GPUs × ns run over finished segments (saturating).
  public var attainedGPUNanoseconds: Int64 = 0
  /// The start of the current segment; `.never` when the job is not running.
  public var segmentStart: SimTime = .never
  /// Starts after one of this scheduler's preemptions (each pays the suspend/resume overhead).
  public var resumes: Int = 0
  /// When it last joined the queue: its submit time, or when it last stopped running.
  public var queuedSince: SimTime = .never
  var preempted = false
  /// When this scheduler last preempted it (`.never` if it never did).
  public var preemptedAt: SimTime = .never
  var runningPosition: Int32 = -1

  public var isRunning: Bool { segmentStart != .never }

  /// Wall-clock time run up to `now`.
  public func servedTime(at now: SimTime) -> SimDuration {
    isRunning ? served + (now - segmentStart) : served
  }

  /// Attained service up to `now`, in GPU-nanoseconds (GPUs × ns run; saturating).
  public func attained(at now: SimTime) -> Int64 {
    guard isRunning else { return attainedGPUNanoseconds }
    let (current, overflow) = Int64(gpus).multipliedReportingOverflow(
      by: (now - segmentStart).nanoseconds)
    if overflow { return .max }
    let (sum, over) = attainedGPUNanoseconds.addingReportingOverflow(current)
    return over ? .max : sum
  }
}

/// A preemptive scheduler: a queue ordered by `Rule.waitingRank`, work-conserving, plus
/// preemption for the best waiting job that does not fit.
///
/// Semantics, exactly:
/// 0. A pass tries waiting jobs in rank order and starts each that placement can place now; a
///    job that does not fit is passed over (it stays queued, in its place). The pass ends when
///    every waiting job was tried or fewer GPUs are free than the smallest waiting job needs.
///    (No reservation: it is preemption that lets a passed-over job in once it ranks first.)
/// Then, after the pass:
/// 1. Let h be the blocked head (the best waiting job) and `need` = h's GPUs − the free GPUs.
///    Nothing is preempted when `need` ≤ 0 (h is blocked by placement or an admission model,
///    which preemption cannot help) or when the running jobs `Rule.mayPreempt` allows for h
///    hold fewer than `need` GPUs in all.
/// 2. Otherwise those jobs are suspended in order of `Rule.victimRank`, largest first (ties:
///    later submit, then larger ID), until their GPUs cover `need`; each keeps its progress,
///    releases its allocation and is requeued (`queuedSince` = now), but only if the engine's
///    placement policy would place h on what is free once they are gone (a preemption that
///    cannot start h, because the freed GPUs are scattered, is never made). The engine runs
///    another pass at the same instant, in which h starts.
///    Anti-thrash, for every rule: a job preempted at an instant does not start again at that
///    instant (GPUs its suspension freed beyond h's need stay free until the next event), and
///    the best waiting job preempts nothing at the instant it was itself preempted.
/// 3. Preemption is evaluated at every pass, and at `nextDecisionTime` (the earliest
///    `Rule.nextChange` of a running job while jobs wait), for which the engine schedules a
///    wake-up. A job is preempted only by a job of a strictly better rank class (`mayPreempt`),
///    so at one instant no pair of jobs can preempt each other.
///
/// - Complexity: a pass costs O(examined · log queue) (examined ≤ queue, and a pass stops as
///   soon as no waiting job could fit by its GPU count); `preemptions` and `nextDecisionTime`
///   cost O(running) each (O(running · log running) when there are victims to sort). Only
///   preemptive schedulers are asked.
public struct PreemptiveScheduler<Rule: PreemptionRule>: SchedulingPolicy {
  public static var name: String { Rule.name }

  typealias Entry = QueueEntry

  public let rule: Rule
  var queue = Heap<Entry>()
  /// Every job seen so far, indexed by `JobID.index`.
  public private(set) var records: [ServiceRecord] = []
  /// Running jobs this scheduler started, in no particular order.
  var running: [JobID] = []
  /// Jobs passed over in this pass (taken out of the heap, put back when the pass ends).
  var passedOver: [Entry] = []
  /// The victims of the last preemption asked for, and when: they are marked preempted when
  /// they leave at that instant (the engine may decline a preemption placement cannot use).
  var proposed: [JobID] = []
  var proposedAt: SimTime = .never
  /// Waiting jobs per GPU count, and the smallest count with a waiting job (`Int.max` if none).
  var sizeCount: [Int32] = []
  var minSize = Int.max

  public init(_ rule: Rule) { self.rule = rule }

  public var waitingCount: Int { queue.count + passedOver.count }
  public var isPreemptive: Bool { true }

  public mutating func enqueue(_ job: QueuedJob) {
    let j = job.id.index
    if j >= records.count {
      records.reserveCapacity(j + 1)
      while records.count <= j {
        let id = JobID(records.count)
        records.append(
          ServiceRecord(id: id, gpus: 0, submit: .zero, expected: .zero, priority: 0))
      }
    }
    if records[j].queuedSince == .never { records[j].queuedSince = job.submit }
    records[j].gpus = job.gpus
    records[j].submit = job.submit
    records[j].expected = job.expectedDuration
    records[j].priority = job.priority
    queue.insert(
      Entry(key: rule.waitingRank(records[j]), submit: job.submit.nanoseconds, id: job.id.raw))
    let g = Swift.max(job.gpus, 0)
    if g >= sizeCount.count { sizeCount += Array(repeating: 0, count: g + 1 - sizeCount.count) }
    sizeCount[g] += 1
    minSize = Swift.min(minSize, g)
  }

  public mutating func beginPass(cluster: ClusterView) { endPass() }

  public mutating func nextCandidate(cluster: ClusterView) -> JobID? {
    // Anti-thrash: a job preempted at this instant does not start again at it.
    while let top = queue.min, records[Int(top.id)].preemptedAt == cluster.now {
      passedOver.append(queue.removeMin())
    }
    guard let top = queue.min, cluster.totalFreeGPUs >= minSize else {
      endPass()
      return nil
    }
    return JobID(raw: top.id)
  }

  public mutating func record(
    _ outcome: CandidateOutcome, of job: JobID, cluster: ClusterView
  ) -> SchedulingContinuation {
    switch outcome {
    case .started:
      _ = queue.popMin()
      let j = job.index
      leave(size: records[j].gpus)
      records[j].segmentStart = cluster.now
      if records[j].preempted {
        records[j].resumes += 1
        records[j].preempted = false
      }
      records[j].runningPosition = Int32(running.count)
      running.append(job)
      return .tryNext
    case .rejected:
      _ = queue.popMin()
      leave(size: records[job.index].gpus)
      return .tryNext
    case .blocked:
      if let e = queue.popMin() { passedOver.append(e) }
      return .tryNext
    }
  }

  public mutating func jobLeft(_ id: JobID, at now: SimTime) {
    let j = id.index
    guard j < records.count, records[j].isRunning else { return }
    if now == proposedAt, proposed.contains(id) {
      records[j].preempted = true
      records[j].preemptedAt = now
    }
    records[j].attainedGPUNanoseconds = records[j].attained(at: now)
    records[j].served = records[j].servedTime(at: now)
    records[j].segmentStart = .never
    records[j].queuedSince = now
    let p = Int(records[j].runningPosition)
    let last = running.removeLast()
    if last != id {
      running[p] = last
      records[last.index].runningPosition = Int32(p)
    }
    records[j].runningPosition = -1
  }

  public mutating func preemptions(cluster: ClusterView) -> Preemption? {
    endPass()
    guard let top = queue.min else { return nil }
    let head = records[Int(top.id)]
    let now = cluster.now
    let need = head.gpus - cluster.totalFreeGPUs
    guard need > 0, head.preemptedAt != now else { return nil }
    var eligible: [(rank: Int64, submit: SimTime, id: JobID, gpus: Int)] = []
    var total = 0
    for id in running {
      let r = records[id.index]
      guard rule.mayPreempt(r, for: head, at: now) else { continue }
      eligible.append((rule.victimRank(r, at: now), r.submit, id, r.gpus))
      total += r.gpus
    }
    guard total >= need else { return nil }
    eligible.sort { ($0.rank, $0.submit, $0.id) > ($1.rank, $1.submit, $1.id) }
    var victims: [JobID] = []
    var freed = 0
    for e in eligible where freed < need {
      victims.append(e.id)
      freed += e.gpus
    }
    proposed = victims
    proposedAt = now
    return Preemption(beneficiary: head.id, victims: victims)
  }

  public func nextDecisionTime(cluster: ClusterView) -> SimTime? {
    guard waitingCount > 0 else { return nil }
    let now = cluster.now
    var next: SimTime? = nil
    for id in running {
      if let t = rule.nextChange(records[id.index], at: now), t > now, t < (next ?? .never) {
        next = t
      }
    }
    return next
  }

  // MARK: - Private

  /// Puts the jobs passed over back in the heap.
  /// - Complexity: O(passed over · log queue).
  mutating func endPass() {
    for e in passedOver { queue.insert(e) }
    passedOver.removeAll(keepingCapacity: true)
  }

  /// A waiting job of `g` GPUs left the queue (started or rejected).
  /// - Complexity: O(1), or O(largest job's GPUs) when the last of the smallest leaves.
  mutating func leave(size g: Int) {
    let g = Swift.max(g, 0)
    sizeCount[g] -= 1
    guard g == minSize, sizeCount[g] == 0 else { return }
    minSize = Int.max
    var k = g + 1
    while k < sizeCount.count {
      if sizeCount[k] > 0 {
        minSize = k
        return
      }
      k += 1
    }
  }
}
