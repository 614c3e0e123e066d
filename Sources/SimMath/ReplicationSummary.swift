// One metric over independent replications (one value per seed): count, mean, sample standard
// deviation, the Student-t confidence interval of the mean, extremes and percentiles.
//
// Model: the definitions of `Statistics` (mean summed in index order; Bessel's n − 1 variance by
// the corrected two-pass algorithm; Hyndman & Fan definition 7 percentiles; interval
// x̄ ± t_{(1+c)/2, n−1} · s/√n with the quantile from `StudentT`). The interval assumes the
// replications are independent and the metric's mean is close to normal, which is the usual
// assumption for terminating-simulation output analysis (Law, "Simulation Modeling and
// Analysis", 5th ed., §9.4.1) [U: textbook, not re-read].
//
// Unlike `Statistics`, which traps on too small a sample, this takes data from outside: an
// empty sample or one holding NaN gives nil, and a single value gives no deviation or interval.

/// Summary statistics of one metric over replications.
public struct ReplicationSummary: Equatable, Sendable {
  /// One percentile of the sample.
  public struct Percentile: Equatable, Sendable {
    /// The percentile in [0, 100].
    public var p: Double
    /// Its value, by linear interpolation between closest ranks.
    public var value: Double

    /// Creates the pair (p, value).
    public init(p: Double, value: Double) {
      self.p = p
      self.value = value
    }
  }

  /// The number of replications n.
  public var count: Int
  /// The sample mean x̄.
  public var mean: Double
  /// The sample standard deviation s (n − 1 denominator); nil when n = 1.
  public var standardDeviation: Double?
  /// The Student-t interval x̄ ± t · s/√n; nil when n = 1.
  public var interval: ConfidenceInterval?
  /// The smallest value.
  public var minimum: Double
  /// The largest value.
  public var maximum: Double
  /// The requested percentiles, in the order asked for.
  public var percentiles: [Percentile]

  /// Summarises `values`.
  ///
  /// - Parameters:
  ///   - values: One value per replication, in replication order.
  ///   - confidence: The interval's level, strictly between 0 and 1 (default 0.95).
  ///   - percentiles: The percentiles to report, each in [0, 100] (default 5, 50, 95).
  /// - Returns: nil when `values` is empty or holds NaN.
  /// - Precondition: 0 < `confidence` < 1 and every percentile is in [0, 100].
  /// - Complexity: O(n log n) for the percentiles' sort.
  public init?(
    _ values: [Double], confidence: Double = 0.95, percentiles: [Double] = [5, 50, 95]
  ) {
    guard !values.isEmpty, !values.contains(where: \.isNaN) else { return nil }
    count = values.count
    mean = Statistics.mean(values)
    minimum = Statistics.minimum(values)
    maximum = Statistics.maximum(values)
    let ps = Statistics.percentiles(values, percentiles)
    self.percentiles = zip(percentiles, ps).map { Percentile(p: $0, value: $1) }
    if values.count >= 2 {
      standardDeviation = Statistics.standardDeviation(values)
      interval = Statistics.confidenceInterval(values, confidence: confidence)
    } else {
      standardDeviation = nil
      interval = nil
    }
  }

  /// The value of percentile `p` if it was requested.
  public func percentile(_ p: Double) -> Double? {
    percentiles.first { $0.p == p }?.value
  }
}
