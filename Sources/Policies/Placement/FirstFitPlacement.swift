import DataCenter
import SimKernel
import Workloads

/// Places a job on the lowest-numbered node(s) that fit.
///
/// A job of g GPUs with g ≤ the node size goes to the first usable node with at least g free
/// GPUs. A larger job takes wholly free usable nodes in ID order until their GPUs cover g
/// (⌈g / n⌉ nodes for n GPUs per node). Both are answered by the cluster's free-capacity index
/// in O(log nodes) per node chosen, not by a scan. Nodes that are not `up` are never chosen.
public struct FirstFitPlacement: PlacementPolicy {
  public static let name = "first-fit"

  public init() {}

  public mutating func place(
    _ job: QueuedJob, on cluster: ClusterView, random: inout RandomStream
  ) -> PlacementDecision {
    if let reason = cluster.impossibility(of: job) { return .reject(reason: reason) }
    guard cluster.totalFreeGPUs >= job.gpus else { return .wait }
    let site = cluster.site
    let g = Int32(job.gpus)
    if job.gpus <= site.maxGPUsPerNode {
      // Single node: the first usable node with room, found in the free-capacity index.
      guard let node = cluster.firstNode(withFree: g) else { return .wait }
      return .place([NodeAllocation(node: NodeID(node), gpus: g)])
    }
    return cluster.firstWholeNodes(for: job)
  }
}

extension PlacementPolicy where Self == FirstFitPlacement {
  public static var firstFit: Self { .init() }
}
