import DataCenter
import SimKernel
import Workloads

/// What the engine does after a candidate job could not be placed.
public enum SchedulingContinuation: Sendable, Equatable {
  /// Try the next candidate (backfilling).
  case tryNext
  /// End this scheduling pass (strict order: nothing overtakes a blocked job).
  case stop
}

/// What became of a candidate the scheduler proposed.
public enum CandidateOutcome: Sendable, Equatable {
  /// It started; it has left the queue.
  case started
  /// It can never run on this site; it has left the queue.
  case rejected
  /// It does not fit now; it stays queued.
  case blocked
}

/// Owns the queue of waiting jobs and decides the order in which they are tried, and whether a
/// blocked job blocks the rest.
///
/// The engine runs one scheduling pass per instant at which something changed (a job arrived,
/// finished, stopped or was requeued, or capacity came back): it calls `beginPass`, then asks
/// `nextCandidate` for jobs one at a time, places each with the placement policy and reports
/// the outcome. A started or rejected job leaves the queue at once, so the scheduler's own
/// structure (a heap by key, attained-service queues, …) stays exact.
///
/// Cost rule for every scheduler: a pass costs O(jobs it starts or examines, plus log of the
/// queue), never a scan or compaction of the whole queue. The engine ends a pass when a
/// scheduler proposes a job it already examined in the same pass, so a scheduler that keeps
/// returning a job that cannot be placed cannot loop.
public protocol SchedulingPolicy: Sendable {
  /// The name used in scenario files, CSV and error messages, e.g. "fifo".
  static var name: String { get }
  /// Jobs waiting in the queue.
  var waitingCount: Int { get }
  /// A job joins the queue: submitted, or requeued after being stopped.
  /// - Complexity: O(log queue) for the built-ins.
  mutating func enqueue(_ job: QueuedJob)
  /// Starts a pass.
  mutating func beginPass(cluster: ClusterView)
  /// The next job to try in this pass, or nil to end the pass.
  mutating func nextCandidate(cluster: ClusterView) -> JobID?
  /// What became of the candidate `nextCandidate` returned last.
  /// - Returns: whether to go on with the pass (only asked after `.blocked`; ignored
  ///   otherwise).
  mutating func record(_ outcome: CandidateOutcome, of job: JobID, cluster: ClusterView)
    -> SchedulingContinuation
  /// A job the scheduler started has stopped running (finished or stopped).
  mutating func jobLeft(_ id: JobID)
}

extension SchedulingPolicy {
  public var name: String { Self.name }
  public mutating func beginPass(cluster: ClusterView) {}
  public mutating func jobLeft(_ id: JobID) {}
}
