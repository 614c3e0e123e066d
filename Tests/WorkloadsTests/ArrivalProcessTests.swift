import SimKernel
import Testing

@testable import Workloads

@Suite struct ArrivalProcessTests {
  /// Arrival counts in `[0, horizon]` for each seed.
  static func counts(
    seeds: Range<UInt64>, horizon: SimDuration, make: () -> some ArrivalProcess,
    in window: ((SimTime) -> Bool)? = nil
  ) -> [Double] {
    seeds.map { seed in
      var process = make()
      var random = RandomStream(seed: seed, name: "test/arrivals")
      var t = SimTime.zero
      var n = 0
      while true {
        t = process.nextArrival(after: t, using: &random)
        guard t.nanoseconds <= horizon.nanoseconds else { break }
        if window?(t) ?? true { n += 1 }
      }
      return Double(n)
    }
  }

  static func meanAndStandardError(_ xs: [Double]) -> (mean: Double, se: Double) {
    let mean = xs.reduce(0, +) / Double(xs.count)
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count - 1)
    return (mean, (variance / Double(xs.count)).squareRoot())
  }

  /// One arrival per minute over a day: the count is Poisson with mean 1,440 (variance 1,440).
  /// The mean of 200 seeds has standard error √(1,440/200) = 2.68; allow 5 of them (13.4).
  @Test func poissonCountMatchesRate() {
    let xs = Self.counts(seeds: 0..<200, horizon: .days(1)) {
      .poisson(meanInterarrival: .seconds(60))
    }
    let (mean, _) = Self.meanAndStandardError(xs)
    #expect(abs(mean - 1_440) < 13.4, "mean \(mean)")
  }

  /// The Poisson process takes exactly one exponential per arrival from the stream, as the
  /// generator did before arrival processes existed: first arrival = 60 s · (−ln u₁) for
  /// u₁ the stream's first `nextOpenDouble()`, rounded to the nearest nanosecond.
  @Test func poissonDrawsAreTheEarlierGeneratorsDraws() {
    var check = RandomStream(seed: 7, name: "x")
    let u1 = check.nextOpenDouble()
    var random = RandomStream(seed: 7, name: "x")
    var process = PoissonArrivals(meanInterarrival: .seconds(60))
    let first = process.nextArrival(after: .zero, using: &random)
    #expect(first == SimTime(seconds: 60 * (0 - PortableMath.log(u1))))
  }

  static let halfDayProfile = [Double](repeating: 1, count: 12) + .init(repeating: 3, count: 12)

  /// Thinning keeps a candidate at hour h with probability w[h]/max(w): 1/3 in hours 0–11,
  /// 1 in hours 12–23, and the hour wraps every 24 h (hour 29 is hour 5).
  @Test func thinningAcceptanceIsWeightOverPeak() {
    let p = DiurnalArrivals(meanInterarrival: .seconds(60), profile: Self.halfDayProfile)
    #expect(p.acceptance(at: SimTime(seconds: 5 * 3600)) == 1.0 / 3)
    #expect(p.acceptance(at: SimTime(seconds: 13 * 3600)) == 1)
    #expect(p.acceptance(at: SimTime(seconds: 29 * 3600)) == 1.0 / 3)
  }

  /// Weights 1 (hours 0–11) and 3 (hours 12–23) have mean w̄ = 2, so with λ̄ = 1/min the rate
  /// is λ̄/2 in the morning and 3λ̄/2 in the afternoon: expected counts per day 720·½ = 360
  /// and 720·3/2 = 1,080 (1,440 in all). Counts are Poisson (variance = mean), so over 100
  /// seeds the mean has standard error √(360/100) = 1.9 and √(1,080/100) = 3.3; allow 5.
  @Test func diurnalCountsFollowTheProfile() {
    let make = { DiurnalArrivals(meanInterarrival: .seconds(60), profile: Self.halfDayProfile) }
    let morning = Self.counts(seeds: 0..<100, horizon: .days(1), make: make) {
      $0.nanoseconds < 43_200_000_000_000
    }
    let afternoon = Self.counts(seeds: 0..<100, horizon: .days(1), make: make) {
      $0.nanoseconds >= 43_200_000_000_000
    }
    let m = Self.meanAndStandardError(morning).mean
    let a = Self.meanAndStandardError(afternoon).mean
    #expect(abs(m - 360) < 9.5, "morning \(m)")
    #expect(abs(a - 1_080) < 16.5, "afternoon \(a)")
  }

  /// A zero weight means no arrival at all in that hour (the candidate is always rejected).
  @Test func zeroWeightHoursGetNoArrivals() {
    var profile = [Double](repeating: 1, count: 24)
    for h in 0..<6 { profile[h] = 0 }
    for seed: UInt64 in 0..<5 {
      var process = DiurnalArrivals(meanInterarrival: .seconds(30), profile: profile)
      var random = RandomStream(seed: seed, name: "d")
      var t = SimTime.zero
      while true {
        t = process.nextArrival(after: t, using: &random)
        guard t.nanoseconds <= SimDuration.days(3).nanoseconds else { break }
        let hour = (t.nanoseconds / 3_600_000_000_000) % 24
        #expect(hour >= 6, "seed \(seed): arrival at hour \(hour)")
      }
    }
  }

  /// Phases: mean gaps 60 s and 6 s (r1 = 1/60, r2 = 1/6 per s), mean sojourns 1 h and 10 min
  /// (q12 = 1/3600, q21 = 1/600). By hand: λ = (r1·q21 + r2·q12)/(q12 + q21)
  /// = (1/36,000 + 1/21,600)/(7/3,600) = (8/108,000)·(3,600/7) = 4/105 ≈ 0.038095 per s,
  /// i.e. 86,400·4/105 = 3,291.43 arrivals per day.
  static let mmpp = MarkovModulatedArrivals(
    meanInterarrivals: [.seconds(60), .seconds(6)], meanSojourns: [.hours(1), .minutes(10)])

  @Test func mmppStationaryRateIsDerivedByHand() {
    #expect(abs(Self.mmpp.stationaryRate - 4.0 / 105) < 1e-15)
  }

  /// The process starts in its stationary phase distribution, so E[count in a day] is exactly
  /// 3,291.43. Counts are over-dispersed (bursts), so the standard error is estimated from
  /// the 300 seeds' sample deviation; allow 5 of them.
  @Test func mmppCountMatchesStationaryRate() {
    let xs = Self.counts(seeds: 0..<300, horizon: .days(1)) { Self.mmpp }
    let (mean, se) = Self.meanAndStandardError(xs)
    #expect(abs(mean - 86_400 * 4 / 105) < 5 * se, "mean \(mean), se \(se)")
    // Over-dispersion: a Poisson count would have standard error √(3,291/300) = 3.3.
    #expect(se > 3.3, "se \(se)")
  }

  /// A gap that would pass Int64 nanoseconds gives `.never`, not a wrapped time.
  @Test func overflowingGapIsNever() {
    var process = PoissonArrivals(meanInterarrival: SimDuration(nanoseconds: .max / 2))
    var random = RandomStream(seed: 1, name: "o")
    var t = SimTime(nanoseconds: .max / 2)
    for _ in 0..<20 where t != .never { t = process.nextArrival(after: t, using: &random) }
    #expect(t == .never)
  }
}
