// Water pumps (chilled water, condenser water, the liquid-cooling loop).
//
// Flow needed to carry heat Q with a loop temperature difference ΔT (water, `FluidProperties`):
//
//   V̇ = Q / (ρ · c_p · ΔT)
//
// Hydraulic power over the pump's total (pump · motor · drive) efficiency:
//
//   P = V̇ · Δp / η
//
// Two controls. `variableFlow`: the pump moves just the flow the heat needs at the design head
// Δp (a differential-pressure-controlled variable-speed pump; P is then linear in Q). An
// affinity-law pump on a system curve through zero would fall with V̇³; holding the head is the
// conservative, commonly used assumption [U]. `constantFlow`: the pump moves its design flow
// whenever there is any heat (a constant-speed primary pump), P = V̇_design · Δp / η.

/// A pump (or an identical set of pumps) in a water loop.
public struct Pump: Sendable, Equatable {
  public enum Control: Sendable, Equatable {
    /// Flow follows the heat at constant head.
    case variableFlow
    /// Design flow, m³/s, whenever the loop carries heat.
    case constantFlow(designFlowM3PerS: Double)
  }

  /// Loop temperature difference, K (return − supply for chilled water).
  public var deltaTK: Double
  /// Pressure rise (head), Pa; 1 m of water head = 9,790 Pa at 15 °C.
  public var pressureRisePa: Double
  /// Total efficiency, (0, 1].
  public var efficiency: Double
  public var control: Control
  public var water: FluidProperties

  public init(
    deltaTK: Double, pressureRisePa: Double, efficiency: Double,
    control: Control = .variableFlow, water: FluidProperties = .water
  ) {
    self.deltaTK = deltaTK
    self.pressureRisePa = pressureRisePa
    self.efficiency = efficiency
    self.control = control
    self.water = water
  }

  /// Water flow, m³/s, carrying `heatW`.
  @inlinable public func flowM3PerS(heatW: Double) -> Double {
    guard heatW > 0 else { return 0 }
    switch control {
    case .variableFlow: return water.flow(carrying: heatW, deltaK: deltaTK)
    case .constantFlow(let v): return v
    }
  }

  /// Electric power, W, carrying `heatW`.
  @inlinable public func powerW(heatW: Double) -> Double {
    flowM3PerS(heatW: heatW) * pressureRisePa / efficiency
  }

  /// Problems, each prefixed with `name` (e.g. "chilled_water_pump").
  public func validate(name: String) -> [String] {
    var p: [String] = []
    if !(deltaTK > 0) { p.append("\(name).delta_t_k must be > 0 K, got \(deltaTK)") }
    if !(pressureRisePa >= 0) { p.append("\(name).pressure_rise_pa must be >= 0 Pa") }
    if !(efficiency > 0 && efficiency <= 1) {
      p.append("\(name).efficiency must be in (0, 1], got \(efficiency)")
    }
    if case .constantFlow(let v) = control, !(v > 0) {
      p.append("\(name).design_flow_m3_per_s must be > 0")
    }
    if !(water.volumetricHeatCapacity > 0) { p.append("\(name): water ρ and c_p must be > 0") }
    return p
  }
}
