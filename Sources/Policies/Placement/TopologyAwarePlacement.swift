import DataCenter
import SimKernel
import Workloads

/// Packs a job within a leaf, then within a pod, so that its traffic crosses as few spine
/// (and super-spine) hops as possible (issue 9 item 5, issue 10 item 4).
///
/// A `FilterWeigherPlacement` with one group-aware weigher, `TopologyWeigher`, and no filter.
/// The fabric is given as two arrays: `nodeLeaf[n]`, the leaf switch of node `n`, and
/// `leafPod[l]`, the pod of leaf `l` (all 0 on a fabric without pods). Among the candidates
/// (usable nodes with room; wholly free nodes for a multi-node job):
/// - a multi-node job goes to the leaf with the fewest candidate nodes whose candidates still
///   hold all of its GPUs (best fit among leaves; ties: the lowest leaf); if no leaf holds it,
///   to the pod with the fewest candidate nodes that does, filling that pod's leaves from the
///   one with the most candidate nodes down; if no pod holds it either, it fills from the
///   leaves with the most candidate nodes, wherever they are (ties: the lowest leaf). Within a
///   leaf, nodes are taken in node order;
/// - a job that fits in one node goes best fit (the node left with the fewest free GPUs)
///   within the fullest leaf that has a candidate: the one with the fewest free GPUs on its
///   usable nodes (ties: the lowest leaf).
/// Unusable nodes are never candidates. A node outside `nodeLeaf`, or whose leaf is outside
/// `leafPod`, counts as being on no leaf and is taken last; `validate` reports such arrays.
public struct TopologyAwarePlacement: PlacementPolicy {
  public static let name = "topology-aware"
  var placement: FilterWeigherPlacement

  /// - Parameters:
  ///   - nodeLeaf: The leaf of each node, indexed by node number.
  ///   - leafPod: The pod of each leaf, indexed by leaf number.
  public init(nodeLeaf: [Int32], leafPod: [Int32]) {
    placement = FilterWeigherPlacement(
      name: Self.name, filters: [],
      weighers: [(TopologyWeigher(nodeLeaf: nodeLeaf, leafPod: leafPod), 1)])
  }

  public mutating func place(
    _ job: QueuedJob, on cluster: ClusterView, random: inout RandomStream
  ) -> PlacementDecision {
    placement.place(job, on: cluster, random: &random)
  }

  public mutating func didStart(
    _ job: QueuedJob, on allocations: [NodeAllocation], cluster: ClusterView
  ) {
    placement.didStart(job, on: allocations, cluster: cluster)
  }

  /// The first problem with the arrays for a site of `nodeCount` nodes, or nil: one leaf per
  /// node, every leaf number in `0..<leafPod.count`, every pod number ≥ 0.
  public static func validate(nodeLeaf: [Int32], leafPod: [Int32], nodeCount: Int) -> String? {
    if nodeLeaf.count != nodeCount {
      return "topology-aware placement: \(nodeLeaf.count) node leaves for \(nodeCount) nodes"
    }
    if let n = nodeLeaf.firstIndex(where: { $0 < 0 || Int($0) >= leafPod.count }) {
      return "topology-aware placement: node \(n) is on leaf \(nodeLeaf[n]), "
        + "but there are \(leafPod.count) leaves"
    }
    if let l = leafPod.firstIndex(where: { $0 < 0 }) {
      return "topology-aware placement: leaf \(l) is in pod \(leafPod[l])"
    }
    return nil
  }

  /// The number of distinct leaves and pods the nodes of `allocation` are on, by the arrays
  /// this placement ranks with (what its tests measure a placement by; jobs.csv's `leaves`
  /// column is the fabric model's, which counts the leaves of every rail of a node).
  /// A node outside `nodeLeaf` (or on a leaf outside `leafPod`) counts as one leaf (pod) of
  /// its own kind, "unknown".
  /// - Complexity: O(k log k) for k allocations.
  public static func span(
    of allocation: [NodeAllocation], nodeLeaf: [Int32], leafPod: [Int32]
  ) -> (leaves: Int, pods: Int) {
    var leaves: [Int32] = []
    var pods: [Int32] = []
    leaves.reserveCapacity(allocation.count)
    pods.reserveCapacity(allocation.count)
    for a in allocation {
      let n = a.node.index
      let leaf = n >= 0 && n < nodeLeaf.count ? nodeLeaf[n] : -1
      leaves.append(leaf)
      pods.append(leaf >= 0 && Int(leaf) < leafPod.count ? leafPod[Int(leaf)] : -1)
    }
    return (distinctCount(&leaves), distinctCount(&pods))
  }

  static func distinctCount(_ values: inout [Int32]) -> Int {
    values.sort()
    var count = 0
    for i in values.indices where i == 0 || values[i] != values[i - 1] { count += 1 }
    return count
  }
}

/// The group-aware weigher of `TopologyAwarePlacement`: it ranks the leaves once per
/// placement from the candidates (`prepare(candidates:)`), and a node's cost is its leaf's
/// rank, times `maxGPUsPerNode + 1`, plus (for a job that fits in one node) the GPUs it would
/// leave free; so costs order nodes by (leaf rank, best fit), then node number.
/// - Complexity: O(nodes + leaves · log leaves) per placement; O(1) per cost.
public struct TopologyWeigher: NodeWeigher {
  public let nodeLeaf: [Int32]
  public let leafPod: [Int32]
  let podCount: Int
  // Per leaf (index `leafPod.count` collects the nodes on no known leaf), per placement.
  var leafNodes: [Int] = []
  var leafGPUs: [Int] = []
  var leafFree: [Int] = []
  var rank: [Int] = []
  var order: [Int] = []
  // Per pod (index `podCount`: no known pod).
  var podNodes: [Int] = []
  var podGPUs: [Int] = []
  var single = true
  var spread = 1.0

  public init(nodeLeaf: [Int32], leafPod: [Int32]) {
    self.nodeLeaf = nodeLeaf
    self.leafPod = leafPod
    podCount = Int(leafPod.max() ?? -1) + 1
  }

  /// The leaf of node `n`, `leafPod.count` when unknown.
  @inline(__always) func leaf(of n: Int) -> Int {
    guard n < nodeLeaf.count else { return leafPod.count }
    let l = Int(nodeLeaf[n])
    return l >= 0 && l < leafPod.count ? l : leafPod.count
  }

  /// The pod of leaf `l`, `podCount` when unknown.
  @inline(__always) func pod(of l: Int) -> Int {
    guard l < leafPod.count, leafPod[l] >= 0 else { return podCount }
    return Int(leafPod[l])
  }

  public mutating func prepare(candidates: [Int], for job: QueuedJob, on cluster: ClusterView) {
    let leaves = leafPod.count + 1
    let unknownLeaf = leafPod.count
    Self.reset(&leafNodes, leaves)
    Self.reset(&leafGPUs, leaves)
    Self.reset(&leafFree, leaves)
    Self.reset(&rank, leaves)
    Self.reset(&podNodes, podCount + 1)
    Self.reset(&podGPUs, podCount + 1)
    let site = cluster.site
    single = job.gpus <= site.maxGPUsPerNode
    spread = Double(site.maxGPUsPerNode + 1)
    for n in candidates {
      let l = leaf(of: n)
      let gpus = Int(site.nodeGPUCount[n])
      leafNodes[l] += 1
      leafGPUs[l] += gpus
      podNodes[pod(of: l)] += 1
      podGPUs[pod(of: l)] += gpus
    }
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: 0..<unknownLeaf)
    if single {
      // The fullest leaf first: fewest free GPUs on its usable nodes, then the lowest leaf.
      for n in 0..<site.nodeCount where cluster.isUsable(n) {
        leafFree[leaf(of: n)] += Int(cluster.freeGPUs[n])
      }
      let free = leafFree
      order.sort { (free[$0], $0) < (free[$1], $1) }
    } else {
      let nodes = leafNodes
      // Group 0 goes first: the best-fit leaf, else the leaves of the best-fit pod.
      var group = [Int](repeating: 1, count: unknownLeaf)
      let need = job.gpus
      if let best = (0..<unknownLeaf).filter({ leafGPUs[$0] >= need }).min(by: {
        (nodes[$0], $0) < (nodes[$1], $1)
      }) {
        group[best] = 0
      } else if let bestPod = (0..<podCount).filter({ podGPUs[$0] >= need }).min(by: {
        (podNodes[$0], $0) < (podNodes[$1], $1)
      }) {
        for l in 0..<unknownLeaf where pod(of: l) == bestPod { group[l] = 0 }
      }
      // Then the most candidate nodes first, then the lowest leaf.
      order.sort { (group[$0], -nodes[$0], $0) < (group[$1], -nodes[$1], $1) }
    }
    for (position, l) in order.enumerated() { rank[l] = position }
    rank[unknownLeaf] = unknownLeaf
  }

  public func cost(of node: Int, for job: QueuedJob, on cluster: ClusterView) -> Double {
    let r = Double(rank[leaf(of: node)]) * spread
    return single ? r + Double(cluster.freeGPUs[node]) - Double(job.gpus) : r
  }

  static func reset(_ a: inout [Int], _ n: Int) {
    a.removeAll(keepingCapacity: true)
    a.append(contentsOf: repeatElement(0, count: n))
  }
}
