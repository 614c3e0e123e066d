// Power-supply (PSU) conversion: AC input power from the DC load it delivers.
//
//   P_in = P_out / η(x),   x = P_out / (n · P_rated)
//
// where n PSUs of rating P_rated share the load equally (a DGX H100 runs 6 x 3.3 kW, 4+2, all
// sharing; REFERENCES.md §3.1 [S]) and η(x) is an efficiency curve of the load fraction x.
// `TabulatedPSUEfficiency` interpolates η linearly between (x, η) points and holds the end values
// outside them (a PSU below its first point is not more efficient, and above its last it is
// overloaded; holding is the conservative choice).
//
// Default curve, 80 PLUS Titanium, 230 V internal redundant: η = 0.90 / 0.94 / 0.96 / 0.91 at
// 10 / 20 / 50 / 100 % load. These are the certification programme's minimum figures as widely
// reproduced; they are not in REFERENCES.md, so they are tagged [U] (not re-read from the
// programme's own document). A real PSU's curve, when the scenario gives one, replaces it.

/// Efficiency of a power supply as a function of its load fraction.
///
/// One requirement, small value types, static factories (STYLE.md §3), plus a defaulted
/// `validate()`.
public protocol PSUEfficiencyModel: Sendable {
  /// Efficiency η ∈ (0, 1] at load fraction `x` = output / rated output (x ≥ 0).
  func efficiency(atLoadFraction x: Double) -> Double
  /// Every problem with the model's parameters, one message each; empty when valid.
  func validate() -> [String]
}

// MARK: - Default implementations

extension PSUEfficiencyModel {
  public func validate() -> [String] { [] }

  /// AC input power, W, of `count` PSUs of `ratedW` each sharing a DC load of `outputW`.
  ///
  /// Zero output draws zero input (a node that is off). Bad ratings (≤ 0) are caught by the
  /// model's `validate()`; here they fall back to treating the PSU as at full load.
  @inlinable
  public func inputPower(outputW: Double, ratedW: Double, count: Int = 1) -> Double {
    guard outputW > 0 else { return 0 }
    let capacity = ratedW * Double(max(count, 1))
    let x = capacity > 0 ? outputW / capacity : 1
    return outputW / efficiency(atLoadFraction: x)
  }
}

/// η(x) by linear interpolation in a table of (load fraction, efficiency) points, held constant
/// outside the table.
public struct TabulatedPSUEfficiency: PSUEfficiencyModel, Equatable {
  /// Load fractions, strictly increasing.
  public var loadFractions: [Double]
  /// Efficiencies at those load fractions, each in (0, 1].
  public var efficiencies: [Double]

  /// - Parameter points: (load fraction, efficiency) pairs, in increasing load order.
  public init(points: [(loadFraction: Double, efficiency: Double)]) {
    loadFractions = points.map(\.loadFraction)
    efficiencies = points.map(\.efficiency)
  }

  /// - Complexity: O(k) in the number of points k (k is 4 to 10 in practice).
  @inlinable
  public func efficiency(atLoadFraction x: Double) -> Double {
    let n = min(loadFractions.count, efficiencies.count)
    guard n > 0 else { return 1 }
    if x <= loadFractions[0] { return efficiencies[0] }
    for i in 1..<n where x <= loadFractions[i] {
      let x0 = loadFractions[i - 1]
      let x1 = loadFractions[i]
      let t = (x - x0) / (x1 - x0)
      return efficiencies[i - 1] + t * (efficiencies[i] - efficiencies[i - 1])
    }
    return efficiencies[n - 1]
  }

  /// Every problem with the table, one message each; empty when valid.
  public func validate() -> [String] {
    var problems: [String] = []
    if loadFractions.isEmpty { problems.append("psu efficiency table is empty") }
    if loadFractions.count != efficiencies.count {
      problems.append(
        "psu efficiency table has \(loadFractions.count) load fractions but "
          + "\(efficiencies.count) efficiencies")
    }
    for (i, x) in loadFractions.enumerated() {
      if !(x >= 0) || !x.isFinite {
        problems.append("psu efficiency table: load fraction \(x) must be >= 0 and finite")
      }
      if i > 0 && !(x > loadFractions[i - 1]) {
        problems.append(
          "psu efficiency table: load fractions must increase, got \(loadFractions[i - 1]) "
            + "then \(x)")
      }
    }
    for e in efficiencies where !(e > 0 && e <= 1) {
      problems.append("psu efficiency table: efficiency \(e) must be in (0, 1]")
    }
    return problems
  }
}

/// A PSU with one efficiency at every load (η = 1 is an ideal, lossless supply).
public struct ConstantPSUEfficiency: PSUEfficiencyModel, Equatable {
  public var value: Double
  public init(_ value: Double) { self.value = value }
  @inlinable public func efficiency(atLoadFraction x: Double) -> Double { value }
  public func validate() -> [String] {
    value > 0 && value <= 1 ? [] : ["psu efficiency \(value) must be in (0, 1]"]
  }
}

extension PSUEfficiencyModel where Self == TabulatedPSUEfficiency {
  /// 80 PLUS Titanium, 230 V internal redundant: 90/94/96/91 % at 10/20/50/100 % load [U].
  public static var titanium: Self {
    TabulatedPSUEfficiency(points: [(0.1, 0.90), (0.2, 0.94), (0.5, 0.96), (1.0, 0.91)])
  }
  /// A measured or datasheet curve.
  public static func table(_ points: [(loadFraction: Double, efficiency: Double)]) -> Self {
    TabulatedPSUEfficiency(points: points)
  }
}

extension PSUEfficiencyModel where Self == ConstantPSUEfficiency {
  /// The same efficiency at every load.
  public static func constant(_ value: Double) -> Self { ConstantPSUEfficiency(value) }
  /// A lossless PSU (η = 1): node power is taken as wall power already.
  public static var ideal: Self { ConstantPSUEfficiency(1) }
}
