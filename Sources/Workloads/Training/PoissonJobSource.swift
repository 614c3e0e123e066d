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

/// Generates training jobs: Poisson arrivals (exponential inter-arrival times), a GPU count
/// from weighted choices and a duration from a distribution.
///
/// Each property draws from its own named stream (`workload/<name>/arrivals`, `…/gpus`,
/// `…/durations`, `…/users`), so changing the duration distribution leaves the arrival times
/// and sizes unchanged (DESIGN.md principle 1).
public struct PoissonJobSource: Sendable, Equatable {
  public var name: String
  /// Mean time between submissions (1/λ).
  public var meanInterarrival: SimDuration
  public var gpuWeights: [GPURequestWeight]
  /// Duration at full speed, seconds.
  public var duration: Distribution
  public var priority: Int
  /// Number of synthetic users `user-1` … `user-k`; each job's user is drawn uniformly.
  public var users: Int
  public var gpuUtilization: Double
  /// No job is submitted before this time.
  public var start: SimDuration

  public init(
    name: String, meanInterarrival: SimDuration, gpuWeights: [GPURequestWeight],
    duration: Distribution, priority: Int = 0, users: Int = 1, gpuUtilization: Double = 1.0,
    start: SimDuration = .zero
  ) {
    self.name = name
    self.meanInterarrival = meanInterarrival
    self.gpuWeights = gpuWeights
    self.duration = duration
    self.priority = priority
    self.users = users
    self.gpuUtilization = gpuUtilization
    self.start = start
  }

  /// Problems, each with the scenario key it concerns; empty when valid.
  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if meanInterarrival <= .zero { problems.append(("mean_interarrival", "must be > 0")) }
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
    return problems
  }

  /// The jobs submitted in `[start, horizon]`, in submission order.
  /// - Complexity: O(jobs · log sizes).
  public func jobs(seed: UInt64, horizon: SimDuration) -> [TrainingJob] {
    var arrivals = RandomStream(seed: seed, name: "workload/\(name)/arrivals")
    var sizes = RandomStream(seed: seed, name: "workload/\(name)/gpus")
    var durations = RandomStream(seed: seed, name: "workload/\(name)/durations")
    var userStream = RandomStream(seed: seed, name: "workload/\(name)/users")
    // validate() guarantees a non-empty list with a positive total.
    let choice = WeightedChoice(gpuWeights.map { (value: $0.gpus, weight: $0.weight) })!
    let gap = Distribution.exponential(mean: meanInterarrival.seconds)
    var jobs: [TrainingJob] = []
    var t = SimTime.zero + start
    while true {
      t += SimDuration(seconds: gap.sample(using: &arrivals))
      guard t.nanoseconds <= horizon.nanoseconds else { break }
      let seconds = Swift.max(duration.sample(using: &durations), 0)
      let user = userStream.nextInt(below: users) + 1
      jobs.append(
        TrainingJob(
          name: "\(name)-\(jobs.count + 1)", submit: t, gpus: choice.sample(using: &sizes),
          work: .ceiling(seconds: seconds), priority: priority, user: "user-\(user)",
          gpuUtilization: gpuUtilization))
    }
    return jobs
  }
}
