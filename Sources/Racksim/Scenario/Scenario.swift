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
  /// The energy strategies as written (`policies.energy`: one name or a list), in order; nil
  /// when not given (then `power-cap` runs if `power_caps:` is given, else none), which keeps
  /// the scenario hash of scenarios that do not name it unchanged.
  public var energy: [String]?
  // Preemption (all nil by default, so scenarios that do not name them keep their hash).
  /// `policies.preempt`: `priority` suspends lower-priority running jobs for a blocked head.
  /// (`las`, `srtf` and `round-robin` always preempt.)
  public var preempt: Bool?
  /// `policies.las_thresholds_gpu_s`: LAS queue thresholds, ascending GPU-seconds (GPUs ×
  /// seconds run); two queues split at 3,200 GPU-s when nil.
  public var lasThresholdsGPUSeconds: [Double]?
  /// `policies.quantum`: the round-robin time slice; 10 min when nil.
  public var quantum: SimDuration?
  /// `policies.preemption_overhead`: full-speed work a preempted job redoes when it resumes
  /// (its remaining work grows by this much); 0 when nil.
  public var preemptionOverhead: SimDuration?
  public init(
    scheduler: String = "fifo", placement: String = "first-fit", backfill: String = "none",
    energy: [String]? = nil
  ) {
    self.scheduler = scheduler
    self.placement = placement
    self.backfillMode = backfill == "none" ? nil : backfill
    self.energy = energy
  }

  /// The energy strategies that run, in order (`none` removed): the list as written, or
  /// `[power-cap]` when none is written and the scenario has power caps.
  public func energyStrategies(hasPowerCaps: Bool) -> [String] {
    guard let energy else { return hasPowerCaps ? ["power-cap"] : [] }
    return energy.filter { $0 != "none" }
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
  /// A constant IT load: every node runs one whole-node job at `utilization` from `start` to
  /// `end` (the horizon when nil), so that the plant can be studied on its own.
  case constantLoad(ConstantLoadSpec)

  public var name: String {
    switch self {
    case .poisson(let source): source.name
    case .trace(let name, _, _): name
    case .constantLoad(let spec): spec.name
    }
  }
}

/// A constant IT load (`type: constant`): one job per node, each on all of the node's GPUs at
/// `utilization`, submitted at `start` and running until `end` (or past the horizon).
public struct ConstantLoadSpec: Sendable, Equatable {
  public var name: String
  public var utilization: Double
  public var start: SimDuration
  public var end: SimDuration?

  public init(
    name: String, utilization: Double, start: SimDuration = .zero, end: SimDuration? = nil
  ) {
    self.name = name
    self.utilization = utilization
    self.start = start
    self.end = end
  }

  /// The jobs on `site` up to `horizon`: node k's job is `<name>-<k+1>`.
  public func jobs(on site: Site, horizon: SimDuration) -> [TrainingJob] {
    let end = self.end ?? (horizon + .seconds(1))
    guard start < end, start <= horizon else { return [] }
    return (0..<site.nodeCount).map { n in
      TrainingJob(
        name: "\(name)-\(n + 1)", submit: .zero + start, gpus: Int(site.nodeGPUCount[n]),
        work: SimDuration(nanoseconds: end.nanoseconds - start.nanoseconds), user: name,
        gpuUtilization: utilization)
    }
  }

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if !(utilization > 0 && utilization <= 1) {
      problems.append(("gpu_utilization", "must be in (0, 1], got \(utilization)"))
    }
    if start < .zero { problems.append(("start", "must be >= 0")) }
    if let end, end <= start { problems.append(("end", "must be after start")) }
    return problems
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
  /// Parameters of the energy strategies (`energy:`); defaults when nil.
  public var energy: EnergySpec?
  /// The network fabric (`FabricModel`); no network model when nil.
  public var fabric: FabricLayoutSpec?
  /// Trace jobs dropped as invalid (`invalid_jobs: drop`: wider than the site, a negative
  /// duration, an estimate below the duration); nil when none was.
  public var traceJobsDropped: Int?
  /// One warning per trace and reason for those drops, `file:line: …`; nil when none.
  public var traceWarnings: [String]?

  public init(
    name: String, seed: UInt64 = 1, horizon: SimDuration, sampleInterval: SimDuration,
    hardware: HardwareCatalog = .builtIn, site: SiteLayout, facility: FacilitySpec = .init(),
    workloads: [WorkloadSpec], policies: PolicySelection = .init(),
    output: OutputOptions = .init(), thermal: ThermalSpec? = nil,
    powerCaps: PowerCapSpec? = nil, energy: EnergySpec? = nil, fabric: FabricLayoutSpec? = nil
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
    self.energy = energy
    self.fabric = fabric
  }

  /// Every problem with the scenario, each at its key path; empty when it can run.
  public func validate() -> [ScenarioIssue] {
    var issues: [ScenarioIssue] = []
    func add(_ path: String, _ message: String) {
      issues.append(.init(path: path, message: message))
    }
    if name.isEmpty { add("name", "must not be empty") }
    if horizon <= .zero { add("horizon", "must be > 0") }
    if horizon > ScenarioLimits.maxHorizon {
      add(
        "horizon",
        "must be at most \(ScenarioLimits.maxHorizonDescription), got "
          + "\(horizon.nanoseconds / 1_000_000_000) s")
    }
    if sampleInterval <= .zero { add("sample_interval", "must be > 0") }
    if horizon > .zero, horizon <= ScenarioLimits.maxHorizon, sampleInterval > .zero {
      issues += sampleProblems()
    }
    if !(facility.pue >= 1) {
      add("facility.pue", "must be >= 1, got \(facility.pue)")
    } else if facility.pue > ScenarioLimits.maxPUE {
      add(
        "facility.pue",
        "must be <= \(Int(ScenarioLimits.maxPUE)) (facility power / IT power; real sites are "
          + "1.05 to 3), got \(facility.pue)")
    }
    issues += facility.plant?.validate() ?? []
    for problem in hardware.validate() { add("hardware", problem) }
    let siteProblems = site.validate(against: hardware)
    for problem in siteProblems { add("site.\(problem.key)", problem.message) }
    // Job sizes are checked against a site that can be built.
    let siteCounts = siteProblems.isEmpty ? try? site.counts(against: hardware).get() : nil
    let siteGPUs = siteCounts?.gpus
    if workloads.isEmpty { add("workloads", "at least one workload is needed") }
    var workloadNames = Set<String>()
    for (i, w) in workloads.enumerated() {
      if case .constantLoad(let spec) = w {
        for problem in spec.validate() { add("workloads[\(i)].\(problem.key)", problem.message) }
      }
      if case .poisson(let source) = w {
        let problems = source.validate(horizon: horizon > .zero ? horizon : .zero)
        for problem in problems { add("workloads[\(i)].\(problem.key)", problem.message) }
        if problems.isEmpty {
          issues += jobSizeProblems(source, siteGPUs: siteGPUs, at: "workloads[\(i)].gpus")
          issues += phaseChangeProblems(source, at: "workloads[\(i)].arrivals.mean_sojourns")
        }
      }
      if !workloadNames.insert(w.name).inserted {
        add("workloads[\(i)].name", "'\(w.name)' is used twice")
      }
    }
    for problem in thermal?.validate() ?? [] { add("thermal.\(problem.key)", problem.message) }
    if let thermal {
      for problem in thermal.blockProblems(site) { add("thermal.blocks", problem) }
    }
    for problem in powerCaps?.validate() ?? [] {
      add(problem.key.isEmpty ? "power_caps" : "power_caps.\(problem.key)", problem.message)
    }
    // A per-GPU limit below the slowest state of a GPU the site uses can never hold (the
    // power-cap model refuses it too; here it is located at the key).
    if let limit = powerCaps?.gpuW, limit > 0 {
      var seen: Set<String> = []
      for hall in site.halls {
        guard let rack = hardware.rack(named: hall.rackType),
          let node = hardware.node(named: rack.node), let gpu = hardware.gpu(named: node.gpu),
          seen.insert(gpu.name).inserted, gpu.dvfsState(forPowerCapW: limit) == nil
        else { continue }
        let slowest = gpu.effectiveDVFSStates.first?.maxPowerW ?? gpu.tdpW
        add(
          "power_caps.gpu",
          "\(limit) W is below what a \(gpu.name) draws at full load in its slowest state "
            + "(\(slowest) W)")
      }
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
    if let fabric, siteProblems.isEmpty,
      case .failure(let bad) = fabric.resolve(
        site: site, catalog: hardware)
    {
      for p in bad.problems { add(p.key.isEmpty ? "fabric" : "fabric.\(p.key)", p.message) }
    }
    for (key, message) in PolicyCatalog.preemptionProblems(policies) {
      add("policies.\(key)", message)
    }
    if PolicyCatalog.placement(named: policies.placement) == nil {
      add(
        "policies.placement",
        PolicyCatalog.unknownNameMessage(policies.placement, family: .placement))
    }
    if policies.placement == "topology-aware" && fabric == nil {
      add(
        "policies.placement",
        "topology-aware placement needs a fabric: section (it packs jobs by the fabric's leaves and pods)"
      )
    }
    // Strategies that read signals need the model that publishes them.
    if policies.placement == "thermal-aware" && thermal == nil {
      add(
        "policies.placement",
        "thermal-aware placement needs a thermal: section (its recirculation matrix ranks racks)")
    }
    if policies.placement == "power-aware"
      && !policies.energyStrategies(hasPowerCaps: powerCaps != nil).contains("power-cap")
    {
      add(
        "policies.placement",
        "power-aware placement needs the power-cap strategy and its power_caps: section (it publishes the headroom placement respects)"
      )
    }
    issues += EnergyStrategies.problems(of: self)
    return issues
  }

  // MARK: - Limits

  /// The sample-count limits: `ScenarioLimits.maxSamples`, and `maxRackRows` when `racks.csv`
  /// is written. The count is ⌈horizon / sample_interval⌉, in exact integer arithmetic.
  private func sampleProblems() -> [ScenarioIssue] {
    let h = horizon.nanoseconds
    let i = sampleInterval.nanoseconds
    let samples = Int(h / i + (h % i == 0 ? 0 : 1))
    if samples > ScenarioLimits.maxSamples {
      return [
        ScenarioIssue(
          path: "sample_interval",
          message:
            "gives \(samples) samples over the horizon (horizon / sample_interval); the limit is "
            + "\(ScenarioLimits.maxSamples) samples (timeseries.csv rows)")
      ]
    }
    guard output.racks, let racks = try? site.counts(against: hardware).get().racks else {
      return []
    }
    let (rows, overflow) = samples.multipliedReportingOverflow(by: racks)
    guard overflow || rows > ScenarioLimits.maxRackRows else { return [] }
    let count = overflow ? "more than \(Int.max)" : "\(rows)"
    return [
      ScenarioIssue(
        path: "sample_interval",
        message:
          "gives \(count) racks.csv rows (\(samples) samples × \(racks) racks); the limit is "
          + "\(ScenarioLimits.maxRackRows) rows (about 60 GB of CSV): sample less often, or set "
          + "output.racks: false")
    ]
  }

  /// A Markov-modulated process whose phases would change too often: generating its jobs
  /// steps through every phase change up to the first arrival after the horizon, about
  /// 2 · (horizon − start + 1/λ) / (s₁ + s₂) of them for mean sojourns s₁, s₂ and rate λ.
  private func phaseChangeProblems(_ source: PoissonJobSource, at path: String)
    -> [ScenarioIssue]
  {
    guard case .markovModulated(_, let sojourns) = source.arrivals, sojourns.count == 2,
      let rate = source.meanRate, rate > 0
    else { return [] }
    let span = Swift.max(horizon.seconds - source.start.seconds, 0) + 1 / rate
    let changes = 2 * span / (sojourns[0].seconds + sojourns[1].seconds)
    guard changes > Double(ScenarioLimits.maxPhaseChanges) else { return [] }
    let count = changes < 9e18 ? String(Int64(changes.rounded())) : "\(changes)"
    return [
      ScenarioIssue(
        path: path,
        message:
          "the arrival phases would change about \(count) times before the first arrival "
          + "after the horizon (2 · (horizon - start + mean gap) / sum of the mean sojourns); "
          + "the limit is \(ScenarioLimits.maxPhaseChanges) phase changes")
    ]
  }

  /// A job size that cannot fit the site, or weights whose total is not finite.
  private func jobSizeProblems(_ source: PoissonJobSource, siteGPUs: Int?, at path: String)
    -> [ScenarioIssue]
  {
    var problems: [ScenarioIssue] = []
    for message in WeightedChoice<Int>.validate(weights: source.gpuWeights.map(\.weight)) {
      problems.append(ScenarioIssue(path: path, message: message))
    }
    guard let siteGPUs else { return problems }
    for w in source.gpuWeights where w.weight > 0 && w.gpus > siteGPUs {
      problems.append(
        ScenarioIssue(
          path: path,
          message: "job size \(w.gpus) GPUs is larger than the site (\(siteGPUs) GPUs)"))
    }
    return problems
  }
}

/// The largest run a scenario may describe, and why (the site's own limits are on
/// `SiteLayout`: `maxRacks`, `maxNodes`, `maxGPUs`; the workloads' on `WorkloadLimits`).
public enum ScenarioLimits {
  /// The longest horizon: 100 years, the same as `WorkloadLimits.maxDuration`, so that every
  /// submit time, duration and end time of a run fits in Int64 nanoseconds (about 292 years).
  public static let maxHorizon = WorkloadLimits.maxDuration
  /// "100 years (3155760000 s)", for messages.
  public static let maxHorizonDescription = "100 years (\(WorkloadLimits.maxSeconds) s)"
  /// The most samples in a run: 100 million (one `timeseries.csv` row and one sample event
  /// each; about 10 GB of CSV). A year at one-second sampling is 31.5 million.
  public static let maxSamples = 100_000_000
  /// The most `racks.csv` rows (samples × racks) when racks are written: one billion, about
  /// 60 GB of CSV at some 60 bytes a row, and tens of minutes of writing. The 100k-GPU site of
  /// issue 7 writes about 11 million.
  public static let maxRackRows = 1_000_000_000
  /// The most phase changes a Markov-modulated arrival process may make while its jobs are
  /// generated: 100 million (each is a few draws; about a second of generation). Mean sojourns
  /// of 1 ns over a day would be 10^14 changes, a hang.
  public static let maxPhaseChanges = 100_000_000
  /// The largest PUE: 10. Real facilities are between 1.05 and 3; a larger factor is a typo,
  /// and it keeps facility power finite for any site within the limits.
  public static let maxPUE = 10.0
}
