import Testing

@testable import DataCenter

@Suite struct CoolingComponentTests {
  /// REFERENCES.md §4.2 [D]: CoP(15) = 0.0068·225 + 0.012 + 0.458 = 2.000,
  /// CoP(20) = 2.72 + 0.016 + 0.458 = 3.194, CoP(25) = 4.25 + 0.02 + 0.458 = 4.728.
  /// Cooling 1 MW at 20 °C: 1e6 / 3.194 = 313,087.04 W.
  @Test func hpLabsCoPMatchesReferenceValues() {
    let c = QuadraticCoPCurve.hpLabs
    #expect(isClose(c.cop(supplyC: 15), 2.00, 0.005))
    #expect(isClose(c.cop(supplyC: 20), 3.19, 0.005))
    #expect(isClose(c.cop(supplyC: 25), 4.73, 0.005))
    #expect(isClose(c.coolingPowerW(heatW: 1e6, supplyC: 20), 1e6 / 3.194, 1e-6))
    #expect(c.validate(over: 10...35).isEmpty)
  }

  /// −0.01·T² + 1 is negative at 35 °C (1 − 12.25); T² − 40·T + 399 is positive at both ends
  /// (99 at 10 °C, 224 at 35 °C) but −1 at its vertex, 20 °C: both must be caught.
  @Test func nonPositiveCoPCurveIsReported() {
    #expect(QuadraticCoPCurve(a: -0.01, b: 0, c: 1).validate(over: 10...35).count == 1)
    let dip = QuadraticCoPCurve(a: 1, b: -40, c: 399).validate(over: 10...35)
    #expect(dip.count == 1 && dip[0].contains("minimum -1.0"))
  }

  /// REFERENCES.md §4.4: DGX H100 at 10.2 kW with 1,105 CFM. 1,105 CFM = 1,105 · 4.719474e-4 =
  /// 0.521502 m³/s; ρ·c_p = 1.2 · 1,005 = 1,206 J/(m³·K); ΔT = 10,200 / (1,206 · 0.521502) =
  /// 16.218 K, the "≈ 16 °C" of §4.4.
  @Test func dgxH100AirflowGivesSixteenDegreeRise() {
    let flow = 1_105 * FluidProperties.cubicMetresPerSecondPerCFM
    #expect(isClose(flow, 0.521502, 1e-6))
    let rise = FluidProperties.air.temperatureRise(heatW: 10_200, flowM3PerS: flow)
    #expect(isClose(rise, 16.218, 0.001))
    #expect(isClose(rise, 16, 0.5))
  }

  /// 2 units of 10 m³/s at 500 Pa, η 0.5: P_design = 10 · 500 / 0.5 = 10,000 W each.
  /// 144,720 W at ΔT 12 K needs 144,720 / (1,206 · 12) = 10 m³/s, f = 10 / 20 = 0.5,
  /// P = 2 · 10,000 · 0.5³ = 2,500 W. 14,472 W needs 1 m³/s, f = 0.05 → held at 0.3:
  /// 2 · 10,000 · 0.027 = 540 W. No heat, no fans.
  @Test func crahFanPowerFollowsTheCubeWithAFloor() {
    let crah = CRAHUnits(
      count: 2, designAirflowM3PerS: 10, designPressureRisePa: 500, designFanEfficiency: 0.5,
      minimumFlowFraction: 0.3, airTemperatureRiseK: 12)
    #expect(crah.designFanPowerW == 10_000)
    #expect(isClose(crah.fanPowerW(heatW: 144_720), 2_500, 1e-9))
    #expect(isClose(crah.fanPowerW(heatW: 14_472), 540, 1e-9))
    #expect(crah.fanPowerW(heatW: 0) == 0)
    #expect(crah.validate().isEmpty)
    var bad = crah
    bad.designFanEfficiency = -0.5
    bad.count = 0
    #expect(bad.validate().count == 2)
  }

  /// Approach 4 K, floor 15 °C: wet bulb 20 → 24 °C; wet bulb 5 → 9, held at 15 °C.
  /// Design 1 MW with 20 kW of fan. One speed at 0.4 MW: 20,000 · 0.4 = 8,000 W.
  /// Two speed (s = 0.5, P_low = 0.125 · 20,000 = 2,500 W): r = 0.25 → 2,500 · 0.25/0.5 =
  /// 1,250 W; r = 0.75 → 2,500 + 17,500 · 0.25/0.5 = 11,250 W.
  /// Variable (f_min 0.2): r = 0.5 → 20,000 · 0.125 = 2,500 W; r = 0.1 → 20,000 · 0.008 = 160 W;
  /// r = 1.5 → design, 20,000 W.
  @Test func towerTemperatureAndFanModes() {
    var t = CoolingTower(
      approachK: 4, minimumCondenserWaterC: 15, designHeatRejectionW: 1e6,
      designFanPowerW: 20_000, fanControl: .oneSpeed)
    #expect(t.condenserWaterC(wetBulbC: 20) == 24)
    #expect(t.condenserWaterC(wetBulbC: 5) == 15)
    #expect(isClose(t.fanPowerW(heatW: 4e5), 8_000, 1e-9))
    t.fanControl = .twoSpeed(lowSpeedFlowFraction: 0.5, lowSpeedPowerFraction: 0.125)
    #expect(isClose(t.fanPowerW(heatW: 2.5e5), 1_250, 1e-9))
    #expect(isClose(t.fanPowerW(heatW: 7.5e5), 11_250, 1e-9))
    t.fanControl = .variableSpeed(minimumFlowFraction: 0.2)
    #expect(isClose(t.fanPowerW(heatW: 5e5), 2_500, 1e-9))
    #expect(isClose(t.fanPowerW(heatW: 1e5), 160, 1e-9))
    #expect(isClose(t.fanPowerW(heatW: 1.5e6), 20_000, 1e-9))
    #expect(t.fanPowerW(heatW: 0) == 0)
    #expect(t.validate().isEmpty)
  }

  /// 1 MW rejected, all latent, 3 cycles of concentration: evaporation 1e6 / 2.442e6 =
  /// 0.409500 kg/s, blowdown half of that (1 / (3 − 1)), total 0.614251 kg/s = 0.614865 L/s at
  /// 999 kg/m³.
  @Test func towerWaterUseIsEvaporationPlusBlowdown() {
    let t = CoolingTower(
      approachK: 4, minimumCondenserWaterC: 15, designHeatRejectionW: 1e6, designFanPowerW: 0)
    #expect(isClose(t.waterUseLPerS(heatW: 1e6), 0.614865, 1e-6))
    var dry = t
    dry.latentFraction = 0
    #expect(dry.waterUseLPerS(heatW: 1e6) == 0)
  }

  /// ΔT 6 K, 200 kPa, η 0.7, water ρ·c_p = 999 · 4,186 = 4,181,814 J/(m³·K). 1 MW needs
  /// 1e6 / (4,181,814 · 6) = 0.0398551 m³/s and 0.0398551 · 200,000 / 0.7 = 11,387.17 W.
  /// Constant flow 0.05 m³/s: 0.05 · 200,000 / 0.7 = 14,285.71 W whatever the heat; off at 0.
  @Test func pumpPowerIsFlowTimesHeadOverEfficiency() {
    var p = Pump(deltaTK: 6, pressureRisePa: 200_000, efficiency: 0.7)
    #expect(isClose(p.flowM3PerS(heatW: 1e6), 0.0398551, 1e-7))
    #expect(isClose(p.powerW(heatW: 1e6), 11_387.17, 0.01))
    p.control = .constantFlow(designFlowM3PerS: 0.05)
    #expect(isClose(p.powerW(heatW: 1e3), 14_285.71, 0.01))
    #expect(p.powerW(heatW: 0) == 0)
    p.efficiency = 0
    #expect(p.validate(name: "chw").contains { $0.contains("chw.efficiency") })
  }

  /// Supply 20 °C, return 32 °C, high limit 28 °C. Outside 15 °C ≤ supply → 1. Outside 26 °C →
  /// (32 − 26) / (32 − 20) = 0.5. Outside 29 °C > high limit → 0. High limit 40 °C, outside
  /// 33 °C ≥ return → 0.
  @Test func airEconomiserIsPartialBetweenSupplyAndReturn() {
    let e = AirSideEconomiser(highLimitC: 28)
    #expect(e.fraction(outdoorC: 15, supplyC: 20, returnC: 32) == 1)
    #expect(isClose(e.fraction(outdoorC: 26, supplyC: 20, returnC: 32), 0.5, 1e-12))
    #expect(e.fraction(outdoorC: 29, supplyC: 20, returnC: 32) == 0)
    #expect(AirSideEconomiser(highLimitC: 40).fraction(outdoorC: 33, supplyC: 20, returnC: 32) == 0)
  }

  /// Tower approach 4 K, HX approach 2 K, chilled water 12 → 18 °C. Wet bulb 5: free water
  /// 5 + 4 + 2 = 11 ≤ 12 → 1. Wet bulb 9: 15 → (18 − 15) / 6 = 0.5. Wet bulb 13: 19 ≥ 18 → 0.
  /// With a 7 °C wet-bulb limit, wet bulb 9 → 0.
  @Test func waterEconomiserIsPartialBetweenSupplyAndReturn() {
    let e = WaterSideEconomiser(heatExchangerApproachK: 2)
    func f(_ wb: Double, _ e: WaterSideEconomiser) -> Double {
      e.fraction(
        wetBulbC: wb, towerWaterC: wb + 4, chilledWaterSupplyC: 12, chilledWaterReturnC: 18)
    }
    #expect(f(5, e) == 1)
    #expect(isClose(f(9, e), 0.5, 1e-12))
    #expect(f(13, e) == 0)
    #expect(f(9, WaterSideEconomiser(heatExchangerApproachK: 2, maximumWetBulbC: 7)) == 0)
  }

  /// Loop at 35 °C; dry cooler 1 MW at 10 K with 10 kW of fans, f_min 0.2; pump ΔT 10 K,
  /// 100 kPa, η 0.5 → 500 kW needs 5e5 / (4,181,814 · 10) = 0.0119565 m³/s, 2,391.31 W.
  /// Outdoor 15 °C: ΔT 20, f = 0.5 · 10 / 20 = 0.25 → 10,000 · 0.015625 = 156.25 W.
  /// Outdoor 25 °C: f = 0.5 → 1,250 W. Outdoor 33 °C: ΔT 2, f = 2.5 > 1 → capacity
  /// 1e6 · 2 / 10 = 200 kW at 10 kW of fans, trim 300 kW. Outdoor 36 °C: no capacity, fans off,
  /// trim 500 kW.
  @Test func liquidLoopDryCoolerAndTrim() {
    let loop = DirectLiquidCoolingLoop(
      supplyC: 35, pump: Pump(deltaTK: 10, pressureRisePa: 100_000, efficiency: 0.5),
      designHeatRejectionW: 1e6, designApproachK: 10, designFanPowerW: 10_000,
      minimumFlowFraction: 0.2)
    let cold = loop.operatingPoint(heatW: 5e5, outdoorC: 15)
    #expect(isClose(cold.pumpW, 2_391.31, 0.01))
    #expect(isClose(cold.dryCoolerFanW, 156.25, 1e-9) && cold.trimW == 0)
    #expect(isClose(loop.operatingPoint(heatW: 5e5, outdoorC: 25).dryCoolerFanW, 1_250, 1e-9))
    let warm = loop.operatingPoint(heatW: 5e5, outdoorC: 33)
    #expect(isClose(warm.rejectedW, 2e5, 1e-6) && isClose(warm.trimW, 3e5, 1e-6))
    #expect(warm.dryCoolerFanW == 10_000)
    let hot = loop.operatingPoint(heatW: 5e5, outdoorC: 36)
    #expect(hot.trimW == 5e5 && hot.dryCoolerFanW == 0)
    #expect(loop.validate().isEmpty)
  }
}
