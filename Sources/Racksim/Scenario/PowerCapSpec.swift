/// Power caps on IT power (the `power_caps:` section of a scenario), enforced by the
/// `power-cap` energy strategy: when the IT power of a capped domain would exceed its cap, the
/// GPUs of its lowest-priority jobs are lowered one DVFS state at a time until the cap holds;
/// they are raised again, highest priority first, while headroom allows.
public struct PowerCapSpec: Sendable, Equatable {
  /// A cap on one hall, by name.
  public struct HallCap: Sendable, Equatable {
    public var hall: String
    public var watts: Double
    public init(hall: String, watts: Double) {
      self.hall = hall
      self.watts = watts
    }
  }

  /// Cap on the whole site's IT power, W.
  public var siteW: Double?
  /// Cap on every rack's IT power, W.
  public var rackW: Double?
  public var halls: [HallCap]

  public init(siteW: Double? = nil, rackW: Double? = nil, halls: [HallCap] = []) {
    self.siteW = siteW
    self.rackW = rackW
    self.halls = halls
  }

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if let w = siteW, !(w.isFinite && w > 0) { problems.append(("site", "must be > 0 W")) }
    if let w = rackW, !(w.isFinite && w > 0) { problems.append(("rack", "must be > 0 W")) }
    for (i, h) in halls.enumerated() where !(h.watts.isFinite && h.watts > 0) {
      problems.append(("halls[\(i)].cap", "must be > 0 W"))
    }
    if siteW == nil && rackW == nil && halls.isEmpty {
      problems.append(("", "name at least one cap: site, rack or halls"))
    }
    return problems
  }
}
