// Computer-room air handlers (CRAH): airflow and fan power (REFERENCES.md §4.4).
//
// Airflow needed to carry the air-side heat Q_air with an air temperature rise ΔT across the
// IT equipment (return − supply):
//
//   V̇ = Q_air / (ρ · c_p · ΔT)                          (`FluidProperties.air`, §4.4 [U])
//
// n identical units share it equally, so each runs at flow fraction
//
//   f = max(V̇ / (n · V̇_design), f_min)
//
// Fan power at design is the air power over the total (fan · motor · drive) efficiency, and at
// part flow it follows the affinity law P ∝ N³ ∝ V̇³ (§4.4 [U, textbook]; the system curve is
// assumed to pass through zero, i.e. no static-pressure reset floor):
//
//   P_design = V̇_design · Δp_design / η_total
//   P        = n · P_design · f³
//
// Above design flow (f > 1) the same law is applied and `flowFraction` reports f, so a plant can
// flag an overloaded CRAH group; fans do not stop at 1. Fan power ends up as heat in the air
// stream; the plant adds it to the cooling coil's load.

/// A group of identical CRAH units serving one air-cooled space.
public struct CRAHUnits: Sendable, Equatable {
  /// Number of units sharing the airflow (≥ 1).
  public var count: Int
  /// Design airflow per unit, m³/s.
  public var designAirflowM3PerS: Double
  /// Total pressure rise at design flow, Pa.
  public var designPressureRisePa: Double
  /// Total fan efficiency at design (fan × motor × drive), in (0, 1].
  public var designFanEfficiency: Double
  /// Lowest flow fraction a unit runs at, in [0, 1] (fans do not turn slower).
  public var minimumFlowFraction: Double
  /// Air temperature rise across the IT equipment, K (return − supply).
  public var airTemperatureRiseK: Double
  public var air: FluidProperties

  public init(
    count: Int, designAirflowM3PerS: Double, designPressureRisePa: Double,
    designFanEfficiency: Double, minimumFlowFraction: Double = 0.3,
    airTemperatureRiseK: Double = 12, air: FluidProperties = .air
  ) {
    self.count = count
    self.designAirflowM3PerS = designAirflowM3PerS
    self.designPressureRisePa = designPressureRisePa
    self.designFanEfficiency = designFanEfficiency
    self.minimumFlowFraction = minimumFlowFraction
    self.airTemperatureRiseK = airTemperatureRiseK
    self.air = air
  }

  /// Fan power of one unit at design flow, W.
  @inlinable public var designFanPowerW: Double {
    designAirflowM3PerS * designPressureRisePa / designFanEfficiency
  }

  /// Airflow, m³/s, that carries `heatW` with the group's temperature rise.
  @inlinable public func airflowM3PerS(heatW: Double) -> Double {
    air.flow(carrying: max(heatW, 0), deltaK: airTemperatureRiseK)
  }

  /// Flow fraction of each unit when the group carries `heatW`.
  @inlinable public func flowFraction(heatW: Double) -> Double {
    let f = airflowM3PerS(heatW: heatW) / (Double(max(count, 1)) * designAirflowM3PerS)
    return max(f, minimumFlowFraction)
  }

  /// Fan power of the whole group, W, when it carries `heatW`; 0 when there is no heat.
  @inlinable public func fanPowerW(heatW: Double) -> Double {
    guard heatW > 0 else { return 0 }
    let f = flowFraction(heatW: heatW)
    return Double(max(count, 1)) * designFanPowerW * f * f * f
  }

  public func validate() -> [String] {
    var p: [String] = []
    if count < 1 { p.append("crah.count must be >= 1, got \(count)") }
    if !(designAirflowM3PerS > 0) { p.append("crah.design_airflow_m3_per_s must be > 0") }
    if !(designPressureRisePa >= 0) { p.append("crah.design_pressure_rise_pa must be >= 0") }
    if !(designFanEfficiency > 0 && designFanEfficiency <= 1) {
      p.append("crah.fan_efficiency must be in (0, 1], got \(designFanEfficiency)")
    }
    if !(minimumFlowFraction >= 0 && minimumFlowFraction <= 1) {
      p.append("crah.min_flow_fraction must be in [0, 1], got \(minimumFlowFraction)")
    }
    if !(airTemperatureRiseK > 0) { p.append("crah.air_rise_k must be > 0 K") }
    if !(air.volumetricHeatCapacity > 0) { p.append("crah: air density and c_p must be > 0") }
    return p
  }
}
