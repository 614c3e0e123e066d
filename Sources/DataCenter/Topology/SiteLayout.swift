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
    for (i, hall) in halls.enumerated() {
      if hall.rows < 1 { problems.append(("halls[\(i)].rows", "must be >= 1, got \(hall.rows)")) }
      if hall.racksPerRow < 1 {
        problems.append(("halls[\(i)].racks_per_row", "must be >= 1, got \(hall.racksPerRow)"))
      }
      if catalog.rack(named: hall.rackType) == nil {
        problems.append(
          (
            "halls[\(i)].rack_type",
            "unknown rack type '\(hall.rackType)'; known: "
              + catalog.racks.map(\.name).joined(separator: ", ")
          ))
      }
    }
    let names = halls.map(\.name)
    for (i, name) in names.enumerated() where names[..<i].contains(name) {
      problems.append(("halls[\(i)].name", "'\(name)' is used twice"))
    }
    return problems
  }
}
