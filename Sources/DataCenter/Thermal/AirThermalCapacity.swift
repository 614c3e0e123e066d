// The thermal capacity flow of the air through a rack: K = ρ · c_p · f (W/K).
//
// Model (REFERENCES.md §4.6, Tang et al., per-node energy balance [P]): a rack that draws P
// watts and moves f m³/s of air heats that air by ΔT = P / K, with K = ρ · c_p · f. REFERENCES.md
// §4.4 gives ρ · c_p ≈ 1.2 kJ/(m³·K) for air [U, standard physics]; we use the standard-air
// values of the ASHRAE Handbook, Fundamentals (dry air at 20 °C and 101.325 kPa): ρ = 1.204
// kg/m³ and c_p = 1,006 J/(kg·K), so ρ · c_p = 1,211 J/(m³·K) [U: textbook, not re-read].
// Check [D]: a DGX H100 at 10.2 kW with 1,105 CFM = 0.5215 m³/s has K = 631.6 W/K and a
// temperature rise of 16.2 K, the 16 °C of REFERENCES.md §4.4.
//
// Assumption: K is constant (design airflow). Server fans that speed up with load change K,
// and therefore D; Tang et al. keep K constant too.

/// Air properties and the thermal capacity flow K = ρ · c_p · f of a stream of air.
public struct AirThermalCapacity: Sendable, Equatable {
  /// Air density, kg/m³.
  public var densityKgPerM3: Double
  /// Specific heat of air at constant pressure, J/(kg·K).
  public var specificHeatJPerKgK: Double

  /// Standard air (ASHRAE Handbook, Fundamentals: 20 °C, 101.325 kPa): ρ = 1.204 kg/m³,
  /// c_p = 1,006 J/(kg·K) [U: textbook].
  public static let standardAir = AirThermalCapacity(
    densityKgPerM3: 1.204, specificHeatJPerKgK: 1_006)

  /// One cubic foot per minute in m³/s: 0.3048³ m³ / 60 s (exact by definition of the foot).
  public static let cubicMetresPerSecondPerCFM = 0.3048 * 0.3048 * 0.3048 / 60

  public init(densityKgPerM3: Double, specificHeatJPerKgK: Double) {
    self.densityKgPerM3 = densityKgPerM3
    self.specificHeatJPerKgK = specificHeatJPerKgK
  }

  /// K = ρ · c_p · f, W/K, for an airflow of `airflowM3PerS` m³/s.
  public func capacityWPerK(airflowM3PerS: Double) -> Double {
    densityKgPerM3 * specificHeatJPerKgK * airflowM3PerS
  }

  /// K = ρ · c_p · f, W/K, for an airflow given in cubic feet per minute (datasheets use CFM).
  public func capacityWPerK(airflowCFM: Double) -> Double {
    capacityWPerK(airflowM3PerS: airflowCFM * Self.cubicMetresPerSecondPerCFM)
  }

  /// The airflow, m³/s, that carries `powerW` away with a temperature rise of `riseK`:
  /// f = P / (ρ · c_p · ΔT) (REFERENCES.md §4.4).
  public func airflowM3PerS(powerW: Double, riseK: Double) -> Double {
    powerW / (densityKgPerM3 * specificHeatJPerKgK * riseK)
  }
}
