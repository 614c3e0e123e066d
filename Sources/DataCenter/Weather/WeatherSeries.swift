// Outdoor conditions over time: points (usually hourly) with linear interpolation between.
//
// Model: between points t_k ≤ t ≤ t_{k+1}, each quantity is x_k + (x_{k+1} − x_k) · (t − t_k)
// / (t_{k+1} − t_k) (EnergyPlus interpolates hourly weather the same way). Before the first
// point and after the last, the end value holds; with `periodS` set the series repeats
// instead (a TMY year, 8,760 h), interpolating from the last point to the first one period
// later. Weather changes are events, not a time step: the engine schedules one at each
// `nextChangeTimeS(after:)` and reads `conditions(atTimeS:)` there (between two points the
// conditions move linearly, and the plant is re-evaluated at each point).
//
// Wet bulb: readers compute it psychrometrically (`Psychrometrics`) when a file gives
// humidity but no wet bulb; a series without any humidity has `hasWetBulb == false` and NaN
// wet bulbs.

/// One weather record.
public struct WeatherPoint: Sendable, Equatable {
  /// Seconds from the start of the series' time axis (simulation time 0).
  public var timeS: Double
  /// Dry-bulb temperature, °C.
  public var dryBulbC: Double
  /// Thermodynamic wet-bulb temperature, °C (NaN when unknown).
  public var wetBulbC: Double
  /// Relative humidity as a fraction in [0, 1] (NaN when unknown).
  public var relativeHumidity: Double
  /// Atmospheric pressure, Pa.
  public var pressurePa: Double

  public init(
    timeS: Double, dryBulbC: Double, wetBulbC: Double, relativeHumidity: Double,
    pressurePa: Double = Psychrometrics.standardPressurePa
  ) {
    self.timeS = timeS
    self.dryBulbC = dryBulbC
    self.wetBulbC = wetBulbC
    self.relativeHumidity = relativeHumidity
    self.pressurePa = pressurePa
  }
}

/// Interpolated outdoor conditions at one instant.
public struct WeatherConditions: Sendable, Equatable {
  public var dryBulbC: Double
  public var wetBulbC: Double
  public var relativeHumidity: Double
  public var pressurePa: Double
}

/// A time series of weather points with linear interpolation.
public struct WeatherSeries: Sendable, Equatable {
  /// The points in strictly increasing time.
  public let points: [WeatherPoint]
  /// When set, the series repeats with this period, s (it must exceed the last time).
  public let periodS: Double?

  /// - Throws: `WeatherFileError` (line 0) when there is no point, times are not strictly
  ///   increasing and finite, or the period does not exceed the last time.
  public init(points: [WeatherPoint], periodS: Double? = nil) throws(WeatherFileError) {
    var problems = WeatherProblemList()
    if points.isEmpty { problems.add(line: 0, "a weather series needs at least one point") }
    for k in points.indices where !points[k].timeS.isFinite {
      problems.add(line: 0, "point \(k): time is not finite")
    }
    for k in points.indices.dropFirst() where !(points[k].timeS > points[k - 1].timeS) {
      problems.add(
        line: 0,
        "point \(k): time \(points[k].timeS) s is not after the previous \(points[k - 1].timeS) s")
    }
    if let periodS, let last = points.last, !(periodS > last.timeS - points[0].timeS) {
      problems.add(line: 0, "period \(periodS) s must exceed the span of the points")
    }
    guard problems.isEmpty else { throw problems.error }
    self.points = points
    self.periodS = periodS
  }

  /// Adopts points that the caller has already checked (non-empty, strictly increasing).
  init(checkedPoints: [WeatherPoint], periodS: Double?) {
    self.points = checkedPoints
    self.periodS = periodS
  }

  /// Whether the wet bulb is known (the file gave a wet bulb or a humidity).
  public var hasWetBulb: Bool { points.allSatisfy { !$0.wetBulbC.isNaN } }

  /// The conditions at `t` seconds, interpolated linearly between the neighbouring points.
  ///
  /// - Complexity: O(log n) (binary search).
  public func conditions(atTimeS t: Double) -> WeatherConditions {
    let (a, b, f) = bracket(t)
    let p = points[a]
    let q = points[b]
    func mix(_ x: Double, _ y: Double) -> Double { f == 0 ? x : x + (y - x) * f }
    return WeatherConditions(
      dryBulbC: mix(p.dryBulbC, q.dryBulbC), wetBulbC: mix(p.wetBulbC, q.wetBulbC),
      relativeHumidity: mix(p.relativeHumidity, q.relativeHumidity),
      pressurePa: mix(p.pressurePa, q.pressurePa))
  }

  /// The first point time strictly after `t`, s: the next weather event. Nil when the series
  /// has ended and does not repeat.
  ///
  /// - Complexity: O(log n).
  public func nextChangeTimeS(after t: Double) -> Double? {
    let first = points[0].timeS
    guard let periodS else {
      let k = firstIndex(after: t)
      return k < points.count ? points[k].timeS : nil
    }
    let cycles = ((t - first) / periodS).rounded(.down)
    var k = firstIndex(after: t - cycles * periodS)
    // Rounding in `t − cycles · period` can land just below a point time; step past it so the
    // answer is strictly after t (an event loop would otherwise stall).
    while true {
      let n = points.count
      let candidate = points[k % n].timeS + (cycles + Double(k / n)) * periodS
      if candidate > t { return candidate }
      k += 1
    }
  }

  /// Every point time in `[fromS, toS)`, in order: the weather events of a run.
  ///
  /// - Complexity: O(log n + output).
  public func changeTimesS(from fromS: Double, to toS: Double) -> [Double] {
    var out: [Double] = []
    var t = fromS.nextDown
    while let next = nextChangeTimeS(after: t), next < toS {
      out.append(next)
      t = next
    }
    return out
  }

  // MARK: - Private

  /// The index of the first point with time > t (n when none).
  private func firstIndex(after t: Double) -> Int {
    var lo = 0
    var hi = points.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if points[mid].timeS > t { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// The two points around `t` and the fraction of the way from the first to the second.
  private func bracket(_ t: Double) -> (Int, Int, Double) {
    let n = points.count
    let first = points[0].timeS
    var local = t
    if let periodS {
      local = t - ((t - first) / periodS).rounded(.down) * periodS
      let k = firstIndex(after: local)
      if k == n {
        let span = first + periodS - points[n - 1].timeS
        return (n - 1, 0, (local - points[n - 1].timeS) / span)
      }
      return k == 0 ? (0, 0, 0) : interior(k, local)
    }
    let k = firstIndex(after: local)
    if k == 0 { return (0, 0, 0) }
    if k == n { return (n - 1, n - 1, 0) }
    return interior(k, local)
  }

  private func interior(_ k: Int, _ t: Double) -> (Int, Int, Double) {
    let a = points[k - 1].timeS
    let b = points[k].timeS
    return (k - 1, k, (t - a) / (b - a))
  }
}
