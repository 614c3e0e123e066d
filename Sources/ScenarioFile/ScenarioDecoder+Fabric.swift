import DataCenter
import Racksim
import Workloads

// The `fabric:` section (see `FabricLayoutSpec`) and a workload's `communication:` (see
// `CommunicationSpec`). Bandwidths use the scenario units (`100Gbps`, `400GB/s`); checks that
// need the site (leaves dividing the nodes, pods dividing the leaves) are `Scenario.validate()`'s,
// reported at the key they concern.
//
// ```yaml
// fabric:
//   hosts: node          # or rails: one host per GPU, GPU k on rail leaf k
//   leaf: rack           # or row; or hosts_per_leaf: 16 (nodes per leaf)
//   spines: 8            # per pod
//   pods: 5              # optional (default 1); more than 1 needs super_spines
//   super_spines: 4
//   host_link: 400Gbps   # each direction
//   uplink: 800Gbps      # each leaf-spine link, each direction
//   super_uplink: 800Gbps
//   routing: hash        # or modulo
//   links_csv: true      # write links.csv (default true)
// ```

extension ScenarioDecoder {
  static let fabricKeys = [
    "hosts", "leaf", "hosts_per_leaf", "spines", "pods", "super_spines", "host_link", "uplink",
    "super_uplink", "routing", "links_csv",
  ]
  static let communicationKeys = [
    "gradient_bytes", "parameters", "precision", "data", "tensor", "pipeline",
    "compute_s_per_iteration", "collective", "overlap",
  ]

  mutating func decodeFabric(_ node: YAMLNode?, _ path: String) -> FabricLayoutSpec? {
    guard let node else { return nil }
    let m = mapping(
      node, path, keys: Self.fabricKeys, required: ["spines", "host_link", "uplink"])
    var hosts = FabricLayoutSpec.Hosts.node
    if let n = m?["hosts"], let written = text(n, Self.child(path, "hosts")) {
      if let h = FabricLayoutSpec.Hosts(rawValue: written) {
        hosts = h
      } else {
        fail(
          n.location, Self.child(path, "hosts"), "unknown hosts '\(written)'; valid: node, rails")
      }
    }
    var leaf = FabricLayoutSpec.Leaf.rack
    let leafNode = m?["leaf"]
    let perLeafNode = m?["hosts_per_leaf"]
    if let leafNode, let perLeafNode {
      report(
        perLeafNode.location, Self.child(path, "hosts_per_leaf"),
        "give either leaf (at line \(leafNode.location.line)) or hosts_per_leaf, not both")
    }
    if let leafNode, let written = text(leafNode, Self.child(path, "leaf")) {
      switch written {
      case "rack": leaf = .rack
      case "row": leaf = .row
      default:
        fail(
          leafNode.location, Self.child(path, "leaf"),
          "unknown leaf '\(written)'; valid: rack, row (or give hosts_per_leaf)")
      }
    } else if let k = integer(perLeafNode, Self.child(path, "hosts_per_leaf")) {
      leaf = .nodes(k)
    }
    var routing = FabricSpec.Routing.hash
    if let n = m?["routing"], let written = text(n, Self.child(path, "routing")) {
      if let r = FabricSpec.Routing(rawValue: written) {
        routing = r
      } else {
        let valid = FabricSpec.Routing.allCases.map(\.rawValue).sorted()
        fail(
          n.location, Self.child(path, "routing"),
          "unknown routing '\(written)'; valid: \(valid.joined(separator: ", "))")
      }
    }
    func bandwidth(_ key: String) -> Double? {
      read(m?[key], Self.child(path, key), Units.bandwidth)
    }
    return FabricLayoutSpec(
      hosts: hosts, leaf: leaf, spines: integer(m?["spines"], Self.child(path, "spines")) ?? 1,
      pods: integer(m?["pods"], Self.child(path, "pods")) ?? 1,
      superSpines: integer(m?["super_spines"], Self.child(path, "super_spines")) ?? 0,
      hostLinkBytesPerSecond: bandwidth("host_link") ?? 1,
      uplinkBytesPerSecond: bandwidth("uplink") ?? 1,
      superUplinkBytesPerSecond: bandwidth("super_uplink") ?? 0, routing: routing,
      recordLinks: bool(m?["links_csv"], Self.child(path, "links_csv")) ?? true)
  }

  /// A workload's `communication:`: either `gradient_bytes`, or `parameters` + `precision`
  /// (+ `tensor`, `pipeline`, `data`), and always `compute_s_per_iteration`.
  mutating func decodeCommunication(_ node: YAMLNode?, _ path: String) -> CommunicationSpec? {
    guard let node else { return nil }
    let m = mapping(node, path, keys: Self.communicationKeys, required: ["compute_s_per_iteration"])
    guard let m else { return nil }
    let bytesNode = m["gradient_bytes"]
    let paramsNode = m["parameters"]
    var volume = CommunicationSpec.Volume.gradientBytes(0)
    switch (bytesNode, paramsNode) {
    case (let b?, let p?):
      report(
        p.location, Self.child(path, "parameters"),
        "give either gradient_bytes (at line \(b.location.line)) or parameters, not both")
      failedPaths.append(path)
    case (let b?, nil):
      volume = .gradientBytes(read(b, Self.child(path, "gradient_bytes"), Self.parseBytes) ?? 0)
      for key in ["precision", "data", "tensor", "pipeline"] {
        if let n = m[key] {
          report(
            n.location, Self.child(path, key), "\(key) goes with parameters, not gradient_bytes")
        }
      }
    case (nil, let p?):
      var precision = CommunicationSpec.Precision.bf16
      if let n = m["precision"], let written = text(n, Self.child(path, "precision")) {
        if let x = CommunicationSpec.Precision(rawValue: written) {
          precision = x
        } else {
          let valid = CommunicationSpec.Precision.allCases.map(\.rawValue)
          fail(
            n.location, Self.child(path, "precision"),
            "unknown precision '\(written)'; valid: \(valid.joined(separator: ", "))")
        }
      }
      volume = .model(
        parameters: number(p, Self.child(path, "parameters")) ?? 1, precision: precision,
        data: integer(m["data"], Self.child(path, "data")),
        tensor: integer(m["tensor"], Self.child(path, "tensor")) ?? 1,
        pipeline: integer(m["pipeline"], Self.child(path, "pipeline")) ?? 1)
    case (nil, nil):
      report(node.location, path, "missing gradient_bytes or parameters (the bytes per iteration)")
      failedPaths.append(path)
    }
    var collective = CommunicationSpec.Collective.ring
    if let n = m["collective"], let written = text(n, Self.child(path, "collective")) {
      if let c = CommunicationSpec.Collective(rawValue: written) {
        collective = c
      } else {
        fail(
          n.location, Self.child(path, "collective"),
          "unknown collective '\(written)'; valid: ring, tree")
      }
    }
    return CommunicationSpec(
      volume: volume,
      computeSecondsPerIteration: read(
        m["compute_s_per_iteration"], Self.child(path, "compute_s_per_iteration"),
        Self.parseSeconds) ?? 1,
      collective: collective, overlap: number(m["overlap"], Self.child(path, "overlap")) ?? 0)
  }

  /// Bytes as a plain number (`1.2e9`) or a size (`1.2GB`).
  static func parseBytes(_ s: String) throws(UnitError) -> Double {
    if let x = try? parseNumber(s) { return x }
    return try Units.size(s)
  }

  /// Seconds as a plain number (`0.5`) or a duration (`500ms`).
  static func parseSeconds(_ s: String) throws(UnitError) -> Double {
    if let x = try? parseNumber(s) { return x }
    return try Units.duration(s).seconds
  }
}
