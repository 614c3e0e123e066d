import SimKernel

/// The shape of a spine-leaf fabric, as a scenario or a fabric file describes it.
///
/// Hosts are NIC ports. They hang under leaf switches, `hostsPerLeaf` each; every leaf of a pod
/// links to every spine of that pod; with several pods, every spine links to every super-spine.
/// All links are full duplex: each direction is its own link with the given bandwidth
/// (REFERENCES.md §5.3 for the conventions; AI back ends are usually 1:1, front ends 3:1).
///
/// **Rail-optimised layout** (`railsPerNode = k > 1`): host `h` is port `h mod k` of node
/// `h / k`, and port `r` of the `hostsPerLeaf` nodes of one group sits on rail leaf `r` of that
/// group, so GPU r of every node of the group shares one leaf. With `k = 1` host `h` is under
/// leaf `h / hostsPerLeaf`.
public struct FabricSpec: Sendable, Equatable, Codable {
  /// How a flow between two leaves picks its spine (and super-spine).
  public enum Routing: String, Sendable, Equatable, Codable, CaseIterable {
    /// Spine `(source + destination) mod spines`, super-spine
    /// `((source + destination) / spines) mod superSpines` (host indices).
    case modulo
    /// ECMP on a hash of (source, destination, flow key); see `Fabric.ecmpHash`.
    case hash
  }

  /// Number of hosts (NIC ports), `h0` ..< `h(hosts-1)`.
  public var hosts: Int
  /// Hosts under each leaf switch.
  public var hostsPerLeaf: Int
  /// Spine switches per pod.
  public var spines: Int
  /// Leaves per pod; `nil` puts every leaf in one pod.
  public var leavesPerPod: Int?
  /// Super-spine switches joining the pods (0 for a single pod).
  public var superSpines: Int
  /// Bandwidth of each host link, each direction, in bytes per second.
  public var hostLinkBytesPerSecond: Double
  /// Bandwidth of each leaf-spine link, each direction, in bytes per second.
  public var uplinkBytesPerSecond: Double
  /// Bandwidth of each spine-super-spine link, each direction, in bytes per second.
  public var superUplinkBytesPerSecond: Double
  /// NIC ports per node for the rail-optimised layout; 1 for the plain layout.
  public var railsPerNode: Int
  /// Spine selection.
  public var routing: Routing
  /// Latency of each link a flow crosses (default 0: the pure flow model).
  public var hopLatency: SimDuration

  public init(
    hosts: Int, hostsPerLeaf: Int, spines: Int, leavesPerPod: Int? = nil, superSpines: Int = 0,
    hostLinkBytesPerSecond: Double, uplinkBytesPerSecond: Double,
    superUplinkBytesPerSecond: Double = 0, railsPerNode: Int = 1, routing: Routing = .hash,
    hopLatency: SimDuration = .zero
  ) {
    self.hosts = hosts
    self.hostsPerLeaf = hostsPerLeaf
    self.spines = spines
    self.leavesPerPod = leavesPerPod
    self.superSpines = superSpines
    self.hostLinkBytesPerSecond = hostLinkBytesPerSecond
    self.uplinkBytesPerSecond = uplinkBytesPerSecond
    self.superUplinkBytesPerSecond = superUplinkBytesPerSecond
    self.railsPerNode = railsPerNode
    self.routing = routing
    self.hopLatency = hopLatency
  }

  /// Leaf switches in the whole fabric (valid specs only).
  public var leaves: Int { hostsPerLeaf > 0 ? hosts / hostsPerLeaf : 0 }
  /// Pods (valid specs only).
  public var pods: Int {
    guard let perPod = leavesPerPod, perPod > 0 else { return 1 }
    return leaves / perPod
  }

  /// Leaf oversubscription: host bandwidth into a leaf over its uplink bandwidth,
  /// `hostsPerLeaf · host_link / (spines · uplink)`; 1 is non-blocking, 4 is "4:1".
  public var leafOversubscription: Double {
    Double(hostsPerLeaf) * hostLinkBytesPerSecond / (Double(spines) * uplinkBytesPerSecond)
  }

  /// Spine oversubscription towards the super-spines,
  /// `leavesPerPod · uplink / (superSpines · super_uplink)`; nil for a single pod.
  public var spineOversubscription: Double? {
    guard pods > 1, let perPod = leavesPerPod else { return nil }
    return Double(perPod) * uplinkBytesPerSecond
      / (Double(superSpines) * superUplinkBytesPerSecond)
  }

  /// The most directed links a fabric may have: 10 million (a 100,000-GPU site with a
  /// three-tier fabric has about 130,000, one host per GPU about 1.7 million; measured, a
  /// fabric costs some 150 bytes per link with the solver, so the bound keeps one under about
  /// 1.5 GB instead of letting a mistyped host or spine count ask for tens of GB: 40 million
  /// links took 6 GB).
  public static let maxLinks = 10_000_000

  /// Every problem with the spec, each with the fabric-file key it concerns; empty when the
  /// fabric can be built.
  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    func positive(_ key: String, _ value: Int) -> Bool {
      if value < 1 { problems.append((key, "must be >= 1, got \(value)")) }
      return value >= 1
    }
    func bandwidth(_ key: String, _ value: Double) {
      if !(value > 0 && value.isFinite) {
        problems.append((key, "must be a positive bandwidth, got \(value) B/s"))
      }
    }
    let hostsOK = positive("hosts", hosts)
    if hosts > Int(UInt32.max) { problems.append(("hosts", "must be < 2^32, got \(hosts)")) }
    let perLeafOK = positive("hosts_per_leaf", hostsPerLeaf)
    _ = positive("spines", spines)
    _ = positive("rails", railsPerNode)
    bandwidth("host_link", hostLinkBytesPerSecond)
    bandwidth("uplink", uplinkBytesPerSecond)
    if hopLatency < .zero { problems.append(("latency", "must be >= 0, got \(hopLatency)")) }
    guard hostsOK && perLeafOK && railsPerNode >= 1 else { return problems }
    if railsPerNode == 1 {
      if hosts % hostsPerLeaf != 0 {
        problems.append(
          (
            "hosts_per_leaf",
            "\(hosts) hosts do not divide into leaves of \(hostsPerLeaf)"
          ))
        return problems
      }
    } else if hosts % railsPerNode != 0 || (hosts / railsPerNode) % hostsPerLeaf != 0 {
      problems.append(
        (
          "rails",
          "\(hosts) hosts are not whole groups of \(hostsPerLeaf) nodes with \(railsPerNode) "
            + "rails each"
        ))
      return problems
    }
    if let perPod = leavesPerPod {
      if perPod < 1 || leaves % perPod != 0 {
        problems.append(("leaves_per_pod", "\(leaves) leaves do not divide into pods of \(perPod)"))
      } else if leaves / perPod > 1 {
        if superSpines < 1 {
          problems.append(("super_spines", "must be >= 1 to join \(leaves / perPod) pods"))
        }
        bandwidth("super_uplink", superUplinkBytesPerSecond)
      }
    }
    // The directed links `Fabric` numbers (its header), counted in Double so that no count
    // overflows: 2·hosts + 2·leaves·spines (+ 2·pods·spines·super-spines).
    let pods = Double(leavesPerPod.map { $0 >= 1 ? leaves / $0 : 1 } ?? 1)
    var links = 2 * Double(hosts) + 2 * Double(leaves) * Double(spines)
    if pods > 1 { links += 2 * pods * Double(spines) * Double(Swift.max(superSpines, 0)) }
    if links > Double(Self.maxLinks) {
      problems.append(
        (
          "spines",
          "the fabric would have \(Int(Swift.min(links, 9e18))) directed links; at most "
            + "\(Self.maxLinks) (check hosts, spines and super_spines)"
        ))
    }
    return problems
  }
}
