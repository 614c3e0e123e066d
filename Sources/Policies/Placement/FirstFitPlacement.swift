import DataCenter
import SimKernel
import Workloads

/// Places a job on the lowest-numbered node(s) that fit.
///
/// A job of g GPUs with g ≤ the node size goes to the first node with at least g free GPUs.
/// A larger job takes wholly free nodes in ID order until their GPUs cover g (⌈g / n⌉ nodes
/// for n GPUs per node).
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
      // Single node: the first node with room.
      for node in 0..<site.nodeCount where cluster.freeGPUs[node] >= g {
        return .place([NodeAllocation(node: NodeID(node), gpus: g)])
      }
      return .wait
    }
    // Multi-node: whole free nodes until the GPUs are covered.
    guard cluster.wholeFreeNodes > 0 else { return .wait }
    var chosen: [Int] = []
    var covered: Int32 = 0
    for node in 0..<site.nodeCount where cluster.isWhollyFree(node) {
      chosen.append(node)
      covered += site.nodeGPUCount[node]
      if covered >= g { return .place(cluster.wholeNodeAllocation(chosen)) }
    }
    return .wait
  }
}

extension PlacementPolicy where Self == FirstFitPlacement {
  public static var firstFit: Self { .init() }
}
