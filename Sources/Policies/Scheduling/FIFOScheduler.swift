import DataCenter
import HeapModule
import SimKernel
import Workloads

/// First in, first out, strictly: jobs start in (submit time, job ID) order and a job that does
/// not fit blocks every job behind it (no backfilling). A requeued job takes its place by its
/// original submit time again.
///
/// The queue is a binary min-heap (swift-collections' `Heap`) keyed by (submit, ID): a pass
/// looks only at the head, so it costs O(started · log queue), whatever the queue's length.
public struct FIFOScheduler: SchedulingPolicy {
  public static let name = "fifo"

  /// A waiting job, ordered by (submit, ID).
  struct Entry: Comparable, Sendable {
    var job: QueuedJob
    static func < (a: Entry, b: Entry) -> Bool {
      (a.job.submit, a.job.id) < (b.job.submit, b.job.id)
    }
    static func == (a: Entry, b: Entry) -> Bool { a.job.id == b.job.id }
  }

  var queue = Heap<Entry>()

  public init() {}

  public var waitingCount: Int { queue.count }

  public mutating func enqueue(_ job: QueuedJob) { queue.insert(Entry(job: job)) }

  public mutating func nextCandidate(cluster: ClusterView) -> QueuedJob? { queue.min?.job }

  public mutating func record(
    _ outcome: CandidateOutcome, of job: QueuedJob, cluster: ClusterView
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

extension SchedulingPolicy where Self == FIFOScheduler {
  public static var fifo: Self { .init() }
}
