// Direct liquid cooling (DLC): the liquid-captured share of rack heat goes to a warm-water
// loop with its own pump and a dry cooler; the rest of the rack's heat goes to the room air
// (DESIGN.md "Cooling and thermal"). The split by rack type is the caller's (heat to liquid W,
// heat to air W); this type models the loop.
//
// Loop pump: `Pump` (flow from the heat and the loop ΔT, power = V̇ · Δp / η).
//
// Dry cooler (a fan-coil to outdoor air, no water use). Assumption [U]: at constant heat-
// exchanger effectiveness, the heat a dry cooler rejects is proportional to its airflow and to
// the temperature difference between the loop supply water and the outdoor dry bulb. It is
// designed to reject Q_design at ΔT_design = T_loop − T_db,design with fan power P_design. At
// ΔT = T_loop − T_db the airflow fraction it needs for Q is
//
//   f = (Q / Q_design) · (ΔT_design / ΔT)
//
// and its fan power follows the affinity law (§4.4): P = P_design · max(f, f_min)³ for f ≤ 1.
// If f > 1 (too hot outside, or ΔT ≤ 0) the fans run at design, the dry cooler rejects
// Q_design · ΔT / ΔT_design (0 when ΔT ≤ 0), and the remainder is trimmed by the chilled-water
// plant (`trimW`), which the plant adds to the chillers' load.

/// A warm-water DLC loop: pump and dry cooler.
public struct DirectLiquidCoolingLoop: Sendable, Equatable {
  /// Loop supply temperature to the cold plates, °C.
  public var supplyC: Double
  public var pump: Pump
  /// Dry-cooler design heat rejection, W.
  public var designHeatRejectionW: Double
  /// Design temperature difference, K (loop supply − outdoor dry bulb at design).
  public var designApproachK: Double
  /// Dry-cooler fan power at design, W.
  public var designFanPowerW: Double
  /// Lowest fan flow fraction.
  public var minimumFlowFraction: Double

  public init(
    supplyC: Double, pump: Pump, designHeatRejectionW: Double, designApproachK: Double,
    designFanPowerW: Double, minimumFlowFraction: Double = 0.2
  ) {
    self.supplyC = supplyC
    self.pump = pump
    self.designHeatRejectionW = designHeatRejectionW
    self.designApproachK = designApproachK
    self.designFanPowerW = designFanPowerW
    self.minimumFlowFraction = minimumFlowFraction
  }

  /// The loop rejecting `heatW` at outdoor dry bulb `outdoorC`.
  @inlinable
  public func operatingPoint(heatW: Double, outdoorC: Double) -> LiquidLoopOperatingPoint {
    guard heatW > 0 else {
      return LiquidLoopOperatingPoint(pumpW: 0, dryCoolerFanW: 0, rejectedW: 0, trimW: 0)
    }
    let pumpW = pump.powerW(heatW: heatW)
    let dT = supplyC - outdoorC
    let needed =
      dT > 0 ? heatW / designHeatRejectionW * designApproachK / dT : .infinity
    if needed <= 1 {
      let f = max(needed, minimumFlowFraction)
      return LiquidLoopOperatingPoint(
        pumpW: pumpW, dryCoolerFanW: designFanPowerW * f * f * f, rejectedW: heatW, trimW: 0)
    }
    let capacity = dT > 0 ? designHeatRejectionW * dT / designApproachK : 0
    let rejected = min(heatW, capacity)
    return LiquidLoopOperatingPoint(
      pumpW: pumpW, dryCoolerFanW: rejected > 0 ? designFanPowerW : 0, rejectedW: rejected,
      trimW: heatW - rejected)
  }

  public func validate() -> [String] {
    var p = pump.validate(name: "liquid.pump")
    if !supplyC.isFinite { p.append("liquid.supply_c must be finite") }
    if !(designHeatRejectionW > 0) { p.append("liquid.design_heat_rejection must be > 0 W") }
    if !(designApproachK > 0) { p.append("liquid.design_approach_k must be > 0 K") }
    if !(designFanPowerW >= 0) { p.append("liquid.design_fan_power must be >= 0 W") }
    if !(minimumFlowFraction >= 0 && minimumFlowFraction <= 1) {
      p.append("liquid.min_flow_fraction must be in [0, 1]")
    }
    return p
  }
}

/// What the DLC loop does at one condition; every term in W.
public struct LiquidLoopOperatingPoint: Sendable, Equatable {
  public var pumpW: Double
  public var dryCoolerFanW: Double
  /// Heat the dry cooler rejects.
  public var rejectedW: Double
  /// Heat the dry cooler cannot reject, passed to the chilled-water plant.
  public var trimW: Double

  public init(pumpW: Double, dryCoolerFanW: Double, rejectedW: Double, trimW: Double) {
    self.pumpW = pumpW
    self.dryCoolerFanW = dryCoolerFanW
    self.rejectedW = rejectedW
    self.trimW = trimW
  }
}
