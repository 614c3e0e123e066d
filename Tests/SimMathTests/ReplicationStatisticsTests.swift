import SimMath
import Testing

/// Replication summaries, paired and Welch differences, and batch means, on hand-worked data.
///
/// t quantiles used below, from a printed Student-t table (two-sided 95 %, i.e. the 0.975
/// quantile): ν = 4: 2.776445; ν = 7: 2.364624; ν = 8: 2.306004.
@Suite struct ReplicationStatisticsTests {
  // x = [10, 12, 14, 16, 18]: n = 5, x̄ = 14; deviations −4, −2, 0, 2, 4, squares sum 40,
  // s² = 40/4 = 10, s = √10 = 3.162278; s/√n = √(10/5) = √2 = 1.414214.
  // Half-width t_{0.975,4}·√2 = 2.776445 × 1.4142136 = 3.926486.
  let five: [Double] = [14, 10, 18, 12, 16]

  @Test func tIntervalOnFiveNumbers() throws {
    let s = try #require(ReplicationSummary(five))
    #expect(s.count == 5)
    #expect(s.mean == 14)
    #expect(isClose(try #require(s.standardDeviation), 10.0.squareRoot()))
    let ci = try #require(s.interval)
    #expect(ci.confidence == 0.95)
    #expect(isClose(ci.halfWidth, 3.926486, tolerance: 1e-5))
    #expect(isClose(ci.low, 14 - 3.926486, tolerance: 1e-5))
    #expect(isClose(ci.high, 14 + 3.926486, tolerance: 1e-5))
    #expect(s.minimum == 10)
    #expect(s.maximum == 18)
  }

  @Test func percentilesOfReplications() throws {
    // Sorted [10, 12, 14, 16, 18], h = 4p/100: p = 5 → h = 0.2 → 10 + 0.2·2 = 10.4;
    // p = 50 → 14; p = 95 → h = 3.8 → 16 + 0.8·2 = 17.6.
    let s = try #require(ReplicationSummary(five))
    #expect(isClose(try #require(s.percentile(5)), 10.4))
    #expect(try #require(s.percentile(50)) == 14)
    #expect(isClose(try #require(s.percentile(95)), 17.6))
    #expect(s.percentile(25) == nil)
  }

  @Test func oneReplicationHasNoIntervalAndNoneIsNil() throws {
    let one = try #require(ReplicationSummary([3.5]))
    #expect(one.mean == 3.5)
    #expect(one.standardDeviation == nil)
    #expect(one.interval == nil)
    #expect(ReplicationSummary([]) == nil)
    #expect(ReplicationSummary([1, .nan]) == nil)
  }

  // Two policies on the same 5 seeds. A is `five` in seed order; B = A + 1 + noise:
  //   a = [10, 12, 14, 16, 18], b = [11, 13.2, 14.8, 17.1, 18.9].
  // Paired: d = a − b = [−1, −1.2, −0.8, −1.1, −0.9]; d̄ = −5/5 = −1; deviations 0, −0.2, 0.2,
  //   −0.1, 0.1, squares sum 0.10, s_d² = 0.025, se = √(0.025/5) = √0.005 = 0.0707107;
  //   half-width 2.776445 × 0.0707107 = 0.196324 → [−1.196324, −0.803676], excludes 0.
  // Welch: ā = 14, s_a² = 10; b̄ = 75/5 = 15, deviations −4, −1.8, −0.2, 2.1, 3.9, squares
  //   16 + 3.24 + 0.04 + 4.41 + 15.21 = 38.9, s_b² = 9.725. se² = 10/5 + 9.725/5 = 3.945,
  //   se = 1.986202; ν = 3.945² / (2²/4 + 1.945²/4) = 15.563025 / 1.945756 = 8 − 0.003025/1.945756
  //   = 7.998445.
  //   t at ν ≈ 8 is 2.306004 (the ν = 7.998 quantile is within 1e-4 of it), half-width
  //   ≈ 2.3060 × 1.986202 = 4.5802 → about [−5.58, 3.58], which contains 0.
  let a: [Double] = [10, 12, 14, 16, 18]
  let b: [Double] = [11, 13.2, 14.8, 17.1, 18.9]

  @Test func pairedDifferenceByHand() throws {
    let p = try #require(MeanDifference.paired(a, b))
    #expect(p.method == .paired)
    #expect(isClose(p.difference, -1, tolerance: 1e-12))
    #expect(isClose(p.standardError, 0.005.squareRoot(), tolerance: 1e-12))
    #expect(p.degreesOfFreedom == 4)
    #expect(isClose(p.interval.halfWidth, 0.196324, tolerance: 1e-6))
    #expect(p.excludesZero)
  }

  @Test func welchDifferenceByHand() throws {
    let w = try #require(MeanDifference.welch(a, b))
    #expect(w.method == .welch)
    #expect(isClose(w.difference, -1, tolerance: 1e-12))
    #expect(isClose(w.standardError, 3.945.squareRoot(), tolerance: 1e-12))
    #expect(isClose(w.degreesOfFreedom, 7.998445, tolerance: 1e-6))
    #expect(isClose(w.interval.halfWidth, 4.5802, tolerance: 1e-3))
    #expect(!w.excludesZero)
  }

  @Test func pairingOnCommonRandomNumbersIsMuchTighter() throws {
    // The seeds drive most of the variation (s_a² = 10), the policy only shifts it by about 1:
    // the paired half-width 0.196 is over 20 times narrower than Welch's 4.58.
    let p = try #require(MeanDifference.paired(a, b))
    let w = try #require(MeanDifference.welch(a, b))
    #expect(p.interval.halfWidth * 20 < w.interval.halfWidth)
  }

  @Test func differencesRefuseSamplesThatCannotBeCompared() {
    #expect(MeanDifference.paired([1, 2, 3], [1, 2]) == nil)  // unequal counts
    #expect(MeanDifference.paired([1], [2]) == nil)  // n = 1
    #expect(MeanDifference.welch([1, 2], [3]) == nil)
    #expect(MeanDifference.welch([1, .nan], [3, 4]) == nil)
  }

  @Test func welchOfTwoConstantSamplesIsAPoint() throws {
    // Both variances 0: se = 0, the interval is the point 5 − 2 = 3, ν = 3 + 2 − 2 = 3.
    let w = try #require(MeanDifference.welch([5, 5, 5], [2, 2]))
    #expect(w.difference == 3)
    #expect(w.interval.halfWidth == 0)
    #expect(w.degreesOfFreedom == 3)
    #expect(w.excludesZero)
  }
}

@Suite struct BatchMeansTests {
  /// 10 warm-up observations at 100, then 40 alternating 1, 3, 1, 3, … (steady mean 2).
  ///
  /// MSER-5 batch means: Z₁ = Z₂ = 100, then Z₃ … Z₁₀ = 1.8, 2.2, 1.8, 2.2, … ((1+3+1+3+1)/5
  /// and (3+1+3+1+3)/5). n = 10, d ranges over 0 … 5:
  ///   d = 2: mean 2, Σ(Z − 2)² = 8 × 0.04 = 0.32, MSER = 0.32/8² = 0.005
  ///   d = 3: 4 × 2.2 and 3 × 1.8, mean 14.2/7 = 2.028571, Σ = 4 × 0.171429² + 3 × 0.228571²
  ///          = 0.274286, MSER = 0.274286/49 = 0.005598
  ///   d = 4: mean 2, Σ = 6 × 0.04 = 0.24, MSER = 0.24/36 = 0.006667
  ///   d = 5: 3 × 2.2 and 2 × 1.8, mean 2.04, Σ = 3 × 0.0256 + 2 × 0.0576 = 0.192, /25 = 0.00768
  ///   d = 0, 1 include a 100 and are far larger.
  /// So d* = 2: delete 10 observations, not at the limit 5.
  var warmUpThenAlternating: [Double] {
    Array(repeating: 100, count: 10) + (0..<40).map { $0 % 2 == 0 ? 1 : 3 }
  }

  @Test func mserFiveDeletesTheWarmUp() {
    let (deleted, atLimit) = BatchMeans.mserTruncation(warmUpThenAlternating)
    #expect(deleted == 10)
    #expect(!atLimit)
  }

  @Test func batchMeansIntervalByHand() throws {
    // After the warm-up, 40 observations in k = 8 batches of 5: means 1.8, 2.2, … (4 of each),
    // Ȳ = 2, s² = 8 × 0.04/7 = 0.0457143, s/√8 = √(0.0457143/8) = 0.0755929,
    // half-width t_{0.975,7} × 0.0755929 = 2.364624 × 0.0755929 = 0.178749.
    let e = try #require(BatchMeans.estimate(warmUpThenAlternating, batches: 8))
    #expect(e.deletedObservations == 10)
    #expect(e.droppedObservations == 0)
    #expect(e.batchCount == 8)
    #expect(e.batchSize == 5)
    #expect(isClose(e.mean, 2, tolerance: 1e-12))
    #expect(isClose(e.interval.halfWidth, 0.178749, tolerance: 1e-6))
    #expect(!e.truncationAtLimit)
  }

  @Test func leftoverObservationsAreDroppedNextToTheWarmUp() throws {
    // 40 steady observations in 3 batches: m = ⌊40/3⌋ = 13, 40 − 39 = 1 dropped after the
    // warm-up. The first kept observation is index 11 (value 3, as odd indices after the warm-up
    // hold 3): batch 1 = indices 11…23 holds 7 threes and 6 ones, mean (21 + 6)/13 = 27/13.
    let e = try #require(BatchMeans.estimate(warmUpThenAlternating, batches: 3))
    #expect(e.deletedObservations == 10)
    #expect(e.droppedObservations == 1)
    #expect(e.batchSize == 13)
    // Batches 1…3 start at 11, 24, 37: values 3, 1, 3 first, so means 27/13, 25/13, 27/13 and
    // Ȳ = 79/39.
    #expect(isClose(e.mean, 79.0 / 39, tolerance: 1e-12))
  }

  @Test func aRunThatNeverSettlesIsFlagged() {
    // A steadily rising series: the later the cut, the smaller the spread, so MSER's minimum
    // is at the limit d = ⌊n/2⌋ = ⌊4/2⌋ = 2 batches, i.e. 10 observations.
    let rising = (0..<20).map(Double.init)
    let (deleted, atLimit) = BatchMeans.mserTruncation(rising)
    #expect(deleted == 10)
    #expect(atLimit)
  }

  @Test func tooFewObservationsGiveNoEstimate() {
    #expect(BatchMeans.estimate([1, 2, 3], batches: 10) == nil)
    #expect(BatchMeans.estimate([1, 2, 3, 4], batches: 1) == nil)
    #expect(BatchMeans.mserTruncation([1, 2, 3]) == (0, false))
  }
}
