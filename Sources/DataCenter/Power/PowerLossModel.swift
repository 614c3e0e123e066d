// Losses of a power-distribution stage (UPS, PDU, transformer) as a function of its load.
//
// Schneider Electric / APC White Paper 113 (Rasmussen), REFERENCES.md §4.5 [S]:
//
//   P_loss = P_rated · (a + b · x + c · x²),   x = P_load / P_rated
//
// a is the no-load (fixed) loss, b the proportional loss and c the square-law (I²R) loss, each
// as a fraction of the rating. WP113 says no-load losses can be over 40 % of all UPS losses and
// square-law losses reach 1-4 % at high load (§4.5 [S]); its numeric coefficients are [U], so
// the scenario gives them. The same form describes PDUs and transformers (WP113 models every
// electrical stage this way), so both steps of the chain use this one protocol.
//
// `ProportionalLoss` (P_loss = f · P_load) and `NoLoss` are the special cases a = c = 0 and
// a = b = c = 0, kept as their own types so that a scenario names what it means.

/// Electrical loss of a distribution stage carrying a load.
///
/// One requirement, small value types, static factories (STYLE.md §3), plus a defaulted
/// `validate()`.
public protocol PowerLossModel: Sendable {
  /// Loss, W, when the stage delivers `loadW` (W, ≥ 0) to what it feeds.
  func lossW(atLoadW loadW: Double) -> Double
  /// Every problem with the model's parameters, one message each; empty when valid.
  func validate() -> [String]
}

// MARK: - Default implementations

extension PowerLossModel {
  public func validate() -> [String] { [] }
}

/// The no-load + proportional + square-law model of WP113 (REFERENCES.md §4.5 [S]).
public struct QuadraticPowerLoss: PowerLossModel, Equatable {
  /// Rated power of the stage, W (> 0).
  public var ratedW: Double
  /// No-load loss as a fraction of the rating (a).
  public var noLoadFraction: Double
  /// Proportional loss coefficient (b): loss per W of load.
  public var proportionalFraction: Double
  /// Square-law coefficient (c): loss at rated load as a fraction of the rating.
  public var squareLawFraction: Double

  public init(
    ratedW: Double, noLoadFraction: Double, proportionalFraction: Double,
    squareLawFraction: Double
  ) {
    self.ratedW = ratedW
    self.noLoadFraction = noLoadFraction
    self.proportionalFraction = proportionalFraction
    self.squareLawFraction = squareLawFraction
  }

  @inlinable
  public func lossW(atLoadW loadW: Double) -> Double {
    let x = loadW / ratedW
    return ratedW * (noLoadFraction + proportionalFraction * x + squareLawFraction * x * x)
  }

  /// Efficiency P_load / (P_load + P_loss) at `loadW`; 0 at zero load.
  public func efficiency(atLoadW loadW: Double) -> Double {
    loadW > 0 ? loadW / (loadW + lossW(atLoadW: loadW)) : 0
  }

  public func validate() -> [String] {
    var problems: [String] = []
    if !(ratedW > 0) { problems.append("loss model: rated power must be > 0 W, got \(ratedW)") }
    for (name, v) in [
      ("no_load", noLoadFraction), ("proportional", proportionalFraction),
      ("square_law", squareLawFraction),
    ] where !(v >= 0 && v < 1) {
      problems.append("loss model: \(name) coefficient must be in [0, 1), got \(v)")
    }
    return problems
  }
}

/// Loss proportional to the load: P_loss = fraction · P_load.
public struct ProportionalPowerLoss: PowerLossModel, Equatable {
  public var fraction: Double
  public init(fraction: Double) { self.fraction = fraction }
  @inlinable public func lossW(atLoadW loadW: Double) -> Double { fraction * loadW }
  public func validate() -> [String] {
    fraction >= 0 && fraction < 1 ? [] : ["loss fraction must be in [0, 1), got \(fraction)"]
  }
}

/// A lossless stage.
public struct NoPowerLoss: PowerLossModel, Equatable {
  public init() {}
  @inlinable public func lossW(atLoadW loadW: Double) -> Double { 0 }
}

extension PowerLossModel where Self == QuadraticPowerLoss {
  /// WP113's no-load + proportional + square-law form with coefficients per unit of rating.
  public static func quadratic(
    ratedW: Double, noLoad: Double, proportional: Double, squareLaw: Double
  ) -> Self {
    QuadraticPowerLoss(
      ratedW: ratedW, noLoadFraction: noLoad, proportionalFraction: proportional,
      squareLawFraction: squareLaw)
  }
}

extension PowerLossModel where Self == ProportionalPowerLoss {
  public static func proportional(_ fraction: Double) -> Self {
    ProportionalPowerLoss(fraction: fraction)
  }
}

extension PowerLossModel where Self == NoPowerLoss {
  public static var none: Self { NoPowerLoss() }
}
