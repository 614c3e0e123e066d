import DataCenter
import SimKernel

// The facility plant as a model of the run (`.facility` stage): distribution losses, the
// cooling plant and other loads as facility power terms (DESIGN.md "Power chain", "Cooling and
// thermal"; the maths of each component is in its DataCenter file, cited there).
//
//   per rack r      P_r = rack power (the engine's ledger: node wall power, REFERENCES §3)
//                   L_r = L_pdu(P_r)                       (PowerLossModel, REFERENCES §4.5)
//   heat to liquid  Q_l = Σ_{r liquid} f · P_r             (f = liquid_fraction, default 0.8 [U])
//   heat to air     Q_a = Σ_r (P_r + L_r) − Q_l
//   UPS             L_ups = n · L_ups1((P_IT + Σ L_r) / n)  (PowerChain)
//   cooling         P_cool = plant(Q_a, Q_l, T_sup, T_db(t), T_wb(t))   (CoolingPlantModel)
//   other           P_other = fixed + fraction · P_IT
//   facility        P_IT + Σ L_r + L_ups + P_cool + P_other  (the engine: IT + Σ terms)
//
// Assumption on heat [U]: every watt the racks and their PDUs draw ends up as heat in the hall
// and is removed by the plant; UPS losses (in their own electrical rooms), lighting and other
// loads, and the plant's own electrical power are not part of the hall's cooling load. The
// CRAH fans' heat joins the air stream inside `ChilledWaterPlant`. PSU losses are inside the
// node wall power the ledger already computes (the catalog's system figures are wall power),
// so they are not added again here.
//
// Events: each weather point (hourly, `WeatherSeries.nextChangeTimeS`) and each carbon step is
// one of this model's events, not a time step. The plant is recomputed at each weather event
// and whenever a rack's power changes (the settle window's `racksWithNewPower`), with the
// weather interpolated at that instant; between recomputations every term is constant, so the
// time-weighted meters integrate it exactly. Per-rack sums are updated by differences on rack
// changes and recomputed from scratch at each weather event (bounding rounding drift).
//
// Carbon: with the intensity g a step function whose steps are events, the carbon of
// [a, b) inside one step is g · (E_fac(b) − E_fac(a)) / 3.6e9 kg (g in g/kWh, E in J),
// from the engine's own facility-energy meter, so it is exact.
// WUE (The Green Grid): tower make-up water, L, per IT kWh over the interval.
//
// Supply temperature (signals; issue 8 items 3/5/7): T_sup is `supply_air_c`, unless the run
// has the cooling-setpoint strategy, whose `energy.supply_setpoint_c` it then follows (the
// plant is assumed to deliver any setpoint it is given). It publishes what it delivers as
// `plant.supply_air_c` (the thermal model's T_sup) and, when following a setpoint,
// `plant.base_cooling_w`: the cooling power the same heat and weather would need at the fixed
// `supply_air_c`, recomputed alongside at every update, so the strategy can report the
// cooling energy it saved.

/// The facility plant: PDU and UPS losses, the cooling plant and other loads, driven by rack
/// power, weather and carbon; replaces `ConstantPUEModel` when the scenario has a plant.
struct FacilityPlantModel: RunModel {
  // MARK: Configuration
  let pdu: any PowerLossModel
  let chain: PowerChain
  let plant: any CoolingPlantModel
  let supplyAirC: Double
  let liquidFraction: Double
  /// Outdoor conditions (a one-point series for constant weather); nil: none given (NaN).
  let weather: WeatherSeries?
  let carbon: CarbonIntensitySeries?
  /// Run time 0 is this far into the weather and carbon series, s.
  let weatherOffsetS: Double
  let carbonOffsetS: Double
  let constantCarbon: Double?
  /// Whether the plant models water (a cooling tower): then WUE is reported.
  let modelsWater: Bool
  let timeseriesColumns: [ColumnSpec]
  let summaryColumns: [ColumnSpec]

  // MARK: State
  var rackIsLiquid: [Bool] = []
  var rackPowerSeenW: [Double] = []
  var rackPDULossW: [Double] = []
  var pduLossW = 0.0
  var heatToAirW = 0.0
  var heatToLiquidW = 0.0
  var terms: [PowerTermID] = []
  /// Each term's power, W, integrated by the model's own meters (same order as `Term`).
  var meters: [TimeWeighted] = Array(repeating: TimeWeighted(), count: Term.allCases.count)
  /// Scratch: each term's power from the last evaluation, W.
  var termW: [Double] = Array(repeating: 0, count: Term.allCases.count)
  var dryBulb = TimeWeighted()
  var wetBulb = TimeWeighted()
  var economiser = TimeWeighted()
  var waterLPerS = TimeWeighted()
  /// Cooling load the chillers could not carry, W (0 in a correctly sized plant).
  var unmetW = TimeWeighted()
  /// Carbon: kg up to the last step, the facility energy there, J, and the intensity since.
  var carbonKg = 0.0
  var carbonStepEnergyJ = 0.0
  var carbonGramsPerKWh = 0.0
  var carbonAtLastSampleKg = 0.0
  var waterAtLastSampleL = 0.0
  var itEnergyAtLastSampleJ = 0.0
  /// The supply air temperature delivered now, °C, and the signals of the coupling.
  var supplyC: Double
  var setpointSignal: SignalID? = nil
  var supplySignal = SignalID(raw: 0)
  var baseCoolingSignal: SignalID? = nil

  /// The power terms, one per component, in registration order.
  enum Term: Int, CaseIterable {
    case pduLoss, upsLoss, chiller, crahFans, pumps, tower, dryCooler, other
    var name: String {
      switch self {
      case .pduLoss: "pdu-loss"
      case .upsLoss: "ups-loss"
      case .chiller: "chiller"
      case .crahFans: "crah-fans"
      case .pumps: "pumps"
      case .tower: "tower"
      case .dryCooler: "dry-cooler"
      case .other: "other"
      }
    }
    static let cooling: [Term] = [.chiller, .crahFans, .pumps, .tower, .dryCooler]
  }

  static let weatherEvent: UInt32 = 0
  static let carbonEvent: UInt32 = 1

  /// Builds the plant's models from `spec` (already validated: an error here is reported as
  /// an invalid scenario).
  init(spec: FacilityPlantSpec, horizon: SimDuration) throws(SimulationError) {
    do throws(ModelParameterErrors) {
      pdu = try PowerChainCatalog.loss.make(spec.pdu.model, spec.pdu.parameters)
      let ups = try PowerChainCatalog.loss.make(spec.ups.model, spec.ups.parameters)
      chain = PowerChain(pdu: pdu, ups: ups, upsCount: spec.upsCount, other: spec.other)
      plant = try CoolingPlantCatalog.plants.make(spec.cooling.model, spec.cooling.parameters)
    } catch {
      throw .invalidScenario(
        error.errors.map { ScenarioIssue(path: "facility plant", message: $0.description) })
    }
    supplyAirC = spec.supplyAirC
    supplyC = spec.supplyAirC
    liquidFraction = spec.liquidFraction
    switch spec.weather {
    case .constant(let db, let wb):
      weather = try? WeatherSeries(points: [
        WeatherPoint(timeS: 0, dryBulbC: db, wetBulbC: wb, relativeHumidity: .nan)
      ])
    case .series(_, let series):
      weather = series
    case .profile(let profile):
      weather = profile.series(durationS: spec.weatherStart.seconds + horizon.seconds + 3_600)
    case nil:
      weather = nil
    }
    weatherOffsetS = spec.weatherStart.seconds
    carbonOffsetS = spec.carbonStart.seconds
    switch spec.carbon {
    case .constant(let g):
      carbon = nil
      constantCarbon = g
    case .series(_, let series):
      carbon = series
      constantCarbon = nil
    case nil:
      carbon = nil
      constantCarbon = nil
    }
    modelsWater = plant is ChilledWaterPlant
    let hasCarbon = spec.carbon != nil
    let water = modelsWater
    let hasWeather = spec.weather != nil
    timeseriesColumns = OutputColumns.facilityPlant.filter {
      ($0.name != "carbon_kg" || hasCarbon) && ($0.name != "wue_l_per_kwh" || water)
        && (($0.name != "outside_temp_c" && $0.name != "wetbulb_c") || hasWeather)
    }
    summaryColumns = OutputColumns.facilityPlantSummary.filter {
      ($0.name != "carbon_kg" || hasCarbon)
        && (($0.name != "water_l" && $0.name != "wue_l_per_kwh") || water)
    }
  }

  /// The built-in facility model of a scenario: the plant when it has one, else the constant
  /// PUE placeholder.
  static func builtIn(for scenario: Scenario) throws(SimulationError) -> any RunModel {
    guard let plant = scenario.facility.plant else {
      return ConstantPUEModel(pue: scenario.facility.pue)
    }
    return try FacilityPlantModel(spec: plant, horizon: scenario.horizon)
  }

  var name: String { "facility-plant" }
  var stage: SettleStage { .facility }

  // MARK: - Joining the run

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    for term in Term.allCases { terms.append(try run.registerPowerTerm(term.name)) }
    // The cooling-setpoint strategy attaches before the plant (BuiltInModels).
    setpointSignal = run.signal(named: "energy.supply_setpoint_c")
    if let setpointSignal { supplyC = run.signalValue(setpointSignal) }
    supplySignal = try run.registerSignal("plant.supply_air_c", initial: supplyC)
    if setpointSignal != nil {
      baseCoolingSignal = try run.registerSignal("plant.base_cooling_w")
    }
    let site = run.site
    rackIsLiquid = (0..<site.rackCount).map { r in
      site.catalog.racks[Int(site.rackTypeIndex[r])].cooling == .liquid
    }
    rackPowerSeenW = Array(repeating: 0, count: site.rackCount)
    rackPDULossW = Array(repeating: 0, count: site.rackCount)
    recomputeRacks(run)
    let conditions = conditions(at: run.now)
    let values = evaluate(itPowerW: run.power.itPowerW, conditions: conditions)
    for k in 0..<terms.count {
      run.setPowerTerm(terms[k], to: termW[k])
      meters[k] = TimeWeighted(value: termW[k])
    }
    publishBaseCooling(conditions: conditions, run: &run)
    dryBulb = TimeWeighted(value: conditions.dryBulbC)
    wetBulb = TimeWeighted(value: conditions.wetBulbC)
    economiser = TimeWeighted(value: values.economiser)
    waterLPerS = TimeWeighted(value: values.waterLPerS)
    unmetW = TimeWeighted(value: values.unmetW)
    scheduleNext(run: &run)
    carbonGramsPerKWh = constantCarbon ?? carbon?.gramsPerKWh(atTimeS: carbonOffsetS) ?? 0
    scheduleNextCarbon(run: &run)
  }

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    let now = run.now
    switch event.code {
    case Self.weatherEvent:
      recomputeRacks(run)
      update(run: &run)
      scheduleNext(run: &run)
    case Self.carbonEvent:
      let energy = run.facilityEnergyJ(at: now)
      carbonKg += CarbonIntensitySeries.kilograms(
        energyJ: energy - carbonStepEnergyJ, gramsPerKWh: carbonGramsPerKWh)
      carbonStepEnergyJ = energy
      carbonGramsPerKWh =
        carbon?.gramsPerKWh(atTimeS: now.seconds + carbonOffsetS) ?? carbonGramsPerKWh
      scheduleNextCarbon(run: &run)
    default:
      break
    }
  }

  mutating func settle(run: inout RunState) {
    let changed = run.changes.racksWithNewPower
    // A new setpoint: deliver it (and publish it) now, even if no rack changed.
    var newSetpoint = false
    if let setpointSignal, run.signalValue(setpointSignal) != supplyC {
      supplyC = run.signalValue(setpointSignal)
      run.setSignal(supplySignal, to: supplyC)
      newSetpoint = true
    }
    guard newSetpoint || !changed.isEmpty else { return }
    for rack in changed { updateRack(rack.index, run) }
    update(run: &run)
  }

  // MARK: - Private

  /// The dry and wet bulb at `time` (interpolated), °C; NaN without weather.
  func conditions(at time: SimTime) -> (dryBulbC: Double, wetBulbC: Double) {
    guard let c = weather?.conditions(atTimeS: time.seconds + weatherOffsetS) else {
      return (.nan, .nan)
    }
    return (c.dryBulbC, c.wetBulbC)
  }

  /// Schedules the next weather point after now.
  func scheduleNext(run: inout RunState) {
    guard let weather else { return }
    let next = Self.nextEvent(after: run.now, offsetS: weatherOffsetS) {
      weather.nextChangeTimeS(after: $0)
    }
    if let next { run.schedule(ModelEvent(code: Self.weatherEvent), at: next) }
  }

  /// Schedules the next carbon step after now.
  func scheduleNextCarbon(run: inout RunState) {
    guard let carbon else { return }
    let next = Self.nextEvent(after: run.now, offsetS: carbonOffsetS) {
      carbon.nextChangeTimeS(after: $0)
    }
    if let next { run.schedule(ModelEvent(code: Self.carbonEvent), at: next) }
  }

  /// The first series time after `now` (series time = run time + offset) as a run time
  /// strictly after `now` (a point that rounds onto `now` is skipped, so no event repeats).
  static func nextEvent(
    after now: SimTime, offsetS: Double, _ next: (Double) -> Double?
  ) -> SimTime? {
    var after = now.seconds + offsetS
    for _ in 0..<4 {
      guard let n = next(after) else { return nil }
      let t = SimTime(seconds: n - offsetS)
      if t > now { return t }
      after = n
    }
    return nil
  }

  /// What the plant draws at IT power `itPowerW` with the current heat sums: each term's
  /// power into `termW` (no allocation), and the economiser share and water use.
  mutating func evaluate(
    itPowerW: Double, conditions c: (dryBulbC: Double, wetBulbC: Double)
  ) -> (economiser: Double, waterLPerS: Double, unmetW: Double) {
    let cooling = plant.power(
      CoolingConditions(
        heatToAirW: Swift.max(heatToAirW, 0), heatToLiquidW: Swift.max(heatToLiquidW, 0),
        supplyAirC: supplyC, outdoorDryBulbC: c.dryBulbC, outdoorWetBulbC: c.wetBulbC))
    let chainPower = chain.facility(
      itPowerW: itPowerW, pduLossW: Swift.max(pduLossW, 0), coolingW: cooling.totalW)
    termW[Term.pduLoss.rawValue] = chainPower.pduLossW
    termW[Term.upsLoss.rawValue] = chainPower.upsLossW
    termW[Term.chiller.rawValue] = cooling.chillerW
    termW[Term.crahFans.rawValue] = cooling.crahFanW
    termW[Term.pumps.rawValue] = cooling.pumpsW
    termW[Term.tower.rawValue] = cooling.towerFanW
    termW[Term.dryCooler.rawValue] = cooling.dryCoolerFanW
    termW[Term.other.rawValue] = chainPower.otherW
    return (cooling.economiserFraction, cooling.waterUseLPerS, cooling.unmetLoadW)
  }

  /// Recomputes the plant at `run.now` and sets every term and meter.
  mutating func update(run: inout RunState) {
    let now = run.now
    let c = conditions(at: now)
    let values = evaluate(itPowerW: run.power.itPowerW, conditions: c)
    for k in 0..<terms.count {
      let w = termW[k]
      run.setPowerTerm(terms[k], to: w)
      if meters[k].value != w { meters[k].set(w, at: now) }
    }
    Self.set(&dryBulb, c.dryBulbC, at: now)
    Self.set(&wetBulb, c.wetBulbC, at: now)
    Self.set(&economiser, values.economiser, at: now)
    Self.set(&waterLPerS, values.waterLPerS, at: now)
    Self.set(&unmetW, values.unmetW, at: now)
    publishBaseCooling(conditions: c, run: &run)
  }

  /// With a setpoint to follow: the cooling power at the fixed `supply_air_c` for the same
  /// heat and weather, as `plant.base_cooling_w`.
  func publishBaseCooling(
    conditions c: (dryBulbC: Double, wetBulbC: Double), run: inout RunState
  ) {
    guard let baseCoolingSignal else { return }
    let base = plant.power(
      CoolingConditions(
        heatToAirW: Swift.max(heatToAirW, 0), heatToLiquidW: Swift.max(heatToLiquidW, 0),
        supplyAirC: supplyAirC, outdoorDryBulbC: c.dryBulbC, outdoorWetBulbC: c.wetBulbC))
    run.setSignal(baseCoolingSignal, to: base.totalW)
  }

  static func set(_ meter: inout TimeWeighted, _ value: Double, at now: SimTime) {
    if meter.value != value && !(meter.value.isNaN && value.isNaN) { meter.set(value, at: now) }
  }

  /// Rack `r`'s contribution to the sums, replaced by the ledger's current power.
  mutating func updateRack(_ r: Int, _ run: RunState) {
    let p = run.power.rackPowerW[r].value
    let loss = pdu.lossW(atLoadW: p)
    let oldP = rackPowerSeenW[r]
    let oldLoss = rackPDULossW[r]
    pduLossW += loss - oldLoss
    let f = rackIsLiquid[r] ? liquidFraction : 0
    heatToLiquidW += f * (p - oldP)
    heatToAirW += (1 - f) * (p - oldP) + (loss - oldLoss)
    rackPowerSeenW[r] = p
    rackPDULossW[r] = loss
  }

  /// Every rack's contribution from scratch.
  mutating func recomputeRacks(_ run: RunState) {
    var loss = 0.0
    var air = 0.0
    var liquid = 0.0
    for r in 0..<rackPowerSeenW.count {
      let p = run.power.rackPowerW[r].value
      let l = pdu.lossW(atLoadW: p)
      let f = rackIsLiquid[r] ? liquidFraction : 0
      rackPowerSeenW[r] = p
      rackPDULossW[r] = l
      loss += l
      liquid += f * p
      air += (1 - f) * p + l
    }
    pduLossW = loss
    heatToAirW = air
    heatToLiquidW = liquid
  }
}
