// Coefficient of performance of a chilled-water CRAC as a function of the supply air
// temperature: the HP Labs model of Moore et al. (USENIX ATC 2005), used verbatim by Tang et
// al. (TPDS 2008, §2.2); REFERENCES.md §4.2 [P]:
//
//   CoP(T) = 0.0068·T² + 0.0008·T + 0.458,   T = supply air temperature, °C
//   P_cooling = Q / CoP(T_sup)
//
// Check values [D]: CoP(15) = 2.00, CoP(20) = 3.19, CoP(25) = 4.73. The quadratic is general
// (a·T² + b·T + c) so a scenario can give another fit; `validate(over:)` checks that it is
// positive over the supply temperatures a run can use (at both ends and at the vertex).

/// CoP(T) = a·T² + b·T + c of the supply air temperature T (°C).
public struct QuadraticCoPCurve: Sendable, Equatable {
  public var a: Double
  public var b: Double
  public var c: Double

  public init(a: Double, b: Double, c: Double) {
    self.a = a
    self.b = b
    self.c = c
  }

  /// The HP Labs curve, REFERENCES.md §4.2 [P].
  public static let hpLabs = QuadraticCoPCurve(a: 0.0068, b: 0.0008, c: 0.458)

  /// CoP at supply temperature `t`, °C.
  @inlinable public func cop(supplyC t: Double) -> Double { (a * t + b) * t + c }

  /// Cooling power, W, to remove `heatW` at supply temperature `t`.
  @inlinable public func coolingPowerW(heatW: Double, supplyC t: Double) -> Double {
    heatW > 0 ? heatW / cop(supplyC: t) : 0
  }

  /// Problems with the curve over `range` of supply temperatures (°C): not positive somewhere.
  public func validate(over range: ClosedRange<Double>) -> [String] {
    var worst = min(cop(supplyC: range.lowerBound), cop(supplyC: range.upperBound))
    if a != 0 {
      let vertex = -b / (2 * a)
      if range.contains(vertex) { worst = min(worst, cop(supplyC: vertex)) }
    }
    guard worst > 0 && worst.isFinite else {
      return [
        "CoP curve \(a)·T² + \(b)·T + \(c) is not positive over \(range.lowerBound)..."
          + "\(range.upperBound) °C (minimum \(worst))"
      ]
    }
    return []
  }
}
