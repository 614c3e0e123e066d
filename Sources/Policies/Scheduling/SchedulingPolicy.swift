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

/// A preemption a scheduler asks for: running `victims` (jobs it started) make room for the
/// waiting `beneficiary`.
public struct Preemption: Sendable, Equatable {
  public var beneficiary: JobID
  public var victims: [JobID]
  public init(beneficiary: JobID, victims: [JobID]) {
    self.beneficiary = beneficiary
    self.victims = victims
  }
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
  /// A job the scheduler started has stopped running at `now` (finished, preempted, or
  /// stopped by a model). The engine calls this one; it defaults to `jobLeft(_:)`, so only
  /// schedulers that count service time need it.
  mutating func jobLeft(_ id: JobID, at now: SimTime)

  // Preemption (the preemptive orders: `las`, `srtf`, `round-robin`, `priority` with
  // `preempt: true`). The defaults make a scheduler non-preemptive; the engine reads
  // `isPreemptive` once, so a non-preemptive scheduler is never asked and costs nothing.

  /// Whether the engine asks `preemptions(cluster:)` and `nextDecisionTime(cluster:)` after
  /// each pass. Fixed for the run.
  var isPreemptive: Bool { get }
  /// Running jobs to preempt now so that a waiting job can start, asked once after the pass
  /// has started what it could. The engine first checks that the placement policy would place
  /// `beneficiary` once the victims' GPUs are free (else nothing is preempted); then it
  /// suspends each victim (progress kept, allocation released), requeues it, and runs another
  /// pass at the same instant, in which the beneficiary starts.
  /// - Returns: nil for no preemption.
  mutating func preemptions(cluster: ClusterView) -> Preemption?
  /// The earliest time after `cluster.now` at which this scheduler wants a pass even if
  /// nothing else happens (a LAS demotion, the end of a round-robin quantum), or nil. The
  /// engine schedules one wake-up (phase `.decision`) for the latest answer.
  func nextDecisionTime(cluster: ClusterView) -> SimTime?
}

extension SchedulingPolicy {
  public var name: String { Self.name }
  public mutating func beginPass(cluster: ClusterView) {}
  public mutating func jobLeft(_ id: JobID) {}
  public mutating func jobLeft(_ id: JobID, at now: SimTime) { jobLeft(id) }
  public var isPreemptive: Bool { false }
  public mutating func preemptions(cluster: ClusterView) -> Preemption? { nil }
  public func nextDecisionTime(cluster: ClusterView) -> SimTime? { nil }
}
