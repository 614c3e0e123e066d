import Policies

/// The one registry of strategies: scenario name → factory, one table per family
/// (STYLE.md §3). A new policy is one file in `Policies` plus one line here.
public enum PolicyCatalog {
  /// A strategy family, as `racksim catalog policies` lists them.
  public enum Family: String, CaseIterable, Sendable {
    case scheduler
    case backfill
    case placement
    /// `policies.energy` (the registry is `EnergyStrategies`).
    case energy
  }

  /// One registered strategy.
  public struct Entry<P>: Sendable {
    public let name: String
    public let summary: String
    public let make: @Sendable () -> P
  }

  public static let schedulers: [Entry<any SchedulingPolicy>] = [
    Entry(
      name: FIFOScheduler.name,
      summary: "first in, first out; a job that does not fit blocks the queue",
      make: { FIFOScheduler() }),
    Entry(
      name: ShortestJobFirstScheduler.name,
      summary: "shortest estimate (else true duration) first; a job that does not fit blocks",
      make: { ShortestJobFirstScheduler() }),
    Entry(
      name: PriorityScheduler.name,
      summary: "highest priority first, then submit time; a job that does not fit blocks",
      make: { PriorityScheduler() }),
    Entry(
      name: EasyBackfillScheduler<FIFOOrder>.name,
      summary: "fifo with EASY backfilling (the same as policies.backfill: easy)",
      make: { EasyBackfillScheduler<FIFOOrder>() }),
  ]

  /// The backfill modes of `policies.backfill`.
  public static let backfills: [Entry<Void>] = [
    Entry(
      name: "none", summary: "the first job that does not fit blocks every job behind it", make: {}),
    Entry(
      name: "easy",
      summary:
        "EASY: one reservation for the blocked head; later jobs start if they do not delay it",
      make: {}),
  ]

  /// The energy strategies (names and summaries; their models come from `EnergyStrategies`).
  public static var energies: [Entry<Void>] {
    EnergyStrategies.all.map { e in Entry(name: e.name, summary: e.summary, make: {}) }
  }

  /// The scheduler for a queue order and a backfill mode, or nil for an unknown pair.
  public static func scheduler(named name: String, backfill: String) -> (any SchedulingPolicy)? {
    switch (name, backfill) {
    case (_, "none"): return scheduler(named: name)
    case ("fifo", "easy"), ("easy-backfill", "easy"): return EasyBackfillScheduler<FIFOOrder>()
    case ("sjf", "easy"): return EasyBackfillScheduler<ShortestJobFirstOrder>()
    case ("priority", "easy"): return EasyBackfillScheduler<PriorityOrder>()
    default: return nil
    }
  }

  public static let placements: [Entry<any PlacementPolicy>] = [
    Entry(
      name: FirstFitPlacement.name,
      summary: "lowest-numbered node with room; larger jobs take the first whole free nodes",
      make: { FirstFitPlacement() }),
    Entry(
      name: BestFitPlacement.name,
      summary: "the node that leaves the fewest GPUs free; larger jobs take whole free nodes",
      make: { BestFitPlacement() }),
    Entry(
      name: "thermal-aware",
      summary: "the rack that raises the hottest inlet least per kW (needs thermal:); best fit",
      make: { FilterWeigherPlacement.thermalAware }),
    Entry(
      name: "power-aware",
      summary: "only racks whose power headroom takes the job (needs power_caps:), then best fit",
      make: { FilterWeigherPlacement.powerAware }),
  ]

  public static func scheduler(named name: String) -> (any SchedulingPolicy)? {
    schedulers.first { $0.name == name }?.make()
  }

  public static func placement(named name: String) -> (any PlacementPolicy)? {
    placements.first { $0.name == name }?.make()
  }

  /// The valid names of a family, sorted.
  public static func names(of family: Family) -> [String] {
    switch family {
    case .scheduler: schedulers.map(\.name).sorted()
    case .backfill: backfills.map(\.name).sorted()
    case .placement: placements.map(\.name).sorted()
    case .energy: EnergyStrategies.names
    }
  }

  /// "unknown scheduler 'x'; valid: a, b" (with the nearest name suggested when close).
  public static func unknownNameMessage(_ name: String, family: Family) -> String {
    let valid = names(of: family)
    var message = "unknown \(family.rawValue) '\(name)'; valid: \(valid.joined(separator: ", "))"
    if let near = Suggestions.nearest(to: name, in: valid) {
      message += " (did you mean '\(near)'?)"
    }
    return message
  }
}
