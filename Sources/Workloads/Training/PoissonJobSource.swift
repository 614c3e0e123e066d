import SimKernel

/// One GPU count a generated job may ask for, with its relative weight.
public struct GPURequestWeight: Sendable, Equatable {
  public var gpus: Int
  public var weight: Double
  public init(gpus: Int, weight: Double) {
    self.gpus = gpus
    self.weight = weight
  }
}

/// The arrival process of a generated workload, as plain data (see `Arrivals/`).
public enum ArrivalPattern: Sendable, Equatable {
  /// Homogeneous Poisson with the source's `meanInterarrival` (`PoissonArrivals`).
  case poisson
  /// A daily cycle of 24 hourly weights around the source's `meanInterarrival`
  /// (`DiurnalArrivals`).
  case diurnal(profile: [Double])
  /// Two phases with their own mean gaps and mean sojourns (`MarkovModulatedArrivals`); the
  /// source's `meanInterarrival` is not used.
  case markovModulated(meanInterarrivals: [SimDuration], meanSojourns: [SimDuration])
}

/// What a generator made: the jobs, and how many duration draws were clamped.
public struct GeneratedJobs: Sendable, Equatable {
  public var jobs: [TrainingJob]
  /// Draws outside [0, `WorkloadLimits.maxDuration`] (negative normal draws, or overflowing
  /// heavy-tailed ones) that were clamped into that range.
  public var clampedDurations: Int
}

/// Generates training jobs: arrivals from an `ArrivalPattern` (Poisson by default), a GPU
/// count from weighted choices and a duration from a distribution.
///
/// Each property draws from its own named stream (`workload/<name>/arrivals`, `…/gpus`,
/// `…/durations`, `…/users`), so changing the duration distribution leaves the arrival times
/// and sizes unchanged (DESIGN.md principle 1).
///
/// **Limits** (`WorkloadLimits`). The expected job count (horizon − start) · λ must not exceed
/// `maxGeneratedJobs` (10 million), checked by `validate(horizon:)` before anything is
/// generated; generation also stops at twice the limit as a guard for callers that skip
/// validation. A duration draw is clamped into [0, `maxDuration`] (100 years) and counted in
/// `GeneratedJobs.clampedDurations`: a lognormal with σ = 10, a Weibull with shape 0.01 or a
/// normal with a huge deviation gives jobs that never finish inside any horizon, never a trap.
public struct PoissonJobSource: Sendable, Equatable {
  public var name: String
  /// Mean time between submissions (1/λ): of the whole process for `.poisson`, averaged over a
  /// day for `.diurnal`.
  public var meanInterarrival: SimDuration
  /// How submissions are spread in time.
  public var arrivals: ArrivalPattern
  public var gpuWeights: [GPURequestWeight]
  /// Duration at full speed, seconds.
  public var duration: Distribution
  public var priority: Int
  /// Number of synthetic users `user-1` … `user-k`; each job's user is drawn uniformly.
  public var users: Int
  public var gpuUtilization: Double
  /// No job is submitted before this time.
  public var start: SimDuration
  /// When set, every job is flexible: it may be held back this long (`TrainingJob.maxDelay`).
  public var maxDelay: SimDuration?
  /// Every generated job's communication model; none when nil.
  public var communication: CommunicationSpec?

  public init(
    name: String, meanInterarrival: SimDuration, gpuWeights: [GPURequestWeight],
    duration: Distribution, priority: Int = 0, users: Int = 1, gpuUtilization: Double = 1.0,
    start: SimDuration = .zero, arrivals: ArrivalPattern = .poisson, maxDelay: SimDuration? = nil,
    communication: CommunicationSpec? = nil
  ) {
    self.name = name
    self.meanInterarrival = meanInterarrival
    self.arrivals = arrivals
    self.gpuWeights = gpuWeights
    self.duration = duration
    self.priority = priority
    self.users = users
    self.gpuUtilization = gpuUtilization
    self.start = start
    self.maxDelay = maxDelay
    self.communication = communication
  }

  /// Problems, each with the scenario key it concerns; empty when valid.
  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    switch arrivals {
    case .poisson:
      if meanInterarrival <= .zero { problems.append(("mean_interarrival", "must be > 0")) }
    case .diurnal(let profile):
      if meanInterarrival <= .zero {
        problems.append(("arrivals.mean_interarrival", "must be > 0"))
      }
      problems += DiurnalArrivals.validate(profile: profile).map { ("arrivals.profile", $0) }
    case .markovModulated(let gaps, let sojourns):
      problems += MarkovModulatedArrivals.validate(meanInterarrivals: gaps, meanSojourns: sojourns)
        .map { ("arrivals", $0) }
    }
    if gpuWeights.isEmpty { problems.append(("gpus", "needs at least one job size")) }
    for w in gpuWeights {
      if w.gpus < 1 { problems.append(("gpus", "job size must be >= 1, got \(w.gpus)")) }
      if !(w.weight >= 0) { problems.append(("gpus", "weight must be >= 0, got \(w.weight)")) }
    }
    if !gpuWeights.isEmpty && !(gpuWeights.reduce(0) { $0 + $1.weight } > 0) {
      problems.append(("gpus", "weights must not all be zero"))
    }
    problems += duration.validate().map { ("duration", $0) }
    if users < 1 { problems.append(("users", "must be >= 1, got \(users)")) }
    if start < .zero { problems.append(("start", "must be >= 0")) }
    if !(gpuUtilization > 0 && gpuUtilization <= 1) {
      problems.append(("gpu_utilization", "must be in (0, 1], got \(gpuUtilization)"))
    }
    if let communication {
      let own = communication.validate()
      problems += own.map { ("communication.\($0.key)", $0.message) }
      if own.isEmpty {
        for w in gpuWeights where w.gpus >= 1 {
          if let p = communication.sizeProblem(gpus: w.gpus) { problems.append(("gpus", p)) }
        }
      }
    }
    return problems
  }

  /// `validate()`, plus the job-count limit for a run of length `horizon`.
  public func validate(horizon: SimDuration) -> [(key: String, message: String)] {
    var problems = validate()
    guard problems.isEmpty, let expected = expectedJobCount(horizon: horizon),
      expected > Double(WorkloadLimits.maxGeneratedJobs)
    else { return problems }
    let count = expected < 9e18 ? String(Int64(expected.rounded())) : "\(expected)"
    let key = arrivals == .poisson ? "mean_interarrival" : "arrivals"
    problems.append(
      (
        key,
        "would generate about \(count) jobs before the "
          + "horizon ((horizon - start) / mean interarrival); the limit is "
          + "\(WorkloadLimits.maxGeneratedJobs) jobs per workload (about 1 GB of job records)"
      ))
    return problems
  }

  /// The mean submission rate, in jobs per second; nil when the parameters are invalid.
  public var meanRate: Double? {
    guard validate().isEmpty else { return nil }
    switch arrivals {
    case .poisson, .diurnal: return 1 / meanInterarrival.seconds
    case .markovModulated(let gaps, let sojourns):
      return MarkovModulatedArrivals(meanInterarrivals: gaps, meanSojourns: sojourns)
        .stationaryRate
    }
  }

  /// The expected number of jobs in `[start, horizon]`: (horizon − start) · `meanRate`.
  public func expectedJobCount(horizon: SimDuration) -> Double? {
    meanRate.map { Swift.max(horizon.seconds - start.seconds, 0) * $0 }
  }

  /// The jobs submitted in `[start, horizon]`, in submission order.
  /// - Complexity: O(jobs · log sizes).
  public func jobs(seed: UInt64, horizon: SimDuration) -> [TrainingJob] {
    generate(seed: seed, horizon: horizon).jobs
  }

  /// The jobs submitted in `[start, horizon]`, in submission order, with the clamp count.
  /// - Precondition: `validate()` is empty.
  /// - Complexity: O(jobs · log sizes).
  public func generate(seed: UInt64, horizon: SimDuration) -> GeneratedJobs {
    switch arrivals {
    case .poisson:
      var process = PoissonArrivals(meanInterarrival: meanInterarrival)
      return generate(seed: seed, horizon: horizon, arrivals: &process)
    case .diurnal(let profile):
      var process = DiurnalArrivals(meanInterarrival: meanInterarrival, profile: profile)
      return generate(seed: seed, horizon: horizon, arrivals: &process)
    case .markovModulated(let gaps, let sojourns):
      var process = MarkovModulatedArrivals(meanInterarrivals: gaps, meanSojourns: sojourns)
      return generate(seed: seed, horizon: horizon, arrivals: &process)
    }
  }

  // MARK: - Private

  private func generate(
    seed: UInt64, horizon: SimDuration, arrivals process: inout some ArrivalProcess
  ) -> GeneratedJobs {
    var arrivals = RandomStream(seed: seed, name: "workload/\(name)/arrivals")
    var sizes = RandomStream(seed: seed, name: "workload/\(name)/gpus")
    var durations = RandomStream(seed: seed, name: "workload/\(name)/durations")
    var userStream = RandomStream(seed: seed, name: "workload/\(name)/users")
    // validate() guarantees a non-empty list with a positive total.
    let choice = WeightedChoice(gpuWeights.map { (value: $0.gpus, weight: $0.weight) })!
    let maxSeconds = WorkloadLimits.maxDuration.seconds
    var jobs: [TrainingJob] = []
    var clamped = 0
    var t = SimTime.zero + start
    while jobs.count < 2 * WorkloadLimits.maxGeneratedJobs {
      t = process.nextArrival(after: t, using: &arrivals)
      guard t.nanoseconds <= horizon.nanoseconds else { break }
      var seconds = duration.sample(using: &durations)
      if !(seconds >= 0 && seconds <= maxSeconds) {
        clamped += 1
        seconds = seconds < 0 ? 0 : maxSeconds  // NaN cannot come from valid parameters
      }
      let user = userStream.nextInt(below: users) + 1
      jobs.append(
        TrainingJob(
          name: "\(name)-\(jobs.count + 1)", submit: t, gpus: choice.sample(using: &sizes),
          work: Swift.min(.ceiling(seconds: seconds), WorkloadLimits.maxDuration),
          priority: priority, user: "user-\(user)", gpuUtilization: gpuUtilization,
          maxDelay: maxDelay, communication: communication))
    }
    return GeneratedJobs(jobs: jobs, clampedDurations: clamped)
  }
}
