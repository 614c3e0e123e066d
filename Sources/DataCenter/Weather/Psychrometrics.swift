// Moist-air properties: saturation pressure, humidity ratio and thermodynamic wet bulb.
//
// Source: ASHRAE Handbook, Fundamentals (2017), Ch. 1 "Psychrometrics" [U: textbook, not in
// REFERENCES.md; cross-checked against the PsychroLib implementation of the same chapter].
// - Saturation pressure over water (0 to 200 °C) and over ice (−100 to 0 °C), Hyland–Wexler
//   (Eqs. 5 and 6), T in kelvin, p_ws in Pa:
//     ln p_ws = C8/T + C9 + C10·T + C11·T² + C12·T³ + C13·ln T          (water)
//     ln p_ws = C1/T + C2 + C3·T + C4·T² + C5·T³ + C6·T⁴ + C7·ln T    (ice)
//   Check: p_ws(20 °C) = 2,338.8 Pa (the Handbook's table: 2.3393 kPa).
// - Humidity ratio (Eq. 20/22): W = 0.621945 · p_w / (p − p_w), with p_w = φ · p_ws(t) from
//   relative humidity φ, or p_w = p_ws(t_dp) from the dew point.
// - Thermodynamic wet bulb t* (Eqs. 33 and 35): the t* at which
//     W = ((2501 − 2.326 t*) · W_s* − 1.006 (t − t*)) / (2501 + 1.86 t − 4.186 t*)   (t* ≥ 0)
//     W = ((2830 − 0.24 t*) · W_s* − 1.006 (t − t*)) / (2830 + 1.86 t − 2.1 t*)     (t* < 0)
//   where W_s* = W_s(t*, p). The right side rises with t*, is W_s(t) ≥ W at t* = t and is
//   negative at −100 °C, so bisection on [−100 °C, t] converges; 64 halvings of a ≤ 160 K
//   interval leave < 1e-14 K. (Stull's 2011 closed form, ±0.3 K, needs atan, which the
//   stdlib-only DataCenter lacks; the iteration is exact to the model and still cheap: it runs
//   once per weather record, not per event.)
// - Pressure at elevation Z m (Eq. 3): p = 101,325 · (1 − 2.25577e−5 · Z)^5.2559 Pa.

import SimKernel

/// Psychrometric functions of moist air (ASHRAE Handbook, Fundamentals, Ch. 1).
public enum Psychrometrics {
  /// Standard atmospheric pressure at sea level, Pa.
  public static let standardPressurePa = 101_325.0

  /// Saturation vapour pressure over liquid water (t ≥ 0 °C) or ice (t < 0 °C), Pa.
  public static func saturationPressurePa(atC t: Double) -> Double {
    let k = t + 273.15
    let lnP: Double
    if t >= 0 {
      lnP =
        -5.800_220_6e3 / k + 1.391_499_3 - 4.864_023_9e-2 * k + 4.176_476_8e-5 * k * k
        - 1.445_209_3e-8 * k * k * k + 6.545_967_3 * PortableMath.log(k)
    } else {
      lnP =
        -5.674_535_9e3 / k + 6.392_524_7 - 9.677_843e-3 * k + 6.221_570_1e-7 * k * k
        + 2.074_782_5e-9 * k * k * k - 9.484_024e-13 * k * k * k * k
        + 4.163_501_9 * PortableMath.log(k)
    }
    return PortableMath.exp(lnP)
  }

  /// Humidity ratio W (kg water per kg dry air) for a vapour partial pressure `pw`, Pa.
  public static func humidityRatio(vapourPressurePa pw: Double, pressurePa p: Double) -> Double {
    0.621_945 * pw / (p - pw)
  }

  /// Humidity ratio from dry bulb and relative humidity φ ∈ [0, 1].
  public static func humidityRatio(
    dryBulbC t: Double, relativeHumidity phi: Double, pressurePa p: Double
  ) -> Double {
    humidityRatio(vapourPressurePa: phi * saturationPressurePa(atC: t), pressurePa: p)
  }

  /// Relative humidity φ ∈ [0, 1] from dry bulb and dew point.
  public static func relativeHumidity(dryBulbC t: Double, dewPointC: Double) -> Double {
    saturationPressurePa(atC: dewPointC) / saturationPressurePa(atC: t)
  }

  /// The humidity ratio that the wet-bulb energy balance gives for dry bulb `t` and wet bulb
  /// `tStar` (ASHRAE Eqs. 33 and 35).
  public static func humidityRatio(dryBulbC t: Double, wetBulbC tStar: Double, pressurePa p: Double)
    -> Double
  {
    let wsStar = humidityRatio(vapourPressurePa: saturationPressurePa(atC: tStar), pressurePa: p)
    if tStar >= 0 {
      return ((2_501 - 2.326 * tStar) * wsStar - 1.006 * (t - tStar))
        / (2_501 + 1.86 * t - 4.186 * tStar)
    }
    return ((2_830 - 0.24 * tStar) * wsStar - 1.006 * (t - tStar))
      / (2_830 + 1.86 * t - 2.1 * tStar)
  }

  /// The thermodynamic wet bulb, °C, of air at dry bulb `t` with humidity ratio `w`.
  ///
  /// - Complexity: O(1): 64 bisection steps.
  public static func wetBulbC(dryBulbC t: Double, humidityRatio w: Double, pressurePa p: Double)
    -> Double
  {
    var lo = min(-100, t)
    var hi = t
    for _ in 0..<64 {
      let mid = 0.5 * (lo + hi)
      if humidityRatio(dryBulbC: t, wetBulbC: mid, pressurePa: p) > w { hi = mid } else { lo = mid }
    }
    return 0.5 * (lo + hi)
  }

  /// The thermodynamic wet bulb, °C, from dry bulb and relative humidity φ ∈ [0, 1].
  public static func wetBulbC(
    dryBulbC t: Double, relativeHumidity phi: Double, pressurePa p: Double
  )
    -> Double
  {
    wetBulbC(
      dryBulbC: t, humidityRatio: humidityRatio(dryBulbC: t, relativeHumidity: phi, pressurePa: p),
      pressurePa: p)
  }

  /// The thermodynamic wet bulb, °C, from dry bulb and dew point.
  public static func wetBulbC(dryBulbC t: Double, dewPointC: Double, pressurePa p: Double)
    -> Double
  {
    let w = humidityRatio(vapourPressurePa: saturationPressurePa(atC: dewPointC), pressurePa: p)
    return wetBulbC(dryBulbC: t, humidityRatio: w, pressurePa: p)
  }

  /// Standard-atmosphere pressure at `elevationM` metres above sea level, Pa (ASHRAE Eq. 3).
  public static func pressurePa(atElevationM z: Double) -> Double {
    standardPressurePa * PortableMath.pow(1 - 2.255_77e-5 * z, 5.255_9)
  }
}
