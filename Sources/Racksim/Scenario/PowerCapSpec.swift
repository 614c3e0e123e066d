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
  /// Cap on every row's IT power, W.
  public var rowW: Double?
  /// A power limit on every GPU, W (like `nvidia-smi -pl`): each GPU runs at most in the
  /// fastest DVFS state whose full-load power fits (REFERENCES.md §3.1), whatever its load.
  public var gpuW: Double?

  public init(
    siteW: Double? = nil, rackW: Double? = nil, halls: [HallCap] = [], rowW: Double? = nil,
    gpuW: Double? = nil
  ) {
    self.siteW = siteW
    self.rackW = rackW
    self.halls = halls
    self.rowW = rowW
    self.gpuW = gpuW
  }

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if let w = siteW, !(w.isFinite && w > 0) { problems.append(("site", "must be > 0 W")) }
    if let w = rackW, !(w.isFinite && w > 0) { problems.append(("rack", "must be > 0 W")) }
    if let w = rowW, !(w.isFinite && w > 0) { problems.append(("row", "must be > 0 W")) }
    if let w = gpuW, !(w.isFinite && w > 0) { problems.append(("gpu", "must be > 0 W")) }
    for (i, h) in halls.enumerated() where !(h.watts.isFinite && h.watts > 0) {
      problems.append(("halls[\(i)].cap", "must be > 0 W"))
    }
    if siteW == nil && rackW == nil && rowW == nil && gpuW == nil && halls.isEmpty {
      problems.append(("", "name at least one cap: site, halls, row, rack or gpu"))
    }
    return problems
  }
}
