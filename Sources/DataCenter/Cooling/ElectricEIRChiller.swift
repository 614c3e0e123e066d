// Electric chiller in the DOE-2.1 / EnergyPlus `Chiller:Electric:EIR` form (EnergyPlus
// Engineering Reference, "Electric Chiller Model Based on Condenser Entering Temperature").
// With T_cw,l the leaving chilled-water temperature and T_cond,e the entering condenser
// temperature (°C):
//
//   CAPFT   = CapFT(T_cw,l, T_cond,e)                 biquadratic, 1 at the reference point
//   EIRFT   = EIRFT(T_cw,l, T_cond,e)                 biquadratic, 1 at the reference point
//   Q_avail = Q_ref · CAPFT
//   PLR     = max(0, min(Q_evap / Q_avail, PLR_max))
//   cycling = min(PLR / PLR_min, 1)                   on-off cycling below the minimum PLR
//   PLR'    = max(PLR, PLR_unload)                    false loading (hot-gas bypass) below it
//   EIRFPLR = EIRFPLR(PLR')                           quadratic (or cubic), 1 at PLR = 1
//   P       = Q_avail / COP_ref · EIRFT · EIRFPLR · cycling
//   Q_false = Q_avail · PLR' · cycling − Q_evap        (≥ 0)
//   Q_cond  = P · f_motor + Q_evap + Q_false          heat the condenser rejects
//
// Curve inputs are clamped to each curve's limits (see `PerformanceCurve`). Load beyond
// Q_avail · PLR_max is not met: `unmetLoadW` reports it (EnergyPlus lets the leaving water
// float up instead; a plant here reports the shortfall).
//
// Implemented: the reference values, the three curves with their limits, PLR limits, cycling,
// false loading, the fraction of compressor power rejected by the condenser, and the condenser
// fan power of air- and evaporatively-cooled chillers (P_fan = Q_ref · ratio · cycling). Not
// implemented: heat recovery, basin heaters, the chilled-water lower temperature limit and the
// flow modes (the plant works with heat flows, not node temperatures and mass flows).

/// A chiller of the EnergyPlus `Chiller:Electric:EIR` form.
public struct ElectricEIRChiller: Sendable, Equatable {
  public var name: String
  /// Reference capacity Q_ref, W.
  public var referenceCapacityW: Double
  /// Reference COP, W/W.
  public var referenceCOP: Double
  /// Reference leaving chilled-water and entering condenser temperatures, °C (documentation:
  /// the curves are normalised there).
  public var referenceLeavingChilledWaterC: Double
  public var referenceEnteringCondenserC: Double
  public var capacityFT: BiquadraticCurve
  public var eirFT: BiquadraticCurve
  public var eirFPLR: PolynomialCurve
  public var minimumPartLoadRatio: Double
  public var maximumPartLoadRatio: Double
  public var minimumUnloadingRatio: Double
  /// Fraction of compressor power rejected by the condenser (1 for hermetic compressors).
  public var condenserHeatFractionOfPower: Double
  /// What the condenser rejects heat to; for `.airCooled` the entering condenser temperature
  /// is the outdoor dry bulb, for `.evaporativelyCooled` the wet bulb (Engineering Reference).
  public var condenser: ChillerCondenserKind = .waterCooled
  /// Condenser fan power per W of reference capacity (air- and evaporatively-cooled only):
  /// P_fan = Q_ref · ratio · cycling.
  public var condenserFanPowerRatio: Double = 0

  public init(
    name: String, referenceCapacityW: Double, referenceCOP: Double,
    referenceLeavingChilledWaterC: Double, referenceEnteringCondenserC: Double,
    capacityFT: BiquadraticCurve, eirFT: BiquadraticCurve, eirFPLR: PolynomialCurve,
    minimumPartLoadRatio: Double, maximumPartLoadRatio: Double, minimumUnloadingRatio: Double,
    condenserHeatFractionOfPower: Double = 1
  ) {
    self.name = name
    self.referenceCapacityW = referenceCapacityW
    self.referenceCOP = referenceCOP
    self.referenceLeavingChilledWaterC = referenceLeavingChilledWaterC
    self.referenceEnteringCondenserC = referenceEnteringCondenserC
    self.capacityFT = capacityFT
    self.eirFT = eirFT
    self.eirFPLR = eirFPLR
    self.minimumPartLoadRatio = minimumPartLoadRatio
    self.maximumPartLoadRatio = maximumPartLoadRatio
    self.minimumUnloadingRatio = minimumUnloadingRatio
    self.condenserHeatFractionOfPower = condenserHeatFractionOfPower
  }

  /// Available capacity Q_avail, W, at the given temperatures.
  @inlinable
  public func availableCapacityW(leavingChilledWaterC tcw: Double, enteringCondenserC tc: Double)
    -> Double
  {
    referenceCapacityW * capacityFT(tcw, tc)
  }

  /// The chiller meeting `loadW` of cooling at the given temperatures.
  /// - Complexity: O(1), no allocation.
  @inlinable
  public func operatingPoint(
    loadW: Double, leavingChilledWaterC tcw: Double, enteringCondenserC tc: Double
  ) -> ChillerOperatingPoint {
    let available = availableCapacityW(leavingChilledWaterC: tcw, enteringCondenserC: tc)
    guard loadW > 0, available > 0 else {
      return ChillerOperatingPoint(
        powerW: 0, availableCapacityW: available, evaporatorHeatW: 0, partLoadRatio: 0,
        cyclingRatio: 0, falseLoadW: 0, condenserHeatW: 0, unmetLoadW: max(loadW, 0),
        condenserFanW: 0)
    }
    let plr = max(0, min(loadW / available, maximumPartLoadRatio))
    let met = min(loadW, available * plr)
    let cycling = minimumPartLoadRatio > 0 ? min(plr / minimumPartLoadRatio, 1) : 1
    let plrEffective = max(plr, minimumUnloadingRatio)
    let power =
      available / referenceCOP * eirFT(tcw, tc) * eirFPLR(plrEffective) * cycling
    let falseLoad = max(0, available * plrEffective * cycling - met)
    return ChillerOperatingPoint(
      powerW: power, availableCapacityW: available, evaporatorHeatW: met,
      partLoadRatio: plrEffective, cyclingRatio: cycling, falseLoadW: falseLoad,
      condenserHeatW: power * condenserHeatFractionOfPower + met + falseLoad,
      unmetLoadW: loadW - met,
      condenserFanW: condenser == .waterCooled
        ? 0 : referenceCapacityW * condenserFanPowerRatio * cycling)
  }

  /// Every problem with the chiller's parameters, one message each.
  public func validate() -> [String] {
    var p: [String] = []
    let n = "chiller '\(name)'"
    if !(referenceCapacityW > 0) { p.append("\(n): reference capacity must be > 0 W") }
    if !(referenceCOP > 0) { p.append("\(n): reference COP must be > 0, got \(referenceCOP)") }
    if !(minimumPartLoadRatio >= 0) { p.append("\(n): minimum part load ratio must be >= 0") }
    if !(maximumPartLoadRatio > 0 && maximumPartLoadRatio >= minimumPartLoadRatio) {
      p.append("\(n): maximum part load ratio must be > 0 and >= the minimum")
    }
    if !(minimumUnloadingRatio >= 0) { p.append("\(n): minimum unloading ratio must be >= 0") }
    if !(condenserFanPowerRatio >= 0) { p.append("\(n): condenser fan power ratio must be >= 0") }
    if !(condenserHeatFractionOfPower >= 0 && condenserHeatFractionOfPower <= 1) {
      p.append("\(n): fraction of compressor power rejected must be in [0, 1]")
    }
    let capRef = capacityFT(referenceLeavingChilledWaterC, referenceEnteringCondenserC)
    if !(capRef > 0) { p.append("\(n): capacity curve must be > 0 at the reference point") }
    let eirRef = eirFT(referenceLeavingChilledWaterC, referenceEnteringCondenserC)
    if !(eirRef > 0) { p.append("\(n): EIR curve must be > 0 at the reference point") }
    return p
  }
}

/// Where a chiller's condenser rejects its heat (`Chiller:Electric:EIR` field "Condenser Type").
public enum ChillerCondenserKind: String, Sendable, Equatable, CaseIterable {
  case waterCooled = "WaterCooled"
  case airCooled = "AirCooled"
  case evaporativelyCooled = "EvaporativelyCooled"
}

/// What a chiller does at one operating condition; every heat and power in W.
public struct ChillerOperatingPoint: Sendable, Equatable {
  /// Compressor electric power.
  public var powerW: Double
  /// Q_avail at the current temperatures.
  public var availableCapacityW: Double
  /// Cooling delivered (the load, up to Q_avail · PLR_max).
  public var evaporatorHeatW: Double
  /// PLR' (after the minimum unloading ratio).
  public var partLoadRatio: Double
  public var cyclingRatio: Double
  public var falseLoadW: Double
  /// Heat the condenser rejects to the tower.
  public var condenserHeatW: Double
  /// Load the chiller could not meet.
  public var unmetLoadW: Double
  /// Condenser fan power of an air- or evaporatively-cooled chiller.
  public var condenserFanW: Double

  public init(
    powerW: Double, availableCapacityW: Double, evaporatorHeatW: Double, partLoadRatio: Double,
    cyclingRatio: Double, falseLoadW: Double, condenserHeatW: Double, unmetLoadW: Double,
    condenserFanW: Double = 0
  ) {
    self.condenserFanW = condenserFanW
    self.powerW = powerW
    self.availableCapacityW = availableCapacityW
    self.evaporatorHeatW = evaporatorHeatW
    self.partLoadRatio = partLoadRatio
    self.cyclingRatio = cyclingRatio
    self.falseLoadW = falseLoadW
    self.condenserHeatW = condenserHeatW
    self.unmetLoadW = unmetLoadW
  }
}
