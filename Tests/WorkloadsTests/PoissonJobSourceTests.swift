import SimKernel
import Testing

@testable import Workloads

@Suite struct PoissonJobSourceTests {
  static let source = PoissonJobSource(
    name: "w", meanInterarrival: .minutes(10),
    gpuWeights: [GPURequestWeight(gpus: 1, weight: 3), GPURequestWeight(gpus: 8, weight: 1)],
    duration: .exponential(mean: 3600), users: 4)

  /// Over 200 days at one job per 10 min, the count is Poisson with mean 200·144 = 28,800
  /// (sd √28,800 = 170): within 5 sd. Sizes: P(8 GPUs) = 1/4, so the share of 8-GPU jobs is
  /// within 5·√(0.25·0.75/28,800) = 0.0128 of 0.25. Mean duration within 5·3600/√28,800 = 106 s.
  @Test func arrivalsSizesAndDurationsFollowTheirLaws() {
    let jobs = Self.source.jobs(seed: 1, horizon: .days(200))
    #expect(abs(jobs.count - 28_800) < 850)
    let share = Double(jobs.filter { $0.gpus == 8 }.count) / Double(jobs.count)
    #expect(abs(share - 0.25) < 0.0128)
    let meanDuration = jobs.map(\.work.seconds).reduce(0, +) / Double(jobs.count)
    #expect(abs(meanDuration - 3600) < 106)
    #expect(zip(jobs, jobs.dropFirst()).allSatisfy { $0.submit <= $1.submit })
    #expect(Set(jobs.map(\.user)) == ["user-1", "user-2", "user-3", "user-4"])
  }

  /// Each property has its own stream: changing the duration law leaves arrivals and sizes
  /// exactly as they were.
  @Test func changingDurationsLeavesArrivalsAlone() {
    var other = Self.source
    other.duration = .constant(60)
    let a = Self.source.jobs(seed: 9, horizon: .days(2))
    let b = other.jobs(seed: 9, horizon: .days(2))
    #expect(a.map(\.submit) == b.map(\.submit))
    #expect(a.map(\.gpus) == b.map(\.gpus))
    #expect(b.allSatisfy { $0.work == .seconds(60) })
  }

  @Test func validationNamesTheKey() {
    var bad = Self.source
    bad.meanInterarrival = .zero
    bad.gpuWeights = [GPURequestWeight(gpus: 0, weight: 1)]
    bad.users = 0
    bad.start = .seconds(-1)
    #expect(bad.validate().map(\.key) == ["mean_interarrival", "gpus", "users", "start"])
  }
}

@Suite struct PoissonJobSourceLimitTests {
  static func source(_ duration: Distribution) -> PoissonJobSource {
    PoissonJobSource(
      name: "w", meanInterarrival: .minutes(10),
      gpuWeights: [GPURequestWeight(gpus: 1, weight: 1)], duration: duration)
  }

  /// 1 ns between jobs over 30 days: 30·86,400 s / 1e-9 s = 2.592e15 expected jobs, far over
  /// the 10,000,000 limit; reported by validate(horizon:) before anything is generated.
  @Test func tooManyJobsIsAValidationError() {
    var s = Self.source(.constant(60))
    s.meanInterarrival = SimDuration(nanoseconds: 1)
    let problems = s.validate(horizon: .days(30))
    #expect(problems.map(\.key) == ["mean_interarrival"])
    #expect(problems.first?.message.contains("about 2592000000000000 jobs") == true)
    #expect(problems.first?.message.contains("limit is 10000000") == true)
  }

  /// 1 s between jobs over 100 days: 8,640,000 expected, under the limit.
  @Test func justUnderTheLimitIsAccepted() {
    var s = Self.source(.constant(60))
    s.meanInterarrival = .seconds(1)
    #expect(s.validate(horizon: .days(100)).isEmpty)
  }

  /// The MMPP's expected count uses its stationary rate 4/105 per s (ArrivalProcessTests):
  /// over 1e9 s that is 3.8e7 jobs, over the limit.
  @Test func mmppLimitUsesTheStationaryRate() {
    var s = Self.source(.constant(60))
    s.arrivals = .markovModulated(
      meanInterarrivals: [.seconds(60), .seconds(6)], meanSojourns: [.hours(1), .minutes(10)])
    #expect(abs(s.expectedJobCount(horizon: .seconds(1e9))! - 1e9 * 4 / 105) < 1e-3)
    #expect(s.validate(horizon: .seconds(1e9)).map(\.key) == ["arrivals"])
  }

  /// Heavy tails never trap: each draw outside [0, 100 years] is clamped to the nearer end
  /// and counted, so every job's work is in [0, maxDuration] and the jobs at exactly the
  /// maximum (or, for the normal, at 0) are the clamped ones.
  /// - lognormal(ln 3600, σ 10): P(draw > 3.156e9 s) = P(z > (21.87 − 8.19)/10) ≈ 0.086;
  /// - Weibull(shape 0.01, scale 1 h): P(3600·x¹⁰⁰ > 3.156e9) = P(x > 1.147) = e^−1.147 ≈ 0.32;
  /// - normal(1 h, sd 1e30 s): |draw| < 3.2e9 has probability ≈ 2.5e-21, so every draw is
  ///   clamped, half to 0 and half to the maximum.
  @Test(arguments: [
    Distribution.lognormal(mu: PortableMath.log(3600), sigma: 10),
    .weibull(shape: 0.01, scale: 3600), .normal(mean: 3600, standardDeviation: 1e30),
  ])
  func heavyTailedDrawsAreClampedAndCounted(_ d: Distribution) {
    let generated = Self.source(d).generate(seed: 3, horizon: .days(3))
    let jobs = generated.jobs
    #expect(jobs.count > 300)  // 432 expected at one per 10 min
    #expect(jobs.allSatisfy { $0.work >= .zero && $0.work <= WorkloadLimits.maxDuration })
    let atMax = jobs.filter { $0.work == WorkloadLimits.maxDuration }.count
    if case .normal = d {
      let atZero = jobs.filter { $0.work == .zero }.count
      #expect(generated.clampedDurations == jobs.count)
      #expect(atZero + atMax == jobs.count)
      #expect(atZero > jobs.count / 4 && atMax > jobs.count / 4)
    } else {
      #expect(generated.clampedDurations == atMax)
      #expect(atMax > 0)
    }
  }

  @Test func arrivalValidationNamesTheKey() {
    var s = Self.source(.constant(60))
    s.arrivals = .diurnal(profile: [1, 2])
    #expect(s.validate().map(\.key) == ["arrivals.profile"])
    s.arrivals = .markovModulated(meanInterarrivals: [.seconds(1)], meanSojourns: [.zero, .zero])
    #expect(
      s.validate().map(\.message) == [
        "needs 2 mean interarrival times, got 1", "mean sojourn times must be > 0",
      ])
  }
}
