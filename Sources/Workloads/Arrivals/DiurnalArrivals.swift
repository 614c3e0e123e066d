import SimKernel

/// A non-homogeneous Poisson process with a daily cycle, simulated by thinning.
///
/// **Rate.** λ(t) = λ̄ · w[h(t)] / w̄, where w are 24 non-negative hourly weights (hour 0
/// starts at t = 0, midnight of day one), w̄ = Σw/24 their mean, h(t) = ⌊t / 1 h⌋ mod 24, and
/// λ̄ = 1/`meanInterarrival`. Over a whole day the mean rate is λ̄, so the expected count in
/// whole days D is λ̄·D·86,400 s whatever the profile's shape.
///
/// **Thinning** (Lewis and Shedler 1979, "Simulation of nonhomogeneous Poisson processes by
/// thinning", Naval Research Logistics Quarterly 26(3)): with λ* = λ̄·max(w)/w̄ ≥ λ(t),
/// candidates are a homogeneous Poisson process of rate λ*; each is kept with probability
/// λ(t)/λ*. Draws per candidate, in order: one exponential gap (mean 1/λ*, one
/// `nextOpenDouble()`), then one `nextDouble()` u; the candidate is accepted when
/// u < w[h(t)]/max(w). Expected candidates per arrival: max(w)/w̄ ≤ 24.
public struct DiurnalArrivals: ArrivalProcess, Equatable {
  public var meanInterarrival: SimDuration
  /// 24 relative rates, one per hour of the day; only their ratios matter.
  public var profile: [Double]

  public init(meanInterarrival: SimDuration, profile: [Double]) {
    self.meanInterarrival = meanInterarrival
    self.profile = profile
  }

  /// Problems with the profile, as sentences; empty when valid.
  public static func validate(profile: [Double]) -> [String] {
    var problems: [String] = []
    if profile.count != 24 {
      problems.append("profile needs 24 hourly weights, got \(profile.count)")
    }
    for (hour, w) in profile.enumerated() where !(w >= 0 && w.isFinite) {
      problems.append("profile weight of hour \(hour) must be a finite number >= 0, got \(w)")
    }
    if profile.allSatisfy({ $0 == 0 }) { problems.append("profile weights must not all be 0") }
    return problems
  }

  /// The acceptance probability of a candidate at `time`: w[h(t)] / max(w).
  public func acceptance(at time: SimTime) -> Double {
    let hour = Int((time.nanoseconds / 3_600_000_000_000) % 24)
    return profile[hour] / (profile.max() ?? 1)
  }

  /// - Precondition: `validate(profile:)` is empty and `meanInterarrival > 0`.
  public mutating func nextArrival(after time: SimTime, using random: inout RandomStream)
    -> SimTime
  {
    let peak = profile.max() ?? 1
    let mean = profile.reduce(0, +) / Double(profile.count)
    // Candidates at rate λ* = λ̄·peak/mean, i.e. with mean gap meanInterarrival·mean/peak.
    let candidateGap = Distribution.exponential(mean: meanInterarrival.seconds * mean / peak)
    var t = time
    while true {
      t = adding(seconds: candidateGap.sample(using: &random), to: t)
      if t == .never { return .never }
      if random.nextDouble() < acceptance(at: t) { return t }
    }
  }
}
