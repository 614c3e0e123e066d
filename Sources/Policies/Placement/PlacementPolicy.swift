import DataCenter
import SimKernel
import Workloads

/// What a placement policy decided for one job.
public enum PlacementDecision: Sendable, Equatable {
  /// Run the job on these GPUs.
  case place([NodeAllocation])
  /// Leave it queued; the engine asks again when something changes.
  case wait
  /// The job can never run here (for example, it asks for more GPUs than the site has).
  case reject(reason: String)
}

/// Chooses where a queued job runs. Called by the engine, never by other policies.
///
/// The rule for every placement policy: a job that fits in one node gets GPUs of one node; a
/// larger job takes whole nodes, `ceil(gpus / gpusPerNode)` of them, and the GPUs of those
/// nodes it does not use stay reserved for it (idle, not shared).
public protocol PlacementPolicy: Sendable {
  /// The name used in scenario files, CSV and error messages, e.g. "first-fit".
  static var name: String { get }
  /// - Parameters:
  ///   - job: The request.
  ///   - cluster: A read-only view; a policy cannot mutate the model.
  ///   - random: The only randomness a policy may use (a named stream of the run seed).
  /// - Returns: A decision the engine validates and applies.
  mutating func place(_ job: QueuedJob, on cluster: ClusterView, random: inout RandomStream)
    -> PlacementDecision
  /// The engine started `job` on `allocations`, as this policy placed it: the decision passed
  /// validation and every admission gate. A policy that books what it placed (power headroom
  /// until the next publication) books here, not in `place`, so a placement the engine then
  /// refuses, or a trial placement on a copy of the cluster, books nothing.
  mutating func didStart(_ job: QueuedJob, on allocations: [NodeAllocation], cluster: ClusterView)
}

extension PlacementPolicy {
  public var name: String { Self.name }
  public mutating func didStart(
    _ job: QueuedJob, on allocations: [NodeAllocation], cluster: ClusterView
  ) {}
}

// MARK: - Helpers shared by placement policies

extension ClusterView {
  /// Whether `job` can ever run on this site when it is empty; the reason when not.
  public func impossibility(of job: QueuedJob) -> String? {
    if job.gpus > site.gpuCount {
      return "asks for \(job.gpus) GPUs; the site has \(site.gpuCount)"
    }
    return nil
  }

  /// Wholly free usable nodes in ID order until their GPUs cover `job` (multi-node jobs),
  /// or `.wait`.
  /// - Complexity: O(nodes chosen · log nodes).
  public func firstWholeNodes(for job: QueuedJob) -> PlacementDecision {
    guard wholeFreeNodes > 0 else { return .wait }
    let g = Int32(clamping: job.gpus)
    var chosen: [Int] = []
    var covered: Int32 = 0
    var next = 0
    while covered < g, let node = firstWhollyFreeNode(from: next) {
      chosen.append(node)
      covered += site.nodeGPUCount[node]
      next = node + 1
    }
    return covered >= g ? .place(wholeNodeAllocation(chosen)) : .wait
  }

  /// The whole-node allocation of `nodes` for a job of `gpus` GPUs: every node fully taken.
  public func wholeNodeAllocation(_ nodes: [Int]) -> [NodeAllocation] {
    nodes.map { NodeAllocation(node: NodeID($0), gpus: site.nodeGPUCount[$0]) }
  }
}
