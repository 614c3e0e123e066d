import DataCenter

/// The one registry of energy strategies (DESIGN.md "Strategies", STYLE.md §3): scenario name →
/// summary and factory. `policies.energy` names one or a list; each listed strategy joins the
/// run as its own `RunModel`, in the order written, so several compose (power-cap and dvfs
/// both request power states; the ledger runs each node in the lowest state any model asks
/// for). A new strategy is one file in `Models/Energy/` plus one entry here.
///
/// Without `policies.energy` a scenario runs `power-cap` when it has `power_caps:`, else
/// nothing (`PolicySelection.energyStrategies(hasPowerCaps:)`).
public enum EnergyStrategies {
  /// One registered strategy.
  public struct Entry: Sendable {
    public let name: String
    public let summary: String
    /// What the strategy needs of the scenario besides its own parameters (a message per
    /// missing piece, empty when it can run).
    let needs: @Sendable (Scenario) -> [String]
    public let make: @Sendable (Scenario, Site) throws(SimulationError) -> any RunModel
  }

  public static let all: [Entry] = [
    Entry(
      name: "none", summary: "no energy strategy (the default without power_caps:)",
      needs: { _ in [] }, make: { _, _ throws(SimulationError) in NoEnergyStrategy() }),
    Entry(
      name: "power-cap",
      summary: "power_caps: lowest-priority jobs step down DVFS states until every cap holds",
      needs: { s in
        s.powerCaps == nil ? ["power-cap needs a power_caps: section (the caps it enforces)"] : []
      },
      make: { s, _ throws(SimulationError) in
        guard let caps = s.powerCaps else { throw .invalidModel("power-cap: no power_caps:") }
        return PowerCapModel(spec: caps)
      }),
    Entry(
      name: PowerDownModel.name,
      summary: "idle nodes switch off after a timeout; queued demand wakes them (wake latency)",
      needs: { _ in [] },
      make: { s, _ throws(SimulationError) in
        PowerDownModel(spec: s.energy?.powerDown ?? PowerDownSpec())
      }),
    Entry(
      name: DVFSModel.name,
      summary: "each job in the slowest DVFS state that still meets a target slowdown",
      needs: { _ in [] },
      make: { s, _ throws(SimulationError) in
        DVFSModel(spec: s.energy?.dvfs ?? DVFSStrategySpec())
      }),
    Entry(
      name: CoolingSetpointModel.name,
      summary: "raise the supply air temperature while the hottest inlet stays within ASHRAE 27 C",
      needs: { s in
        var missing: [String] = []
        if s.thermal == nil { missing.append("cooling-setpoint needs a thermal: section") }
        if s.facility.plant == nil {
          missing.append("cooling-setpoint needs a cooling plant (a cooling: section)")
        }
        return missing
      },
      make: { s, _ throws(SimulationError) in
        guard let plant = s.facility.plant else {
          throw .invalidModel("cooling-setpoint: no cooling plant")
        }
        return CoolingSetpointModel(
          spec: s.energy?.coolingSetpoint ?? CoolingSetpointSpec(), baseSupplyC: plant.supplyAirC)
      }),
    Entry(
      name: CarbonAwareModel.name,
      summary: "flexible jobs wait, within their max_delay, for the low-carbon hours",
      needs: { s in
        s.facility.plant?.carbon == nil
          ? ["carbon-aware needs a carbon: section (the grid intensity it follows)"] : []
      },
      make: { s, _ throws(SimulationError) in
        guard let plant = s.facility.plant, let carbon = plant.carbon else {
          throw .invalidModel("carbon-aware: no carbon series")
        }
        return CarbonAwareModel(
          spec: s.energy?.carbonAware ?? CarbonAwareSpec(), carbon: carbon,
          offsetS: plant.carbonStart.seconds)
      }),
  ]

  /// The valid names, sorted.
  public static var names: [String] { all.map(\.name).sorted() }

  /// "unknown energy strategy 'x'; valid: a, b" (with the nearest name when close).
  public static func unknownNameMessage(_ name: String) -> String {
    var message =
      "unknown energy strategy '\(name)'; valid: \(names.joined(separator: ", "))"
    if let near = Suggestions.nearest(to: name, in: names) {
      message += " (did you mean '\(near)'?)"
    }
    return message
  }

  /// The models of the strategies `scenario` runs, in the order written.
  /// - Throws: for an unknown name (validation reports it first, at its line).
  public static func models(for scenario: Scenario, site: Site) throws(SimulationError)
    -> [any RunModel]
  {
    var models: [any RunModel] = []
    for name in scenario.policies.energyStrategies(hasPowerCaps: scenario.powerCaps != nil) {
      guard let entry = all.first(where: { $0.name == name }) else {
        throw .unknownPolicy(unknownNameMessage(name))
      }
      models.append(try entry.make(scenario, site))
    }
    return models
  }

  /// Every problem with the energy strategies and their parameters, at its key path.
  static func problems(of s: Scenario) -> [ScenarioIssue] {
    var issues: [ScenarioIssue] = []
    let written = s.policies.energy
    let path = "policies.energy"
    for (i, name) in (written ?? []).enumerated() {
      let at = "\(path)[\(i)]"
      guard let entry = all.first(where: { $0.name == name }) else {
        issues.append(ScenarioIssue(path: at, message: unknownNameMessage(name)))
        continue
      }
      if written?[..<i].contains(name) == true {
        issues.append(ScenarioIssue(path: at, message: "'\(name)' is listed twice"))
      }
      if name == "none" && (written?.count ?? 0) > 1 {
        issues.append(
          ScenarioIssue(path: at, message: "'none' cannot be combined with other strategies"))
      }
      for message in entry.needs(s) { issues.append(ScenarioIssue(path: at, message: message)) }
    }
    let running = s.policies.energyStrategies(hasPowerCaps: s.powerCaps != nil)
    if s.powerCaps != nil, written != nil, !running.contains("power-cap") {
      issues.append(
        ScenarioIssue(
          path: "power_caps",
          message:
            "power_caps: is given but policies.energy does not list power-cap; add it to the "
            + "list or remove the caps"))
    }
    for p in s.energy?.validate() ?? [] {
      issues.append(ScenarioIssue(path: "energy.\(p.key)", message: p.message))
    }
    for section in s.energy?.givenSections ?? [] where !running.contains(section.strategy) {
      issues.append(
        ScenarioIssue(
          path: "energy.\(section.key)",
          message: "parameters for \(section.strategy), which policies.energy does not list"))
    }
    return issues
  }
}

/// The `none` energy strategy: a model that does nothing (`policies.energy` drops `none`, so
/// it never joins a run; it exists so that every registry entry has a factory).
struct NoEnergyStrategy: RunModel {
  var name: String { "none" }
}
