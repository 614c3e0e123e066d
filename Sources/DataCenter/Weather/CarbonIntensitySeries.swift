// Grid carbon intensity over time, and the carbon of energy drawn against it.
//
// Model: each value g_k (gCO₂ per kWh) holds from its time t_k until the next time t_{k+1}:
// grid operators publish hourly (or half-hourly) averages, so a step function is the faithful
// reading, and with the engine's piecewise-constant power between events the carbon integral
//   m = ∫ P(t) · g(t) dt,  in kg = J · (g/kWh) / (3.6e6 J/kWh · 1000 g/kg)
// is exact when each carbon step is an event. Before the first time the first value holds;
// after the last, the last (or, with `periodS`, the series repeats).
//
// CSV: a header with `time_s` and `gco2_per_kwh` (both required, in any order), then one record
// per line; `#` comments and blank lines are skipped. Times must increase strictly; steps may
// be uneven (a carbon series has no interpolation that a gap would spoil).

/// A step-wise grid carbon-intensity series.
public struct CarbonIntensitySeries: Sendable, Equatable {
  /// Step start times, s, strictly increasing.
  public let timesS: [Double]
  /// Intensity from each time on, gCO₂/kWh.
  public let gramsPerKWh: [Double]
  /// When set, the series repeats with this period, s.
  public let periodS: Double?

  /// - Throws: `WeatherFileError` (line 0) for no points, unequal lengths, times not strictly
  ///   increasing, negative or non-finite values, or a period not above the span.
  public init(timesS: [Double], gramsPerKWh: [Double], periodS: Double? = nil)
    throws(WeatherFileError)
  {
    var problems = WeatherProblemList()
    if timesS.isEmpty || timesS.count != gramsPerKWh.count {
      problems.add(line: 0, "a carbon series needs as many intensities as times, at least one")
    }
    for k in timesS.indices.dropFirst() where !(timesS[k] > timesS[k - 1]) {
      problems.add(line: 0, "point \(k): time \(timesS[k]) s is not after \(timesS[k - 1]) s")
    }
    for (k, g) in gramsPerKWh.enumerated() where !(g >= 0 && g.isFinite) {
      problems.add(line: 0, "point \(k): intensity must be >= 0 gCO2/kWh, got \(g)")
    }
    if let periodS, let last = timesS.last, !(periodS > last - timesS[0]) {
      problems.add(line: 0, "period \(periodS) s must exceed the span of the times")
    }
    guard problems.isEmpty else { throw problems.error }
    self.timesS = timesS
    self.gramsPerKWh = gramsPerKWh
    self.periodS = periodS
  }

  /// The intensity in force at `t`, gCO₂/kWh.
  ///
  /// - Complexity: O(log n).
  public func gramsPerKWh(atTimeS t: Double) -> Double {
    let k = lastIndex(atOrBefore: local(t))
    return gramsPerKWh[max(0, k)]
  }

  /// The next step time strictly after `t`, s (nil after the end of a non-repeating series).
  ///
  /// - Complexity: O(log n).
  public func nextChangeTimeS(after t: Double) -> Double? {
    let first = timesS[0]
    guard let periodS else {
      let k = lastIndex(atOrBefore: t) + 1
      return k < timesS.count ? timesS[k] : nil
    }
    let cycles = ((t - first) / periodS).rounded(.down)
    var k = lastIndex(atOrBefore: t - cycles * periodS) + 1
    // Rounding in `t − cycles · period` can land just below a step time; step past it so the
    // answer is strictly after t (`kilograms(powerW:fromS:toS:)` would otherwise stall).
    while true {
      let n = timesS.count
      let candidate =
        (cycles + Double(k / n)) * periodS + timesS[k % n]
      if candidate > t { return candidate }
      k += 1
    }
  }

  /// kg CO₂ for `energyJ` joules at an intensity of `gramsPerKWh`.
  public static func kilograms(energyJ: Double, gramsPerKWh: Double) -> Double {
    energyJ * gramsPerKWh / 3.6e9
  }

  /// kg CO₂ of a constant `powerW` drawn from `fromS` to `toS`, summed step by step.
  ///
  /// - Complexity: O(log n + steps crossed).
  public func kilograms(powerW: Double, fromS: Double, toS: Double) -> Double {
    var total = 0.0
    var t = fromS
    while t < toS {
      let end = min(toS, nextChangeTimeS(after: t) ?? toS)
      total += Self.kilograms(energyJ: powerW * (end - t), gramsPerKWh: gramsPerKWh(atTimeS: t))
      t = end
    }
    return total
  }

  // MARK: - Reading CSV

  /// Parses a carbon-intensity CSV (`time_s`, `gco2_per_kwh`).
  ///
  /// - Throws: `WeatherFileError` with every problem (up to its limit), with line and column.
  /// - Complexity: O(records).
  public static func read(_ text: String, periodS: Double? = nil) throws(WeatherFileError)
    -> CarbonIntensitySeries
  {
    var problems = WeatherProblemList()
    var lines = DelimitedText.lines(text).filter { !$0.isBlankOrComment }[...]
    guard let header = lines.popFirst() else {
      problems.add(line: 1, "the file has no header line (expected 'time_s,gco2_per_kwh')")
      throw problems.error
    }
    let names = header.fields.map { String($0.text) }
    for (i, name) in names.enumerated() where name != "time_s" && name != "gco2_per_kwh" {
      problems.add(
        line: header.number, column: header.fields[i].column,
        "unknown column '\(name)'; known: gco2_per_kwh, time_s")
    }
    guard let timeColumn = names.firstIndex(of: "time_s"),
      let valueColumn = names.firstIndex(of: "gco2_per_kwh"), problems.isEmpty
    else {
      if problems.isEmpty {
        problems.add(line: header.number, "the columns time_s and gco2_per_kwh are both required")
      }
      throw problems.error
    }
    var times: [Double] = []
    var values: [Double] = []
    var previous: (time: Double, line: Int)?
    for line in lines {
      let fields = line.fields
      guard fields.count == names.count else {
        problems.add(
          line: line.number,
          "expected \(names.count) fields as in the header, found \(fields.count)")
        continue
      }
      guard let t = DelimitedText.number(fields[timeColumn].text) else {
        problems.add(
          line: line.number, column: fields[timeColumn].column,
          "time_s must be a number, got '\(fields[timeColumn].text)'")
        continue
      }
      guard let g = DelimitedText.number(fields[valueColumn].text), g >= 0 else {
        problems.add(
          line: line.number, column: fields[valueColumn].column,
          "gco2_per_kwh must be a number >= 0, got '\(fields[valueColumn].text)'")
        continue
      }
      if let previous, !(t > previous.time) {
        problems.add(
          line: line.number, column: fields[timeColumn].column,
          "time \(t) s is not after \(previous.time) s on line \(previous.line)")
        continue
      }
      previous = (t, line.number)
      times.append(t)
      values.append(g)
    }
    if times.isEmpty && problems.isEmpty {
      problems.add(line: header.number, "no records after the header")
    }
    guard problems.isEmpty else { throw problems.error }
    return try CarbonIntensitySeries(timesS: times, gramsPerKWh: values, periodS: periodS)
  }

  // MARK: - Private

  private func local(_ t: Double) -> Double {
    guard let periodS else { return t }
    return t - ((t - timesS[0]) / periodS).rounded(.down) * periodS
  }

  /// The index of the last time ≤ t, or −1 when t is before the first.
  private func lastIndex(atOrBefore t: Double) -> Int {
    var lo = 0
    var hi = timesS.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if timesS[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo - 1
  }
}
