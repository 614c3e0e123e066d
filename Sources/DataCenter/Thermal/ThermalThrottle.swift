// Throttling with hysteresis: a rack throttles when its inlet rises above the limit and is
// released only once the inlet has fallen a margin below it, so an inlet that hovers at the
// limit does not flap between the two states (issue 8, item 5).
//
// State machine (limit L, release margin m ≥ 0, inlet T):
//   running   --T > L-->        throttled   (reports .throttle)
//   throttled --T <= L − m-->   running     (reports .release)
//   otherwise the state holds   (reports .none)
// With m = 0 the machine still cannot flap within one value of T: T > L and T <= L exclude
// each other. A NaN inlet compares false both ways and never changes the state.
// The limit is the rack type's inlet limit, e.g. the top of ASHRAE's recommended envelope,
// 27 °C, or of class A1's allowable range, 32 °C (REFERENCES.md §4.1 [S]).

/// A throttle/release decision with hysteresis for one rack (or GPU).
public struct ThermalThrottle: Sendable, Equatable {
  /// What an inlet reading changed.
  public enum Transition: Sendable, Equatable {
    /// The state holds.
    case none
    /// The inlet rose above the limit: lower the DVFS state.
    case throttle
    /// The inlet fell to the limit minus the margin: restore the DVFS state.
    case release
  }

  /// The inlet temperature above which the rack throttles, °C.
  public var limitC: Double
  /// How far below the limit the inlet must fall before the rack is released, K (≥ 0).
  public var releaseMarginK: Double
  /// Whether the rack is throttled now.
  public private(set) var isThrottled: Bool

  /// A throttle that starts released.
  ///
  /// - Precondition: `releaseMarginK >= 0`; `validate` reports a bad value from data instead.
  public init(limitC: Double, releaseMarginK: Double) {
    self.limitC = limitC
    self.releaseMarginK = releaseMarginK
    self.isThrottled = false
  }

  /// Problems with the limit and margin as sentences; empty when valid.
  public static func validate(limitC: Double, releaseMarginK: Double) -> [String] {
    var problems: [String] = []
    if !limitC.isFinite { problems.append("throttle limit must be a finite temperature") }
    if !(releaseMarginK >= 0 && releaseMarginK.isFinite) {
      problems.append("throttle release margin must be >= 0 K, got \(releaseMarginK)")
    }
    return problems
  }

  /// Feeds one inlet reading and returns what it changed.
  ///
  /// - Complexity: O(1).
  public mutating func update(inletC: Double) -> Transition {
    if !isThrottled, inletC > limitC {
      isThrottled = true
      return .throttle
    }
    if isThrottled, inletC <= limitC - releaseMarginK {
      isThrottled = false
      return .release
    }
    return .none
  }
}
