import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// A chiller whose curves are flat (CAPFT = EIRFT = 1, EIRFPLR = PLR, no minimum part load):
/// it draws exactly load / COP = load / 5 (see DataCenterTests' `handPlant`).
let flatChillerIDF = """
  Chiller:Electric:EIR,
    flat,                    !- Name
    500000,                  !- Reference Capacity {W}
    5,                       !- Reference COP {W/W}
    7,                       !- Reference Leaving Chilled Water Temperature {C}
    29,                      !- Reference Entering Condenser Fluid Temperature {C}
    0.01,                    !- Reference Chilled Water Flow Rate {m3/s}
    0.02,                    !- Reference Condenser Fluid Flow Rate {m3/s}
    flat CAPFT,              !- Cooling Capacity Function of Temperature Curve Name
    flat EIRFT,              !- EIR Function of Temperature Curve Name
    flat EIRFPLR,            !- EIR Function of Part Load Ratio Curve Name
    0.0,                     !- Minimum Part Load Ratio
    1.0,                     !- Maximum Part Load Ratio
    1.0,                     !- Optimum Part Load Ratio
    0.0,                     !- Minimum Unloading Ratio
    CHW In, CHW Out, CW In, CW Out,
    WaterCooled,             !- Condenser Type
    ,                        !- Condenser Fan Power Ratio {W/W}
    1.0,                     !- Fraction of Compressor Electric Consumption Rejected by Condenser
    2.0,                     !- Leaving Chilled Water Lower Temperature Limit {C}
    ConstantFlow,            !- Chiller Flow Mode
    0.0;                     !- Design Heat Recovery Water Flow Rate {m3/s}
  Curve:Biquadratic, flat CAPFT, 1, 0, 0, 0, 0, 0, 0, 50, 0, 50;
  Curve:Biquadratic, flat EIRFT, 1, 0, 0, 0, 0, 0, 0, 50, 0, 50;
  Curve:Quadratic, flat EIRFPLR, 0, 1, 0, 0, 1;
  """

@Suite struct FacilityPlantModelTests {
  func job(_ name: String, at submit: Double, gpus: Int, work: Double) -> TrainingJob {
    TrainingJob(name: name, submit: SimTime(seconds: submit), gpus: gpus, work: .seconds(work))
  }

  /// The hand plant: PDU 1 % of rack load; one UPS rated 10 kW with a = 0.01, b = 0.02,
  /// c = 0.01 (REFERENCES 4.5 form); other 100 W + 1 % of IT; the HP Labs CoP curve at a fixed
  /// supply temperature (REFERENCES 4.2).
  func handPlant(supplyC: Double, carbon: CarbonSpec? = nil) -> FacilityPlantSpec {
    FacilityPlantSpec(
      pdu: NamedModelSpec(model: "proportional", parameters: ["fraction": .number(0.01)]),
      ups: NamedModelSpec(
        model: "quadratic",
        parameters: [
          "rated": .number(10_000), "no_load": .number(0.01), "proportional": .number(0.02),
          "square_law": .number(0.01),
        ]),
      other: FacilityOverhead(fixedW: 100, fractionOfIT: 0.01),
      cooling: NamedModelSpec(model: "hp-labs-cop"), supplyAirC: supplyC, carbon: carbon)
  }

  func scenario(
    _ jobs: [TrainingJob], plant: FacilityPlantSpec, horizon: Double, sample: Double,
    rackCooling: CoolingKind = .air
  ) -> Scenario {
    var s = TestSupport.traceScenario(
      jobs: jobs, horizon: .seconds(horizon), sample: .seconds(sample), pue: 1)
    if rackCooling != .air {
      let c = TestSupport.catalog()
      var rack = c.racks[0]
      rack.cooling = rackCooling
      s.hardware = HardwareCatalog(gpus: c.gpus, nodes: c.nodes, racks: [rack])
    }
    s.facility.plant = plant
    return s
  }

  func plantModel(_ sim: Simulation) throws -> FacilityPlantModel {
    try #require(sim.engine.models.first as? FacilityPlantModel)
  }

  /// One rack of 2 test nodes (600 + 450·U W each, TestSupport.catalog); job A (4 GPUs, 100 s)
  /// on node 0 from 0 to 100: IT 3,000 W on [0, 100), 1,200 W on [100, 200).
  ///   PDU 1 %:           30 W            12 W
  ///   UPS at IT + PDU:   x = 0.303: 10,000·(0.01 + 0.00606 + 0.000918090) = 169.780 9 W
  ///                      x = 0.1212: 10,000·(0.01 + 0.002424 + 0.000146894 4) = 125.708 944 W
  ///   other:             100 + 30 = 130 W    100 + 12 = 112 W
  ///   cooling at 15 °C:  CoP(15) = 0.0068·225 + 0.0008·15 + 0.458 = 2.000 (REFERENCES 4.2)
  ///                      heat = IT + PDU: 3,030 / 2 = 1,515 W;  1,212 / 2 = 606 W
  /// Energies over 200 s, J: IT 420,000; PDU 4,200; UPS 16,978.09 + 12,570.8944 = 29,548.9844;
  /// other 24,200; cooling 212,100; facility = their sum = 690,048.9844.
  @Test func handWorkedTermsAndEnergyConservationOverTheRun() throws {
    var sim = try Simulation(
      scenario: scenario(
        [job("A", at: 0, gpus: 4, work: 100)], plant: handPlant(supplyC: 15), horizon: 200,
        sample: 50))
    let r = try sim.run()
    let kWh = { (key: String) in r[summary: key]!.number! }
    #expect(kWh("it_energy_kwh").isApproximately(420_000 / 3.6e6, relative: 1e-12))
    #expect(kWh("pdu_loss_kwh").isApproximately(4_200 / 3.6e6, relative: 1e-12))
    #expect(kWh("ups_loss_kwh").isApproximately(29_548.9844 / 3.6e6, relative: 1e-12))
    #expect(kWh("other_kwh").isApproximately(24_200 / 3.6e6, relative: 1e-12))
    #expect(kWh("cooling_energy_kwh").isApproximately(212_100 / 3.6e6, relative: 1e-12))
    #expect(kWh("chiller_kwh") == kWh("cooling_energy_kwh"))
    #expect(kWh("facility_energy_kwh").isApproximately(690_048.9844 / 3.6e6, relative: 1e-12))
    // Conservation from each term's own meter: ∫ facility = IT + losses + cooling + other.
    let parts =
      kWh("it_energy_kwh") + kWh("pdu_loss_kwh") + kWh("ups_loss_kwh")
      + kWh("cooling_energy_kwh") + kWh("other_kwh")
    #expect(kWh("facility_energy_kwh").isApproximately(parts, relative: 1e-9))
    // PUE = 690,048.9844 / 420,000 = 1.642 973 77.
    #expect(kWh("pue").isApproximately(690_048.9844 / 420_000, relative: 1e-12))
    // The HP Labs curve carries any load: nothing unmet; no weather: no temperature columns.
    #expect(kWh("unmet_cooling_kwh") == 0)
    #expect(!CSVTable(r.timeseriesCSV()).header.contains("outside_temp_c"))
  }

  /// Cooling power = heat / CoP(T_sup) at three setpoints (REFERENCES 4.2: CoP(15/20/25) =
  /// 2.000/3.194/4.728 exactly from the coefficients); heat 3,030 W while job A runs.
  @Test(arguments: [(15.0, 2.0), (20.0, 3.194), (25.0, 4.728)])
  func coolingIsHeatOverCoP(supply: Double, cop: Double) throws {
    var sim = try Simulation(
      scenario: scenario(
        [job("A", at: 0, gpus: 4, work: 100)], plant: handPlant(supplyC: supply), horizon: 200,
        sample: 50))
    try sim.advance(to: SimTime(seconds: 10))
    let model = try plantModel(sim)
    let term = FacilityPlantModel.Term.chiller.rawValue
    #expect(model.meters[term].value.isApproximately(3_030 / cop, relative: 1e-12))
    try sim.advance(to: SimTime(seconds: 150))
    #expect(try plantModel(sim).meters[term].value.isApproximately(1_212 / cop, relative: 1e-12))
  }

  /// Per interval, from each meter: ΔE_facility (the engine's meter) = ΔE_IT (the engine's) +
  /// Σ ΔE_term (the plant's own meters), to 1e-9 relative, on a run with many power changes.
  @Test func energyIsConservedInEveryInterval() throws {
    var jobs: [TrainingJob] = []
    for k in 0..<12 {
      let work = 45.0 + Double(k * 13 % 70)
      jobs.append(job("J\(k)", at: Double(k) * 37, gpus: 1 + k % 4, work: work))
    }
    var sim = try Simulation(
      scenario: scenario(jobs, plant: handPlant(supplyC: 20), horizon: 600, sample: 50))
    var previous: (facility: Double, parts: Double) = (0, 0)
    for k in 1...12 {
      let t = SimTime(seconds: Double(k) * 50)
      try sim.advance(to: t)
      let meters = sim.engine.state.meters
      let model = try plantModel(sim)
      let facility = meters.facilityPowerW.integral(at: t)
      var parts = meters.itPowerW.integral(at: t)
      for meter in model.meters { parts += meter.integral(at: t) }
      let dFacility = facility - previous.facility
      let dParts = parts - previous.parts
      #expect(dFacility > 0)
      #expect(dFacility.isApproximately(dParts, relative: 1e-9), "interval ending at \(t)")
      previous = (facility, parts)
    }
  }

  /// A weather step at the hour changes the cooling power at the hour exactly. Idle site
  /// (no jobs): IT 1,200 W, no PDU loss. Chilled-water plant with the flat chiller (COP 5), one
  /// CRAH at a fixed 1 m³/s (min flow 1: 1 · 600 / 0.6 = 1,000 W), air economiser high limit
  /// 25 °C, tower fans 0 W. Weather: 30 °C (wet bulb 20) at 0 h, 10 °C (wet bulb 5) at 1 h.
  ///   [0, 1 h): 30 > 25: no economiser; coil load 1,200 + 1,000 = 2,200 W → chiller 440 W.
  ///   [1 h, 2 h): 10 ≤ the 20 °C supply: outside air carries it all → chiller 0 W.
  /// So ∫ chiller = 440 · 3,600 = 1,584,000 J; a step one second early or late would be off by
  /// 440 J (2.8e-4 relative).
  @Test func aWeatherStepChangesCoolingAtTheHourExactly() throws {
    let weather = try WeatherSeries(points: [
      WeatherPoint(timeS: 0, dryBulbC: 30, wetBulbC: 20, relativeHumidity: .nan),
      WeatherPoint(timeS: 3_600, dryBulbC: 10, wetBulbC: 5, relativeHumidity: .nan),
    ])
    let parameters: ModelParameters = [
      "crah.count": .number(1), "crah.design_airflow_m3_per_s": .number(1),
      "crah.design_pressure_rise_pa": .number(600), "crah.fan_efficiency": .number(0.6),
      "crah.min_flow_fraction": .number(1), "air_economiser.high_limit_c": .number(25),
      "chilled_water.pump_pressure_rise_pa": .number(1),
      "chilled_water.pump_efficiency": .number(1),
      "chiller.idf": .text(flatChillerIDF), "tower.approach_k": .number(4),
      "tower.min_condenser_c": .number(10), "tower.design_heat_rejection": .number(1e6),
      "tower.design_fan_power": .number(0), "condenser_water.pump_pressure_rise_pa": .number(1),
      "condenser_water.pump_efficiency": .number(1),
    ]
    let plant = FacilityPlantSpec(
      cooling: NamedModelSpec(model: "chilled-water", parameters: parameters), supplyAirC: 20,
      weather: .series(file: "", weather))
    var sim = try Simulation(scenario: scenario([], plant: plant, horizon: 7_200, sample: 3_600))
    let r = try sim.run()
    #expect(r[summary: "chiller_kwh"]!.number!.isApproximately(1_584_000 / 3.6e6, relative: 1e-12))
    #expect(r[summary: "crah_fan_kwh"]!.number!.isApproximately(2_000 / 1_000, relative: 1e-12))
    let series = CSVTable(r.timeseriesCSV())
    #expect(series.column("chiller_kw") == ["0.440", "0.000"])
    #expect(series.column("outside_temp_c") == ["30.00", "10.00"])
    #expect(series.column("economiser") == ["0.0000", "1.0000"])
  }

  /// Liquid-cooled racks send f · P to the liquid loop, the rest and the PDU loss to air:
  /// f = 0.75, rack at 3,000 W, PDU 30 W → liquid 2,250 W, air 750 + 30 = 780 W.
  @Test func liquidRacksSplitTheirHeat() throws {
    var plant = handPlant(supplyC: 20)
    plant.liquidFraction = 0.75
    var sim = try Simulation(
      scenario: scenario(
        [job("A", at: 0, gpus: 4, work: 100)], plant: plant, horizon: 200, sample: 50,
        rackCooling: .liquid))
    try sim.advance(to: SimTime(seconds: 10))
    let model = try plantModel(sim)
    #expect(model.heatToLiquidW.isApproximately(2_250, relative: 1e-12))
    #expect(model.heatToAirW.isApproximately(780, relative: 1e-12))
  }

  /// Carbon with a step from 100 to 500 gCO2/kWh at 100 s, when job A ends. Facility power
  /// (from the hand-worked test at 15 °C): 3,000 + 30 + 169.7809 + 1,515 + 130 = 4,844.7809 W
  /// on [0, 100), 1,200 + 12 + 125.708944 + 606 + 112 = 2,055.708944 W on [100, 200):
  ///   484,478.09 J · 100 / 3.6e9 = 0.013 457 724 7 kg; 205,570.8944 · 500 / 3.6e9 =
  ///   0.028 551 513 1 kg; total 0.042 009 237 8 kg; per 50 s interval 0.006 728 862 4
  ///   twice, then 0.014 275 756 6 twice.
  @Test func carbonFollowsTheIntensitySteps() throws {
    let carbon = try CarbonIntensitySeries(timesS: [0, 100], gramsPerKWh: [100, 500])
    var sim = try Simulation(
      scenario: scenario(
        [job("A", at: 0, gpus: 4, work: 100)],
        plant: handPlant(supplyC: 15, carbon: .series(file: "", carbon)), horizon: 200,
        sample: 50))
    let r = try sim.run()
    let expected = (484_478.09 * 100 + 205_570.8944 * 500) / 3.6e9
    #expect(r[summary: "carbon_kg"]!.number!.isApproximately(expected, relative: 1e-12))
    #expect(
      CSVTable(r.timeseriesCSV()).column("carbon_kg") == ["0.007", "0.007", "0.014", "0.014"])
  }

  /// Without a plant the constant-PUE placeholder stays: no plant columns.
  @Test func withoutAPlantTheConstantPUEModelRuns() throws {
    var s = scenario(
      [job("A", at: 0, gpus: 4, work: 100)], plant: handPlant(supplyC: 20), horizon: 200, sample: 50
    )
    s.facility.plant = nil
    var sim = try Simulation(scenario: s)
    #expect(sim.engine.models.first is Racksim.ConstantPUEModel)
    let r = try sim.run()
    #expect(!CSVTable(r.timeseriesCSV()).header.contains("cooling_power_kw"))
  }

  /// A plant-less facility hashes as before the plant existed: `{pue=…}`.
  @Test func aFacilityWithoutAPlantHashesAsBefore() {
    var encoder = CanonicalEncoder()
    encoder.encode(FacilitySpec(pue: 1.5))
    #expect(String(decoding: encoder.bytes, as: UTF8.self) == "{pue=d3ff8000000000000}")
  }
}
