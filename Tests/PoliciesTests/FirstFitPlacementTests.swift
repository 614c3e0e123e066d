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

  /// FIFO: candidates in order, and a blocked job stops the pass.
  @Test func fifoTriesInOrderAndStopsWhenBlocked() {
    var fifo = FIFOScheduler()
    let view = ClusterView(site: Self.site)
    let queue = [job(1), job(2)]
    #expect(fifo.nextCandidate(after: nil, in: queue, cluster: view) == 0)
    #expect(fifo.nextCandidate(after: 0, in: queue, cluster: view) == 1)
    #expect(fifo.nextCandidate(after: 1, in: queue, cluster: view) == nil)
    #expect(fifo.afterBlocked(at: 0, in: queue, cluster: view) == .stop)
  }
}
