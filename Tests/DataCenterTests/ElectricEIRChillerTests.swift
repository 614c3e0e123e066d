import Testing

@testable import DataCenter

/// One chiller from EnergyPlus's `DataSets/Chillers.idf` (its first entry), pasted as it is in
/// the data set: the chiller object, its two biquadratic curves and its quadratic curve.
let mcQuayWSC471IDF = """
  ! ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes
  ! Manufacturer = McQuay, Model Line = WSC

    Chiller:Electric:EIR,
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes,  !- Name
      471200,                  !- Reference Capacity {W}
      5.89,                    !- Reference COP {W/W}
      8.89,                    !- Reference Leaving Chilled Water Temperature {C}
      26.67,                   !- Reference Entering Condenser Fluid Temperature {C}
      0.01035,                 !- Reference Chilled Water Flow Rate {m3/s}
      0.01924,                 !- Reference Condenser Fluid Flow Rate {m3/s}
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes CAPFT,  !- Cooling Capacity Function of Temperature Curve Name
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes EIRFT,  !- Electric Input to Cooling Output Ratio Function of Temperature Curve Name
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes EIRFPLR,  !- Electric Input to Cooling Output Ratio Function of Part Load Ratio Curve Name
      0.10,                    !- Minimum Part Load Ratio
      1.15,                    !- Maximum Part Load Ratio
      1.0,                     !- Optimum Part Load Ratio
      0.10,                    !- Minimum Unloading Ratio
      Chilled Water Side Inlet Node,  !- Chilled Water Inlet Node Name
      Chilled Water Side Outlet Node,  !- Chilled Water Outlet Node Name
      Condenser Side Inlet Node,  !- Condenser Inlet Node Name
      Condenser Side Outlet Node,  !- Condenser Outlet Node Name
      WaterCooled,             !- Condenser Type
      ,                        !- Condenser Fan Power Ratio {W/W}
      1.0,                     !- Fraction of Compressor Electric Consumption Rejected by Condenser
      2.0,                     !- Leaving Chilled Water Lower Temperature Limit {C}
      ConstantFlow,            !- Chiller Flow Mode
      0.0;                     !- Design Heat Recovery Water Flow Rate {m3/s}

    Curve:Biquadratic,
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes CAPFT,  !- Name
      2.521130E-01,            !- Coefficient1 Constant
      1.324053E-02,            !- Coefficient2 x
      -8.637329E-03,           !- Coefficient3 x**2
      8.581056E-02,            !- Coefficient4 y
      -4.261176E-03,           !- Coefficient5 y**2
      8.661899E-03,            !- Coefficient6 x*y
      7.22,                    !- Minimum Value of x
      12.78,                   !- Maximum Value of x
      12.78,                   !- Minimum Value of y
      26.67;                   !- Maximum Value of y

    Curve:Biquadratic,
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes EIRFT,  !- Name
      4.475238E-01,            !- Coefficient1 Constant
      -2.588210E-02,           !- Coefficient2 x
      -1.459053E-03,           !- Coefficient3 x**2
      4.342595E-02,            !- Coefficient4 y
      -1.000651E-03,           !- Coefficient5 y**2
      1.920106E-03,            !- Coefficient6 x*y
      7.22,                    !- Minimum Value of x
      12.78,                   !- Maximum Value of x
      12.78,                   !- Minimum Value of y
      26.67;                   !- Maximum Value of y

    Curve:Quadratic,
      ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes EIRFPLR,  !- Name
      2.778889E-01,            !- Coefficient1 Constant
      2.338363E-01,            !- Coefficient2 x
      4.883748E-01,            !- Coefficient3 x**2
      0.10,                    !- Minimum Value of x
      1.15;                    !- Maximum Value of x
  """

@Suite struct ElectricEIRChillerTests {
  func chiller() throws -> ElectricEIRChiller {
    try ElectricEIRChiller.chiller(inIDF: mcQuayWSC471IDF)
  }

  @Test func readsEveryFieldOfThePastedChiller() throws {
    let c = try chiller()
    #expect(c.name == "ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes")
    #expect(c.referenceCapacityW == 471_200 && c.referenceCOP == 5.89)
    #expect(c.referenceLeavingChilledWaterC == 8.89 && c.referenceEnteringCondenserC == 26.67)
    #expect(c.minimumPartLoadRatio == 0.10 && c.maximumPartLoadRatio == 1.15)
    #expect(c.minimumUnloadingRatio == 0.10 && c.condenserHeatFractionOfPower == 1)
    #expect(c.condenser == .waterCooled && c.condenserFanPowerRatio == 0)
    #expect(c.capacityFT.c6 == 8.661899e-3 && c.capacityFT.minX == 7.22)
    #expect(c.capacityFT.maxY == 26.67 && c.eirFT.c1 == 0.4475238)
    #expect(c.eirFPLR.coefficients == [0.2778889, 0.2338363, 0.4883748])
    #expect(c.eirFPLR.minX == 0.10 && c.eirFPLR.maxX == 1.15)
    #expect(c.validate().isEmpty)
  }

  /// Point 1: leaving chilled water 8.89 °C, entering condenser 26.67 °C (the reference), load
  /// 400 kW. Curve terms (c1, c2·x, c3·x², c4·y, c5·y², c6·x·y):
  ///   CAPFT = 0.252113 + 0.117708 − 0.682626 + 2.288568 − 3.030927 + 2.053704 = 0.998540
  ///   EIRFT = 0.447524 − 0.230092 − 0.115312 + 1.158170 − 0.711752 + 0.455250 = 1.003788
  ///   Q_avail = 471,200 · 0.998540 = 470,511.9 W;  PLR = 400,000 / 470,511.9 = 0.850138
  ///   (≥ 0.1: no cycling, no false load)
  ///   EIRFPLR = 0.2778889 + 0.2338363 · 0.850138 + 0.4883748 · 0.850138² = 0.829647
  ///   P = 470,511.9 / 5.89 · 1.003788 · 0.829647 = 66,525.9 W
  @Test func powerAtTheReferenceTemperatures() throws {
    let op = try chiller().operatingPoint(
      loadW: 400_000, leavingChilledWaterC: 8.89, enteringCondenserC: 26.67)
    #expect(isClose(op.availableCapacityW, 470_511.9, 0.5))
    #expect(isClose(op.partLoadRatio, 0.850138, 1e-6))
    #expect(isClose(op.powerW, 66_525.9, 1))
    #expect(op.cyclingRatio == 1 && op.falseLoadW == 0 && op.unmetLoadW == 0)
    // Q_cond = P + Q_evap (hermetic, fraction 1) = 466,525.9 W.
    #expect(isClose(op.condenserHeatW, 466_525.9, 1))
  }

  /// Point 2: 7.22 °C, 20 °C, 200 kW.
  ///   CAPFT = 0.252113 + 0.095597 − 0.450250 + 1.716211 − 1.704470 + 1.250778 = 1.159979
  ///   EIRFT = 0.447524 − 0.186869 − 0.076058 + 0.868519 − 0.400260 + 0.277263 = 0.930119
  ///   Q_avail = 471,200 · 1.159979 = 546,581.9 W;  PLR = 200,000 / 546,581.9 = 0.365910
  ///   EIRFPLR = 0.2778889 + 0.2338363 · 0.365910 + 0.4883748 · 0.365910² = 0.428841
  ///   P = 546,581.9 / 5.89 · 0.930119 · 0.428841 = 37,014.7 W
  @Test func powerAtPartLoadAndCoolerCondenserWater() throws {
    let op = try chiller().operatingPoint(
      loadW: 200_000, leavingChilledWaterC: 7.22, enteringCondenserC: 20)
    #expect(isClose(op.availableCapacityW, 546_581.9, 0.5))
    #expect(isClose(op.partLoadRatio, 0.365910, 1e-6))
    #expect(isClose(op.powerW, 37_014.7, 1))
  }

  /// Point 3: 5 °C and 30 °C lie outside the curves' data (x 7.22-12.78, y 12.78-26.67), so the
  /// curves are evaluated at the clamped (7.22, 26.67), as EnergyPlus does; load 30 kW.
  ///   CAPFT = 0.252113 + 0.095597 − 0.450250 + 2.288568 − 3.030927 + 1.667913 = 0.823013
  ///   EIRFT = 0.447524 − 0.186869 − 0.076058 + 1.158170 − 0.711752 + 0.369731 = 1.000746
  ///   Q_avail = 471,200 · 0.823013 = 387,803.6 W;  PLR = 30,000 / 387,803.6 = 0.0773588
  ///   below PLR_min 0.1: cycling = 0.0773588 / 0.1 = 0.773588, PLR' = 0.1
  ///   EIRFPLR(0.1) = 0.2778889 + 0.02338363 + 0.004883748 = 0.306156
  ///   P = 387,803.6 / 5.89 · 1.000746 · 0.306156 · 0.773588 = 15,605.3 W
  ///   false load = 387,803.6 · 0.1 · 0.773588 − 30,000 = 0 (PLR_min = unloading ratio)
  @Test func powerBelowMinimumPartLoadCyclesWithClampedCurveInputs() throws {
    let op = try chiller().operatingPoint(
      loadW: 30_000, leavingChilledWaterC: 5, enteringCondenserC: 30)
    #expect(isClose(op.availableCapacityW, 387_803.6, 0.5))
    #expect(isClose(op.cyclingRatio, 0.773588, 1e-6) && op.partLoadRatio == 0.1)
    #expect(isClose(op.powerW, 15_605.3, 1))
    #expect(op.falseLoadW < 1e-6)
  }

  /// Beyond Q_avail · PLR_max the load is not met: at the reference point Q_avail = 470,511.9 W,
  /// so 600 kW meets 1.15 · 470,511.9 = 541,088.7 W and leaves 58,911.3 W unmet.
  @Test func loadBeyondMaximumPartLoadIsReportedUnmet() throws {
    let op = try chiller().operatingPoint(
      loadW: 600_000, leavingChilledWaterC: 8.89, enteringCondenserC: 26.67)
    #expect(isClose(op.evaporatorHeatW, 541_088.7, 1))
    #expect(isClose(op.unmetLoadW, 58_911.3, 1))
  }

  /// False loading between the unloading ratio and the minimum PLR: with PLR_min = 0.1 and an
  /// unloading ratio of 0.25 at PLR 0.2 (no cycling), PLR' = 0.25 and the chiller false-loads
  /// Q_avail · (0.25 − 0.2). Flat curves (CAPFT = EIRFT = 1, EIRFPLR = PLR) make it exact:
  /// Q_avail = 100 kW, load 20 kW → P = 100,000 / 4 · 0.25 = 6,250 W, false load 5,000 W.
  @Test func falseLoadingBetweenUnloadingRatioAndMinimumPLR() {
    let flat = BiquadraticCurve(1, 0, 0, 0, 0, 0)
    let c = ElectricEIRChiller(
      name: "flat", referenceCapacityW: 100_000, referenceCOP: 4,
      referenceLeavingChilledWaterC: 7, referenceEnteringCondenserC: 30, capacityFT: flat,
      eirFT: flat, eirFPLR: PolynomialCurve(coefficients: [0, 1, 0]), minimumPartLoadRatio: 0.1,
      maximumPartLoadRatio: 1, minimumUnloadingRatio: 0.25)
    let op = c.operatingPoint(loadW: 20_000, leavingChilledWaterC: 7, enteringCondenserC: 30)
    #expect(isClose(op.powerW, 6_250, 1e-9) && isClose(op.falseLoadW, 5_000, 1e-9))
    #expect(isClose(op.condenserHeatW, 6_250 + 20_000 + 5_000, 1e-9))
  }

  @Test func curveOutputLimitsClamp() {
    let q = PolynomialCurve(
      coefficients: [0, 0, 1], minX: 0, maxX: 2, minOutput: 0.5, maxOutput: 3)
    // x = 0.1 → 0.01, raised to 0.5; x = 5 → clamped to 2 → 4, lowered to 3.
    #expect(q(0.1) == 0.5 && q(5) == 3 && q(1.5) == 2.25)
  }

  // MARK: - IDF errors

  @Test func missingCurveNamesTheFieldLineAndColumn() {
    let text = mcQuayWSC471IDF.replacing("Vanes EIRFT,  !- Name", with: "X,")
    do {
      _ = try ElectricEIRChiller.chillers(inIDF: text)
      Issue.record("expected an error")
    } catch {
      // The EIRFT name is field 9 of the object: line 13 of the text, column 5 (after 4 spaces).
      #expect(error.errors.count == 1)
      let e = error.errors[0]
      #expect(e.line == 13 && e.column == 5)
      #expect(e.message.contains("curve 'ElectricEIRChiller McQuay WSC 471kW/5.89COP/Vanes EIRFT'"))
      #expect(e.message.contains("is not in the text"))
    }
  }

  @Test func badNumbersAndAutosizeAreAllReported() {
    var text = mcQuayWSC471IDF.replacing("471200,", with: "Autosize,")
    text = text.replacing("5.89,  ", with: "5.8x,  ")
    text = text.replacing("-8.637329E-03,", with: "-8.63O7329E-03,")
    do {
      _ = try ElectricEIRChiller.chillers(inIDF: text)
      Issue.record("expected errors")
    } catch {
      let lines = error.errors.map(\.line)
      // Capacity on line 6, COP on line 7, CAPFT coefficient 3 on line 34.
      #expect(lines == [6, 7, 34])
      #expect(error.errors[0].message.contains("'Autosize'"))
      #expect(error.errors[1].message.contains("'5.8x' is not a number"))
      #expect(error.errors[2].column == 5)
    }
  }

  @Test func unterminatedObjectIsAnError() {
    let text = "Curve:Quadratic,\n  q, 1, 2, 3\n"
    #expect(throws: IDFErrors.self) { try IDFText(parsing: text) }
    do { _ = try IDFText(parsing: text) } catch {
      #expect(error.errors == [IDFError(line: 1, column: 1, message: error.errors[0].message)])
      #expect(error.errors[0].message.contains("not ended by ';'"))
    }
  }

  @Test func wrongCurveTypeAndMissingChillerAreErrors() {
    let text = mcQuayWSC471IDF.replacing(
      "Curve:Quadratic,", with: "Curve:Linear,")
    do {
      _ = try ElectricEIRChiller.chillers(inIDF: text)
      Issue.record("expected an error")
    } catch {
      #expect(error.errors.count == 1)
      #expect(error.errors[0].message.contains("is a Curve:Linear, expected Curve:Quadratic"))
    }
    #expect(throws: IDFErrors.self) { try ElectricEIRChiller.chillers(inIDF: "! nothing\n") }
    #expect(throws: IDFErrors.self) {
      try ElectricEIRChiller.chiller(named: "other", inIDF: mcQuayWSC471IDF)
    }
  }

  @Test func crlfLineEndingsCountLinesTheSame() throws {
    let text = "Curve:Quadratic,\r\n  q,\r\n  1.5x;\r\n"
    let idf = try IDFText(parsing: text)
    #expect(idf.objects[0].fields[1].line == 3 && idf.objects[0].fields[1].column == 3)
  }
}
