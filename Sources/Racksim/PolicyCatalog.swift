import DataCenter
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
      name: LeastAttainedServiceScheduler.name,
      summary:
        "least attained GPU-service first (Tiresias 2D-LAS queues), preemptive; "
        + "policies.las_thresholds_gpu_s",
      make: { LeastAttainedServiceScheduler(LeastAttainedService()) }),
    Entry(
      name: ShortestRemainingTimeScheduler.name,
      summary: "shortest remaining (estimated) time first, preemptive",
      make: { ShortestRemainingTimeScheduler(ShortestRemainingTime()) }),
    Entry(
      name: RoundRobinScheduler.name,
      summary: "time slicing: a job that ran a quantum yields to waiting jobs; policies.quantum",
      make: { RoundRobinScheduler(RoundRobin()) }),
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

  /// The scheduler a scenario's policies select, with their preemption options (nil for an
  /// unknown name or pair; `Scenario.validate()` says which).
  public static func scheduler(for policies: PolicySelection) -> (any SchedulingPolicy)? {
    let overhead = policies.preemptionOverhead ?? .zero
    switch (policies.scheduler, policies.backfill) {
    case ("las", "none"):
      return LeastAttainedServiceScheduler(
        LeastAttainedService(
          thresholdsGPUSeconds: policies.lasThresholdsGPUSeconds
            ?? LeastAttainedService.defaultThresholdsGPUSeconds))
    case ("srtf", "none"):
      return ShortestRemainingTimeScheduler(ShortestRemainingTime(overhead: overhead))
    case ("round-robin", "none"):
      return RoundRobinScheduler(RoundRobin(quantum: policies.quantum ?? RoundRobin.defaultQuantum))
    case ("priority", "none") where policies.preempt == true:
      return PreemptivePriorityScheduler(PreemptivePriority())
    default:
      return scheduler(named: policies.scheduler, backfill: policies.backfill)
    }
  }

  /// The schedulers that preempt whatever `policies.preempt` says.
  static let preemptiveSchedulers: Set<String> = ["las", "srtf", "round-robin"]

  /// Problems with the preemption options of `policies`, as (key under `policies`, message).
  static func preemptionProblems(_ policies: PolicySelection) -> [(String, String)] {
    var problems: [(String, String)] = []
    let name = policies.scheduler
    let preemptive =
      preemptiveSchedulers.contains(name) || (name == "priority" && policies.preempt == true)
    if policies.preempt == true && name != "priority" {
      let what =
        preemptiveSchedulers.contains(name)
        ? "'\(name)' always preempts" : "scheduler '\(name)' does not preempt"
      problems.append(("preempt", "applies to scheduler 'priority' only (\(what))"))
    }
    if name == "priority" && policies.preempt == true && policies.backfill != "none" {
      problems.append(
        ("backfill", "'\(policies.backfill)' backfilling does not combine with preempt: true"))
    }
    if let thresholds = policies.lasThresholdsGPUSeconds {
      if name != "las" {
        problems.append(("las_thresholds_gpu_s", "applies to scheduler 'las' only"))
      } else if thresholds.isEmpty {
        problems.append(("las_thresholds_gpu_s", "needs at least one threshold (GPU-seconds)"))
      } else if let bad = thresholds.first(where: { !($0 > 0 && $0 <= 1e9) }) {
        problems.append(
          ("las_thresholds_gpu_s", "thresholds must be > 0 and <= 1e9 GPU-seconds, got \(bad)"))
      } else if zip(thresholds, thresholds.dropFirst()).contains(where: { $0 >= $1 }) {
        problems.append(("las_thresholds_gpu_s", "thresholds must be strictly ascending"))
      }
    }
    if let quantum = policies.quantum {
      if name != "round-robin" {
        problems.append(("quantum", "applies to scheduler 'round-robin' only"))
      } else if quantum < .seconds(1) {
        // A quantum end is a wake-up event while jobs wait: below a second, a queue would
        // turn into billions of events a simulated day.
        problems.append(("quantum", "must be at least 1s"))
      }
    }
    if let overhead = policies.preemptionOverhead {
      if !preemptive {
        problems.append(
          (
            "preemption_overhead",
            "applies to preemptive schedulers only (\(name) does not preempt)"
          ))
      } else if overhead < .zero {
        problems.append(("preemption_overhead", "must be >= 0"))
      }
    }
    return problems
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
      name: TopologyAwarePlacement.name,
      summary: "a multi-node job in one leaf, else one pod, fewest spine hops (needs fabric:)",
      make: { TopologyAwarePlacement(nodeLeaf: [], leafPod: []) }),
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

  /// The placement policy of a scenario, built for its site: `topology-aware` gets each
  /// node's leaf (the leaf of its first host; with rails, its group's rail-0 leaf) and each
  /// leaf's pod from the scenario's fabric. Nil for an unknown name, or for `topology-aware`
  /// without a fabric that resolves (both reported by `Scenario.validate()`).
  static func placement(for scenario: Scenario, site: Site) -> (any PlacementPolicy)? {
    let name = scenario.policies.placement
    guard name == TopologyAwarePlacement.name else { return placement(named: name) }
    guard let layout = scenario.fabric,
      case .success(let spec) = layout.resolve(site: scenario.site, catalog: scenario.hardware)
    else { return nil }
    let fabric = Fabric(spec)
    let rails = spec.railsPerNode
    let nodeLeaf = (0..<site.nodeCount).map { n in
      Int32(fabric.leaf(of: HostID(raw: UInt32(n * rails))))
    }
    let leafPod = (0..<spec.leaves).map { Int32(fabric.pod(ofLeaf: $0)) }
    // Built from a fabric that resolved for this very site: a problem here is a bug.
    if let problem = TopologyAwarePlacement.validate(
      nodeLeaf: nodeLeaf, leafPod: leafPod, nodeCount: site.nodeCount)
    {
      preconditionFailure(problem)
    }
    return TopologyAwarePlacement(nodeLeaf: nodeLeaf, leafPod: leafPod)
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
