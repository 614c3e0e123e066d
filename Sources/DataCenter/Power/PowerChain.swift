// Facility power from IT power through the distribution chain (DESIGN.md "Power chain";
// REFERENCES.md §4.5 [S]):
//
//   P_pdu_loss   = Σ_racks L_pdu(P_rack)                 (per PDU, each at its own load)
//   P_ups_load   = P_IT + P_pdu_loss                     (the UPS feeds the PDUs)
//   P_ups_loss   = L_ups(P_ups_load / n_ups) · n_ups     (n_ups modules share the load equally)
//   P_other      = P_fixed + f_other · P_IT              (lighting, offices, security: not on UPS)
//   P_facility   = P_IT + P_pdu_loss + P_ups_loss + P_cooling + P_other
//
// P_IT is the power the IT equipment draws at its inputs (after its PSUs; see
// `PSUEfficiencyModel`). The cooling plant's power comes from `CoolingPlantModel` and is assumed
// fed outside the UPS (mechanical load on its own switchgear), which is how WP113 draws it.
// Every term is returned separately, so energy conservation can be checked term by term.

/// Lighting and other facility loads: a fixed part plus a share of IT power.
public struct FacilityOverhead: Sendable, Equatable {
  /// Fixed power, W (lighting, security, offices).
  public var fixedW: Double
  /// Extra power per W of IT power.
  public var fractionOfIT: Double

  public init(fixedW: Double = 0, fractionOfIT: Double = 0) {
    self.fixedW = fixedW
    self.fractionOfIT = fractionOfIT
  }

  /// Overhead power, W, at IT power `itPowerW`.
  @inlinable public func powerW(itPowerW: Double) -> Double { fixedW + fractionOfIT * itPowerW }

  public func validate() -> [String] {
    var problems: [String] = []
    if !(fixedW >= 0) { problems.append("other.fixed must be >= 0 W, got \(fixedW)") }
    if !(fractionOfIT >= 0) {
      problems.append("other.fraction_of_it must be >= 0, got \(fractionOfIT)")
    }
    return problems
  }
}

/// Facility power split by where it goes; every term in W.
public struct FacilityPowerBreakdown: Sendable, Equatable {
  public var itW: Double
  public var pduLossW: Double
  public var upsLossW: Double
  public var coolingW: Double
  public var otherW: Double

  public init(itW: Double, pduLossW: Double, upsLossW: Double, coolingW: Double, otherW: Double) {
    self.itW = itW
    self.pduLossW = pduLossW
    self.upsLossW = upsLossW
    self.coolingW = coolingW
    self.otherW = otherW
  }

  /// P_IT + P_pdu_loss + P_ups_loss + P_cooling + P_other, W.
  @inlinable public var facilityW: Double { itW + pduLossW + upsLossW + coolingW + otherW }
  /// Distribution losses (PDU + UPS), W.
  @inlinable public var distributionLossW: Double { pduLossW + upsLossW }
  /// Power usage effectiveness, facility / IT; 0 when IT power is 0.
  @inlinable public var pue: Double { itW > 0 ? facilityW / itW : 0 }
}

/// The electrical chain from the racks to the utility meter.
public struct PowerChain: Sendable {
  /// Loss of one rack PDU at its rack's load.
  public var pdu: any PowerLossModel
  /// Loss of one UPS module at its share of the load.
  public var ups: any PowerLossModel
  /// Number of UPS modules sharing the load equally (≥ 1).
  public var upsCount: Int
  public var other: FacilityOverhead

  public init(
    pdu: any PowerLossModel = NoPowerLoss(), ups: any PowerLossModel = NoPowerLoss(),
    upsCount: Int = 1, other: FacilityOverhead = FacilityOverhead()
  ) {
    self.pdu = pdu
    self.ups = ups
    self.upsCount = upsCount
    self.other = other
  }

  /// Loss of the PDU of a rack drawing `rackW`, W.
  @inlinable public func pduLossW(rackW: Double) -> Double { pdu.lossW(atLoadW: rackW) }

  /// The whole chain, given the PDU losses already summed over racks (each PDU's loss is a
  /// function of its own rack, so the caller sums `pduLossW(rackW:)` over the racks it changed).
  public func facility(itPowerW: Double, pduLossW: Double, coolingW: Double)
    -> FacilityPowerBreakdown
  {
    let n = Double(max(upsCount, 1))
    let upsLoad = itPowerW + pduLossW
    let upsLoss = n * ups.lossW(atLoadW: upsLoad / n)
    return FacilityPowerBreakdown(
      itW: itPowerW, pduLossW: pduLossW, upsLossW: upsLoss, coolingW: coolingW,
      otherW: other.powerW(itPowerW: itPowerW))
  }

  /// The whole chain with the IT load shared equally by `pduCount` PDUs.
  public func facility(itPowerW: Double, pduCount: Int, coolingW: Double)
    -> FacilityPowerBreakdown
  {
    let n = Double(max(pduCount, 1))
    return facility(
      itPowerW: itPowerW, pduLossW: n * pdu.lossW(atLoadW: itPowerW / n), coolingW: coolingW)
  }

  /// Every problem with the chain's parameters, one message each.
  public func validate() -> [String] {
    var problems = other.validate()
    if upsCount < 1 { problems.append("ups.count must be >= 1, got \(upsCount)") }
    problems += pdu.validate().map { "pdu: \($0)" }
    problems += ups.validate().map { "ups: \($0)" }
    return problems
  }
}
