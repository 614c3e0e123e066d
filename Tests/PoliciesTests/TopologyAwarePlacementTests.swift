import DataCenter
import SimKernel
import Testing
import Workloads

@testable import Policies

/// Topology-aware placement on hand-built fabrics (TopologyAwarePlacement.swift).
@Suite struct TopologyAwarePlacementTests {
  /// One row of 4 dgx-h100-racks: 16 nodes × 8 GPUs. The fabric used throughout: one leaf per
  /// rack (leaf = node / 4, nodes 4l ..< 4l + 4), leaves 0–1 in pod 0 and leaves 2–3 in pod 1.
  static let site = Site(
    layout: SiteLayout(halls: [
      HallLayout(name: "h", rows: 1, racksPerRow: 4, rackType: "dgx-h100-rack")
    ]),
    catalog: .builtIn)
  static let nodeLeaf: [Int32] = (0..<16).map { Int32($0 / 4) }
  static let leafPod: [Int32] = [0, 0, 1, 1]

  func job(_ gpus: Int) -> QueuedJob {
    QueuedJob(id: JobID(0), gpus: gpus, submit: .zero, work: .seconds(1), priority: 0)
  }

  func topology(_ gpus: Int, on view: ClusterView) -> PlacementDecision {
    var policy = TopologyAwarePlacement(nodeLeaf: Self.nodeLeaf, leafPod: Self.leafPod)
    var random = RandomStream(seed: 0, name: "test")
    return policy.place(job(gpus), on: view, random: &random)
  }

  func firstFit(_ gpus: Int, on view: ClusterView) -> PlacementDecision {
    var policy = FirstFitPlacement()
    var random = RandomStream(seed: 0, name: "test")
    return policy.place(job(gpus), on: view, random: &random)
  }

  static func nodes(_ d: PlacementDecision) -> [Int] {
    guard case .place(let a) = d else { return [] }
    return a.map(\.node.index)
  }

  static func whole(_ nodes: [Int]) -> PlacementDecision {
    .place(nodes.map { NodeAllocation(node: NodeID($0), gpus: 8) })
  }

  static func span(_ d: PlacementDecision) -> (Int, Int) {
    guard case .place(let a) = d else { return (0, 0) }
    let s = TopologyAwarePlacement.span(of: a, nodeLeaf: nodeLeaf, leafPod: leafPod)
    return (s.leaves, s.pods)
  }

  /// A view with 1 GPU taken on each listed node (so it is no longer wholly free).
  static func view(busy: [Int]) -> ClusterView {
    var view = ClusterView(site: site)
    for n in busy { view.take(NodeAllocation(node: NodeID(n), gpus: 1)) }
    return view
  }

  /// Busy nodes 0, 1 (leaf 0), 4 (leaf 1), 12–15 (leaf 3): wholly free are leaf 0: 2, 3;
  /// leaf 1: 5, 6, 7; leaf 2: 8–11. A 24-GPU job needs 3 whole nodes. First fit takes them in
  /// node order, 2, 3, 5: leaves 0 and 1 (2 leaves, both in pod 0). The leaves that hold 3 are
  /// leaf 1 (3 free) and leaf 2 (4 free); best fit is leaf 1: nodes 5, 6, 7, one leaf.
  @Test func aJobGoesToTheFullestLeafThatHoldsIt() {
    let view = Self.view(busy: [0, 1, 4, 12, 13, 14, 15])
    let ff = firstFit(24, on: view)
    #expect(ff == Self.whole([2, 3, 5]))
    #expect(Self.span(ff) == (2, 1))
    let ta = topology(24, on: view)
    #expect(ta == Self.whole([5, 6, 7]))
    #expect(Self.span(ta) == (1, 1))
    // 32 GPUs = 4 nodes: only leaf 2 holds them.
    #expect(topology(32, on: view) == Self.whole([8, 9, 10, 11]))
  }

  /// Busy node 4–7 (all of leaf 1) and 8 (leaf 2), 12 (leaf 3): wholly free are leaf 0: 0–3
  /// (4), leaf 2: 9–11 (3), leaf 3: 13–15 (3). 48 GPUs = 6 nodes: no leaf holds 6; pod 0
  /// (leaves 0, 1) has 4 + 0 = 4, pod 1 (leaves 2, 3) 3 + 3 = 6, so pod 1: its leaves with the
  /// most free first, a tie of 3 and 3 going to leaf 2: nodes 9–11 then 13–15, 2 leaves in 1
  /// pod. First fit takes 0–3 then 9, 10: 2 leaves in 2 pods.
  @Test func elseAPodThatHoldsIt() {
    let view = Self.view(busy: [4, 5, 6, 7, 8, 12])
    let ff = firstFit(48, on: view)
    #expect(ff == Self.whole([0, 1, 2, 3, 9, 10]))
    #expect(Self.span(ff) == (2, 2))
    let ta = topology(48, on: view)
    #expect(ta == Self.whole([9, 10, 11, 13, 14, 15]))
    #expect(Self.span(ta) == (2, 1))
    // 56 GPUs = 7 nodes: no pod holds 7 (4 and 6), so the leaves with the most free nodes
    // first: leaf 0 (4), then leaf 2 (3, before leaf 3 by number): 0–3, 9–11.
    let wide = topology(56, on: view)
    #expect(wide == Self.whole([0, 1, 2, 3, 9, 10, 11]))
    #expect(Self.span(wide) == (2, 2))
    // 80 GPUs = 10 nodes: only 10 wholly free nodes in all, all of them.
    #expect(Self.nodes(topology(80, on: view)).count == 10)
    #expect(topology(88, on: view) == .wait)
  }

  /// Free GPUs per node: leaf 0: 8, 8, 8, 8 (32); leaf 1: 2, 8, 8, 8 (26); leaf 2: 6, 3, 8, 8
  /// (25); leaf 3: 0, 0, 0, 0. A 2-GPU job: leaf 3 is fullest but has no room; the next
  /// fullest is leaf 2, and best fit within it is node 9 (3 free, 1 left). Best fit over the
  /// whole site would take node 4 (2 free) in leaf 1.
  @Test func aSmallJobGoesBestFitWithinTheFullestLeaf() {
    var view = ClusterView(site: Self.site)
    view.take(NodeAllocation(node: NodeID(4), gpus: 6))
    view.take(NodeAllocation(node: NodeID(8), gpus: 2))
    view.take(NodeAllocation(node: NodeID(9), gpus: 5))
    for n in 12..<16 { view.take(NodeAllocation(node: NodeID(n), gpus: 8)) }
    #expect(topology(2, on: view) == .place([NodeAllocation(node: NodeID(9), gpus: 2)]))
    var bestFit = BestFitPlacement()
    var random = RandomStream(seed: 0, name: "test")
    #expect(
      bestFit.place(job(2), on: view, random: &random)
        == .place([NodeAllocation(node: NodeID(4), gpus: 2)]))
    // 4 GPUs: in leaf 2 only node 8 (6 free) has room: node 8, leaving 2.
    #expect(topology(4, on: view) == .place([NodeAllocation(node: NodeID(8), gpus: 4)]))
    // 7 GPUs: leaf 2's nodes 10, 11 (8 free) are the only fits there: node 10.
    #expect(topology(7, on: view) == .place([NodeAllocation(node: NodeID(10), gpus: 7)]))
  }

  /// The first case with node 5 down: leaf 1 has 2 usable free nodes (6, 7) and no longer
  /// holds 3, so leaf 2 (4 free) gets the job: 8, 9, 10. With every node of leaf 2 draining as
  /// well, no leaf holds 3; pod 0 has leaves 0 (2, 3) and 1 (6, 7): 4 nodes, so pod 0, its
  /// leaves tied at 2 going by number: 2, 3, 6 (node 5 is skipped).
  @Test func unusableNodesAreNeverCandidates() {
    var view = Self.view(busy: [0, 1, 4, 12, 13, 14, 15])
    view.setAvailability(.down, of: 5)
    #expect(topology(24, on: view) == Self.whole([8, 9, 10]))
    for n in 8..<12 { view.setAvailability(.draining, of: n) }
    #expect(topology(24, on: view) == Self.whole([2, 3, 6]))
  }

  /// Random occupancies and availabilities on the 16-node site, random job sizes: every
  /// placement uses only up nodes with room, whole free nodes for a multi-node job, covers the
  /// job's GPUs with the fewest nodes, and waits only when first fit (which takes any free
  /// capacity it can) also waits.
  @Test func randomPlacementsOnlyUseUsableNodesWithRoom() {
    for seed in UInt64(0)..<500 {
      var r = RandomStream(seed: seed, name: "topology/random")
      var view = ClusterView(site: Self.site)
      for n in 0..<16 {
        let taken = r.nextInt(below: 3) == 0 ? 0 : r.nextInt(below: 9)
        if taken > 0 { view.take(NodeAllocation(node: NodeID(n), gpus: Int32(taken))) }
        if r.nextInt(below: 5) == 0 { view.setAvailability(.down, of: n) }
      }
      let gpus = 1 + r.nextInt(below: 64)
      let d = topology(gpus, on: view)
      #expect(
        (d == .wait) == (firstFit(gpus, on: view) == .wait), "seed \(seed): \(gpus) GPUs, \(d)")
      guard case .place(let a) = d else { continue }
      let need = (gpus + 7) / 8
      #expect(a.count == need, "seed \(seed): \(a.count) nodes for \(gpus) GPUs")
      for x in a {
        let n = x.node.index
        #expect(view.isUsable(n), "seed \(seed): node \(n) is not up")
        if gpus <= 8 {
          #expect(x.gpus == gpus && view.freeGPUs[n] >= gpus, "seed \(seed): node \(n)")
        } else {
          #expect(view.isWhollyFree(n) && x.gpus == 8, "seed \(seed): node \(n) not whole")
        }
      }
    }
  }

  /// Leaves and pods spanned: nodes 0, 3 are leaf 0 (pod 0); node 5 is leaf 1 (pod 0); node
  /// 9 is leaf 2 (pod 1): {0, 3} → 1 leaf, 1 pod; {0, 5} → 2 leaves, 1 pod; {3, 5, 9} → 3
  /// leaves, 2 pods. A node outside the arrays counts as one unknown leaf and pod.
  @Test func spanCountsDistinctLeavesAndPods() {
    func s(_ nodes: [Int]) -> (Int, Int) {
      Self.span(Self.whole(nodes))
    }
    #expect(s([0, 3]) == (1, 1))
    #expect(s([0, 5]) == (2, 1))
    #expect(s([3, 5, 9]) == (3, 2))
    #expect(s([0, 40, 41]) == (2, 2))
    #expect(s([]) == (0, 0))
  }

  /// Bad arrays are reported, not trapped on.
  @Test func validateReportsBadArrays() {
    let ok = TopologyAwarePlacement.validate(
      nodeLeaf: Self.nodeLeaf, leafPod: Self.leafPod, nodeCount: 16)
    #expect(ok == nil)
    #expect(
      TopologyAwarePlacement.validate(nodeLeaf: [0, 0], leafPod: [0], nodeCount: 3)
        == "topology-aware placement: 2 node leaves for 3 nodes")
    #expect(
      TopologyAwarePlacement.validate(nodeLeaf: [0, 2], leafPod: [0, 0], nodeCount: 2)
        == "topology-aware placement: node 1 is on leaf 2, but there are 2 leaves")
    #expect(
      TopologyAwarePlacement.validate(nodeLeaf: [0], leafPod: [-1], nodeCount: 1)
        == "topology-aware placement: leaf 0 is in pod -1")
    // A leaf outside the arrays is taken last, not trapped on: nodes 0–1 on an unknown leaf,
    // 2–15 on leaf 0, so a 1-GPU job on the empty site goes to leaf 0's node 2.
    var leaves = [Int32](repeating: 0, count: 16)
    leaves[0] = 7
    leaves[1] = -3
    var policy = TopologyAwarePlacement(nodeLeaf: leaves, leafPod: [0])
    var random = RandomStream(seed: 0, name: "test")
    let view = ClusterView(site: Self.site)
    #expect(
      policy.place(job(1), on: view, random: &random)
        == .place([NodeAllocation(node: NodeID(2), gpus: 1)]))
  }
}
