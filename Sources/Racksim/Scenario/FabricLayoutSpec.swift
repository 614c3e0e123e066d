import DataCenter

/// The `fabric:` section of a scenario: how the site's nodes hang on a spine-leaf fabric
/// (DESIGN.md "Topology"; REFERENCES.md §5.3 for the conventions).
///
/// **Hosts.** `hosts: node` gives one fabric host (NIC port) per node; `hosts: rails` gives one
/// per GPU, GPU k of a node on port k (the rail-optimised layout of `FabricSpec`: port k of the
/// nodes of one leaf group sits on rail leaf k of that group). Hosts are numbered as the
/// site's nodes are (hall, row, rack, node), so node `n` is host `n` (or hosts `n·g ..< n·g+g`).
///
/// **Leaves.** `leaf: rack` puts each rack's nodes under one leaf (every rack must hold the
/// same number of nodes), `leaf: row` each row's, or `hosts_per_leaf: k` every k consecutive
/// nodes (k must divide the node count). `pods: p` splits the leaves into p pods of
/// consecutive leaves (each with its own `spines`), joined by `super_spines`.
///
/// **Oversubscription** (reported in `summary.json`): leaf = nodes per leaf · host_link /
/// (spines · uplink); spine = leaves per pod · uplink / (super_spines · super_uplink).
public struct FabricLayoutSpec: Sendable, Equatable {
  /// Fabric hosts per node.
  public enum Hosts: String, Sendable, Equatable, CaseIterable {
    case node, rails
  }
  /// What one leaf switch serves.
  public enum Leaf: Sendable, Equatable {
    case rack
    case row
    /// Every `k` consecutive nodes.
    case nodes(Int)
  }

  public var hosts: Hosts
  public var leaf: Leaf
  public var spines: Int
  /// Pods (1: no super-spine layer).
  public var pods: Int
  public var superSpines: Int
  /// Each host link, each direction, bytes per second.
  public var hostLinkBytesPerSecond: Double
  /// Each leaf-spine link, each direction, bytes per second.
  public var uplinkBytesPerSecond: Double
  /// Each spine-super-spine link, each direction, bytes per second (0 for one pod).
  public var superUplinkBytesPerSecond: Double
  public var routing: FabricSpec.Routing
  /// Write `links.csv`.
  public var recordLinks: Bool

  public init(
    hosts: Hosts = .node, leaf: Leaf = .rack, spines: Int, pods: Int = 1, superSpines: Int = 0,
    hostLinkBytesPerSecond: Double, uplinkBytesPerSecond: Double,
    superUplinkBytesPerSecond: Double = 0, routing: FabricSpec.Routing = .hash,
    recordLinks: Bool = true
  ) {
    self.hosts = hosts
    self.leaf = leaf
    self.spines = spines
    self.pods = pods
    self.superSpines = superSpines
    self.hostLinkBytesPerSecond = hostLinkBytesPerSecond
    self.uplinkBytesPerSecond = uplinkBytesPerSecond
    self.superUplinkBytesPerSecond = superUplinkBytesPerSecond
    self.routing = routing
    self.recordLinks = recordLinks
  }

  /// The fabric of `site` (layout and catalog), or every problem, each with its key under
  /// `fabric`.
  public func resolve(site: SiteLayout, catalog: HardwareCatalog) -> Result<
    FabricSpec, FabricLayoutProblems
  > {
    var problems: [(key: String, message: String)] = []
    // Nodes per rack and per row, and GPUs per node, hall by hall.
    var rackSizes = Set<Int>()
    var rowSizes = Set<Int>()
    var gpuCounts = Set<Int>()
    var nodes = 0
    for hall in site.halls {
      guard let rack = catalog.rack(named: hall.rackType),
        let node = catalog.node(named: rack.node)
      else { return .failure(FabricLayoutProblems(problems: [])) }
      rackSizes.insert(rack.nodesPerRack)
      rowSizes.insert(rack.nodesPerRack * hall.racksPerRow)
      gpuCounts.insert(node.gpusPerNode)
      nodes += hall.rows * hall.racksPerRow * rack.nodesPerRack
    }
    var perLeaf = 0
    switch leaf {
    case .rack:
      if rackSizes.count > 1 {
        problems.append(
          (
            "leaf",
            "leaf: rack needs the same nodes in every rack; racks hold "
              + rackSizes.sorted().map(String.init).joined(separator: ", ") + " nodes"
          ))
      }
      perLeaf = rackSizes.first ?? 0
    case .row:
      if rowSizes.count > 1 {
        problems.append(
          (
            "leaf",
            "leaf: row needs the same nodes in every row; rows hold "
              + rowSizes.sorted().map(String.init).joined(separator: ", ") + " nodes"
          ))
      }
      perLeaf = rowSizes.first ?? 0
    case .nodes(let k):
      perLeaf = k
      if k < 1 {
        problems.append(("hosts_per_leaf", "must be >= 1, got \(k)"))
      } else if nodes % k != 0 {
        problems.append(
          ("hosts_per_leaf", "\(nodes) nodes do not divide into leaves of \(k) nodes"))
      }
    }
    var rails = 1
    if hosts == .rails {
      if gpuCounts.count > 1 {
        problems.append(
          (
            "hosts",
            "hosts: rails needs the same GPUs in every node; nodes hold "
              + gpuCounts.sorted().map(String.init).joined(separator: ", ") + " GPUs"
          ))
      }
      rails = gpuCounts.first ?? 1
    }
    if spines < 1 { problems.append(("spines", "must be >= 1, got \(spines)")) }
    if pods < 1 { problems.append(("pods", "must be >= 1, got \(pods)")) }
    if superSpines < 0 { problems.append(("super_spines", "must be >= 0, got \(superSpines)")) }
    if pods > 1 && superSpines < 1 {
      problems.append(("super_spines", "must be >= 1 to join \(pods) pods"))
    }
    if pods == 1 && superSpines > 0 {
      problems.append(("super_spines", "a single pod has no super-spine layer; set pods"))
    }
    for (key, value) in [
      ("host_link", hostLinkBytesPerSecond), ("uplink", uplinkBytesPerSecond),
    ] where !(value > 0 && value.isFinite) {
      problems.append((key, "must be a positive bandwidth"))
    }
    if pods > 1 && !(superUplinkBytesPerSecond > 0 && superUplinkBytesPerSecond.isFinite) {
      problems.append(("super_uplink", "must be a positive bandwidth to join \(pods) pods"))
    }
    let leaves = perLeaf > 0 ? (nodes / perLeaf) * rails : 0
    if problems.isEmpty && pods > 1 && leaves % pods != 0 {
      problems.append(("pods", "\(leaves) leaves do not divide into \(pods) pods"))
    }
    guard problems.isEmpty else { return .failure(FabricLayoutProblems(problems: problems)) }
    let spec = FabricSpec(
      hosts: nodes * rails, hostsPerLeaf: perLeaf, spines: spines,
      leavesPerPod: pods > 1 ? leaves / pods : nil, superSpines: pods > 1 ? superSpines : 0,
      hostLinkBytesPerSecond: hostLinkBytesPerSecond, uplinkBytesPerSecond: uplinkBytesPerSecond,
      superUplinkBytesPerSecond: superUplinkBytesPerSecond, railsPerNode: rails,
      routing: routing)
    let left = spec.validate()
    guard left.isEmpty else {
      return .failure(FabricLayoutProblems(problems: left.map { ("", "\($0.key): \($0.message)") }))
    }
    return .success(spec)
  }
}

/// The problems `FabricLayoutSpec.resolve` found, each with its key under `fabric`.
public struct FabricLayoutProblems: Error, Sendable {
  public var problems: [(key: String, message: String)]
}
