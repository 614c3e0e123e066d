// The cooling plant as one model: heat and weather in, electric power (by component) out.
//
// The simulation evaluates it at every event that changes the heat to air or liquid, the supply
// setpoint or the weather, and integrates the returned powers between events; the models are
// pure value types with no allocation per call, so that costs a few hundred nanoseconds.

/// Heat to remove and the conditions to remove it in.
public struct CoolingConditions: Sendable, Equatable {
  /// Heat released into the room air, W (air-cooled racks, and the air share of DLC racks).
  public var heatToAirW: Double
  /// Heat captured by direct liquid cooling, W.
  public var heatToLiquidW: Double
  /// Supply air setpoint, °C.
  public var supplyAirC: Double
  /// Outdoor dry bulb, °C.
  public var outdoorDryBulbC: Double
  /// Outdoor wet bulb, °C.
  public var outdoorWetBulbC: Double

  public init(
    heatToAirW: Double, heatToLiquidW: Double = 0, supplyAirC: Double, outdoorDryBulbC: Double,
    outdoorWetBulbC: Double
  ) {
    self.heatToAirW = heatToAirW
    self.heatToLiquidW = heatToLiquidW
    self.supplyAirC = supplyAirC
    self.outdoorDryBulbC = outdoorDryBulbC
    self.outdoorWetBulbC = outdoorWetBulbC
  }
}

/// Cooling power by component, W, and what the plant did.
public struct CoolingPowerBreakdown: Sendable, Equatable {
  /// Chiller compressors (and the condenser fans of air-cooled chillers); for a CoP-curve plant,
  /// the whole cooling power.
  public var chillerW: Double = 0
  public var crahFanW: Double = 0
  public var chilledWaterPumpW: Double = 0
  public var condenserWaterPumpW: Double = 0
  public var liquidLoopPumpW: Double = 0
  public var towerFanW: Double = 0
  public var dryCoolerFanW: Double = 0
  /// Share of the chilled-water plant's demand (air-side coil load incl. fan heat, plus DLC
  /// trim) carried by the air- and water-side economisers instead of the chillers, [0, 1].
  public var economiserFraction: Double = 0
  /// Cooling-tower make-up water, L/s.
  public var waterUseLPerS: Double = 0
  /// Cooling load the chillers could not meet, W (0 in a correctly sized plant).
  public var unmetLoadW: Double = 0

  public init() {}

  /// All pumps, W.
  @inlinable public var pumpsW: Double {
    chilledWaterPumpW + condenserWaterPumpW + liquidLoopPumpW
  }
  /// Total cooling power, W: chillers + CRAH fans + pumps + tower + dry cooler.
  @inlinable public var totalW: Double {
    chillerW + crahFanW + pumpsW + towerFanW + dryCoolerFanW
  }
}

/// A cooling plant: the power it draws to remove heat under given conditions.
///
/// One requirement (STYLE.md §3) plus a defaulted `validate()`.
public protocol CoolingPlantModel: Sendable {
  /// Power, by component, to remove the heat of `conditions`.
  func power(_ conditions: CoolingConditions) -> CoolingPowerBreakdown
  /// Every problem with the plant's parameters, one message each; empty when valid.
  func validate() -> [String]
}

extension CoolingPlantModel {
  public func validate() -> [String] { [] }
}

/// The HP Labs plant of REFERENCES.md §4.2: cooling power = heat / CoP(T_sup).
///
/// Air and liquid heat both go through the curve (the model predates DLC); the whole power is
/// reported as `chillerW`.
public struct CoPCurvePlant: CoolingPlantModel, Equatable {
  public var curve: QuadraticCoPCurve
  /// Supply temperatures a run may use, °C, over which the curve must be positive; default the
  /// ASHRAE A2 allowable inlet range 10-35 °C (REFERENCES.md §4.1 [S]).
  public var supplyRangeC: ClosedRange<Double>

  public init(curve: QuadraticCoPCurve = .hpLabs, supplyRangeC: ClosedRange<Double> = 10...35) {
    self.curve = curve
    self.supplyRangeC = supplyRangeC
  }

  @inlinable public func power(_ c: CoolingConditions) -> CoolingPowerBreakdown {
    var b = CoolingPowerBreakdown()
    b.chillerW = curve.coolingPowerW(heatW: c.heatToAirW + c.heatToLiquidW, supplyC: c.supplyAirC)
    return b
  }

  public func validate() -> [String] { curve.validate(over: supplyRangeC) }
}

extension CoolingPlantModel where Self == CoPCurvePlant {
  /// The HP Labs CoP(T) plant, REFERENCES.md §4.2.
  public static var hpLabs: Self { CoPCurvePlant() }
}
