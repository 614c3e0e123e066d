import Testing

@testable import SimKernel

@Suite struct SimTimeTests {
  /// 1.5 s = 1,500,000,000 ns; 2 h = 7,200 s; rounding is to the nearest ns, ties away from 0.
  @Test func convertsSecondsToNanoseconds() {
    #expect(SimDuration(seconds: 1.5).nanoseconds == 1_500_000_000)
    #expect(SimDuration.hours(2).nanoseconds == 7_200_000_000_000)
    #expect(SimDuration.days(7).nanoseconds == 604_800_000_000_000)
    #expect(SimDuration(seconds: 2.5e-9).nanoseconds == 3)
    #expect(SimDuration(seconds: -2.5e-9).nanoseconds == -3)
  }

  /// Completion times round up: 1.2 ns of work takes 2 ns, never 1.
  @Test func ceilingNeverEndsEarly() {
    #expect(SimDuration.ceiling(seconds: 1.2e-9).nanoseconds == 2)
    #expect(SimDuration.ceiling(seconds: 3).nanoseconds == 3_000_000_000)
    #expect(SimDuration.ceiling(seconds: 1e300).nanoseconds == .max)
  }

  /// The one rule from remaining work to time never traps (issue 7 item 3): 100 s of work at
  /// rate 0.4 takes 250 s; a rate of 1e-300 (1e11 / 1e-300 = 1e311 ns, past Int64) and a work
  /// of 9e18 ns at rate 0.5 (1.8e19 ns) give Int64.max, read as never; rate 0, a negative rate,
  /// NaN and ∞ likewise; zero work takes 0 ns.
  @Test func completionIsClampedNeverTraps() {
    #expect(SimDuration.completion(work: 100e9, rate: 0.4).nanoseconds == 250_000_000_000)
    #expect(SimDuration.completion(work: 1e11, rate: 1e-300).nanoseconds == .max)
    #expect(SimDuration.completion(work: 9e18, rate: 0.5).nanoseconds == .max)
    #expect(SimDuration.completion(work: 1, rate: 0).nanoseconds == .max)
    #expect(SimDuration.completion(work: 1, rate: -1).nanoseconds == .max)
    #expect(SimDuration.completion(work: .nan, rate: 1).nanoseconds == .max)
    #expect(SimDuration.completion(work: .infinity, rate: 1).nanoseconds == .max)
    #expect(SimDuration.completion(work: 0, rate: 1).nanoseconds == 0)
    #expect(SimDuration(seconds: .nan).nanoseconds == .max)
  }

  /// Time arithmetic saturates instead of wrapping: never + 1 ns stays never; the most
  /// negative span minus 1 stays there; `adding` reports the overflow as nil.
  @Test func timeArithmeticSaturates() {
    let one = SimDuration(nanoseconds: 1)
    #expect((SimTime.never + one) == .never)
    #expect((SimTime(nanoseconds: .min) - one).nanoseconds == .min)
    #expect((SimTime.zero - SimTime.never).nanoseconds == -Int64.max)
    #expect((SimTime(nanoseconds: .min) - SimTime.never).nanoseconds == .min)
    #expect(SimTime.never.adding(one) == nil)
    #expect(SimTime.zero.adding(one) == SimTime(nanoseconds: 1))
    #expect((SimDuration(nanoseconds: .max / 2 + 1) * 2).nanoseconds == .max)
    #expect((SimDuration(nanoseconds: -3) * Int64.max).nanoseconds == .min)
    #expect((SimDuration(nanoseconds: .max) + one).nanoseconds == .max)
  }

  @Test func arithmetic() {
    let t = SimTime(nanoseconds: 10) + SimDuration(nanoseconds: 5)
    #expect(t.nanoseconds == 15)
    #expect((t - SimTime(nanoseconds: 3)).nanoseconds == 12)
    #expect(SimTime(seconds: 2).seconds == 2)
  }

  /// A meter at 10 for 2 s then 30 for 1 s: integral 50, mean over [0, 3] = 50/3; the next
  /// interval [3, 5] at 30 has mean 30.
  @Test func timeWeightedMeans() {
    var m = TimeWeighted(value: 10)
    m.set(30, at: SimTime(seconds: 2))
    #expect(m.integral(at: SimTime(seconds: 3)) == 50)
    #expect(m.intervalMean(endingAt: SimTime(seconds: 3)) == 50.0 / 3.0)
    #expect(m.intervalMean(endingAt: SimTime(seconds: 5)) == 30)
    m.add(-5, at: SimTime(seconds: 6))
    #expect(m.value == 25)
    #expect(m.integral == 50 + 30 * 3)
  }
}
