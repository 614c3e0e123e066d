// Open cooling tower: condenser-water temperature, fan power and water use.
//
// Condenser water leaving the tower (entering the chiller's condenser) follows the outdoor wet
// bulb plus an approach, with a floor (towers are controlled not to make water colder than the
// chiller accepts; EnergyPlus towers likewise hold a condenser setpoint):
//
//   T_cond = max(T_wb + approach, T_floor)
//
// Fan power from the heat rejected Q relative to the design heat rejection Q_design at the
// design fan power P_design. Assumption [U]: at the fixed approach, the tower's capacity is
// proportional to its airflow (the Merkel model is sub-linear; this is the usual first-order
// simplification). With load ratio r = Q / Q_design:
//
//   one speed      P = P_design · min(r, 1)                       (the fan cycles on and off)
//   two speed      low speed at airflow fraction s (capacity s, power P_low = P_design · p_low):
//                  r ≤ s:  P = P_low · r / s                       (cycling at low speed)
//                  r > s:  P = P_low + (P_design − P_low) · (r − s) / (1 − s)
//                                                       (cycling between low and high speed)
//   variable speed f = max(min(r, 1), f_min),  P = P_design · f³   (affinity law, §4.4)
//
// Above design (r > 1) every mode runs at P_design and the approach is no longer held; the plant
// reports it through `loadRatio`.
//
// Evaporation [U, standard physics]: the latent share of the rejected heat evaporates water,
// ṁ_evap = f_latent · Q / h_fg (h_fg = 2.442 MJ/kg, `FluidProperties`); blowdown keeps the
// dissolved solids at C cycles of concentration, ṁ_blow = ṁ_evap / (C − 1); drift is neglected.
// Water use = (ṁ_evap + ṁ_blow) / ρ_water, reported in L/s (1 kg of water ≈ 1 L).

/// How the tower's fan follows its load.
public enum TowerFanControl: Sendable, Equatable {
  /// One speed, cycling on and off.
  case oneSpeed
  /// Two speeds: low speed at `lowSpeedFlowFraction` of design airflow drawing
  /// `lowSpeedPowerFraction` of design fan power (by the affinity law, s³ for an ideal fan).
  case twoSpeed(lowSpeedFlowFraction: Double, lowSpeedPowerFraction: Double)
  /// Variable speed by the affinity law down to `minimumFlowFraction`.
  case variableSpeed(minimumFlowFraction: Double)
}

/// An open cooling tower serving the chillers' condensers (and the water-side economiser).
public struct CoolingTower: Sendable, Equatable {
  /// Approach to the wet bulb, K.
  public var approachK: Double
  /// Lowest condenser-water temperature, °C.
  public var minimumCondenserWaterC: Double
  /// Heat rejected at design, W.
  public var designHeatRejectionW: Double
  /// Fan power at design, W.
  public var designFanPowerW: Double
  public var fanControl: TowerFanControl
  /// Share of the rejected heat removed by evaporation, [0, 1] (0 turns water use off).
  public var latentFraction: Double
  /// Cycles of concentration for blowdown (> 1); `.infinity` means no blowdown.
  public var cyclesOfConcentration: Double

  public init(
    approachK: Double, minimumCondenserWaterC: Double, designHeatRejectionW: Double,
    designFanPowerW: Double, fanControl: TowerFanControl = .variableSpeed(minimumFlowFraction: 0.2),
    latentFraction: Double = 1, cyclesOfConcentration: Double = 3
  ) {
    self.approachK = approachK
    self.minimumCondenserWaterC = minimumCondenserWaterC
    self.designHeatRejectionW = designHeatRejectionW
    self.designFanPowerW = designFanPowerW
    self.fanControl = fanControl
    self.latentFraction = latentFraction
    self.cyclesOfConcentration = cyclesOfConcentration
  }

  /// Condenser water supplied by the tower at outdoor wet bulb `wetBulbC`, °C.
  @inlinable public func condenserWaterC(wetBulbC: Double) -> Double {
    max(wetBulbC + approachK, minimumCondenserWaterC)
  }

  /// Q / Q_design.
  @inlinable public func loadRatio(heatW: Double) -> Double {
    max(heatW, 0) / designHeatRejectionW
  }

  /// Fan power, W, rejecting `heatW`.
  @inlinable public func fanPowerW(heatW: Double) -> Double {
    guard heatW > 0 else { return 0 }
    let r = min(loadRatio(heatW: heatW), 1)
    switch fanControl {
    case .oneSpeed:
      return designFanPowerW * r
    case .twoSpeed(let s, let pLow):
      let low = designFanPowerW * pLow
      if r <= s { return low * r / s }
      return low + (designFanPowerW - low) * (r - s) / (1 - s)
    case .variableSpeed(let fMin):
      let f = max(r, fMin)
      return designFanPowerW * f * f * f
    }
  }

  /// Make-up water, L/s (evaporation + blowdown), rejecting `heatW`.
  @inlinable public func waterUseLPerS(heatW: Double, water: FluidProperties = .water) -> Double {
    guard heatW > 0, latentFraction > 0 else { return 0 }
    let evaporationKgPerS = latentFraction * heatW / FluidProperties.waterLatentHeatJPerKg
    let blowdownKgPerS =
      cyclesOfConcentration.isFinite ? evaporationKgPerS / (cyclesOfConcentration - 1) : 0
    // kg/s → m³/s → L/s
    return (evaporationKgPerS + blowdownKgPerS) / water.densityKgPerM3 * 1_000
  }

  public func validate() -> [String] {
    var p: [String] = []
    if !(approachK >= 0) { p.append("tower.approach_k must be >= 0 K, got \(approachK)") }
    if !minimumCondenserWaterC.isFinite { p.append("tower.min_condenser_c must be finite") }
    if !(designHeatRejectionW > 0) { p.append("tower.design_heat_rejection must be > 0 W") }
    if !(designFanPowerW >= 0) { p.append("tower.design_fan_power must be >= 0 W") }
    switch fanControl {
    case .oneSpeed: break
    case .twoSpeed(let s, let pLow):
      if !(s > 0 && s < 1) { p.append("tower.low_speed_flow_fraction must be in (0, 1)") }
      if !(pLow >= 0 && pLow <= 1) { p.append("tower.low_speed_power_fraction must be in [0, 1]") }
    case .variableSpeed(let fMin):
      if !(fMin >= 0 && fMin <= 1) { p.append("tower.min_flow_fraction must be in [0, 1]") }
    }
    if !(latentFraction >= 0 && latentFraction <= 1) {
      p.append("tower.latent_fraction must be in [0, 1], got \(latentFraction)")
    }
    if !(cyclesOfConcentration > 1) {
      p.append("tower.cycles_of_concentration must be > 1, got \(cyclesOfConcentration)")
    }
    return p
  }
}
