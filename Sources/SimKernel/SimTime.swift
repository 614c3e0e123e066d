/// A point in simulated time: an integer count of nanoseconds since the start of the run.
///
/// Time is never a floating-point value inside the engine (DESIGN.md principle 1): two events
/// at "the same" time compare equal on every machine, and adding durations is exact.
/// `Int64` nanoseconds span ±292 years.
public struct SimTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Nanoseconds since the start of the run.
  public var nanoseconds: Int64

  @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// The start of every run.
  public static let zero = SimTime(nanoseconds: 0)
  /// A time later than any event; used as "never".
  public static let never = SimTime(nanoseconds: .max)

  /// The time `seconds` after the start, rounded to the nearest nanosecond.
  @inlinable public init(seconds: Double) {
    self.nanoseconds = SimDuration(seconds: seconds).nanoseconds
  }

  /// Seconds since the start, as a `Double` (for output and rates, never for ordering).
  @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

  @inlinable public static func < (a: SimTime, b: SimTime) -> Bool {
    a.nanoseconds < b.nanoseconds
  }
  @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(nanoseconds: t.nanoseconds &+ d.nanoseconds)
  }
  @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(nanoseconds: t.nanoseconds &- d.nanoseconds)
  }
  @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
  }
  @inlinable public static func += (t: inout SimTime, d: SimDuration) { t = t + d }

  public var description: String { "\(seconds)s" }
}

/// A span of simulated time, in integer nanoseconds.
public struct SimDuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var nanoseconds: Int64

  @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  public static let zero = SimDuration(nanoseconds: 0)

  /// `seconds` rounded to the nearest nanosecond (ties away from zero), clamped to the range of
  /// `Int64`. This is the one rounding rule for turning a real-valued span into time.
  @inlinable public init(seconds: Double) {
    let ns = (seconds * 1e9).rounded(.toNearestOrAwayFromZero)
    if ns >= 9.2e18 {
      self.nanoseconds = .max
    } else if ns <= -9.2e18 {
      self.nanoseconds = .min
    } else {
      self.nanoseconds = Int64(ns)
    }
  }

  /// The smallest whole number of nanoseconds that is at least `seconds`: the rule for
  /// completion times, so that a job never completes before its work is done.
  @inlinable public static func ceiling(seconds: Double) -> SimDuration {
    let ns = (seconds * 1e9).rounded(.up)
    if ns >= 9.2e18 { return SimDuration(nanoseconds: .max) }
    return SimDuration(nanoseconds: Int64(Swift.max(ns, 0)))
  }

  @inlinable public static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
  @inlinable public static func minutes(_ m: Double) -> SimDuration { SimDuration(seconds: m * 60) }
  @inlinable public static func hours(_ h: Double) -> SimDuration { SimDuration(seconds: h * 3600) }
  @inlinable public static func days(_ d: Double) -> SimDuration { SimDuration(seconds: d * 86400) }

  @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

  @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool {
    a.nanoseconds < b.nanoseconds
  }
  @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
  }
  @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds &* k)
  }

  public var description: String { "\(seconds)s" }
}
