import DataCenter
import SimKernel

// The `cooling-setpoint` energy strategy (issue 8 item 7; DESIGN.md "Cooling and thermal").
//
// Goal: a warmer supply air temperature T_sup lets the chilled-water plant run warmer chilled
// water (higher chiller COP, more economiser hours), while the hottest rack inlet stays inside
// the ASHRAE recommended envelope for air-cooled IT, 18–27 °C (REFERENCES.md §4.1).
//
// Model: inlets follow T_in = T_sup + D · P (REFERENCES.md §4.6, the thermal model), so a
// change of the setpoint by ΔT moves every inlet by ΔT at the same instant. With
// H = the hottest inlet (`thermal.max_inlet_c`), L = upper_inlet_c − margin_k (default
// 27 − 1 = 26 °C) and s = step_k:
//   - every `interval` (default 15 min), a controller step:
//       H > L          lower T_sup by ⌈(H − L) / s⌉ steps (to at least min_c);
//       H + s ≤ L      raise T_sup by one step (to at most max_c);
//       otherwise      hold;
//   - at any instant at which H exceeds upper_inlet_c (a load rise between two steps), lower
//     at once by the same rule, so no settled state (and no sample) has an inlet above
//     upper_inlet_c unless T_sup is already at min_c.
// Coupling through signals: this model publishes `energy.supply_setpoint_c`; the plant delivers
// it and publishes `plant.supply_air_c`, which the thermal model uses as T_sup; the settle
// rounds of the same instant carry the change through (a signal change makes another round).
//
// Energy saved: the plant recomputes, alongside every update, the cooling power the same heat
// and weather would need at its fixed `supply_air_c` (`plant.base_cooling_w`); this model
// integrates that signal exactly (it is constant between settled instants, and a change of it
// makes another settle round in which this model sees it), and
//   cooling_saved_kwh = (∫ P_cool,base dt − ∫ P_cool dt) / 3.6e6,
// with ∫ P_cool dt the engine's own meters of the plant's cooling terms (chiller, CRAH fans,
// pumps, tower, dry cooler). It assumes the IT load does not depend on the setpoint, which
// holds while no rack throttles (the thermal limit is above 27 °C).

/// Raises the supply air temperature while the hottest inlet stays within the ASHRAE
/// recommended range, lowers it when it does not, and reports the cooling energy saved.
struct CoolingSetpointModel: RunModel {
  static let name = "cooling-setpoint"
  static let controlEvent: UInt32 = 0
  static let coolingTermNames = ["chiller", "crah-fans", "pumps", "tower", "dry-cooler"]

  let spec: CoolingSetpointSpec
  /// The plant's fixed supply air temperature, °C: the setpoint starts there.
  let baseSupplyC: Double
  var setpointC: Double
  var setpointSignal = SignalID(raw: 0)
  var hottest: SignalID? = nil
  var baseCooling: SignalID? = nil
  var coolingTerms: [PowerTermID] = []
  var lookedUp = false
  var baseCoolingW = TimeWeighted()
  /// The cooling energy before the first callback, J: the setpoint has not moved yet, so the
  /// plant ran at its base supply and the base energy is the actual one (the engine's meters).
  var baseBeforeJ = 0.0
  var setpointMeter: TimeWeighted
  var changes = 0

  var name: String { Self.name }
  var stage: SettleStage { .facility }
  var timeseriesColumns: [ColumnSpec] { OutputColumns.coolingSetpointTimeseries }
  var summaryColumns: [ColumnSpec] { OutputColumns.coolingSetpointSummary }

  init(spec: CoolingSetpointSpec, baseSupplyC: Double) {
    self.spec = spec
    self.baseSupplyC = baseSupplyC
    setpointC = Swift.min(Swift.max(baseSupplyC, spec.minC), spec.maxC)
    setpointMeter = TimeWeighted(value: setpointC)
  }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    setpointSignal = try run.registerSignal("energy.supply_setpoint_c", initial: setpointC)
    run.schedule(ModelEvent(code: Self.controlEvent), at: run.now + spec.interval)
  }

  /// The thermal model and the plant attach after this model: find their signals and the
  /// plant's cooling terms once, at the first callback after every model has attached.
  mutating func lookUp(_ run: RunState) {
    guard !lookedUp else { return }
    lookedUp = true
    hottest = run.signal(named: "thermal.max_inlet_c")
    baseCooling = run.signal(named: "plant.base_cooling_w")
    for (k, name) in run.powerTermNames.enumerated() where Self.coolingTermNames.contains(name) {
      coolingTerms.append(PowerTermID(raw: UInt16(k)))
    }
    // The first callback may come after the plant changed at this instant (a weather event):
    // the meter starts now, and the energy before now is the actual cooling so far.
    if let baseCooling {
      baseCoolingW = TimeWeighted(value: run.signalValue(baseCooling), at: run.now)
      baseBeforeJ = actualCoolingJ(run)
    }
  }

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    lookUp(run)
    if let hottest {
      let h = run.signalValue(hottest)
      let limit = spec.upperInletC - spec.marginK
      if h > limit {
        lower(hottestC: h, run: &run)
      } else if h + spec.stepK <= limit && setpointC + spec.stepK <= spec.maxC {
        set(setpointC + spec.stepK, run: &run)
      }
    }
    run.schedule(ModelEvent(code: Self.controlEvent), at: run.now + spec.interval)
  }

  mutating func settle(run: inout RunState) {
    lookUp(run)
    if let baseCooling {
      let w = run.signalValue(baseCooling)
      if baseCoolingW.value != w { baseCoolingW.set(w, at: run.now) }
    }
    // Between two steps: an inlet above the limit is corrected at once.
    if let hottest, run.signalValue(hottest) > spec.upperInletC {
      lower(hottestC: run.signalValue(hottest), run: &run)
    }
  }

  /// Lowers the setpoint by ⌈(H − L) / s⌉ steps, to at least `min_c`.
  mutating func lower(hottestC h: Double, run: inout RunState) {
    let limit = spec.upperInletC - spec.marginK
    let steps = ((h - limit) / spec.stepK).rounded(.up)
    set(Swift.max(spec.minC, setpointC - steps * spec.stepK), run: &run)
  }

  mutating func set(_ value: Double, run: inout RunState) {
    guard value != setpointC else { return }
    setpointC = value
    setpointMeter.set(value, at: run.now)
    changes += 1
    run.setSignal(setpointSignal, to: value)
    run.recordEvent("setpoint", subject: "supply_air", value: value)
  }

  mutating func sample(run: RunState, into values: inout [Double]) {
    values.append(setpointMeter.intervalMean(endingAt: run.now))
  }

  /// ∫ P_cool dt so far, J, from the engine's meters of the plant's cooling terms (read only;
  /// the meters of this instant's changes are brought up to date after the settle rounds, so
  /// this is the integral at the values in force before now).
  func actualCoolingJ(_ run: RunState) -> Double {
    var total = 0.0
    for term in coolingTerms { total += run.powerTermEnergyJ(term, at: run.now) }
    return total
  }

  func summary(run: RunState) -> [SummaryValue] {
    let now = run.now
    let savedJ =
      baseCooling == nil
      ? 0 : baseBeforeJ + baseCoolingW.integral(at: now) - actualCoolingJ(run)
    let meanC = now > .zero ? setpointMeter.integral(at: now) / now.seconds : setpointC
    return [
      .number(savedJ / 3.6e6, decimals: 3), .number(meanC, decimals: 3), .integer(Int64(changes)),
    ]
  }
}

extension OutputColumns {
  /// The cooling-setpoint strategy's `timeseries.csv` column.
  public static let coolingSetpointTimeseries: [ColumnSpec] = [
    ColumnSpec(
      "supply_setpoint_c", unit: "°C", decimals: 3,
      "supply air setpoint of the cooling-setpoint strategy, time-weighted mean")
  ]

  /// The cooling-setpoint strategy's `summary.json` scalars.
  public static let coolingSetpointSummary: [ColumnSpec] = [
    ColumnSpec(
      "cooling_saved_kwh", unit: "kWh", decimals: 3,
      "∫ (cooling power at the fixed supply_air_c − cooling power) dt, same heat and weather"),
    ColumnSpec(
      "mean_supply_setpoint_c", unit: "°C", decimals: 3, "time-weighted mean supply setpoint"),
    ColumnSpec("setpoint_changes", unit: "", decimals: nil, "times the setpoint changed"),
  ]
}
