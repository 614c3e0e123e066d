import DataCenter
import SimKernel

// The facility plant of a scenario as plain data (STYLE.md §1: `Scenario` is values with a
// `validate()`). Models are named and carry their parameters (`ModelParameters`, SI units);
// `FacilityPlantModel` builds them from the DataCenter registries when the run starts, and
// `validate()` builds them once here so that every bad parameter is reported with its key
// path before a run. Weather and carbon series are parsed by ScenarioFile (file errors carry
// the file's own line and column) and stored here already read, as traces are.

/// A model chosen by name with its parameters, e.g. `ups: {model: quadratic, rated: 2MW, …}`.
public struct NamedModelSpec: Sendable, Equatable {
  /// The registry name (`quadratic`, `hp-labs-cop`, …).
  public var model: String
  /// The other keys, flattened to dotted names, in SI units.
  public var parameters: ModelParameters

  public init(model: String, parameters: ModelParameters = [:]) {
    self.model = model
    self.parameters = parameters
  }
}

/// Where the outdoor conditions come from.
public enum WeatherSpec: Sendable, Equatable {
  /// The same conditions all the time.
  case constant(dryBulbC: Double, wetBulbC: Double)
  /// A series read from a file (`file` as written, kept for reports).
  case series(file: String, WeatherSeries)
  /// The built-in sinusoidal day-and-season profile, sampled hourly over the run.
  case profile(SinusoidalWeatherProfile)
}

/// Where the grid carbon intensity comes from.
public enum CarbonSpec: Sendable, Equatable {
  /// One intensity all the time, gCO₂/kWh.
  case constant(gramsPerKWh: Double)
  /// A step series read from a file (`file` as written).
  case series(file: String, CarbonIntensitySeries)
}

/// The physical facility behind the racks: distribution losses, the cooling plant, other
/// loads, weather and carbon. When a scenario has one, `FacilityPlantModel` replaces the
/// constant-PUE placeholder.
public struct FacilityPlantSpec: Sendable, Equatable {
  /// Loss of each rack's PDU at its rack's load (`PowerChainCatalog.loss`).
  public var pdu: NamedModelSpec
  /// Loss of each UPS module at its share of the load (`PowerChainCatalog.loss`).
  public var ups: NamedModelSpec
  /// UPS modules sharing the load equally, ≥ 1.
  public var upsCount: Int
  /// Lighting and other loads, not on the UPS and not cooled by the plant.
  public var other: FacilityOverhead
  /// The cooling plant (`CoolingPlantCatalog.plants`).
  public var cooling: NamedModelSpec
  /// Supply air setpoint, °C.
  public var supplyAirC: Double
  /// Share of a liquid-cooled rack's IT power captured by its cold plates, [0, 1]; the rest
  /// (and its PDU loss) goes to the room air. The catalog has no figure: 0.8 is our
  /// assumption for GB200-class racks [U].
  public var liquidFraction: Double
  /// Outdoor conditions; nil for a plant that does not depend on them (`hp-labs-cop`).
  public var weather: WeatherSpec?
  /// Grid carbon intensity; nil: no carbon columns.
  public var carbon: CarbonSpec?
  /// Run time 0 is this far into the weather series (e.g. 181 days: 1 July of a TMY year).
  public var weatherStart: SimDuration
  /// Run time 0 is this far into the carbon series.
  public var carbonStart: SimDuration

  /// Default liquid-captured share of a DLC rack's heat [U].
  public static let defaultLiquidFraction = 0.8
  /// Default supply air setpoint, °C (inside the ASHRAE recommended 18-27 °C, REFERENCES 4.1).
  public static let defaultSupplyAirC = 20.0

  public init(
    pdu: NamedModelSpec = .init(model: "none"), ups: NamedModelSpec = .init(model: "none"),
    upsCount: Int = 1, other: FacilityOverhead = .init(),
    cooling: NamedModelSpec = .init(model: "hp-labs-cop"),
    supplyAirC: Double = FacilityPlantSpec.defaultSupplyAirC,
    liquidFraction: Double = FacilityPlantSpec.defaultLiquidFraction,
    weather: WeatherSpec? = nil, carbon: CarbonSpec? = nil, weatherStart: SimDuration = .zero,
    carbonStart: SimDuration = .zero
  ) {
    self.pdu = pdu
    self.ups = ups
    self.upsCount = upsCount
    self.other = other
    self.cooling = cooling
    self.supplyAirC = supplyAirC
    self.liquidFraction = liquidFraction
    self.weather = weather
    self.carbon = carbon
    self.weatherStart = weatherStart
    self.carbonStart = carbonStart
  }

  /// Every problem with the plant, each at its scenario key path (`cooling.chiller.idf`,
  /// `power.ups.rated`, `weather`). Builds each model once to check its parameters.
  public func validate() -> [ScenarioIssue] {
    var issues: [ScenarioIssue] = []
    func add(_ path: String, _ message: String) {
      issues.append(ScenarioIssue(path: path, message: message))
    }
    func check(_ path: String, _ errors: ModelParameterErrors) {
      for e in errors.errors { add(e.key.isEmpty ? path : "\(path).\(e.key)", e.message) }
    }
    for (path, spec) in [("power.pdu", pdu), ("power.ups", ups)] {
      do throws(ModelParameterErrors) {
        let model = try PowerChainCatalog.loss.make(spec.model, spec.parameters)
        for m in model.validate() { add(path, m) }
      } catch { check(path, error) }
    }
    if upsCount < 1 { add("power.ups.count", "must be >= 1, got \(upsCount)") }
    for m in other.validate() { add("power.other", m) }
    var plant: (any CoolingPlantModel)?
    do throws(ModelParameterErrors) {
      plant = try CoolingPlantCatalog.plants.make(cooling.model, cooling.parameters)
    } catch { check("cooling", error) }
    if !supplyAirC.isFinite { add("cooling.supply_air_c", "must be a temperature") }
    if !(liquidFraction >= 0 && liquidFraction <= 1) {
      add("cooling.liquid_fraction", "must be in [0, 1], got \(liquidFraction)")
    }
    if let plant = plant as? CoPCurvePlant, !plant.supplyRangeC.contains(supplyAirC) {
      add(
        "cooling.supply_air_c",
        "must be in the curve's range \(plant.supplyRangeC.lowerBound)-"
          + "\(plant.supplyRangeC.upperBound) °C, got \(supplyAirC)")
    }
    if plant is ChilledWaterPlant && weather == nil {
      add("weather", "a chilled-water plant needs outdoor conditions: give weather")
    }
    switch weather {
    case .constant(let db, let wb):
      if !db.isFinite { add("weather.temp_c", "must be a temperature") }
      if !(wb <= db) { add("weather.wetbulb_c", "must be <= temp_c (\(db)), got \(wb)") }
    case .series(_, let series):
      if plant is ChilledWaterPlant && !series.hasWetBulb {
        add("weather.file", "the chilled-water plant needs a wet bulb: give rh or wetbulb_c")
      }
    case .profile(let profile):
      for m in profile.validate() { add("weather.profile", m) }
    case nil: break
    }
    if weatherStart < .zero { add("weather.start", "must be >= 0") }
    if carbonStart < .zero { add("carbon.start", "must be >= 0") }
    if case .constant(let g) = carbon, !(g >= 0 && g.isFinite) {
      add("carbon.gco2_per_kwh", "must be >= 0, got \(g)")
    }
    return issues
  }
}

// MARK: - Hash

// The scenario hash reflects stored properties (Scenario+Hash.swift). A facility without a
// plant reflects as before the plant existed, `{pue=…}`, so the hashes of existing scenarios
// (and the golden quickstart summary) do not change; with a plant it is `{plant=…,pue=…}`.
extension FacilitySpec: CustomReflectable {
  public var customMirror: Mirror {
    if let plant {
      return Mirror(self, children: ["plant": plant, "pue": pue], displayStyle: .struct)
    }
    return Mirror(self, children: ["pue": pue], displayStyle: .struct)
  }
}
