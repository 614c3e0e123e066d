import Racksim
import SimKernel

// The energy strategies: which run (`policies.energy`: one name or a list) and their
// parameters (the `energy:` section, one sub-mapping per strategy). Names, and whether a
// listed strategy has what it needs, are checked by `Scenario.validate()`
// (`EnergyStrategies`); ranges by `EnergySpec.validate()`.
//
//   policies: {scheduler: fifo, energy: [power-down, cooling-setpoint]}
//   energy:
//     power_down: {idle_timeout: 10min, wake_latency: 3min, wake_energy: 50kJ}
//     dvfs: {target_slowdown: 1.2}
//     cooling_setpoint: {interval: 15min, step_k: 0.5, min_c: 18, max_c: 27,
//                        upper_inlet_c: 27, margin_k: 1}
//     carbon_aware: {tolerance: 0.05}

extension ScenarioDecoder {
  static let energyKeys = ["power_down", "dvfs", "cooling_setpoint", "carbon_aware"]
  /// Joules per energy unit.
  static let energyUnits: [(unit: String, joules: Double)] = [
    ("J", 1), ("kJ", 1e3), ("MJ", 1e6), ("Wh", 3_600), ("kWh", 3.6e6),
  ]

  /// `policies.energy`: a name or a list of names, as written (an empty list is `none`).
  mutating func decodeEnergyNames(_ node: YAMLNode?, _ path: String) -> [String]? {
    guard let node else { return nil }
    if case .scalar = node.kind { return text(node, path).map { [$0] } ?? ["none"] }
    guard let items = sequence(node, path) else { return ["none"] }
    var names: [String] = []
    for (i, item) in items.enumerated() {
      names.append(text(item, "\(path)[\(i)]") ?? "none")
    }
    return names.isEmpty ? ["none"] : names
  }

  /// The `energy:` section; nil when absent.
  mutating func decodeEnergy(_ node: YAMLNode?, _ path: String) -> EnergySpec? {
    guard let node else { return nil }
    let m = mapping(node, path, keys: Self.energyKeys)
    var spec = EnergySpec()
    if let n = m?["power_down"] {
      let p = Self.child(path, "power_down")
      let s = mapping(n, p, keys: ["idle_timeout", "wake_latency", "wake_energy"])
      let d = PowerDownSpec()
      spec.powerDown = PowerDownSpec(
        idleTimeout: read(s?["idle_timeout"], Self.child(p, "idle_timeout"), Units.duration)
          ?? d.idleTimeout,
        wakeLatency: read(s?["wake_latency"], Self.child(p, "wake_latency"), Units.duration)
          ?? d.wakeLatency,
        wakeEnergyJ: read(s?["wake_energy"], Self.child(p, "wake_energy"), Self.energy)
          ?? d.wakeEnergyJ)
    }
    if let n = m?["dvfs"] {
      let p = Self.child(path, "dvfs")
      let s = mapping(n, p, keys: ["target_slowdown"])
      spec.dvfs = DVFSStrategySpec(
        targetSlowdown: number(s?["target_slowdown"], Self.child(p, "target_slowdown"))
          ?? DVFSStrategySpec().targetSlowdown)
    }
    if let n = m?["cooling_setpoint"] {
      let p = Self.child(path, "cooling_setpoint")
      let keys = ["interval", "step_k", "min_c", "max_c", "upper_inlet_c", "margin_k"]
      let s = mapping(n, p, keys: keys)
      let d = CoolingSetpointSpec()
      func value(_ key: String, _ fallback: Double) -> Double {
        number(s?[key], Self.child(p, key)) ?? fallback
      }
      spec.coolingSetpoint = CoolingSetpointSpec(
        interval: read(s?["interval"], Self.child(p, "interval"), Units.duration) ?? d.interval,
        stepK: value("step_k", d.stepK), minC: value("min_c", d.minC),
        maxC: value("max_c", d.maxC), upperInletC: value("upper_inlet_c", d.upperInletC),
        marginK: value("margin_k", d.marginK))
    }
    if let n = m?["carbon_aware"] {
      let p = Self.child(path, "carbon_aware")
      let s = mapping(n, p, keys: ["tolerance"])
      spec.carbonAware = CarbonAwareSpec(
        tolerance: number(s?["tolerance"], Self.child(p, "tolerance"))
          ?? CarbonAwareSpec().tolerance)
    }
    return spec
  }

  /// A workload's `flexible: true` and `max_delay`: the delay when flexible, else nil (a delay
  /// without `flexible: true`, or `flexible: true` without a delay, is an error).
  mutating func decodeFlexibility(_ m: YAMLNode?, _ path: String) -> SimDuration? {
    let flexiblePath = Self.child(path, "flexible")
    let delayPath = Self.child(path, "max_delay")
    let flexible = bool(m?["flexible"], flexiblePath) ?? false
    let delay = read(m?["max_delay"], delayPath, Units.duration)
    if let delayNode = m?["max_delay"], let delay {
      if delay < .zero {
        fail(delayNode.location, delayPath, "must be >= 0s")
        return nil
      }
      if !flexible {
        report(delayNode.location, delayPath, "max_delay needs flexible: true")
        return nil
      }
    }
    if flexible, m?["max_delay"] == nil, let node = m?["flexible"] {
      report(node.location, flexiblePath, "a flexible workload needs max_delay (e.g. 6h)")
    }
    return flexible ? delay : nil
  }

  /// Reads an energy: `J kJ MJ Wh kWh`.
  static func energy(_ text: String) throws(UnitError) -> Double {
    let expected = "an energy like 50kJ, 2MJ, 0.1kWh"
    let trimmed = text.filter { $0 != " " }
    guard
      let unit = energyUnits.sorted(by: { $0.unit.count > $1.unit.count }).first(where: {
        trimmed.hasSuffix($0.unit)
      })
    else { throw UnitError("expected \(expected), got '\(text)'") }
    let digits = trimmed.dropLast(unit.unit.count)
    guard !digits.isEmpty, let v = try? parseNumber(String(digits)) else {
      throw UnitError("expected \(expected), got '\(text)'")
    }
    return v * unit.joules
  }
}
