import DataCenter
import SimKernel
import Workloads

/// Places a job where it leaves the least free.
///
/// A job of g GPUs with g ≤ the node size goes to the usable node with the fewest free GPUs
/// that are still ≥ g (the lowest numbered among ties), so partial-node jobs pack onto nodes
/// that are already in use and keep whole nodes free for wide jobs. A larger job takes
/// wholly free usable nodes in ID order: every set of whole nodes of one size leaves the same
/// GPUs free, so best-fit and first-fit agree there. Queries go through the cluster's
/// free-count index in O(GPUs per node · log nodes); unavailable nodes are never chosen.
public struct BestFitPlacement: PlacementPolicy {
  public static let name = "best-fit"

  public init() {}

  public mutating func place(
    _ job: QueuedJob, on cluster: ClusterView, random: inout RandomStream
  ) -> PlacementDecision {
    if let reason = cluster.impossibility(of: job) { return .reject(reason: reason) }
    guard cluster.totalFreeGPUs >= job.gpus else { return .wait }
    if job.gpus <= cluster.site.maxGPUsPerNode {
      guard let node = cluster.bestFitNode(withFree: Int32(job.gpus)) else { return .wait }
      return .place([NodeAllocation(node: NodeID(node), gpus: Int32(job.gpus))])
    }
    return cluster.firstWholeNodes(for: job)
  }
}

extension PlacementPolicy where Self == BestFitPlacement {
  public static var bestFit: Self { .init() }
}
