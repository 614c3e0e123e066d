/// A two-sided confidence interval for a mean: `mean ± halfWidth`.
public struct ConfidenceInterval: Equatable, Sendable {
  /// The sample mean, the centre of the interval.
  public var mean: Double
  /// Half the width: the critical value times the standard error of the mean.
  public var halfWidth: Double
  /// The confidence level, e.g. 0.95.
  public var confidence: Double

  /// Creates the interval `mean ± halfWidth` at the given confidence level.
  public init(mean: Double, halfWidth: Double, confidence: Double) {
    self.mean = mean
    self.halfWidth = halfWidth
    self.confidence = confidence
  }

  /// The lower bound, `mean − halfWidth`.
  public var low: Double { mean - halfWidth }
  /// The upper bound, `mean + halfWidth`.
  public var high: Double { mean + halfWidth }
}
