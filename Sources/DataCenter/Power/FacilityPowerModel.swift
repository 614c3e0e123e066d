/// Facility power from IT power: what the cooling plant, UPS losses and the rest add on top.
///
/// The first version is `ConstantPUEModel`, a placeholder: the cooling-plant model (chillers,
/// CRAHs, economiser hours, weather; REFERENCES.md §4.2–§4.5) replaces it in a later issue
/// behind this same protocol.
public protocol FacilityPowerModel: Sendable {
  /// Facility power, W, when the IT load is `itPowerW`.
  func facilityPower(itPowerW: Double) -> Double
}

/// Placeholder: facility power = IT power × a constant PUE.
public struct ConstantPUEModel: FacilityPowerModel, Equatable {
  public var pue: Double
  public init(pue: Double) { self.pue = pue }
  @inlinable public func facilityPower(itPowerW: Double) -> Double { itPowerW * pue }
}
