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

/// Decides the order in which queued jobs are tried and whether a blocked job blocks the rest.
///
/// The engine runs one scheduling pass per instant at which something changed (a job arrived
/// or finished): it asks `nextCandidate` for queue positions one at a time, places each with
/// the placement policy, and on `.wait` asks `afterBlocked`. The pass allocates nothing, so a
/// policy that needs another order keeps its own state (a heap by key, attained service, …).
/// Later policies (priority with preemption, backfill, time slicing) extend this protocol with
/// hooks that default to no-ops.
public protocol SchedulingPolicy: Sendable {
  /// The name used in scenario files, CSV and error messages, e.g. "fifo".
  static var name: String { get }
  /// The queue position to try next, or nil to end the pass.
  /// - Parameters:
  ///   - previous: The position tried last in this pass (nil at the start). Positions refer to
  ///     `queue` as it was at the start of the pass; jobs started during the pass stay in it.
  ///   - queue: Waiting jobs in submission order.
  ///   - cluster: A read-only view of the cluster.
  mutating func nextCandidate(after previous: Int?, in queue: [QueuedJob], cluster: ClusterView)
    -> Int?
  /// Called when the candidate at `position` could not be placed now.
  mutating func afterBlocked(at position: Int, in queue: [QueuedJob], cluster: ClusterView)
    -> SchedulingContinuation
}

extension SchedulingPolicy {
  public var name: String { Self.name }
}
