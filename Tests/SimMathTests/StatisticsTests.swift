import SimMath
import Testing

@Suite struct StatisticsTests {
  // x = [2, 4, 4, 4, 5, 5, 7, 9]: Σx = 40, n = 8, x̄ = 5. Deviations −3, −1, −1, −1, 0, 0, 2, 4;
  // squares 9, 1, 1, 1, 0, 0, 4, 16, sum 32. Sample variance 32/7; standard deviation √(32/7).
  let sample: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

  @Test func meanByHand() {
    #expect(Statistics.mean(sample) == 5)
  }

  @Test func sampleVarianceDividesByNMinusOne() {
    #expect(isClose(Statistics.variance(sample), 32.0 / 7))
    #expect(isClose(Statistics.standardDeviation(sample), (32.0 / 7).squareRoot()))
  }

  @Test func varianceDoesNotCancelAroundALargeOffset() {
    // Adding 1e9 to every value leaves the variance at 32/7. The one-pass formula
    // (Σx² − n x̄²)/(n − 1) would subtract two numbers near 8e18, whose spacing is 1024, and lose
    // every digit; the two-pass algorithm subtracts x̄ first. The shifted values are integers
    // below 2⁵³, so they and their sum are exact.
    let shifted = sample.map { $0 + 1e9 }
    #expect(Statistics.mean(shifted) == 1e9 + 5)
    #expect(isClose(Statistics.variance(shifted), 32.0 / 7))
  }

  @Test func minimumAndMaximum() {
    #expect(Statistics.minimum([3, -1, 7, 0]) == -1)
    #expect(Statistics.maximum([3, -1, 7, 0]) == 7)
  }

  @Test func percentilesInterpolateBetweenClosestRanks() {
    // Sorted: [15, 20, 35, 40, 50], n = 5, h = (n − 1)·p/100 = 4p/100, k = ⌊h⌋:
    //   p = 0:   h = 0              → 15 (minimum)
    //   p = 30:  h = 1.2            → 20 + 0.2·(35 − 20) = 23
    //   p = 40:  h = 1.6            → 20 + 0.6·(35 − 20) = 29 (the example on Wikipedia's
    //                                 "Percentile" page, second variant C = 1, = NumPy)
    //   p = 50:  h = 2              → 35 (median)
    //   p = 75:  h = 3              → 40
    //   p = 90:  h = 3.6            → 40 + 0.6·(50 − 40) = 46
    //   p = 100: h = 4              → 50 (maximum)
    // The input is shuffled to check that it is sorted first.
    let values: [Double] = [40, 15, 50, 35, 20]
    let ps: [Double] = [0, 30, 40, 50, 75, 90, 100]
    #expect(isClose(Statistics.percentiles(values, ps), [15, 23, 29, 35, 40, 46, 50]))
    #expect(Statistics.percentile(values, 50) == 35)
  }

  @Test func medianOfAnEvenSampleIsTheMidpoint() {
    // n = 4, p = 50: h = 1.5, so (x₍₁₎ + x₍₂₎)/2 = (2 + 10)/2 = 6.
    #expect(Statistics.percentile([10, 1, 2, 100], 50) == 6)
  }

  @Test func percentileOfOneValueIsThatValue() {
    #expect(Statistics.percentiles([4.5], [0, 37, 100]) == [4.5, 4.5, 4.5])
  }

  @Test func confidenceIntervalOfTwoPointsAtFiftyPercentIsTheirRange() {
    // x = [9, 11]: x̄ = 10, s² = (1 + 1)/1 = 2, s/√n = √2/√2 = 1. With ν = 1 the t distribution
    // is Cauchy, F(t) = ½ + atan(t)/π, so t_{0.75, 1} = tan(π/4) = 1 and the 50% interval is
    // 10 ± 1 = [9, 11].
    let ci = Statistics.confidenceInterval([9, 11], confidence: 0.5)
    #expect(ci.mean == 10)
    #expect(isClose(ci.halfWidth, 1))
    #expect(isClose(ci.low, 9) && isClose(ci.high, 11))
    #expect(ci.confidence == 0.5)
  }

  @Test func confidenceIntervalByHandWithTwoDegreesOfFreedom() {
    // x = [4, 6, 8]: x̄ = 6, s² = (4 + 0 + 4)/2 = 4, s/√n = 2/√3.
    // For ν = 2, F(t) = ½ + t/(2√(2 + t²)) (Student 1908; A&S 26.7.3), so with α = 2p − 1,
    // t_p = α·√(2/(1 − α²)). At c = 0.90, p = 0.95, α = 0.9: t = 0.9·√(2/0.19) = 2.919986…
    // (table: 2.920). Half-width = t·2/√3.
    let t = 0.9 * (2 / 0.19).squareRoot()
    let ci = Statistics.confidenceInterval([8, 4, 6], confidence: 0.90)
    #expect(ci.mean == 6)
    #expect(isClose(ci.halfWidth, t * 2 / 3.0.squareRoot(), tolerance: 1e-10))
    #expect(isClose(ci.low, 6 - t * 2 / 3.0.squareRoot(), tolerance: 1e-10))
  }

  @Test func confidenceIntervalOfOneToTenAgainstTheTable() {
    // x = 1…10: x̄ = 5.5, Σ(x − 5.5)² = 2·(0.5² + 1.5² + 2.5² + 3.5² + 4.5²) = 82.5,
    // s² = 82.5/9, s/√10 = √(82.5/90) = 0.957427…; t_{0.975, 9} = 2.262 (NIST/SEMATECH
    // e-Handbook §1.3.6.7.2). Half-width ≈ 2.262 · 0.957427 = 2.1657, and the table's rounding
    // (±0.0005) allows ±0.0005 · 0.9575 on it.
    let ci = Statistics.confidenceInterval((1...10).map(Double.init), confidence: 0.95)
    #expect(ci.mean == 5.5)
    #expect(isClose(ci.halfWidth, 2.262 * (82.5 / 90).squareRoot(), tolerance: 0.0005 * 0.9575))
  }
}
