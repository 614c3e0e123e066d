// A built-in weather profile: a daily and a seasonal sinusoid around a site's mean.
//
// Model [U: a textbook idealisation, no data]: with d = t / 86,400 s (days since the start,
// fractional) and h = 24 · (d − ⌊d⌋) (hour of day),
//   T(t) = T_mean − A_season · cos(2π (d − d_coldest) / 365) + A_day · cos(2π (h − h_warmest) / 24)
// so the coldest day is d_coldest (default 15, mid-January, for the northern hemisphere) and
// the warmest hour of each day h_warmest (default 15:00; the coldest is 12 hours earlier).
// Relative humidity and pressure are constant; the wet bulb follows psychrometrically
// (`Psychrometrics`). The profile is sampled hourly into a `WeatherSeries`, so it enters the
// run as hourly weather events like a file does.
//
// cos is computed here in portable arithmetic (DataCenter has no libm): reduce x by 2π to
// [−π, π] then to [−π/4, π/4] by quadrant, and evaluate the Taylor series to x¹⁶/16! (error
// below 1e-16 there). Arguments stay below 2π · 400 for a 400-year run, where the reduction
// loses < 1e-12 absolute.

/// A sinusoidal day-and-season weather profile around a site mean.
public struct SinusoidalWeatherProfile: Sendable, Equatable {
  /// Annual mean dry bulb, °C.
  public var meanC: Double
  /// Half the difference between the warmest and coldest daily means, K.
  public var seasonalAmplitudeK: Double
  /// Half the daily swing, K.
  public var dailyAmplitudeK: Double
  /// Zero-based day of the year with the lowest daily mean.
  public var coldestDay: Double
  /// Hour of the day (0-24) of the daily maximum.
  public var warmestHour: Double
  /// Relative humidity, fraction in [0, 1].
  public var relativeHumidity: Double
  /// Station pressure, Pa.
  public var pressurePa: Double

  public init(
    meanC: Double, seasonalAmplitudeK: Double, dailyAmplitudeK: Double, coldestDay: Double = 15,
    warmestHour: Double = 15, relativeHumidity: Double = 0.5,
    pressurePa: Double = Psychrometrics.standardPressurePa
  ) {
    self.meanC = meanC
    self.seasonalAmplitudeK = seasonalAmplitudeK
    self.dailyAmplitudeK = dailyAmplitudeK
    self.coldestDay = coldestDay
    self.warmestHour = warmestHour
    self.relativeHumidity = relativeHumidity
    self.pressurePa = pressurePa
  }

  /// Problems with the parameters as sentences; empty when valid.
  public func validate() -> [String] {
    var problems: [String] = []
    if !meanC.isFinite { problems.append("weather mean must be a finite temperature") }
    if !(seasonalAmplitudeK >= 0) || !(dailyAmplitudeK >= 0) {
      problems.append("weather amplitudes must be >= 0 K")
    }
    if !(0...1).contains(relativeHumidity) {
      problems.append("weather relative humidity must be in 0-100 %")
    }
    if !(pressurePa > 0) { problems.append("weather pressure must be > 0 Pa") }
    return problems
  }

  /// The dry bulb at `t` seconds, °C.
  public func dryBulbC(atTimeS t: Double) -> Double {
    let d = t / 86_400
    let h = 24 * (d - d.rounded(.down))
    return meanC - seasonalAmplitudeK * Self.cos(2 * Double.pi * (d - coldestDay) / 365)
      + dailyAmplitudeK * Self.cos(2 * Double.pi * (h - warmestHour) / 24)
  }

  /// The profile sampled every `stepS` seconds over `[0, durationS]` (both ends included).
  ///
  /// - Complexity: O(durationS / stepS).
  public func series(durationS: Double, stepS: Double = 3_600) -> WeatherSeries {
    let step = stepS > 0 ? stepS : 3_600
    let count = max(1, Int((max(0, durationS) / step).rounded(.up)) + 1)
    var points: [WeatherPoint] = []
    points.reserveCapacity(count)
    for k in 0..<count {
      let t = Double(k) * step
      let dry = dryBulbC(atTimeS: t)
      points.append(
        WeatherPoint(
          timeS: t, dryBulbC: dry,
          wetBulbC: Psychrometrics.wetBulbC(
            dryBulbC: dry, relativeHumidity: relativeHumidity, pressurePa: pressurePa),
          relativeHumidity: relativeHumidity, pressurePa: pressurePa))
    }
    // Times 0, step, 2·step, … are finite and strictly increasing: nothing to check.
    return WeatherSeries(checkedPoints: points, periodS: nil)
  }

  // MARK: - Private

  /// cos x in portable arithmetic (see the file header).
  static func cos(_ x: Double) -> Double {
    let twoPi = 2 * Double.pi
    var r = x - (x / twoPi).rounded() * twoPi
    // r ∈ [−π, π]; fold to [−π/4, π/4] with the quadrant.
    let quadrant = Int((r / (Double.pi / 2)).rounded())
    r -= Double(quadrant) * (Double.pi / 2)
    switch ((quadrant % 4) + 4) % 4 {
    case 0: return cosSeries(r)
    case 1: return -sinSeries(r)
    case 2: return -cosSeries(r)
    default: return sinSeries(r)
    }
  }

  private static func cosSeries(_ r: Double) -> Double {
    let r2 = r * r
    var term = 1.0
    var sum = 1.0
    for k in stride(from: 2, through: 16, by: 2) {
      term *= -r2 / Double(k * (k - 1))
      sum += term
    }
    return sum
  }

  private static func sinSeries(_ r: Double) -> Double {
    let r2 = r * r
    var term = r
    var sum = r
    for k in stride(from: 3, through: 17, by: 2) {
      term *= -r2 / Double(k * (k - 1))
      sum += term
    }
    return sum
  }
}
