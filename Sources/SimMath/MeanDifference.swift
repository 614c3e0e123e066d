// The difference of two configurations' mean metric, with a Student-t confidence interval:
// paired (common random numbers) or unpaired (Welch).
//
// Model, for samples a₁ … a_n (configuration A) and b₁ … b_m (configuration B), Δ = ā − b̄:
// - Paired-t (Law, "Simulation Modeling and Analysis", 5th ed., §10.2.1) [U: textbook, not
//   re-read]: requires n = m, aᵢ and bᵢ from the same seed (common random numbers). With
//   dᵢ = aᵢ − bᵢ, the interval is d̄ ± t_{(1+c)/2, n−1} · s_d/√n. Positive correlation between aᵢ
//   and bᵢ (what common random numbers buy) makes s_d² = s_a² + s_b² − 2 cov(a, b) small.
// - Welch (Welch 1947; Satterthwaite's degrees of freedom; Law §10.2.2) [U: textbook, not
//   re-read]: independent samples, unequal variances. se² = s_a²/n + s_b²/m,
//     ν = se⁴ / ((s_a²/n)²/(n − 1) + (s_b²/m)²/(m − 1)),
//   interval Δ ± t_{(1+c)/2, ν} · se (ν need not be an integer). When both variances are zero,
//   se = 0 and ν is undefined: the interval is the point Δ, reported with ν = n + m − 2.
// Either interval "excludes 0" when low > 0 or high < 0: the difference is significant at the
// interval's level.

/// The difference of two sample means, `mean(a) − mean(b)`, with its confidence interval.
public struct MeanDifference: Equatable, Sendable {
  /// How the interval was formed.
  public enum Method: String, Equatable, Sendable {
    /// Paired-t on the per-seed differences (common random numbers).
    case paired
    /// Welch's unequal-variance t on two independent samples.
    case welch
  }

  /// How the interval was formed.
  public var method: Method
  /// `mean(a) − mean(b)` ± the half-width.
  public var interval: ConfidenceInterval
  /// The standard error of the difference.
  public var standardError: Double
  /// The t distribution's degrees of freedom (n − 1 paired; Satterthwaite's ν for Welch).
  public var degreesOfFreedom: Double
  /// The sizes of the two samples.
  public var countA: Int
  /// The size of the second sample.
  public var countB: Int

  /// The difference of the means, the centre of `interval`.
  public var difference: Double { interval.mean }

  /// Whether the interval lies entirely above or below zero.
  public var excludesZero: Bool { interval.low > 0 || interval.high < 0 }

  /// The paired-t interval for `mean(a) − mean(b)`, pairing `a[i]` with `b[i]`.
  ///
  /// - Parameters:
  ///   - a: One value per seed for configuration A.
  ///   - b: The values for configuration B, in the same seed order.
  ///   - confidence: Strictly between 0 and 1 (default 0.95).
  /// - Returns: nil unless both have the same count n ≥ 2 and hold no NaN.
  /// - Complexity: O(n) plus one t quantile.
  public static func paired(
    _ a: [Double], _ b: [Double], confidence: Double = 0.95
  ) -> MeanDifference? {
    guard a.count == b.count, a.count >= 2, !hasNaN(a), !hasNaN(b) else { return nil }
    let d = zip(a, b).map { $0 - $1 }
    let n = Double(d.count)
    let se = (Statistics.variance(d) / n).squareRoot()
    let nu = n - 1
    let t = StudentT.criticalValue(confidence: confidence, degreesOfFreedom: nu)
    return MeanDifference(
      method: .paired,
      interval: ConfidenceInterval(
        mean: Statistics.mean(d), halfWidth: t * se, confidence: confidence),
      standardError: se, degreesOfFreedom: nu, countA: a.count, countB: b.count)
  }

  /// Welch's interval for `mean(a) − mean(b)` from two independent samples.
  ///
  /// - Parameters:
  ///   - a: The values of configuration A.
  ///   - b: The values of configuration B (any count, any order).
  ///   - confidence: Strictly between 0 and 1 (default 0.95).
  /// - Returns: nil unless both counts are at least 2 and neither holds NaN.
  /// - Complexity: O(n + m) plus one t quantile.
  public static func welch(
    _ a: [Double], _ b: [Double], confidence: Double = 0.95
  ) -> MeanDifference? {
    guard a.count >= 2, b.count >= 2, !hasNaN(a), !hasNaN(b) else { return nil }
    let n = Double(a.count)
    let m = Double(b.count)
    let va = Statistics.variance(a) / n
    let vb = Statistics.variance(b) / m
    let se2 = va + vb
    let se = se2.squareRoot()
    let nu: Double
    if se2 > 0 {
      nu = se2 * se2 / (va * va / (n - 1) + vb * vb / (m - 1))
    } else {
      nu = n + m - 2
    }
    let t = StudentT.criticalValue(confidence: confidence, degreesOfFreedom: nu)
    return MeanDifference(
      method: .welch,
      interval: ConfidenceInterval(
        mean: Statistics.mean(a) - Statistics.mean(b), halfWidth: t * se, confidence: confidence),
      standardError: se, degreesOfFreedom: nu, countA: a.count, countB: b.count)
  }

  // MARK: - Private

  private static func hasNaN(_ values: [Double]) -> Bool { values.contains(where: \.isNaN) }
}
