import DataCenter
import SimKernel
import Testing
import Workloads

@testable import Policies

@Suite struct FirstFitPlacementTests {
  /// One dgx-h100-rack: 4 nodes × 8 GPUs.
  static let site = Site(
    layout: SiteLayout(halls: [
      HallLayout(name: "h", rows: 1, racksPerRow: 1, rackType: "dgx-h100-rack")
    ]),
    catalog: .builtIn)

  func job(_ gpus: Int) -> QueuedJob {
    QueuedJob(id: JobID(0), gpus: gpus, submit: .zero, work: .seconds(1), priority: 0)
  }

  func place(_ gpus: Int, on view: ClusterView) -> PlacementDecision {
    var policy = FirstFitPlacement()
    var random = RandomStream(seed: 0, name: "test")
    return policy.place(job(gpus), on: view, random: &random)
  }

  /// Node 0 has 3 free (5 taken), node 1 is empty: a 4-GPU job skips node 0 for node 1; a
  /// 3-GPU job fits node 0.
  @Test func smallJobsGoToTheFirstNodeWithRoom() {
    var view = ClusterView(site: Self.site)
    view.take(NodeAllocation(node: NodeID(0), gpus: 5))
    #expect(place(4, on: view) == .place([NodeAllocation(node: NodeID(1), gpus: 4)]))
    #expect(place(3, on: view) == .place([NodeAllocation(node: NodeID(0), gpus: 3)]))
  }

  /// 12 GPUs = ⌈12/8⌉ = 2 whole nodes; node 0 is partly used, so nodes 1 and 2, 8 GPUs each.
  @Test func largeJobsTakeWholeFreeNodes() {
    var view = ClusterView(site: Self.site)
    view.take(NodeAllocation(node: NodeID(0), gpus: 1))
    #expect(view.wholeFreeNodes == 3 && view.totalFreeGPUs == 31)
    #expect(
      place(12, on: view)
        == .place([
          NodeAllocation(node: NodeID(1), gpus: 8), NodeAllocation(node: NodeID(2), gpus: 8),
        ]))
    // 32 GPUs need all 4 nodes: with node 0 partly used it must wait.
    #expect(place(32, on: view) == .wait)
  }

  @Test func impossibleJobsAreRejected() {
    let view = ClusterView(site: Self.site)
    #expect(place(33, on: view) == .reject(reason: "asks for 33 GPUs; the site has 32"))
  }

  /// FIFO: the head by (submit, id); a started job leaves, a blocked head stops the pass, a
  /// requeued older job goes back in front.
  @Test func fifoTriesInOrderAndStopsWhenBlocked() {
    var fifo = FIFOScheduler()
    let view = ClusterView(site: Self.site)
    func queued(_ id: Int, submit: Double) -> QueuedJob {
      QueuedJob(
        id: JobID(id), gpus: 1, submit: SimTime(seconds: submit), work: .seconds(1), priority: 0)
    }
    fifo.enqueue(queued(2, submit: 5))
    fifo.enqueue(queued(1, submit: 5))
    fifo.enqueue(queued(3, submit: 7))
    // Same submit time: the lower id first.
    #expect(fifo.nextCandidate(cluster: view) == JobID(1))
    #expect(fifo.record(.started, of: JobID(1), cluster: view) == .tryNext)
    #expect(fifo.nextCandidate(cluster: view) == JobID(2))
    #expect(fifo.record(.blocked, of: JobID(2), cluster: view) == .stop)
    // A requeued job submitted at 1 goes to the head again.
    fifo.enqueue(queued(0, submit: 1))
    #expect(fifo.nextCandidate(cluster: view) == JobID(0))
    #expect(fifo.waitingCount == 3)
  }

  /// A node that is not up is never chosen, and the free counts stay exact: node 0 down,
  /// node 1 draining: 1 GPU goes to node 2; 16 GPUs cannot take nodes 0–1, so they wait
  /// for 2 whole nodes among 2–3 (free) → nodes 2 and 3 when node 2 is whole.
  @Test func unavailableNodesAreNeverChosen() {
    var view = ClusterView(site: Self.site)
    view.setAvailability(.down, of: 0)
    view.setAvailability(.draining, of: 1)
    // 32 GPUs, 16 on nodes that are not up.
    #expect(view.totalFreeGPUs == 16)
    #expect(view.downGPUs == 16)
    #expect(view.wholeFreeNodes == 2)
    #expect(place(1, on: view) == .place([NodeAllocation(node: NodeID(2), gpus: 1)]))
    #expect(
      place(16, on: view)
        == .place([
          NodeAllocation(node: NodeID(2), gpus: 8), NodeAllocation(node: NodeID(3), gpus: 8),
        ]))
    view.take(NodeAllocation(node: NodeID(2), gpus: 1))
    #expect(place(16, on: view) == .wait)
    view.setAvailability(.up, of: 0)
    #expect(view.totalFreeGPUs == 8 + 7 + 8)
    #expect(view.downGPUs == 8)
    #expect(place(8, on: view) == .place([NodeAllocation(node: NodeID(0), gpus: 8)]))
  }
}

/// Best-fit: the node that leaves the least free. Node 0 has 6 free (2 taken), node 1 3 free
/// (5 taken), nodes 2 and 3 all 8: a 2-GPU job goes to node 1 (leaves 1), a 4-GPU job to node
/// 0 (leaves 2: node 1 has only 3), a 7-GPU job to node 2 (the lowest of the whole ones).
@Suite struct BestFitPlacementTests {
  @Test func choosesTheNodeThatLeavesTheLeastFree() {
    var view = ClusterView(site: FirstFitPlacementTests.site)
    view.take(NodeAllocation(node: NodeID(0), gpus: 2))
    view.take(NodeAllocation(node: NodeID(1), gpus: 5))
    var policy = BestFitPlacement()
    var random = RandomStream(seed: 1, name: "test")
    func place(_ gpus: Int) -> PlacementDecision {
      policy.place(
        QueuedJob(id: JobID(0), gpus: gpus, submit: .zero, work: .seconds(1), priority: 0),
        on: view, random: &random)
    }
    #expect(place(2) == .place([NodeAllocation(node: NodeID(1), gpus: 2)]))
    #expect(place(4) == .place([NodeAllocation(node: NodeID(0), gpus: 4)]))
    #expect(place(7) == .place([NodeAllocation(node: NodeID(2), gpus: 7)]))
    // Whole-node jobs: nodes 2 and 3.
    #expect(
      place(16)
        == .place([
          NodeAllocation(node: NodeID(2), gpus: 8), NodeAllocation(node: NodeID(3), gpus: 8),
        ]))
    // A node that is not up is skipped: with node 1 draining, 2 GPUs go to node 0 (6 free).
    view.setAvailability(.draining, of: 1)
    #expect(place(2) == .place([NodeAllocation(node: NodeID(0), gpus: 2)]))
  }
}

/// The free-capacity index against a linear scan, on seeded random updates.
@Suite struct FreeCapacityIndexTests {
  @Test func firstMatchAgreesWithAScan() {
    for seed in 0..<200 {
      var random = RandomStream(seed: UInt64(seed), name: "index-test")
      let n = 1 + random.nextInt(below: 40)
      var values = (0..<n).map { _ in Int32(random.nextInt(below: 10)) - 1 }
      var index = FreeCapacityIndex(values)
      for _ in 0..<50 {
        let i = random.nextInt(below: n)
        values[i] = Int32(random.nextInt(below: 10)) - 1
        index.set(i, to: values[i])
        let want = Int32(random.nextInt(below: 10))
        let start = random.nextInt(below: n + 1)
        let expected = (start..<n).first { values[$0] >= want }
        #expect(
          index.first(atLeast: want, from: start) == expected,
          "seed \(seed): first ≥ \(want) from \(start) in \(values)")
      }
    }
  }
}
