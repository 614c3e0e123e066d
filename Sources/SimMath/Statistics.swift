// Descriptive statistics of a sample x₁ … xₙ, and the Student-t confidence interval of its mean.
//
// Model:
// - Mean: x̄ = (Σ xᵢ)/n, summed in index order (so the same array gives the same bits).
// - Sample variance (Bessel's n − 1), by the corrected two-pass algorithm (Chan, Golub &
//   LeVeque 1983, eq. 1.7): with dᵢ = xᵢ − x̄,
//     s² = (Σ dᵢ² − (Σ dᵢ)²/n) / (n − 1).
//   The second pass avoids the catastrophic cancellation of Σxᵢ² − n x̄²; the correction term
//   removes the first-order error of a rounded x̄. Standard deviation s = √s².
// - Percentile at p ∈ [0, 100], by linear interpolation between closest ranks: Hyndman & Fan
//   (1996) definition 7, which is NumPy's default `method="linear"` and R's default `type = 7`.
//   With the sample sorted ascending as x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ (zero-based),
//     h = (n − 1) · p/100,  k = ⌊h⌋,  result = x₍ₖ₎ + (h − k)(x₍ₖ₊₁₎ − x₍ₖ₎),
//   so p = 0 gives the minimum, p = 100 the maximum and p = 50 the usual median.
// - Confidence interval for the mean at confidence c (normal sample, unknown variance):
//     x̄ ± t_{(1+c)/2, n−1} · s/√n,
//   with the t quantile computed by `StudentT` (not tabulated).
//
// Preconditions: the functions trap on too small a sample (empty; n < 2 for the variance and
// the interval), as indexing an empty array does. Callers that take data from outside check the
// count first. NaN propagates through the mean and variance; percentiles reject it.

/// Descriptive statistics of a sample of `Double`s.
public enum Statistics {
  /// The arithmetic mean (Σ xᵢ)/n.
  ///
  /// - Precondition: `values` is not empty.
  /// - Complexity: O(n).
  public static func mean(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "the mean of an empty sample is undefined")
    var sum = 0.0
    for x in values { sum += x }
    return sum / Double(values.count)
  }

  /// The sample variance with Bessel's correction, Σ(xᵢ − x̄)²/(n − 1).
  ///
  /// - Precondition: `values.count >= 2`.
  /// - Complexity: O(n), two passes.
  public static func variance(_ values: [Double]) -> Double {
    precondition(values.count >= 2, "the sample variance needs at least 2 values")
    let m = mean(values)
    var sumOfSquares = 0.0
    var sumOfDeviations = 0.0
    for x in values {
      let d = x - m
      sumOfSquares += d * d
      sumOfDeviations += d
    }
    let n = Double(values.count)
    return (sumOfSquares - sumOfDeviations * sumOfDeviations / n) / (n - 1)
  }

  /// The sample standard deviation, the square root of `variance(_:)`.
  ///
  /// - Precondition: `values.count >= 2`.
  /// - Complexity: O(n).
  public static func standardDeviation(_ values: [Double]) -> Double {
    variance(values).squareRoot()
  }

  /// The smallest value.
  ///
  /// - Precondition: `values` is not empty.
  /// - Complexity: O(n).
  public static func minimum(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "the minimum of an empty sample is undefined")
    return values.min()!
  }

  /// The largest value.
  ///
  /// - Precondition: `values` is not empty.
  /// - Complexity: O(n).
  public static func maximum(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "the maximum of an empty sample is undefined")
    return values.max()!
  }

  /// The p-th percentile by linear interpolation between closest ranks (NumPy's "linear").
  ///
  /// - Parameters:
  ///   - values: The sample, in any order.
  ///   - p: The percentile in [0, 100], e.g. 95 for the 95th percentile.
  /// - Precondition: `values` is not empty and holds no NaN.
  /// - Complexity: O(n log n) for the sort; use `percentiles(_:_:)` for several at once.
  public static func percentile(_ values: [Double], _ p: Double) -> Double {
    percentiles(values, [p])[0]
  }

  /// Several percentiles of one sample, sorting it once.
  ///
  /// - Parameters:
  ///   - values: The sample, in any order.
  ///   - ps: Percentiles in [0, 100].
  /// - Returns: One value per element of `ps`, in the same order.
  /// - Precondition: `values` is not empty and holds no NaN.
  /// - Complexity: O(n log n + k), k = `ps.count`.
  public static func percentiles(_ values: [Double], _ ps: [Double]) -> [Double] {
    precondition(!values.isEmpty, "percentiles of an empty sample are undefined")
    precondition(!values.contains { $0.isNaN }, "percentiles of a sample with NaN are undefined")
    let sorted = values.sorted()
    return ps.map { interpolatedRank(sorted, $0) }
  }

  /// The two-sided Student-t confidence interval for the mean: x̄ ± t_{(1+c)/2, n−1} · s/√n.
  ///
  /// Assumes the values are independent draws from a normal distribution (or that n is large
  /// enough for the mean to be nearly normal), e.g. one metric from replications with
  /// independent seeds.
  ///
  /// - Parameters:
  ///   - values: The sample, n ≥ 2.
  ///   - confidence: c strictly between 0 and 1, e.g. 0.95.
  /// - Precondition: `values.count >= 2` and 0 < `confidence` < 1.
  /// - Complexity: O(n) plus one t quantile.
  public static func confidenceInterval(
    _ values: [Double], confidence: Double
  ) -> ConfidenceInterval {
    precondition(values.count >= 2, "a confidence interval needs at least 2 values")
    let n = Double(values.count)
    let standardError = (variance(values) / n).squareRoot()
    let t = StudentT.criticalValue(confidence: confidence, degreesOfFreedom: n - 1)
    return ConfidenceInterval(
      mean: mean(values), halfWidth: t * standardError, confidence: confidence)
  }

  // MARK: - Private

  /// Hyndman & Fan definition 7 on an ascending, non-empty sample.
  private static func interpolatedRank(_ sorted: [Double], _ p: Double) -> Double {
    precondition(0 <= p && p <= 100, "a percentile must be in [0, 100], got \(p)")
    let h = Double(sorted.count - 1) * p / 100
    let k = Int(h)  // ⌊h⌋, as h ≥ 0
    let fraction = h - Double(k)
    guard fraction > 0, k + 1 < sorted.count else { return sorted[k] }
    let below = sorted[k]
    let above = sorted[k + 1]
    // NumPy's `_lerp`: interpolate from the nearer end, so the result stays in [below, above].
    let gap = above - below
    return fraction < 0.5 ? below + gap * fraction : above - gap * (1 - fraction)
  }
}
