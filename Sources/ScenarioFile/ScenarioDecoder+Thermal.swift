import DataCenter
import Racksim

// The `thermal:` section (rack inlets and throttling; see `ThermalSpec`). Temperatures are
// plain numbers in °C (`supply_c: 20`), differences in K. Range checks are left to
// `ThermalSpec.validate()`.

extension ScenarioDecoder {
  static let thermalKeys = [
    "supply_c", "blocks", "inlet_limit_c", "release_margin_k", "design_rise_k",
    "throttle_throughput", "recirculation", "minimum_throttle",
  ]

  mutating func decodeThermal(_ node: YAMLNode?, _ path: String) -> ThermalSpec? {
    guard let node else { return nil }
    let m = mapping(node, path, keys: Self.thermalKeys)
    let d = ThermalSpec()
    var grouping = d.grouping
    if let blocksNode = m?["blocks"],
      let name = text(blocksNode, Self.child(path, "blocks"))
    {
      if let g = RecirculationGrouping(rawValue: name) {
        grouping = g
      } else {
        let valid = RecirculationGrouping.allCases.map(\.rawValue).sorted()
        fail(
          blocksNode.location, Self.child(path, "blocks"),
          "unknown block grouping '\(name)'; valid: \(valid.joined(separator: ", "))")
      }
    }
    let rPath = Self.child(path, "recirculation")
    let r = mapping(m?["recirculation"], rPath, keys: ["neighbour", "end_multiplier", "end_self"])
    func value(_ n: YAMLNode?, _ p: String, _ key: String, _ fallback: Double) -> Double {
      number(n?[key], Self.child(p, key)) ?? fallback
    }
    return ThermalSpec(
      supplyC: value(m, path, "supply_c", d.supplyC), grouping: grouping,
      inletLimitC: value(m, path, "inlet_limit_c", d.inletLimitC),
      releaseMarginK: value(m, path, "release_margin_k", d.releaseMarginK),
      designRiseK: value(m, path, "design_rise_k", d.designRiseK),
      throttleThroughput: value(m, path, "throttle_throughput", d.throttleThroughput),
      minimumThrottle: read(
        m?["minimum_throttle"], Self.child(path, "minimum_throttle"), Units.duration)
        ?? d.minimumThrottle,
      neighbour: value(r, rPath, "neighbour", d.neighbour),
      endMultiplier: value(r, rPath, "end_multiplier", d.endMultiplier),
      endSelf: value(r, rPath, "end_self", d.endSelf))
  }
}

// The `power_caps:` section: IT power caps in power units (`25MW`, `30kW`).
extension ScenarioDecoder {
  mutating func decodePowerCaps(_ node: YAMLNode?, _ path: String) -> PowerCapSpec? {
    guard let node else { return nil }
    let m = mapping(node, path, keys: ["site", "halls", "row", "rack", "gpu"])
    var halls: [PowerCapSpec.HallCap] = []
    let hallsPath = Self.child(path, "halls")
    for (i, item) in (sequence(m?["halls"], hallsPath) ?? []).enumerated() {
      let p = "\(hallsPath)[\(i)]"
      let h = mapping(item, p, keys: ["hall", "cap"], required: ["hall", "cap"])
      halls.append(
        PowerCapSpec.HallCap(
          hall: text(h?["hall"], Self.child(p, "hall")) ?? "",
          watts: read(h?["cap"], Self.child(p, "cap"), Units.power) ?? 1))
    }
    return PowerCapSpec(
      siteW: read(m?["site"], Self.child(path, "site"), Units.power),
      rackW: read(m?["rack"], Self.child(path, "rack"), Units.power), halls: halls,
      rowW: read(m?["row"], Self.child(path, "row"), Units.power),
      gpuW: read(m?["gpu"], Self.child(path, "gpu"), Units.power))
  }
}
