import DataCenter
import SimKernel
import Testing

/// Collectives as flows (REFERENCES.md §5.1), on one non-blocking switch and over NVLink, and
/// checked against `FlowNetwork` step by step.
@Suite struct CollectivesTests {
  /// 100 Gb/s = 12.5e9 B/s.
  static let b = 12.5e9

  /// n hosts under one leaf: every flow uses only its two host links, a non-blocking switch.
  static func oneSwitch(_ n: Int) -> Fabric {
    Fabric(
      FabricSpec(
        hosts: n, hostsPerLeaf: n, spines: 1, hostLinkBytesPerSecond: b,
        uplinkBytesPerSecond: b))
  }

  /// The slowest max-min rate of `plan`'s flows on `fabric`.
  static func slowestRate(_ plan: CollectivePlan, on fabric: Fabric) -> Double {
    var flows = SteadyStateFlows(fabric: fabric)
    let ids = plan.flows.enumerated().map { k, f in
      flows.add(from: f.source, to: f.destination, flowKey: UInt64(k))
    }
    flows.solve()
    return ids.map { flows.rate(of: $0) }.min() ?? .infinity
  }

  /// Ring all-reduce of S = 8 GB on n = 8 single-GPU hosts: 2(n−1) = 14 steps; each host sends
  /// S/n = 1 GB to its successor per step, one flow per host link direction, so each runs at
  /// B: a step takes 1e9 / 12.5e9 = 0.08 s, the operation 14 · 0.08 = 1.12 s
  /// = 2(n−1)/n · S/B = (14/8) · 0.64 s (§5.1's ideal), and busbw = (S/T) · 2(n−1)/n
  /// = (8e9 / 1.12) · 1.75 = 12.5e9 = B.
  @Test func ringAllReduceOnANonBlockingSwitch() {
    let fabric = Self.oneSwitch(8)
    let plan = CollectivePlan(.ringAllReduce, bytes: 8e9, nodes: Array(0..<8), gpusPerNode: 1)
    #expect(plan.steps == 14 && plan.flows.count == 8 && plan.flowBytesPerStep == 1e9)
    #expect(plan.nvlinkBytesPerStep == 0)
    let r = Self.slowestRate(plan, on: fabric)
    #expect(r == Self.b)
    let t = plan.seconds(nvlinkBytesPerSecond: .infinity, minimumFlowRate: r)
    #expect(abs(t - 1.12) < 1e-12)
    let busbw = 8e9 / t * CollectivePlan.busBandwidthFactor(.ringAllReduce, ranks: 8)
    #expect(abs(busbw - Self.b) / Self.b < 1e-12)
  }

  /// The same ring run step by step on `FlowNetwork` with real bytes: each of the 14 steps
  /// starts 8 flows of 1 GB when the previous one has finished; each finishes at
  /// ⌈1e9 / 12.5e9 s⌉ = 80,000,000 ns, so the last at 14 · 0.08 s = 1.12 s exactly.
  @Test func ringMatchesFlowNetworkStepByStep() {
    let fabric = Self.oneSwitch(8)
    let plan = CollectivePlan(.ringAllReduce, bytes: 8e9, nodes: Array(0..<8), gpusPerNode: 1)
    var net = FlowNetwork(fabric: fabric)
    var now = SimTime.zero
    for _ in 0..<plan.steps {
      let ids = plan.flows.enumerated().map { k, f in
        net.addFlow(
          bytes: plan.flowBytesPerStep, from: f.source, to: f.destination, flowKey: UInt64(k),
          at: now)
      }
      net.settle(at: now)
      let end = ids.map { net.completionTime(of: $0) }.max()!
      for id in ids { net.removeFlow(id, at: end) }
      now = end
    }
    #expect(now == SimTime(nanoseconds: 1_120_000_000))
  }

  /// Inside one node of g = 8 GPUs the ring uses NVLink only (no fabric flow): 2·7 = 14 steps
  /// of S/8 per GPU at the NVLink bandwidth per direction B_nv, T = 2(n−1)/n · S/B_nv; with
  /// S = 8 GB and B_nv = 450 GB/s (H100, REFERENCES.md §5.2): 14 · 1e9 / 450e9 = 31.1 ms.
  @Test func ringInsideANodeUsesNVLink() {
    let plan = CollectivePlan(.ringAllReduce, bytes: 8e9, nodes: [3], gpusPerNode: 8)
    #expect(plan.flows.isEmpty && plan.steps == 14 && plan.nvlinkBytesPerStep == 1e9)
    let t = plan.seconds(nvlinkBytesPerSecond: 450e9, minimumFlowRate: 0)
    #expect(abs(t - 14e9 / 450e9) < 1e-15)
  }

  /// Two nodes of 8 GPUs, one host each at B: n = 16 ranks, 30 steps of S/16; the step is the
  /// slower of NVLink (S/16 / B_nv) and the fabric (S/16 / B, one flow each way between the
  /// nodes, each alone on its host links). With B = 12.5 GB/s < B_nv = 450 GB/s the fabric
  /// decides: T = 30 · (16e9/16) / 12.5e9 = 2.4 s.
  @Test func multiNodeRingIsBoundByItsSlowestHop() {
    let fabric = Self.oneSwitch(2)
    let plan = CollectivePlan(.ringAllReduce, bytes: 16e9, nodes: [0, 1], gpusPerNode: 8)
    #expect(plan.flows.count == 2 && plan.steps == 30)
    let r = Self.slowestRate(plan, on: fabric)
    #expect(r == Self.b)
    #expect(abs(plan.seconds(nvlinkBytesPerSecond: 450e9, minimumFlowRate: r) - 2.4) < 1e-12)
  }

  /// Reduce-scatter and all-gather: n−1 = 7 steps of S/n, T = (n−1)/n · S/B
  /// = (7/8) · 8e9 / 12.5e9 = 0.56 s (§5.1).
  @Test func allGatherAndReduceScatter() {
    let fabric = Self.oneSwitch(8)
    for kind in [CollectivePlan.Kind.allGather, .reduceScatter] {
      let plan = CollectivePlan(kind, bytes: 8e9, nodes: Array(0..<8), gpusPerNode: 1)
      let r = Self.slowestRate(plan, on: fabric)
      #expect(abs(plan.seconds(nvlinkBytesPerSecond: 1, minimumFlowRate: r) - 0.56) < 1e-12)
    }
  }

  /// Tree over 7 nodes (heap order: 0 → {1, 2}, 1 → {3, 4}, 2 → {5, 6}): 12 flows, one each
  /// way per edge. Node 1 sends to its parent and two children: 3 flows share its host uplink
  /// (and 3 its downlink), each B/3; T = S / (B/3) = 3S/B = 3 · 1.25e9 / 12.5e9 = 0.3 s.
  @Test func treeAllReduce() {
    let fabric = Self.oneSwitch(7)
    let plan = CollectivePlan(.treeAllReduce, bytes: 1.25e9, nodes: Array(0..<7), gpusPerNode: 1)
    #expect(plan.flows.count == 12 && plan.steps == 1)
    let r = Self.slowestRate(plan, on: fabric)
    #expect(abs(r - Self.b / 3) / Self.b < 1e-12)
    #expect(abs(plan.seconds(nvlinkBytesPerSecond: 1, minimumFlowRate: r) - 0.3) < 1e-12)
  }

  /// All-to-all over 4 single-GPU hosts: 4·3 = 12 flows of S/n each; every host link carries
  /// 3 of them at B/3: T = (S/4) / (B/3) = 0.75 · S/B, i.e. (n−1)/n · S/B (§5.1's factor).
  @Test func allToAll() {
    let fabric = Self.oneSwitch(4)
    let plan = CollectivePlan(.allToAll, bytes: 4e9, nodes: Array(0..<4), gpusPerNode: 1)
    #expect(plan.flows.count == 12 && plan.flowBytesPerStep == 1e9)
    let r = Self.slowestRate(plan, on: fabric)
    let t = plan.seconds(nvlinkBytesPerSecond: 1, minimumFlowRate: r)
    #expect(abs(t - 0.75 * 4e9 / Self.b) < 1e-12)
  }

  /// Rails: with C = 2 hosts per node, node k's channel c is host 2k + c, and the inter-node
  /// bytes split over the two channels: S/(n·C) per flow.
  @Test func railsSplitTheChannels() {
    let plan = CollectivePlan(
      .ringAllReduce, bytes: 8e9, nodes: [0, 1], gpusPerNode: 2, hostsPerNode: 2)
    #expect(
      plan.flows == [
        .init(source: HostID(0), destination: HostID(2)),
        .init(source: HostID(1), destination: HostID(3)),
        .init(source: HostID(2), destination: HostID(0)),
        .init(source: HostID(3), destination: HostID(1)),
      ])
    // n = 4 ranks: S/n = 2e9 per rank, 1e9 per channel flow.
    #expect(plan.flowBytesPerStep == 1e9 && plan.nvlinkBytesPerStep == 2e9)
  }
}
