import DataCenter
import HeapModule
import SimKernel
import Workloads

/// The order of a strict-order scheduler: a key per job, smaller first; ties by submit time,
/// then job ID.
public protocol QueueOrder: Sendable {
  /// The scenario name of the scheduler that uses this order.
  static var name: String { get }
  /// The primary key (smaller runs first).
  static func key(of job: QueuedJob) -> Int64
}

/// A non-preemptive scheduler that tries jobs in a fixed order and lets the first job that
/// does not fit block every job behind it (`policies.backfill: none`).
///
/// The queue is a binary min-heap (swift-collections' `Heap`) keyed by (order key, submit,
/// ID); a pass looks only at the head, so it costs O(started · log queue) whatever the queue's
/// length. A requeued job takes its place by its key again.
public struct KeyedQueueScheduler<Order: QueueOrder>: SchedulingPolicy {
  public static var name: String { Order.name }

  typealias Entry = QueueEntry

  var queue = Heap<Entry>()

  public init() {}

  public var waitingCount: Int { queue.count }

  public mutating func enqueue(_ job: QueuedJob) {
    queue.insert(Entry(key: Order.key(of: job), submit: job.submit.nanoseconds, id: job.id.raw))
  }

  public mutating func nextCandidate(cluster: ClusterView) -> JobID? {
    queue.min.map { JobID(raw: $0.id) }
  }

  public mutating func record(
    _ outcome: CandidateOutcome, of job: JobID, cluster: ClusterView
  ) -> SchedulingContinuation {
    switch outcome {
    case .started, .rejected:
      _ = queue.popMin()
      return .tryNext
    case .blocked:
      return .stop
    }
  }
}

/// A heap entry of the keyed and preemptive schedulers: 24 bytes, so that sifting moves
/// little; declared outside the generic schedulers so that `Heap<QueueEntry>` has static
/// metadata (no run-time lookup per heap operation).
struct QueueEntry: Comparable, Sendable {
  var key: Int64
  var submit: Int64
  var id: UInt32
  static func < (a: QueueEntry, b: QueueEntry) -> Bool {
    (a.key, a.submit, a.id) < (b.key, b.submit, b.id)
  }
}

/// First in, first out: by submit time, then ID (every key is 0).
public enum FIFOOrder: QueueOrder {
  public static let name = "fifo"
  public static func key(of job: QueuedJob) -> Int64 { 0 }
}

/// Shortest job first: by the job's `estimate_s` if it has one, else its true duration; then
/// submit time, then ID.
public enum ShortestJobFirstOrder: QueueOrder {
  public static let name = "sjf"
  public static func key(of job: QueuedJob) -> Int64 { job.expectedDuration.nanoseconds }
}

/// Highest priority first; then submit time, then ID.
public enum PriorityOrder: QueueOrder {
  public static let name = "priority"
  public static func key(of job: QueuedJob) -> Int64 { rank(priority: job.priority) }

  /// The sort key of a priority: higher first (`Int.min`, which has no negation, last).
  public static func rank(priority: Int) -> Int64 {
    priority == Int.min ? .max : -Int64(priority)
  }
}

/// First in, first out, strictly.
public typealias FIFOScheduler = KeyedQueueScheduler<FIFOOrder>
/// Shortest (estimated) job first, strictly.
public typealias ShortestJobFirstScheduler = KeyedQueueScheduler<ShortestJobFirstOrder>
/// Highest priority first, strictly, without preemption.
public typealias PriorityScheduler = KeyedQueueScheduler<PriorityOrder>

extension SchedulingPolicy where Self == FIFOScheduler {
  public static var fifo: Self { .init() }
}
