import DataCenter
import Racksim

// The small sections: site, facility, policies, output. Range checks (rows >= 1, pue >= 1,
// known rack types and policy names) are left to `Scenario.validate()`, so each has one source.

extension ScenarioDecoder {
  mutating func decodeSite(_ node: YAMLNode?, _ path: String) -> SiteLayout {
    let m = mapping(node, path, keys: ["halls"], required: ["halls"])
    let hallsPath = Self.child(path, "halls")
    let items = sequence(m?["halls"], hallsPath) ?? []
    var halls: [HallLayout] = []
    for (i, item) in items.enumerated() {
      let p = "\(hallsPath)[\(i)]"
      let keys = ["name", "rows", "racks_per_row", "rack_type"]
      let hall = mapping(item, p, keys: keys, required: keys)
      halls.append(
        HallLayout(
          name: text(hall?["name"], Self.child(p, "name")) ?? "hall-\(i + 1)",
          rows: integer(hall?["rows"], Self.child(p, "rows")) ?? 1,
          racksPerRow: integer(hall?["racks_per_row"], Self.child(p, "racks_per_row")) ?? 1,
          rackType: text(hall?["rack_type"], Self.child(p, "rack_type")) ?? ""))
    }
    return SiteLayout(halls: halls)
  }

  mutating func decodeFacility(_ node: YAMLNode?, _ path: String) -> FacilitySpec {
    let m = mapping(node, path, keys: ["pue"])
    return FacilitySpec(pue: number(m?["pue"], Self.child(path, "pue")) ?? 1.3)
  }

  mutating func decodePolicies(_ node: YAMLNode?, _ path: String) -> PolicySelection {
    let m = mapping(
      node, path,
      keys: [
        "scheduler", "placement", "backfill", "energy", "preempt", "las_thresholds_gpu_s",
        "quantum", "preemption_overhead",
      ])
    let defaults = PolicySelection()
    let scheduler = text(m?["scheduler"], Self.child(path, "scheduler")) ?? defaults.scheduler
    // `easy-backfill` as a scheduler name is `fifo` with `easy`.
    let backfill =
      text(m?["backfill"], Self.child(path, "backfill"))
      ?? (scheduler == "easy-backfill" ? "easy" : defaults.backfill)
    var policies = PolicySelection(
      scheduler: scheduler,
      placement: text(m?["placement"], Self.child(path, "placement")) ?? defaults.placement,
      backfill: backfill,
      // A name or a list (ScenarioDecoder+Energy.swift).
      energy: decodeEnergyNames(m?["energy"], Self.child(path, "energy")))
    // Preemption options (ranges and which scheduler takes which: `Scenario.validate()`).
    policies.preempt = bool(m?["preempt"], Self.child(path, "preempt"))
    let thresholdsPath = Self.child(path, "las_thresholds_gpu_s")
    if let items = sequence(m?["las_thresholds_gpu_s"], thresholdsPath) {
      let values = items.enumerated().map { number($1, "\(thresholdsPath)[\($0)]") }
      if values.allSatisfy({ $0 != nil }) {
        policies.lasThresholdsGPUSeconds = values.compactMap { $0 }
      }
    }
    policies.quantum = read(m?["quantum"], Self.child(path, "quantum"), Units.duration)
    policies.preemptionOverhead = read(
      m?["preemption_overhead"], Self.child(path, "preemption_overhead"), Units.duration)
    return policies
  }

  mutating func decodeOutput(_ node: YAMLNode?, _ path: String) -> OutputOptions {
    let m = mapping(node, path, keys: ["racks"])
    return OutputOptions(racks: bool(m?["racks"], Self.child(path, "racks")) ?? true)
  }
}
