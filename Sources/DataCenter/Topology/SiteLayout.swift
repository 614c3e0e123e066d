/// One hall of identical rows of identical racks, as a scenario describes it.
public struct HallLayout: Sendable, Equatable, Codable {
  public var name: String
  public var rows: Int
  public var racksPerRow: Int
  /// Name of a `RackType` in the catalog.
  public var rackType: String

  public init(name: String, rows: Int, racksPerRow: Int, rackType: String) {
    self.name = name
    self.rows = rows
    self.racksPerRow = racksPerRow
    self.rackType = rackType
  }
}

/// The shape of a site: its halls, in order.
public struct SiteLayout: Sendable, Equatable, Codable {
  public var halls: [HallLayout]

  public init(halls: [HallLayout]) { self.halls = halls }

  /// Every problem with the layout against `catalog`, each with the scenario key it concerns
  /// (`halls[0].rows`); empty when the site can be built.
  public func validate(against catalog: HardwareCatalog) -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if halls.isEmpty { problems.append(("halls", "at least one hall is needed")) }
    let rackTypes = Set(catalog.racks.map(\.name))
    for (i, hall) in halls.enumerated() {
      if hall.rows < 1 { problems.append(("halls[\(i)].rows", "must be >= 1, got \(hall.rows)")) }
      if hall.racksPerRow < 1 {
        problems.append(("halls[\(i)].racks_per_row", "must be >= 1, got \(hall.racksPerRow)"))
      }
      if !rackTypes.contains(hall.rackType) {
        problems.append(
          (
            "halls[\(i)].rack_type",
            "unknown rack type '\(hall.rackType)'; known: "
              + catalog.racks.map(\.name).joined(separator: ", ")
          ))
      }
    }
    var seen = Set<String>()
    for (i, hall) in halls.enumerated() where !seen.insert(hall.name).inserted {
      problems.append(("halls[\(i)].name", "'\(hall.name)' is used twice"))
    }
    if case .failure(let problem) = counts(against: catalog) {
      problems.append((problem.key, problem.message))
    }
    return problems
  }

  // MARK: - Limits

  /// The most racks a site may have: 10 million. Each rack has a name, a few array entries and
  /// a `racks.csv` row per sample, so 10 million racks are about 1 GB before any sample.
  public static let maxRacks = 10_000_000
  /// The most nodes a site may have: 10 million. A node takes about 100 bytes across the site
  /// arrays and the run's occupancy, power and availability state, so about 1 GB.
  public static let maxNodes = 10_000_000
  /// The most GPUs a site may have: 100 million. GPU IDs are `UInt32` and the site's per-node
  /// first-GPU index is `Int32` (2^31 − 1), so this leaves a factor of 20 below the narrowest
  /// type; a per-GPU power state of a few bytes stays under 1 GB.
  public static let maxGPUs = 100_000_000

  /// How many racks, nodes and GPUs the layout builds.
  public struct Counts: Sendable, Equatable {
    public var racks: Int
    public var nodes: Int
    public var gpus: Int
  }

  /// The site's rack, node and GPU counts, computed with overflow-checked arithmetic before
  /// anything is built (`rows · racks_per_row · nodes_per_rack · gpus_per_node`, summed over
  /// halls).
  /// - Returns: The counts, or the first hall at which a count passes its limit (`maxRacks`,
  ///   `maxNodes`, `maxGPUs`) or overflows, with the key of that hall. Halls with an unknown
  ///   rack type or non-positive sizes are skipped (their own problems are reported apart).
  /// - Complexity: O(halls · log types).
  public func counts(against catalog: HardwareCatalog) -> Result<
    Counts, LayoutLimitProblem
  > {
    var total = Counts(racks: 0, nodes: 0, gpus: 0)
    // Rack type → (nodes per rack, GPUs per node), looked up once per type.
    var sizes: [String: (nodes: Int, gpus: Int)] = [:]
    for rack in catalog.racks where sizes[rack.name] == nil {
      if let node = catalog.node(named: rack.node) {
        sizes[rack.name] = (rack.nodesPerRack, node.gpusPerNode)
      }
    }
    for (i, hall) in halls.enumerated() {
      guard hall.rows >= 1, hall.racksPerRow >= 1, let size = sizes[hall.rackType],
        size.nodes >= 1, size.gpus >= 1
      else { continue }
      let racks = Self.product(hall.rows, hall.racksPerRow)
      let nodes = racks.flatMap { Self.product($0, size.nodes) }
      let gpus = nodes.flatMap { Self.product($0, size.gpus) }
      let sums = (
        Self.sum(total.racks, racks), Self.sum(total.nodes, nodes), Self.sum(total.gpus, gpus)
      )
      let checks: [(String, Int?, Int)] = [
        ("racks", sums.0, Self.maxRacks), ("nodes", sums.1, Self.maxNodes),
        ("GPUs", sums.2, Self.maxGPUs),
      ]
      for (what, count, limit) in checks where count.map({ $0 > limit }) ?? true {
        let amount =
          count.map { "\($0) \(what)" } ?? "more than \(Int.max) \(what) (the count overflows)"
        return .failure(
          LayoutLimitProblem(
            key: "halls[\(i)]",
            message:
              "the site would have \(amount) by this hall (rows × racks_per_row"
              + " × nodes_per_rack × gpus_per_node, summed over halls); the limit is "
              + "\(limit) \(what)"
          ))
      }
      total = Counts(racks: sums.0!, nodes: sums.1!, gpus: sums.2!)
    }
    return .success(total)
  }

  // MARK: - Private

  private static func product(_ a: Int, _ b: Int) -> Int? {
    let (p, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : p
  }

  private static func sum(_ a: Int, _ b: Int?) -> Int? {
    guard let b else { return nil }
    let (s, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : s
  }
}

/// A site whose counts pass a limit of `SiteLayout`, at the scenario key of the hall.
public struct LayoutLimitProblem: Error, Sendable, Equatable {
  public var key: String
  public var message: String
}
