import Testing

@testable import DataCenter

@Suite struct SiteTests {
  /// 2 halls: A with 2 rows × 3 racks, B with 1 row × 2 racks of dgx-h100-rack (4 nodes × 8
  /// GPUs) → 3 rows, 8 racks, 32 nodes, 256 GPUs; numbering is depth-first in layout order.
  @Test func buildsFlatArraysDepthFirst() {
    let layout = SiteLayout(halls: [
      HallLayout(name: "A", rows: 2, racksPerRow: 3, rackType: "dgx-h100-rack"),
      HallLayout(name: "B", rows: 1, racksPerRow: 2, rackType: "dgx-h100-rack"),
    ])
    let site = Site(layout: layout, catalog: .builtIn)
    #expect(site.rowCount == 3 && site.rackCount == 8 && site.nodeCount == 32)
    #expect(site.gpuCount == 256 && site.maxGPUsPerNode == 8)
    #expect(
      site.rackNames[0] == "A/r1/k1" && site.rackNames[5] == "A/r2/k3"
        && site.rackNames[6] == "B/r1/k1")
    #expect(site.rackHall[6] == HallID(1) && site.rackRow[6] == RowID(2))
    // Rack 6 is the 7th: its nodes are 24..<28, the first GPU of node 24 is 24·8 = 192.
    #expect(site.nodes(of: RackID(6)) == 24..<28)
    #expect(site.nodeFirstGPU[24] == 192)
    #expect(site.nodeRack[27] == RackID(6))
    // 4 nodes × 8 GPUs per rack.
    #expect(site.rackGPUCount.allSatisfy { $0 == 32 })
  }

  /// DGX H100 (REFERENCES.md §3): 8 GPUs at 700 W TDP, 70 W idle [U]; host 1,200–2,400 W.
  /// Idle node = 1,200 + 8·70 = 1,760 W; full = 2,400 + 8·700 = 8,000 W, under the 10.2 kW
  /// system maximum; half the GPUs busy (U = 4, ū = 0.5) = 1,800 + 8·385 = 4,880 W.
  @Test func nodePowerFollowsTheLinearModel() {
    let site = Site(
      layout: SiteLayout(halls: [
        HallLayout(name: "h", rows: 1, racksPerRow: 1, rackType: "dgx-h100-rack")
      ]),
      catalog: .builtIn)
    #expect(site.nodePower(0, utilizationSum: 0) == 1_760)
    #expect(site.nodePower(0, utilizationSum: 8) == 8_000)
    #expect(site.nodePower(0, utilizationSum: 4) == 4_880)
    #expect(site.idlePowerW == 4 * 1_760)
    #expect(
      site.nodePower(0, utilizationSum: 8)
        <= HardwareCatalog.builtIn.node(named: "dgx-h100")!.maxSystemW)
  }

  /// The built-in catalog is valid, lists the GPUs the issue names, and every node's modelled
  /// full-load power stays within its datasheet maximum.
  @Test func builtInCatalogIsConsistent() {
    let c = HardwareCatalog.builtIn
    #expect(c.validate().isEmpty)
    for name in ["a100-sxm", "h100-sxm", "h200-sxm", "b200", "mi300x"] {
      #expect(c.gpu(named: name) != nil)
    }
    #expect(c.gpu(named: "h100-sxm")!.tdpW == 700)  // REFERENCES.md §3 [S]
    #expect(c.gpu(named: "a100-sxm")!.tdpW == 400)  // REFERENCES.md §3 [S]
    for node in c.nodes {
      let gpu = c.gpu(named: node.gpu)!
      #expect(
        node.hostMaxW + Double(node.gpusPerNode) * gpu.tdpW <= node.maxSystemW, "\(node.name)")
    }
    #expect(c.gpus.map(\.name) == c.gpus.map(\.name).sorted())
  }

  @Test func overridesReplaceByNameAndValidationNamesUnknownTypes() {
    var c = HardwareCatalog.builtIn
    var h100 = c.gpu(named: "h100-sxm")!
    h100.idleW = 80
    c.upsert(h100)
    #expect(c.gpu(named: "h100-sxm")!.idleW == 80)
    #expect(c.gpus.count == HardwareCatalog.builtIn.gpus.count)
    c.upsert(
      RackType(name: "bad", node: "nope", nodesPerRack: 0, pduRatingW: 1, cooling: .air, source: "")
    )
    let problems = c.validate()
    #expect(problems.contains { $0.contains("unknown node 'nope'") })
    #expect(problems.contains { $0.contains("nodes_per_rack must be >= 1") })
  }

  @Test func layoutValidationReportsEveryProblem() {
    let layout = SiteLayout(halls: [
      HallLayout(name: "h", rows: 0, racksPerRow: -1, rackType: "dgx-h100-rak"),
      HallLayout(name: "h", rows: 1, racksPerRow: 1, rackType: "dgx-h100-rack"),
    ])
    let keys = layout.validate(against: .builtIn).map(\.key)
    #expect(
      keys == ["halls[0].rows", "halls[0].racks_per_row", "halls[0].rack_type", "halls[1].name"])
  }
}

/// A node of more GPUs than any NVLink domain is refused (placement keeps an index per free
/// count, so 50 million GPUs in one node took 66 s and 3.5 GB before this limit).
@Suite struct NodeTypeLimitTests {
  @Test func gpusPerNodeIsBounded() {
    func node(_ gpus: Int) -> NodeType {
      NodeType(
        name: "n", gpu: "g", gpusPerNode: gpus, hostIdleW: 100, hostMaxW: 200, maxSystemW: 1e4,
        nvlinkBytesPerS: 1e11, source: "test")
    }
    #expect(node(1_024).validate().isEmpty)
    #expect(node(1_025).validate() == ["node 'n': gpus_per_node must be at most 1024, got 1025"])
    #expect(node(0).validate() == ["node 'n': gpus_per_node must be >= 1, got 0"])
  }
}
