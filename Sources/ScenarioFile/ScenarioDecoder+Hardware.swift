import DataCenter

// `hardware:` overrides fields of built-in GPU, node and rack types, or adds new ones:
//   gpus:  name, peak_tflops, memory, memory_bandwidth, tdp, idle, thermal_limit, source
//   nodes: name, gpu, gpus_per_node, host_idle, host_max, max_system, nvlink, source
//   racks: name, node, nodes_per_rack, pdu_rating, cooling, source
// A known name changes only the fields given; a new name needs every field but `source`.
// Entries apply in order (gpus, then nodes, then racks), so a later entry may refine an earlier
// one. Whole-catalog checks (idle <= tdp, references to known types) are `validate()`'s.
// Power figures have upper limits so that no site within `SiteLayout`'s limits can reach an
// infinite power or energy: a GPU's or node's power at most 1 MW (real ones are below 15 kW), a
// rack's PDU rating at most 1 GW.

extension ScenarioDecoder {
  static let gpuKeys = [
    "name", "peak_tflops", "memory", "memory_bandwidth", "tdp", "idle", "thermal_limit", "dvfs",
    "power_curve", "source",
  ]
  static let nodeKeys = [
    "name", "gpu", "gpus_per_node", "host_idle", "host_max", "max_system", "nvlink", "source",
  ]
  static let optionalKeys: Set<String> = ["source", "dvfs", "power_curve"]
  static let rackKeys = ["name", "node", "nodes_per_rack", "pdu_rating", "cooling", "source"]
  /// The largest GPU or node power figure: 1 MW.
  static let maxDevicePowerW = 1e6
  /// The largest PDU rating: 1 GW.
  static let maxPDURatingW = 1e9

  /// The built-in catalog with the scenario's changes applied.
  mutating func decodeHardware(_ node: YAMLNode?, _ path: String) -> HardwareCatalog {
    var catalog = HardwareCatalog.builtIn
    let m = mapping(node, path, keys: ["gpus", "nodes", "racks"])
    let gpusPath = Self.child(path, "gpus")
    for (i, item) in (sequence(m?["gpus"], gpusPath) ?? []).enumerated() {
      decodeGPU(item, "\(gpusPath)[\(i)]", into: &catalog)
    }
    let nodesPath = Self.child(path, "nodes")
    for (i, item) in (sequence(m?["nodes"], nodesPath) ?? []).enumerated() {
      decodeNode(item, "\(nodesPath)[\(i)]", into: &catalog)
    }
    let racksPath = Self.child(path, "racks")
    for (i, item) in (sequence(m?["racks"], racksPath) ?? []).enumerated() {
      decodeRack(item, "\(racksPath)[\(i)]", into: &catalog)
    }
    // The catalog's own checks (figures that each read well but do not fit together, and
    // references to unknown types), at the entry that made the type: only entries can add
    // problems, since the built-in types are valid. Once located here, `Scenario.validate()`'s
    // copy of them (at `hardware`) is not reported again.
    var found = false
    for (i, item) in Self.items(m?["gpus"]).enumerated() {
      found =
        reportCatalogProblems(
          item, "\(gpusPath)[\(i)]", catalog.problems(ofGPU:)) || found
    }
    for (i, item) in Self.items(m?["nodes"]).enumerated() {
      found =
        reportCatalogProblems(
          item, "\(nodesPath)[\(i)]", catalog.problems(ofNode:)) || found
    }
    for (i, item) in Self.items(m?["racks"]).enumerated() {
      found =
        reportCatalogProblems(
          item, "\(racksPath)[\(i)]", catalog.problems(ofRack:)) || found
    }
    if found { failedPaths.append(path) }
    return catalog
  }

  /// The items of a list node (none for anything else, already reported by the decoding).
  private static func items(_ node: YAMLNode?) -> [YAMLNode] {
    guard case .sequence(let items)? = node?.kind else { return [] }
    return items
  }

  /// Reports the catalog's problems with the type an entry names, at the entry; whether any.
  private mutating func reportCatalogProblems(
    _ item: YAMLNode, _ path: String, _ problems: (String) -> [String]
  ) -> Bool {
    // An entry with a field that could not be read holds a placeholder there: its problems
    // would be consequences of the one already reported.
    guard case .scalar(let name, false)? = item["name"]?.kind, !isConsequenceOfFailure(path)
    else { return false }
    let found = problems(name)
    for problem in found { report(item.location, path, problem) }
    return !found.isEmpty
  }

  // MARK: - Private

  /// A power in watts, at most `limit` (reported above it, as a value that could not be read).
  private mutating func power(_ node: YAMLNode?, _ path: String, limit: Double) -> Double? {
    guard let node, let watts = read(node, path, Units.power) else { return nil }
    guard watts <= limit else {
      let shown = limit >= 1e9 ? "1 GW" : "1 MW"
      fail(node.location, path, "must be at most \(shown) (\(Int(limit)) W), got \(watts) W")
      return nil
    }
    return watts
  }

  /// Checks an entry's keys; returns the mapping, its name and whether it is a new type.
  private mutating func entry(
    _ node: YAMLNode, _ path: String, keys: [String], kind: String, exists: (String) -> Bool
  ) -> (YAMLNode, String)? {
    guard let m = mapping(node, path, keys: keys, required: ["name"]),
      let name = text(m["name"], Self.child(path, "name"))
    else { return nil }
    if !exists(name) {
      // Optional for every type: the source, DVFS states and a power table; a power table
      // stands in for idle and tdp.
      let optional: Set<String> =
        m["power_curve"] == nil ? Self.optionalKeys : Self.optionalKeys.union(["idle", "tdp"])
      for key in keys where !optional.contains(key) && m[key] == nil {
        report(
          m.location, path,
          "missing required key '\(key)' (\(kind) '\(name)' is new, so every field is needed)")
        failedPaths.append(Self.child(path, key))
      }
    }
    return (m, name)
  }

  /// Where a type's figures come from after the scenario changed `keys` of it.
  private func source(_ m: YAMLNode, base: String?, keys: [String]) -> String {
    let changed = keys.filter { $0 != "name" && $0 != "source" && m[$0] != nil }
    guard let base else { return "defined in the scenario" }
    return changed.isEmpty
      ? base : base + "; changed by the scenario: " + changed.joined(separator: ", ")
  }

  private mutating func decodeGPU(
    _ node: YAMLNode, _ path: String, into catalog: inout HardwareCatalog
  ) {
    let known = Set(catalog.gpus.map(\.name))
    guard
      let (m, name) = entry(
        node, path, keys: Self.gpuKeys, kind: "gpu type", exists: known.contains)
    else { return }
    let base = catalog.gpu(named: name)
    var gpu =
      base
      ?? GPUType(
        name: name, peakTFLOPS: 1, memoryBytes: 1, memoryBandwidthBytesPerS: 1, tdpW: 1, idleW: 0,
        thermalLimitC: 85, source: "")
    func p(_ key: String) -> String { Self.child(path, key) }
    if let v = number(m["peak_tflops"], p("peak_tflops")) { gpu.peakTFLOPS = v }
    if let v = read(m["memory"], p("memory"), Units.size) { gpu.memoryBytes = v }
    if let v = read(m["memory_bandwidth"], p("memory_bandwidth"), Units.bandwidth) {
      gpu.memoryBandwidthBytesPerS = v
    }
    if let v = power(m["tdp"], p("tdp"), limit: Self.maxDevicePowerW) { gpu.tdpW = v }
    if let v = power(m["idle"], p("idle"), limit: Self.maxDevicePowerW) { gpu.idleW = v }
    if let v = read(m["thermal_limit"], p("thermal_limit"), Units.temperature) {
      gpu.thermalLimitC = v
    }
    // DVFS states: [{clock: 990MHz, throughput: 0.5, power: 300W}, …], ascending clocks.
    if let items = sequence(m["dvfs"], p("dvfs")) {
      var states: [DVFSState] = []
      for (i, item) in items.enumerated() {
        let q = "\(p("dvfs"))[\(i)]"
        let keys = ["clock_mhz", "throughput", "power"]
        let e = mapping(item, q, keys: keys, required: keys)
        states.append(
          DVFSState(
            smClockMHz: number(e?["clock_mhz"], Self.child(q, "clock_mhz")) ?? 1,
            relativeThroughput: number(e?["throughput"], Self.child(q, "throughput")) ?? 1,
            maxPowerW: power(e?["power"], Self.child(q, "power"), limit: Self.maxDevicePowerW)
              ?? 1))
      }
      gpu.dvfsStates = states
    }
    // A measured power table at 0 %, …, 100 % utilisation sets idle and full-load power.
    if let curve = m["power_curve"], let items = sequence(curve, p("power_curve")) {
      var table: [Double] = []
      for (i, item) in items.enumerated() {
        table.append(
          power(item, "\(p("power_curve"))[\(i)]", limit: Self.maxDevicePowerW) ?? 0)
      }
      if m["idle"] != nil || m["tdp"] != nil {
        report(
          curve.location, p("power_curve"),
          "give power_curve or idle and tdp, not both (the curve's ends are idle and full load)")
      } else if let first = table.first, let last = table.last {
        gpu.idleW = first
        gpu.tdpW = last
      }
      gpu.utilizationPowerW = table
    }
    gpu.source =
      text(m["source"], p("source"))
      ?? source(m, base: base?.source, keys: Self.gpuKeys)
    catalog.upsert(gpu)
  }

  private mutating func decodeNode(
    _ node: YAMLNode, _ path: String, into catalog: inout HardwareCatalog
  ) {
    let known = Set(catalog.nodes.map(\.name))
    guard
      let (m, name) = entry(
        node, path, keys: Self.nodeKeys, kind: "node type", exists: known.contains)
    else { return }
    let base = catalog.node(named: name)
    var type =
      base
      ?? NodeType(
        name: name, gpu: catalog.gpus.first?.name ?? "", gpusPerNode: 1, hostIdleW: 0, hostMaxW: 0,
        maxSystemW: 1, nvlinkBytesPerS: 1, source: "")
    func p(_ key: String) -> String { Self.child(path, key) }
    if let v = text(m["gpu"], p("gpu")) { type.gpu = v }
    if let v = integer(m["gpus_per_node"], p("gpus_per_node")) { type.gpusPerNode = v }
    if let v = power(m["host_idle"], p("host_idle"), limit: Self.maxDevicePowerW) {
      type.hostIdleW = v
    }
    if let v = power(m["host_max"], p("host_max"), limit: Self.maxDevicePowerW) {
      type.hostMaxW = v
    }
    if let v = power(m["max_system"], p("max_system"), limit: Self.maxDevicePowerW) {
      type.maxSystemW = v
    }
    if let v = read(m["nvlink"], p("nvlink"), Units.bandwidth) { type.nvlinkBytesPerS = v }
    type.source =
      text(m["source"], p("source"))
      ?? source(m, base: base?.source, keys: Self.nodeKeys)
    catalog.upsert(type)
  }

  private mutating func decodeRack(
    _ node: YAMLNode, _ path: String, into catalog: inout HardwareCatalog
  ) {
    let known = Set(catalog.racks.map(\.name))
    guard
      let (m, name) = entry(
        node, path, keys: Self.rackKeys, kind: "rack type", exists: known.contains)
    else { return }
    let base = catalog.rack(named: name)
    var type =
      base
      ?? RackType(
        name: name, node: catalog.nodes.first?.name ?? "", nodesPerRack: 1, pduRatingW: 1,
        cooling: .air, source: "")
    func p(_ key: String) -> String { Self.child(path, key) }
    if let v = text(m["node"], p("node")) { type.node = v }
    if let v = integer(m["nodes_per_rack"], p("nodes_per_rack")) { type.nodesPerRack = v }
    if let v = power(m["pdu_rating"], p("pdu_rating"), limit: Self.maxPDURatingW) {
      type.pduRatingW = v
    }
    if let v = read(m["cooling"], p("cooling"), Self.parseCooling) { type.cooling = v }
    type.source =
      text(m["source"], p("source"))
      ?? source(m, base: base?.source, keys: Self.rackKeys)
    catalog.upsert(type)
  }

  private static func parseCooling(_ s: String) throws(UnitError) -> CoolingKind {
    guard let kind = CoolingKind(rawValue: s) else {
      let valid = CoolingKind.allCases.map(\.rawValue).sorted().joined(separator: ", ")
      throw UnitError("unknown cooling '\(s)'; valid: \(valid)")
    }
    return kind
  }
}
