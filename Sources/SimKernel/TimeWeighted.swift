/// A piecewise-constant quantity integrated exactly over simulated time.
///
/// Between events every rate in Racksim is constant (DESIGN.md principle 2), so the integral
/// of a quantity is a sum of value × duration over the spans between its changes. Set the new
/// value at each change; read the mean over any interval with `intervalMean(endingAt:)`, which
/// is what the periodic sampler reports (time-weighted averages, never snapshots).
public struct TimeWeighted: Sendable {
  /// The value since `lastUpdate`.
  public private(set) var value: Double
  /// When the integral was last brought up to date.
  public private(set) var lastUpdate: SimTime
  /// ∫ value dt from the start to `lastUpdate`, in value × seconds.
  public private(set) var integral: Double
  var markTime: SimTime
  var markIntegral: Double

  public init(value: Double = 0, at time: SimTime = .zero) {
    self.value = value
    self.lastUpdate = time
    self.integral = 0
    self.markTime = time
    self.markIntegral = 0
  }

  /// Brings the integral up to `time`. - Complexity: O(1).
  public mutating func accrue(to time: SimTime) {
    integral += value * (time - lastUpdate).seconds
    lastUpdate = time
  }

  /// Changes the value from `time` on. - Complexity: O(1).
  public mutating func set(_ newValue: Double, at time: SimTime) {
    accrue(to: time)
    value = newValue
  }

  /// Adds `delta` to the value from `time` on. - Complexity: O(1).
  public mutating func add(_ delta: Double, at time: SimTime) {
    accrue(to: time)
    value += delta
  }

  /// The integral from the start up to `time` (≥ `lastUpdate`), without changing anything.
  public func integral(at time: SimTime) -> Double {
    integral + value * (time - lastUpdate).seconds
  }

  /// The time-weighted mean since the previous call (or the start), ending at `time`; starts
  /// the next interval there. Returns the current value for an empty interval.
  public mutating func intervalMean(endingAt time: SimTime) -> Double {
    accrue(to: time)
    let span = (time - markTime).seconds
    let mean = span > 0 ? (integral - markIntegral) / span : value
    markTime = time
    markIntegral = integral
    return mean
  }
}
