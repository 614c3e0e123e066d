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
  /// `t + d`, saturating: a sum past the representable range is `.never` (or the earliest
  /// representable time for a sum below it), never a wrapped value or a trap.
  @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(nanoseconds: SimDuration.saturatingAdd(t.nanoseconds, d.nanoseconds))
  }
  /// `t - d`, saturating like `+`.
  @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(nanoseconds: SimDuration.saturatingSubtract(t.nanoseconds, d.nanoseconds))
  }
  /// The span from `b` to `a`, saturating like `+`.
  @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
    SimDuration(nanoseconds: SimDuration.saturatingSubtract(a.nanoseconds, b.nanoseconds))
  }
  /// `self + d`, or nil when the sum does not fit in Int64 nanoseconds (for input checks).
  @inlinable public func adding(_ d: SimDuration) -> SimTime? {
    let (sum, overflow) = nanoseconds.addingReportingOverflow(d.nanoseconds)
    return overflow ? nil : SimTime(nanoseconds: sum)
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
  /// `Int64` (NaN gives `Int64.max`). This is the one rounding rule for turning a real-valued span into time.
  @inlinable public init(seconds: Double) {
    let ns = (seconds * 1e9).rounded(.toNearestOrAwayFromZero)
    if ns.isNaN || ns >= 9.2e18 {
      self.nanoseconds = .max
    } else if ns <= -9.2e18 {
      self.nanoseconds = .min
    } else {
      self.nanoseconds = Int64(ns)
    }
  }

  /// The smallest whole number of nanoseconds that is at least `seconds`, clamped to
  /// `0...Int64.max` (NaN gives `Int64.max`): so that a job never completes before its work is
  /// done, and no input can trap.
  @inlinable public static func ceiling(seconds: Double) -> SimDuration {
    ceiling(nanoseconds: seconds * 1e9)
  }

  /// The smallest whole number of nanoseconds that is at least `ns`, clamped to
  /// `0...Int64.max`; NaN and +∞ give `Int64.max`.
  @inlinable public static func ceiling(nanoseconds ns: Double) -> SimDuration {
    let up = ns.rounded(.up)
    guard up < 9.2e18 else { return SimDuration(nanoseconds: .max) }
    guard up > 0 else { return .zero }
    return SimDuration(nanoseconds: Int64(up))
  }

  /// The one rounding rule from remaining work to time (every model uses it): `work`
  /// nanoseconds of full-speed work at relative `rate` take ⌈work / rate⌉ ns. A rate of 0 (or
  /// below, or NaN) never completes; a span that does not fit in Int64 is `Int64.max`, which
  /// callers read as "never". It never traps: a rate of 1e-300 or a work of 9e18 ns is fine.
  @inlinable public static func completion(work: Double, rate: Double) -> SimDuration {
    guard rate > 0 else { return SimDuration(nanoseconds: .max) }
    return ceiling(nanoseconds: work / rate)
  }

  /// `a + b` clamped to the range of Int64.
  @inlinable public static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
  }

  /// `a - b` clamped to the range of Int64.
  @inlinable public static func saturatingSubtract(_ a: Int64, _ b: Int64) -> Int64 {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? (b < 0 ? .max : .min) : difference
  }

  @inlinable public static func seconds(_ s: Double) -> SimDuration { SimDuration(seconds: s) }
  @inlinable public static func minutes(_ m: Double) -> SimDuration { SimDuration(seconds: m * 60) }
  @inlinable public static func hours(_ h: Double) -> SimDuration { SimDuration(seconds: h * 3600) }
  @inlinable public static func days(_ d: Double) -> SimDuration { SimDuration(seconds: d * 86400) }

  @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

  @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool {
    a.nanoseconds < b.nanoseconds
  }
  /// Saturating, like `SimTime + SimDuration`.
  @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: saturatingAdd(a.nanoseconds, b.nanoseconds))
  }
  /// Saturating at the range of Int64.
  @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
    let (product, overflow) = a.nanoseconds.multipliedReportingOverflow(by: k)
    guard overflow else { return SimDuration(nanoseconds: product) }
    return SimDuration(nanoseconds: (a.nanoseconds < 0) == (k < 0) ? .max : .min)
  }

  public var description: String { "\(seconds)s" }
}
