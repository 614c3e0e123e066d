import DataCenter
import SimKernel
import Workloads

/// A problem with a scenario, at a dotted key path (`policies.scheduler`,
/// `workloads[0].duration`). `ScenarioFile` maps the path to `file:line:column`.
public struct ScenarioIssue: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Every problem found in a scenario.
public struct ScenarioIssues: Error, Sendable, Equatable {
  public var issues: [ScenarioIssue]
  public init(_ issues: [ScenarioIssue]) { self.issues = issues }
}

/// Which strategies a run uses, by their scenario names.
public struct PolicySelection: Sendable, Equatable {
  public var scheduler: String
  public var placement: String
  /// `none` or `easy`; nil means `none` (and keeps the scenario hash of scenarios that do not
  /// name it unchanged).
  public var backfillMode: String?
  /// The backfill mode, `none` by default.
  public var backfill: String {
    get { backfillMode ?? "none" }
    set { backfillMode = newValue == "none" ? nil : newValue }
  }
  public init(
    scheduler: String = "fifo", placement: String = "first-fit", backfill: String = "none"
  ) {
    self.scheduler = scheduler
    self.placement = placement
    self.backfillMode = backfill == "none" ? nil : backfill
  }
}

/// Facility figures. For now only a constant PUE: a placeholder that the cooling-plant model
/// of a later issue replaces with chillers, CRAHs and weather.
public struct FacilitySpec: Sendable, Equatable {
  /// Facility power / IT power, ≥ 1. Placeholder for the cooling model.
  public var pue: Double
  /// The physical plant; when set, `FacilityPlantModel` replaces the constant PUE.
  public var plant: FacilityPlantSpec?
  public init(pue: Double = 1.3, plant: FacilityPlantSpec? = nil) {
    self.pue = pue
    self.plant = plant
  }
}

/// Where a run's jobs come from.
public enum WorkloadSpec: Sendable, Equatable {
  /// Generated jobs.
  case poisson(PoissonJobSource)
  /// Jobs read from a CSV trace (already parsed; `file` is kept for reports).
  case trace(name: String, file: String, jobs: [TrainingJob])

  public var name: String {
    switch self {
    case .poisson(let source): source.name
    case .trace(let name, _, _): name
    }
  }
}

/// What a run writes besides the files that are always written.
public struct OutputOptions: Sendable, Equatable {
  /// Write `racks.csv` (one row per rack per sample).
  public var racks: Bool
  public init(racks: Bool = true) { self.racks = racks }
}

/// A complete, resolved description of one run: plain values, validated all at once.
/// `ScenarioFile` builds it from YAML; tests and library users may build it in code.
public struct Scenario: Sendable, Equatable {
  public var name: String
  /// The default seed; `racksim run --seed` overrides it.
  public var seed: UInt64
  /// Simulated time span.
  public var horizon: SimDuration
  /// Length of one row of the time series.
  public var sampleInterval: SimDuration
  public var hardware: HardwareCatalog
  public var site: SiteLayout
  public var facility: FacilitySpec
  public var workloads: [WorkloadSpec]
  public var policies: PolicySelection
  public var output: OutputOptions
  /// Rack inlets and throttling; off when nil.
  public var thermal: ThermalSpec?
  /// IT power caps enforced by the power-cap strategy; none when nil.
  public var powerCaps: PowerCapSpec?

  public init(
    name: String, seed: UInt64 = 1, horizon: SimDuration, sampleInterval: SimDuration,
    hardware: HardwareCatalog = .builtIn, site: SiteLayout, facility: FacilitySpec = .init(),
    workloads: [WorkloadSpec], policies: PolicySelection = .init(),
    output: OutputOptions = .init(), thermal: ThermalSpec? = nil,
    powerCaps: PowerCapSpec? = nil
  ) {
    self.name = name
    self.seed = seed
    self.horizon = horizon
    self.sampleInterval = sampleInterval
    self.hardware = hardware
    self.site = site
    self.facility = facility
    self.workloads = workloads
    self.policies = policies
    self.output = output
    self.thermal = thermal
    self.powerCaps = powerCaps
  }

  /// Every problem with the scenario, each at its key path; empty when it can run.
  public func validate() -> [ScenarioIssue] {
    var issues: [ScenarioIssue] = []
    func add(_ path: String, _ message: String) {
      issues.append(.init(path: path, message: message))
    }
    if name.isEmpty { add("name", "must not be empty") }
    if horizon <= .zero { add("horizon", "must be > 0") }
    if sampleInterval <= .zero { add("sample_interval", "must be > 0") }
    if !(facility.pue >= 1) { add("facility.pue", "must be >= 1, got \(facility.pue)") }
    issues += facility.plant?.validate() ?? []
    for problem in hardware.validate() { add("hardware", problem) }
    for problem in site.validate(against: hardware) { add("site.\(problem.key)", problem.message) }
    if workloads.isEmpty { add("workloads", "at least one workload is needed") }
    for (i, w) in workloads.enumerated() {
      if case .poisson(let source) = w {
        for problem in source.validate() { add("workloads[\(i)].\(problem.key)", problem.message) }
      }
      if workloads[..<i].contains(where: { $0.name == w.name }) {
        add("workloads[\(i)].name", "'\(w.name)' is used twice")
      }
    }
    for problem in thermal?.validate() ?? [] { add("thermal.\(problem.key)", problem.message) }
    for problem in powerCaps?.validate() ?? [] {
      add(problem.key.isEmpty ? "power_caps" : "power_caps.\(problem.key)", problem.message)
    }
    for (i, cap) in (powerCaps?.halls ?? []).enumerated()
    where !site.halls.contains(where: { $0.name == cap.hall }) {
      add(
        "power_caps.halls[\(i)].hall",
        "unknown hall '\(cap.hall)'; halls: " + site.halls.map(\.name).joined(separator: ", "))
    }
    if PolicyCatalog.scheduler(named: policies.scheduler) == nil {
      add(
        "policies.scheduler",
        PolicyCatalog.unknownNameMessage(policies.scheduler, family: .scheduler))
    }
    if PolicyCatalog.names(of: .backfill).contains(policies.backfill) == false {
      add(
        "policies.backfill",
        PolicyCatalog.unknownNameMessage(policies.backfill, family: .backfill))
    } else if PolicyCatalog.scheduler(named: policies.scheduler) != nil
      && PolicyCatalog.scheduler(named: policies.scheduler, backfill: policies.backfill) == nil
    {
      add(
        "policies.backfill",
        "'\(policies.backfill)' backfilling does not combine with scheduler '\(policies.scheduler)'"
      )
    }
    if PolicyCatalog.placement(named: policies.placement) == nil {
      add(
        "policies.placement",
        PolicyCatalog.unknownNameMessage(policies.placement, family: .placement))
    }
    return issues
  }
}
