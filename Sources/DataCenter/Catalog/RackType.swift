/// How a rack rejects its heat.
public enum CoolingKind: String, Sendable, Equatable, Codable, CaseIterable {
  /// Air through CRAH units.
  case air
  /// Direct liquid cooling to a warm-water loop (most of the heat), the rest to air.
  case liquid
}

/// A rack type: how many nodes of which type, behind which PDU.
public struct RackType: Sendable, Equatable, Codable {
  public var name: String
  /// Name of the `NodeType` it holds.
  public var node: String
  public var nodesPerRack: Int
  /// The PDU's rated power, W.
  public var pduRatingW: Double
  public var cooling: CoolingKind
  public var source: String

  public init(
    name: String, node: String, nodesPerRack: Int, pduRatingW: Double, cooling: CoolingKind,
    source: String
  ) {
    self.name = name
    self.node = node
    self.nodesPerRack = nodesPerRack
    self.pduRatingW = pduRatingW
    self.cooling = cooling
    self.source = source
  }

  public func validate() -> [String] {
    var problems: [String] = []
    if nodesPerRack < 1 {
      problems.append("rack '\(name)': nodes_per_rack must be >= 1, got \(nodesPerRack)")
    }
    if !(pduRatingW > 0) { problems.append("rack '\(name)': pdu_rating must be > 0 W") }
    return problems
  }
}
