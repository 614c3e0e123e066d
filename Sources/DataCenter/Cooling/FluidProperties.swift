// Fluid properties the cooling models share, with their sources.
//
// Sensible heat carried by a flow:  Q = ρ · V̇ · c_p · ΔT,  so  V̇ = Q / (ρ · c_p · ΔT).
//
// Air (dry, about 20 °C, sea level): ρ = 1.2 kg/m³, c_p = 1,005 J/(kg·K); ρ·c_p = 1,206 J/(m³·K),
// the "≈ 1.2 kJ/(m³·K)" of REFERENCES.md §4.4 [U, standard physics]. Check [D]: a DGX H100 at
// 10.2 kW with 1,105 CFM (0.5215 m³/s) warms its air by 10,200 / (1,206 · 0.5215) = 16.2 K.
// Water (about 15 °C): ρ = 999 kg/m³, c_p = 4,186 J/(kg·K) [U, standard physics tables].
// Latent heat of vaporisation of water at about 25 °C: h_fg = 2.44 MJ/kg (steam tables: 2,442
// kJ/kg at 25 °C) [U, standard physics]; used for cooling-tower evaporation (WUE).
// 1 CFM = 0.3048³ m³ / 60 s = 4.719474e-4 m³/s (exact by the definition of the foot).

/// Density and specific heat of a coolant, for Q = ρ V̇ c_p ΔT.
public struct FluidProperties: Sendable, Equatable {
  /// Density, kg/m³.
  public var densityKgPerM3: Double
  /// Specific heat at constant pressure, J/(kg·K).
  public var specificHeatJPerKgK: Double

  public init(densityKgPerM3: Double, specificHeatJPerKgK: Double) {
    self.densityKgPerM3 = densityKgPerM3
    self.specificHeatJPerKgK = specificHeatJPerKgK
  }

  /// Volumetric heat capacity ρ·c_p, J/(m³·K).
  @inlinable public var volumetricHeatCapacity: Double {
    densityKgPerM3 * specificHeatJPerKgK
  }

  /// Volume flow, m³/s, that carries `heatW` with a temperature change of `deltaK`.
  @inlinable public func flow(carrying heatW: Double, deltaK: Double) -> Double {
    heatW / (volumetricHeatCapacity * deltaK)
  }

  /// Temperature change, K, of `flowM3PerS` carrying `heatW`.
  @inlinable public func temperatureRise(heatW: Double, flowM3PerS: Double) -> Double {
    heatW / (volumetricHeatCapacity * flowM3PerS)
  }

  /// Dry air near 20 °C at sea level: 1.2 kg/m³, 1,005 J/(kg·K) [U, standard physics].
  public static let air = FluidProperties(densityKgPerM3: 1.2, specificHeatJPerKgK: 1_005)
  /// Water near 15 °C: 999 kg/m³, 4,186 J/(kg·K) [U, standard physics].
  public static let water = FluidProperties(densityKgPerM3: 999, specificHeatJPerKgK: 4_186)

  /// Latent heat of vaporisation of water near 25 °C, J/kg [U, steam tables].
  public static let waterLatentHeatJPerKg = 2.442e6
  /// m³/s per CFM (exact).
  public static let cubicMetresPerSecondPerCFM = 0.3048 * 0.3048 * 0.3048 / 60
}
