// Economisers: the share of a cooling load carried without the chiller's compressor.
//
// Both are "integrated" economisers: between full free cooling and none, the free source
// pre-cools and the coil or chiller trims the rest, so the carried fraction falls linearly
// from 1 to 0 between two thresholds. Humidity limits are not modelled (dry-bulb control).
//
// Air side (outside air, mixed with return air to the supply setpoint). With T_sup the supply
// setpoint, T_ret = T_sup + ΔT_air the return, T_oa the outdoor dry bulb and T_hi the high-limit
// shut-off:
//
//   T_oa > T_hi or T_oa ≥ T_ret   →  0                    (outside air no better than return)
//   T_oa ≤ T_sup                  →  1                    (mixing to the setpoint suffices)
//   otherwise                     →  (T_ret − T_oa) / (T_ret − T_sup)
//                                    (100 % outside air, cooled the rest of the way)
//
// Water side (tower water through a plate heat exchanger to the chilled water). With T_chws the
// chilled-water supply, T_chwr = T_chws + ΔT_chw its return, and the free-cooling water
// T_free = T_wb + approach_tower + approach_hx:
//
//   T_free ≥ T_chwr or T_wb > T_wb,max  →  0
//   T_free ≤ T_chws                     →  1
//   otherwise                           →  (T_chwr − T_free) / (T_chwr − T_chws)

/// Air-side economiser with a dry-bulb high limit.
public struct AirSideEconomiser: Sendable, Equatable {
  /// Outdoor dry bulb above which outside air is shut off, °C.
  public var highLimitC: Double

  public init(highLimitC: Double) { self.highLimitC = highLimitC }

  /// Fraction of the air-side cooling load carried by outside air.
  @inlinable
  public func fraction(outdoorC tOA: Double, supplyC tSup: Double, returnC tRet: Double)
    -> Double
  {
    if tOA > highLimitC || tOA >= tRet { return 0 }
    if tOA <= tSup { return 1 }
    return (tRet - tOA) / (tRet - tSup)
  }

  public func validate() -> [String] {
    highLimitC.isFinite ? [] : ["air_economiser.high_limit_c must be finite"]
  }
}

/// Water-side economiser: free cooling from the tower through a heat exchanger.
public struct WaterSideEconomiser: Sendable, Equatable {
  /// Heat-exchanger approach, K (free-cooling water − tower water).
  public var heatExchangerApproachK: Double
  /// Wet bulb above which it is switched off, °C (`.infinity`: no limit).
  public var maximumWetBulbC: Double

  public init(heatExchangerApproachK: Double, maximumWetBulbC: Double = .infinity) {
    self.heatExchangerApproachK = heatExchangerApproachK
    self.maximumWetBulbC = maximumWetBulbC
  }

  /// Fraction of the chilled-water load carried by free cooling, given the tower's water
  /// temperature `towerWaterC` at the current wet bulb.
  @inlinable
  public func fraction(
    wetBulbC: Double, towerWaterC: Double, chilledWaterSupplyC tS: Double,
    chilledWaterReturnC tR: Double
  ) -> Double {
    let tFree = towerWaterC + heatExchangerApproachK
    if wetBulbC > maximumWetBulbC || tFree >= tR { return 0 }
    if tFree <= tS { return 1 }
    return (tR - tFree) / (tR - tS)
  }

  public func validate() -> [String] {
    heatExchangerApproachK >= 0
      ? [] : ["water_economiser.hx_approach_k must be >= 0 K, got \(heatExchangerApproachK)"]
  }
}
