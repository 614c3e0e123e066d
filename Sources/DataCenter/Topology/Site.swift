/// The built physical site: halls → rows → racks → nodes → GPUs, as flat arrays indexed by
/// typed IDs (STYLE.md §4 rule 6). Immutable once built; the changing state (what is busy, what
/// is down) lives in the simulation. A class, so that the views that hold it (`ClusterView`,
/// `RunState`) copy one reference, not thirty arrays, when they are passed to a policy.
///
/// Numbering is depth-first in layout order: hall 0's row 0's rack 0's node 0 is node 0, and
/// a node's GPUs are contiguous, so `GPUID = nodeFirstGPU[node] + slot`.
public final class Site: Sendable {
  public let catalog: HardwareCatalog
  public let layout: SiteLayout

  public let rowHall: [HallID]
  public let rackRow: [RowID]
  public let rackHall: [HallID]
  /// Index into `catalog.racks`.
  public let rackTypeIndex: [Int32]
  public let rackFirstNode: [Int32]
  public let rackNodeCount: [Int32]
  /// GPUs per rack.
  public let rackGPUCount: [Int32]
  /// `hall/rNN/kNN`, 1-based within hall and row.
  public let rackNames: [String]

  public let nodeRack: [RackID]
  /// Index into `catalog.nodes`.
  public let nodeTypeIndex: [Int32]
  public let nodeFirstGPU: [Int32]
  public let nodeGPUCount: [Int32]

  /// Per node type (indexed like `catalog.nodes`): the GPU and host power models.
  public let gpuPowerModels: [LinearPowerModel]
  /// Per node type (indexed like `catalog.nodes`): its GPU type.
  public let nodeTypeGPUs: [GPUType]
  public let hostPowerModels: [LinearPowerModel]

  public var hallCount: Int { layout.halls.count }
  public var rowCount: Int { rowHall.count }
  public var rackCount: Int { rackRow.count }
  public var nodeCount: Int { nodeRack.count }
  public let gpuCount: Int
  /// The largest node's GPU count: jobs up to this size fit in one node.
  public let maxGPUsPerNode: Int

  /// Builds the site. The layout must be valid against the catalog (`SiteLayout.validate`).
  public init(layout: SiteLayout, catalog: HardwareCatalog) {
    self.catalog = catalog
    self.layout = layout
    var rowHall: [HallID] = []
    var rackRow: [RowID] = []
    var rackHall: [HallID] = []
    var rackType: [Int32] = []
    var rackFirstNode: [Int32] = []
    var rackNodeCount: [Int32] = []
    var rackNames: [String] = []
    var nodeRack: [RackID] = []
    var nodeType: [Int32] = []
    var nodeFirstGPU: [Int32] = []
    var nodeGPUCount: [Int32] = []
    var gpus = 0
    for (h, hall) in layout.halls.enumerated() {
      let rt = catalog.racks.firstIndex { $0.name == hall.rackType }!
      let rack = catalog.racks[rt]
      let nt = catalog.nodes.firstIndex { $0.name == rack.node }!
      let perNode = catalog.nodes[nt].gpusPerNode
      for r in 0..<hall.rows {
        let row = RowID(rowHall.count)
        rowHall.append(HallID(h))
        for k in 0..<hall.racksPerRow {
          let rackID = RackID(rackRow.count)
          rackRow.append(row)
          rackHall.append(HallID(h))
          rackType.append(Int32(rt))
          rackFirstNode.append(Int32(nodeRack.count))
          rackNodeCount.append(Int32(rack.nodesPerRack))
          rackNames.append("\(hall.name)/r\(r + 1)/k\(k + 1)")
          for _ in 0..<rack.nodesPerRack {
            nodeRack.append(rackID)
            nodeType.append(Int32(nt))
            nodeFirstGPU.append(Int32(gpus))
            nodeGPUCount.append(Int32(perNode))
            gpus += perNode
          }
        }
      }
    }
    self.rowHall = rowHall
    self.rackRow = rackRow
    self.rackHall = rackHall
    self.rackTypeIndex = rackType
    self.rackFirstNode = rackFirstNode
    self.rackNodeCount = rackNodeCount
    self.rackGPUCount = (0..<rackRow.count).map { r in
      let first = Int(rackFirstNode[r])
      return nodeGPUCount[first..<(first + Int(rackNodeCount[r]))].reduce(0, +)
    }
    self.rackNames = rackNames
    self.nodeRack = nodeRack
    self.nodeTypeIndex = nodeType
    self.nodeFirstGPU = nodeFirstGPU
    self.nodeGPUCount = nodeGPUCount
    self.gpuCount = gpus
    self.maxGPUsPerNode = Int(nodeGPUCount.max() ?? 0)
    self.nodeTypeGPUs = catalog.nodes.map { catalog.gpu(named: $0.gpu)! }
    self.gpuPowerModels = catalog.nodes.map { node in
      let gpu = catalog.gpu(named: node.gpu)!
      return LinearPowerModel(idleW: gpu.idleW, maxW: gpu.tdpW)
    }
    self.hostPowerModels = catalog.nodes.map {
      LinearPowerModel(idleW: $0.hostIdleW, maxW: $0.hostMaxW)
    }
  }

  /// The GPU type of `node`.
  @inlinable public func gpuType(ofNode node: Int) -> GPUType {
    nodeTypeGPUs[Int(nodeTypeIndex[node])]
  }

  /// The nodes of `rack`.
  @inlinable public func nodes(of rack: RackID) -> Range<Int> {
    let first = Int(rackFirstNode[rack.index])
    return first..<(first + Int(rackNodeCount[rack.index]))
  }
}
