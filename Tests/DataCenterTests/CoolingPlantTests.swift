import Testing

@testable import DataCenter

/// A plant whose every number can be followed by hand: a chiller with flat curves (CAPFT =
/// EIRFT = 1, EIRFPLR = PLR, no minimum PLR) draws exactly load / COP.
///
/// CRAH: 2 × 10 m³/s at 500 Pa, η 0.5 (10,000 W each at design), f_min 0.3, rise 12 K.
/// Chilled water: supply = supply air − 8 K in 5-15 °C, ΔT 6 K, pump 200 kPa at η 0.7.
/// Chiller: 500 kW, COP 5. Tower: approach 4 K, floor 10 °C, 1 MW design, 20 kW variable-speed
/// fans (f_min 0.2), all latent, 3 cycles. Condenser water: ΔT 5 K, 150 kPa at η 0.7.
func handPlant(chillerCapacityW: Double = 500_000, chillers: Int = 1) -> ChilledWaterPlant {
  let flat = BiquadraticCurve(1, 0, 0, 0, 0, 0)
  let chiller = ElectricEIRChiller(
    name: "flat", referenceCapacityW: chillerCapacityW, referenceCOP: 5,
    referenceLeavingChilledWaterC: 7, referenceEnteringCondenserC: 29, capacityFT: flat,
    eirFT: flat, eirFPLR: PolynomialCurve(coefficients: [0, 1, 0]), minimumPartLoadRatio: 0,
    maximumPartLoadRatio: 1, minimumUnloadingRatio: 0)
  return ChilledWaterPlant(
    crah: CRAHUnits(
      count: 2, designAirflowM3PerS: 10, designPressureRisePa: 500, designFanEfficiency: 0.5,
      minimumFlowFraction: 0.3, airTemperatureRiseK: 12),
    coilApproachK: 8, chilledWaterRangeC: 5...15,
    chilledWaterPump: Pump(deltaTK: 6, pressureRisePa: 200_000, efficiency: 0.7),
    chiller: chiller, chillerCount: chillers,
    tower: CoolingTower(
      approachK: 4, minimumCondenserWaterC: 10, designHeatRejectionW: 1e6,
      designFanPowerW: 20_000, fanControl: .variableSpeed(minimumFlowFraction: 0.2)),
    condenserWaterPump: Pump(deltaTK: 5, pressureRisePa: 150_000, efficiency: 0.7))
}

@Suite struct CoolingPlantTests {
  /// 144,720 W to air at 20 °C supply, 35 °C / 24 °C outside, no economisers.
  /// CRAH fans 2,500 W (see CoolingComponentTests); air load 147,220 W; chilled water 12 °C.
  /// Chiller 147,220 / 5 = 29,444 W; condenser heat 147,220 + 29,444 = 176,664 W.
  /// Tower r = 0.176664 < f_min → 20,000 · 0.2³ = 160 W. Water ρ·c_p = 4,181,814 J/(m³·K):
  /// CHW pump 147,220 · 200,000 / (0.7 · 4,181,814 · 6) = 1,676.42 W;
  /// CW pump 176,664 · 150,000 / (0.7 · 4,181,814 · 5) = 1,810.53 W.
  /// Total 29,444 + 2,500 + 160 + 1,676.42 + 1,810.53 = 35,590.95 W.
  /// Water 176,664 / 2.442e6 · 1.5 / 999 · 1,000 = 0.108625 L/s.
  @Test func everyComponentOfAPlainPlant() {
    let b = handPlant().power(
      CoolingConditions(
        heatToAirW: 144_720, supplyAirC: 20, outdoorDryBulbC: 35, outdoorWetBulbC: 24))
    #expect(isClose(b.crahFanW, 2_500, 1e-9))
    #expect(isClose(b.chillerW, 29_444, 1e-6))
    #expect(isClose(b.towerFanW, 160, 1e-9))
    #expect(isClose(b.chilledWaterPumpW, 1_676.42, 0.01))
    #expect(isClose(b.condenserWaterPumpW, 1_810.53, 0.01))
    #expect(isClose(b.totalW, 35_590.95, 0.01))
    #expect(isClose(b.waterUseLPerS, 0.108625, 1e-6))
    #expect(b.economiserFraction == 0 && b.unmetLoadW == 0 && b.dryCoolerFanW == 0)
  }

  /// Outside 26 °C with a 30 °C high limit: e_a = (32 − 26) / (32 − 20) = 0.5, so the coil
  /// carries 73,610 W and the chiller 14,722 W; the economiser carries half the demand.
  @Test func airEconomiserHalvesTheChillerLoad() {
    var plant = handPlant()
    plant.airEconomiser = AirSideEconomiser(highLimitC: 30)
    let b = plant.power(
      CoolingConditions(
        heatToAirW: 144_720, supplyAirC: 20, outdoorDryBulbC: 26, outdoorWetBulbC: 18))
    #expect(isClose(b.chillerW, 14_722, 1e-6))
    #expect(isClose(b.economiserFraction, 0.5, 1e-12))
    // CW pump on 73,610 · 1.2 = 88,332 W: 88,332 · 150,000 / (0.7 · 4,181,814 · 5) = 905.27 W.
    #expect(isClose(b.condenserWaterPumpW, 905.27, 0.01))
  }

  /// Wet bulb 5 °C: tower water max(5 + 4, 10) = 10 °C (the floor), free-cooling water
  /// 10 + 2 = 12 °C ≤ the 12 °C chilled-water supply → all free: no chiller power; the tower
  /// rejects the 147,220 W itself (CW pump 147,220 · 150,000 / (0.7 · 4,181,814 · 5) =
  /// 1,508.78 W).
  @Test func waterEconomiserCarriesEverythingWhenColdEnough() {
    var plant = handPlant()
    plant.waterEconomiser = WaterSideEconomiser(heatExchangerApproachK: 2)
    let b = plant.power(
      CoolingConditions(
        heatToAirW: 144_720, supplyAirC: 20, outdoorDryBulbC: 8, outdoorWetBulbC: 5))
    #expect(b.chillerW == 0)
    #expect(b.economiserFraction == 1)
    #expect(isClose(b.condenserWaterPumpW, 1_508.78, 0.01))
  }

  /// 500 kW to liquid with the loop of `CoolingComponentTests.liquidLoopDryCoolerAndTrim` at
  /// 33 °C outside: the dry cooler rejects 200 kW, 300 kW is trimmed by the chillers, whose load
  /// becomes 147,220 + 300,000 = 447,220 W → 89,444 W.
  @Test func liquidTrimGoesToTheChillers() {
    var plant = handPlant()
    plant.liquid = DirectLiquidCoolingLoop(
      supplyC: 35, pump: Pump(deltaTK: 10, pressureRisePa: 100_000, efficiency: 0.5),
      designHeatRejectionW: 1e6, designApproachK: 10, designFanPowerW: 10_000)
    let b = plant.power(
      CoolingConditions(
        heatToAirW: 144_720, heatToLiquidW: 500_000, supplyAirC: 20, outdoorDryBulbC: 33,
        outdoorWetBulbC: 22))
    #expect(isClose(b.chillerW, 89_444, 1e-6))
    #expect(b.dryCoolerFanW == 10_000 && isClose(b.liquidLoopPumpW, 2_391.31, 0.01))
    #expect(isClose(b.pumpsW, b.chilledWaterPumpW + b.condenserWaterPumpW + 2_391.31, 0.01))
  }

  /// Two 100 kW chillers share 147,220 W (ceil(1.4722) = 2 run, 73,610 W each): with linear
  /// curves the total is still 147,220 / 5 = 29,444 W. One 100 kW chiller at PLR_max 1 meets
  /// 100 kW (20,000 W) and leaves 47,220 W unmet.
  @Test func chillersStageAndReportUnmetLoad() {
    let c = CoolingConditions(
      heatToAirW: 144_720, supplyAirC: 20, outdoorDryBulbC: 35, outdoorWetBulbC: 24)
    #expect(
      isClose(handPlant(chillerCapacityW: 100_000, chillers: 2).power(c).chillerW, 29_444, 1e-6))
    let one = handPlant(chillerCapacityW: 100_000, chillers: 1).power(c)
    #expect(isClose(one.chillerW, 20_000, 1e-6) && isClose(one.unmetLoadW, 47_220, 1e-6))
  }

  /// REFERENCES.md §4.2: 600 kW + 400 kW at 20 °C → 1e6 / 3.194 = 313,087.04 W.
  @Test func hpLabsPlantIsHeatOverCoP() {
    let b = CoPCurvePlant.hpLabs.power(
      CoolingConditions(
        heatToAirW: 600_000, heatToLiquidW: 400_000, supplyAirC: 20, outdoorDryBulbC: 30,
        outdoorWetBulbC: 20))
    #expect(isClose(b.chillerW, 1e6 / 3.194, 1e-6) && b.totalW == b.chillerW)
  }

  /// Raising the supply air from 18 to 22 °C raises the chilled water from 10 to 14 °C; the
  /// real McQuay chiller's EIR falls with warmer chilled water (its c2 and c6 terms), so the
  /// plant draws less. A monotonicity check, not a value: the value tests are above.
  @Test func warmerSupplyAirSavesChillerPowerWithARealChiller() throws {
    var plant = handPlant()
    plant.chiller = try ElectricEIRChiller.chiller(inIDF: mcQuayWSC471IDF)
    func at(_ t: Double) -> Double {
      plant.power(
        CoolingConditions(
          heatToAirW: 300_000, supplyAirC: t, outdoorDryBulbC: 30, outdoorWetBulbC: 20)
      ).chillerW
    }
    #expect(at(22) < at(18))
  }

  @Test func validationListsEveryBadParameter() {
    var plant = handPlant()
    plant.crah.designFanEfficiency = -0.5
    plant.chilledWaterPump.efficiency = 0
    plant.tower.cyclesOfConcentration = 1
    plant.chillerCount = 0
    plant.chiller.referenceCOP = -1
    let p = plant.validate()
    #expect(p.count == 5)
    #expect(p.contains { $0.contains("crah.fan_efficiency") })
    #expect(p.contains { $0.contains("chilled_water_pump.efficiency") })
    #expect(p.contains { $0.contains("cycles_of_concentration") })
    #expect(p.contains { $0.contains("chiller.count") })
    #expect(p.contains { $0.contains("reference COP") })
    #expect(handPlant().validate().isEmpty)
    let badCoP = CoPCurvePlant(curve: QuadraticCoPCurve(a: -0.01, b: 0, c: 1))
    #expect(badCoP.validate().count == 1)
  }

  // MARK: - By name

  func chilledWaterParameters() -> [ModelParameters.Entry] {
    [
      .init(key: "crah.count", value: .number(2)),
      .init(key: "crah.design_airflow_m3_per_s", value: .number(10)),
      .init(key: "crah.design_pressure_rise_pa", value: .number(500)),
      .init(key: "crah.fan_efficiency", value: .number(0.5)),
      .init(key: "chilled_water.pump_pressure_rise_pa", value: .number(200_000)),
      .init(key: "chilled_water.pump_efficiency", value: .number(0.7)),
      .init(key: "chiller.idf", value: .text(mcQuayWSC471IDF)),
      .init(key: "chiller.count", value: .number(3)),
      .init(key: "tower.approach_k", value: .number(4)),
      .init(key: "tower.min_condenser_c", value: .number(10)),
      .init(key: "tower.design_heat_rejection", value: .number(1e6)),
      .init(key: "tower.design_fan_power", value: .number(20_000)),
      .init(key: "condenser_water.pump_pressure_rise_pa", value: .number(150_000)),
      .init(key: "condenser_water.pump_efficiency", value: .number(0.7)),
      .init(key: "water_economiser.hx_approach_k", value: .number(2)),
    ]
  }

  @Test func chilledWaterPlantByNameMatchesTheValueType() throws {
    #expect(CoolingPlantCatalog.plants.names == ["chilled-water", "hp-labs-cop"])
    let built = try CoolingPlantCatalog.plants.make(
      "chilled-water", ModelParameters(chilledWaterParameters()))
    var expected = handPlant()
    expected.chiller = try ElectricEIRChiller.chiller(inIDF: mcQuayWSC471IDF)
    expected.chillerCount = 3
    expected.waterEconomiser = WaterSideEconomiser(heatExchangerApproachK: 2)
    #expect(built as? ChilledWaterPlant == expected)
    let hp = try CoolingPlantCatalog.plants.make("hp-labs-cop")
    #expect(hp as? CoPCurvePlant == .hpLabs)
  }

  @Test func chilledWaterPlantByNameReportsEveryError() {
    var entries = chilledWaterParameters().filter { $0.key != "tower.approach_k" }
    entries[4].value = .number(-3)  // chilled_water.pump_pressure_rise_pa
    entries.append(.init(key: "tower.fan_control", value: .text("three-speed")))
    entries.append(.init(key: "crah.colour", value: .text("blue")))
    let badIDF = mcQuayWSC471IDF.replacing("Vanes EIRFT,  !- Name", with: "X,")
    entries[6].value = .text(badIDF)
    do {
      _ = try CoolingPlantCatalog.plants.make("chilled-water", ModelParameters(entries))
      Issue.record("expected errors")
    } catch {
      let keys = error.errors.map(\.key)
      #expect(
        keys == [
          "chilled_water.pump_pressure_rise_pa", "chiller.idf", "tower.fan_control",
          "tower.approach_k", "crah.colour",
        ])
      // The IDF error keeps its place in the pasted text (line 13, column 5).
      #expect(error.errors[1].message.hasPrefix("line 13, column 5:"))
    }
  }

  /// A section written without its required keys is reported key by key, not as unknown keys:
  /// `liquid.pump_efficiency` alone asks for supply_c, pump_pressure_rise_pa,
  /// design_heat_rejection, design_approach_k and design_fan_power.
  @Test func partialSectionAsksForItsRequiredKeys() {
    var entries = chilledWaterParameters()
    entries.append(.init(key: "liquid.pump_efficiency", value: .number(0.6)))
    do {
      _ = try CoolingPlantCatalog.plants.make("chilled-water", ModelParameters(entries))
      Issue.record("expected errors")
    } catch {
      #expect(
        error.errors.map(\.key) == [
          "liquid.supply_c", "liquid.pump_pressure_rise_pa", "liquid.design_heat_rejection",
          "liquid.design_approach_k", "liquid.design_fan_power",
        ])
      #expect(error.errors.allSatisfy { $0.message == "is required (a number)" })
    }
  }

  @Test func hpLabsPlantByNameRejectsANonPositiveCurve() {
    do {
      _ = try CoolingPlantCatalog.plants.make(
        "hp-labs-cop", ["a": .number(-0.01), "c": .number(1)])
      Issue.record("expected an error")
    } catch {
      #expect(error.errors.count == 1 && error.errors[0].message.contains("not positive"))
    }
  }
}
