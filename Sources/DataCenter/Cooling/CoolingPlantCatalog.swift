/// The cooling plants by scenario name (STYLE.md §3), built from flat dotted parameters.
///
/// `hp-labs-cop` (REFERENCES.md §4.2): optional `a`, `b`, `c` (default the HP Labs fit),
/// `supply_min_c`, `supply_max_c` (10, 35).
///
/// `chilled-water` (see `ChilledWaterPlant`): sections `crah.`, `air_economiser.`,
/// `chilled_water.`, `chiller.` (`idf`: the text of a `Chiller:Electric:EIR` object and its
/// curves, `name`, `count`, `reference_capacity`), `tower.`, `condenser_water.`,
/// `water_economiser.`, `liquid.`; the last three (and the air economiser) exist when the
/// scenario writes any key of their section, and then their required keys must be there. Power in W, temperatures in °C, differences in
/// K, flows in m³/s, pressures in Pa.
public enum CoolingPlantCatalog {
  public static let plants = ModelRegistry<any CoolingPlantModel>(
    family: "cooling plant",
    entries: [
      .init(name: "hp-labs-cop", summary: "heat / CoP(T_sup), HP Labs curve (REFERENCES 4.2)") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let h = QuadraticCoPCurve.hpLabs
        let curve = QuadraticCoPCurve(
          a: r.number("a", default: h.a), b: r.number("b", default: h.b),
          c: r.number("c", default: h.c))
        let lo = r.number("supply_min_c", default: 10)
        let hi = r.number("supply_max_c", default: 35)
        r.rejectUnknownKeys()
        guard lo <= hi else {
          r.fail("supply_max_c", "must be >= supply_min_c (\(lo)), got \(hi)")
          return try r.result(CoPCurvePlant())
        }
        let plant = CoPCurvePlant(curve: curve, supplyRangeC: lo...hi)
        for m in plant.validate() { r.fail("", m) }
        return try r.result(plant)
      },
      .init(name: "chilled-water", summary: "CRAH + economisers + EIR chillers + tower + pumps") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let plant = chilledWaterPlant(&r)
        r.rejectUnknownKeys()
        if let plant { for m in plant.validate() { r.fail("", m) } }
        guard let plant else { throw ModelParameterErrors(r.errors) }
        return try r.result(plant)
      },
    ])

  // MARK: - Private

  private static func count(_ r: inout ParameterReader, _ key: String) -> Int {
    let x = r.number(key, default: 1)
    guard x >= 1, x <= 1_000_000, x == x.rounded() else {
      r.fail(key, "must be a whole number >= 1, got \(x)")
      return 1
    }
    return Int(x)
  }

  private static func has(_ r: ParameterReader, _ key: String) -> Bool {
    r.parameters[key] != nil
  }

  /// Whether the scenario wrote any key of the section `prefix` (e.g. "liquid.").
  private static func hasSection(_ r: ParameterReader, _ prefix: String) -> Bool {
    r.parameters.entries.contains { $0.key.hasPrefix(prefix) }
  }

  private static func chilledWaterPlant(_ r: inout ParameterReader) -> ChilledWaterPlant? {
    r.prefix = "crah."
    let crah = CRAHUnits(
      count: count(&r, "count"),
      designAirflowM3PerS: r.number("design_airflow_m3_per_s", mustBe: .positive),
      designPressureRisePa: r.number("design_pressure_rise_pa", mustBe: .nonNegative),
      designFanEfficiency: r.number("fan_efficiency", mustBe: .efficiency),
      minimumFlowFraction: r.number("min_flow_fraction", default: 0.3, mustBe: .fraction),
      airTemperatureRiseK: r.number("air_rise_k", default: 12, mustBe: .positive))

    r.prefix = "air_economiser."
    let airEconomiser =
      hasSection(r, "air_economiser.")
      ? AirSideEconomiser(highLimitC: r.number("high_limit_c")) : nil

    r.prefix = "chilled_water."
    let approach = r.number("coil_approach_k", default: 8)
    let chwMin = r.number("min_c", default: 5)
    let chwMax = r.number("max_c", default: 15)
    if !(chwMin <= chwMax) { r.fail("max_c", "must be >= min_c (\(chwMin)), got \(chwMax)") }
    let chwPump = Pump(
      deltaTK: r.number("delta_t_k", default: 6, mustBe: .positive),
      pressureRisePa: r.number("pump_pressure_rise_pa", mustBe: .positive),
      efficiency: r.number("pump_efficiency", mustBe: .efficiency))

    r.prefix = "chiller."
    let chillerCount = count(&r, "count")
    let capacity =
      has(r, "chiller.reference_capacity")
      ? r.number("reference_capacity", mustBe: .positive) : nil
    let name = r.text("name")
    var chiller: ElectricEIRChiller?
    if let text = r.text("idf") {
      do {
        chiller = try ElectricEIRChiller.chiller(named: name, inIDF: text)
      } catch {
        for e in error.errors { r.fail("idf", "line \(e.line), column \(e.column): \(e.message)") }
      }
    } else {
      r.fail("idf", "is required (the text of a Chiller:Electric:EIR object and its curves)")
    }
    if let capacity { chiller?.referenceCapacityW = capacity }

    r.prefix = "tower."
    let controlName = r.text("fan_control", default: "variable-speed") ?? "variable-speed"
    let control: TowerFanControl
    switch controlName {
    case "one-speed": control = .oneSpeed
    case "two-speed":
      let s = r.number("low_speed_flow_fraction", default: 0.5, mustBe: .fraction)
      control = .twoSpeed(
        lowSpeedFlowFraction: s,
        lowSpeedPowerFraction: r.number("low_speed_power_fraction", default: s * s * s))
    case "variable-speed":
      control = .variableSpeed(minimumFlowFraction: r.number("min_flow_fraction", default: 0.2))
    default:
      r.fail(
        "fan_control",
        "unknown '\(controlName)' (valid: one-speed, two-speed, variable-speed)")
      control = .oneSpeed
    }
    let tower = CoolingTower(
      approachK: r.number("approach_k"), minimumCondenserWaterC: r.number("min_condenser_c"),
      designHeatRejectionW: r.number("design_heat_rejection", mustBe: .positive),
      designFanPowerW: r.number("design_fan_power"), fanControl: control,
      latentFraction: r.number("latent_fraction", default: 1),
      cyclesOfConcentration: r.number("cycles_of_concentration", default: 3))

    r.prefix = "condenser_water."
    let cwPump = Pump(
      deltaTK: r.number("delta_t_k", default: 5, mustBe: .positive),
      pressureRisePa: r.number("pump_pressure_rise_pa", mustBe: .positive),
      efficiency: r.number("pump_efficiency", mustBe: .efficiency))

    r.prefix = "water_economiser."
    let wse =
      hasSection(r, "water_economiser.")
      ? WaterSideEconomiser(
        heatExchangerApproachK: r.number("hx_approach_k"),
        maximumWetBulbC: r.number("max_wetbulb_c", default: .infinity)) : nil

    r.prefix = "liquid."
    var liquid: DirectLiquidCoolingLoop?
    if hasSection(r, "liquid.") {
      liquid = DirectLiquidCoolingLoop(
        supplyC: r.number("supply_c"),
        pump: Pump(
          deltaTK: r.number("delta_t_k", default: 10, mustBe: .positive),
          pressureRisePa: r.number("pump_pressure_rise_pa", mustBe: .positive),
          efficiency: r.number("pump_efficiency", mustBe: .efficiency)),
        designHeatRejectionW: r.number("design_heat_rejection", mustBe: .positive),
        designApproachK: r.number("design_approach_k", mustBe: .positive),
        designFanPowerW: r.number("design_fan_power"),
        minimumFlowFraction: r.number("min_flow_fraction", default: 0.2, mustBe: .fraction))
    }
    r.prefix = ""
    guard let chiller, r.errors.isEmpty else { return nil }
    return ChilledWaterPlant(
      crah: crah, airEconomiser: airEconomiser, coilApproachK: approach,
      chilledWaterRangeC: chwMin...chwMax, chilledWaterPump: chwPump, chiller: chiller,
      chillerCount: chillerCount, tower: tower, condenserWaterPump: cwPump,
      waterEconomiser: wse, liquid: liquid)
  }
}
