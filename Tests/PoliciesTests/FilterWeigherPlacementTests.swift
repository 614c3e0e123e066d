import DataCenter
import SimKernel
import Testing
import Workloads

@testable import Policies

/// Filters and weighers on three dgx-h100-racks (4 nodes × 8 GPUs each; rack r holds nodes
/// 4r … 4r + 3), with per-rack signals set by hand as a model would publish them.
@Suite struct FilterWeigherPlacementTests {
  static let site = Site(
    layout: SiteLayout(halls: [
      HallLayout(name: "h", rows: 1, racksPerRow: 3, rackType: "dgx-h100-rack")
    ]),
    catalog: .builtIn)

  func job(_ gpus: Int) -> QueuedJob {
    QueuedJob(id: JobID(0), gpus: gpus, submit: .zero, work: .seconds(1), priority: 0)
  }

  func place(_ policy: inout FilterWeigherPlacement, _ gpus: Int, on view: ClusterView)
    -> PlacementDecision
  {
    var random = RandomStream(seed: 0, name: "test")
    return policy.place(job(gpus), on: view, random: &random)
  }

  /// Inlet rise per kW of racks 0, 1, 2 = 0.30, 0.05, 0.20 K/kW: thermal-aware sends a 4-GPU
  /// job to rack 1 (node 4, its first node: equal best-fit costs); with node 6 partly used
  /// (5 free), best fit within rack 1 picks node 6 (leaves 1 free). A 16-GPU job takes the two
  /// lowest-cost wholly free nodes: nodes 4 and 5 of rack 1 (node 6 is no longer whole).
  @Test func thermalAwareRanksRacksByTheirInletRise() {
    var view = ClusterView(site: Self.site)
    let rise = view.addSignal("thermal.inlet_rise_k_per_kw", count: 3, initial: 0)
    for (r, v) in [0.30, 0.05, 0.20].enumerated() { _ = view.setSignal(rise, r, to: v) }
    var policy = FilterWeigherPlacement.thermalAware
    #expect(place(&policy, 4, on: view) == .place([NodeAllocation(node: NodeID(4), gpus: 4)]))
    view.take(NodeAllocation(node: NodeID(6), gpus: 3))
    #expect(place(&policy, 4, on: view) == .place([NodeAllocation(node: NodeID(6), gpus: 4)]))
    #expect(
      place(&policy, 16, on: view)
        == .place([
          NodeAllocation(node: NodeID(4), gpus: 8), NodeAllocation(node: NodeID(5), gpus: 8),
        ]))
  }

  /// An H100 SXM adds 700 − 70 = 630 W per GPU at full load over idle (catalog, REFERENCES.md
  /// §3.1), so an 8-GPU job books 5,040 W. Headroom 5,000 / 6,000 / 20,000 W: rack 0 is
  /// filtered out (5,040 > 5,000) and the job goes to node 4 (rack 1). A placement books
  /// nothing until the engine starts it (`didStart`): asked again before that, the policy picks
  /// node 4 once more. Once started, the next 8-GPU job sees rack 1 with 6,000 − 5,040 = 960 W
  /// left, so it goes to rack 2 (node 8). The site's 12,000 W took both (2 × 5,040 = 10,080)
  /// but not a third (1,920 W left): `.wait`. When the power stage republishes (version 2:
  /// rack 1 at 960 W, rack 2 at 14,960 W, the site at 6,000 W after counting the two jobs),
  /// the bookings are cleared and a fourth job goes to rack 2's node 9 (6,000 ≥ 5,040; with
  /// the old bookings still held the site would have 6,000 − 10,080 < 0 and the job would
  /// wait).
  @Test func powerAwareBooksWhatItStartsWithinOnePublication() throws {
    var view = ClusterView(site: Self.site)
    let rack = view.addSignal("power.rack_headroom_w", count: 3, initial: 0)
    _ = view.addSignal("power.hall_headroom_w", count: 1, initial: 1e18)
    let siteRoom = view.addSignal("power.site_headroom_w", count: 1, initial: 12_000)
    let version = view.addSignal("power.headroom_version", count: 1, initial: 1)
    for (r, v) in [5_000.0, 6_000, 20_000].enumerated() { _ = view.setSignal(rack, r, to: v) }
    let gpu = Self.site.gpuType(ofNode: 0)
    let perGPU = (gpu.effectiveDVFSStates.last?.maxPowerW ?? gpu.tdpW) - gpu.idleW
    #expect(perGPU == 630)
    var policy = FilterWeigherPlacement.powerAware
    let first = [NodeAllocation(node: NodeID(4), gpus: 8)]
    #expect(place(&policy, 8, on: view) == .place(first))
    #expect(place(&policy, 8, on: view) == .place(first))  // not started: nothing booked
    policy.didStart(job(8), on: first, cluster: view)
    view.take(first[0])
    let second = [NodeAllocation(node: NodeID(8), gpus: 8)]
    #expect(place(&policy, 8, on: view) == .place(second))
    policy.didStart(job(8), on: second, cluster: view)
    view.take(second[0])
    #expect(place(&policy, 8, on: view) == .wait)
    // A new publication (the power stage has counted the two jobs) clears the bookings.
    _ = view.setSignal(siteRoom, 0, to: 6_000)
    _ = view.setSignal(rack, 1, to: 960)
    _ = view.setSignal(rack, 2, to: 14_960)
    _ = view.setSignal(version, 0, to: 2)
    #expect(place(&policy, 8, on: view) == .place([NodeAllocation(node: NodeID(9), gpus: 8)]))
  }

  /// A node that is not up is never chosen, whatever its cost.
  @Test func unusableNodesAreNeverChosen() {
    var view = ClusterView(site: Self.site)
    let rise = view.addSignal("thermal.inlet_rise_k_per_kw", count: 3, initial: 1)
    _ = view.setSignal(rise, 1, to: 0)
    for n in 4..<8 { view.setAvailability(.down, of: n) }
    var policy = FilterWeigherPlacement.thermalAware
    // Rack 1 (cheapest) is down; racks 0 and 2 tie at 1 K/kW: node 0 (lowest number).
    #expect(place(&policy, 8, on: view) == .place([NodeAllocation(node: NodeID(0), gpus: 8)]))
  }
}
