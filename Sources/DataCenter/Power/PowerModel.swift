/// Maps a device's utilisation to its electrical power.
///
/// One requirement, small value types, static factories (STYLE.md §3). Later issues add DVFS
/// states; a model then takes the frequency state too.
public protocol PowerModel: Sendable {
  /// Power in watts at utilisation `u` ∈ [0, 1].
  func power(atUtilization u: Double) -> Double
}

/// P(u) = idle + (max − idle) · u: the linear model of Fan et al. and of SimGrid's host energy
/// plugin; Tang et al. use the same form per chassis (REFERENCES.md §4.6, "linear power model").
public struct LinearPowerModel: PowerModel, Equatable {
  public var idleW: Double
  public var maxW: Double

  public init(idleW: Double, maxW: Double) {
    self.idleW = idleW
    self.maxW = maxW
  }

  @inlinable public func power(atUtilization u: Double) -> Double {
    idleW + (maxW - idleW) * u
  }
}

extension PowerModel where Self == LinearPowerModel {
  public static func linear(idleW: Double, maxW: Double) -> Self {
    LinearPowerModel(idleW: idleW, maxW: maxW)
  }
}
