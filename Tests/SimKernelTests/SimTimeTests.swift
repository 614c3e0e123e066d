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
