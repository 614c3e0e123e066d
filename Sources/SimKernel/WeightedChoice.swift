/// A fixed set of values, each drawn with probability proportional to its weight.
///
/// Built once from `(value, weight)` pairs; the cumulative weights are stored, so a draw is one
/// `nextDouble()` and a binary search. Values with weight 0 are kept (their indices stay valid)
/// but never drawn.
///
/// ```swift
/// let sizes = WeightedChoice([(value: 8, weight: 3), (value: 64, weight: 1)])!
/// var random = RandomStream(seed: 7, name: "workload/gpus")
/// let gpus = sizes.sample(using: &random)  // 8 with probability 3/4, 64 with 1/4
/// ```
public struct WeightedChoice<Value>: Sendable where Value: Sendable {
  /// The values, in the order given.
  public let values: [Value]
  /// The weights, in the order given.
  public let weights: [Double]
  /// `cumulativeWeights[i]` = weights[0] + … + weights[i], summed left to right.
  public let cumulativeWeights: [Double]
  /// The index of the last value with a positive weight: the answer when rounding puts the
  /// scaled draw at the total itself.
  @usableFromInline let lastPositiveIndex: Int

  /// A choice among `choices`, or nil when `WeightedChoice.validate(weights:)` reports a problem
  /// (no choices, a weight that is negative, NaN or infinite, a zero or infinite total).
  ///
  /// The initializer is failable rather than throwing because the caller (a scenario decoder)
  /// already has the problems as sentences from `validate(weights:)`.
  /// - Complexity: O(n).
  public init?(_ choices: [(value: Value, weight: Double)]) {
    let weights = choices.map(\.weight)
    guard Self.validate(weights: weights).isEmpty else { return nil }
    var cumulative: [Double] = []
    cumulative.reserveCapacity(weights.count)
    var total = 0.0
    var lastPositive = 0
    for (index, weight) in weights.enumerated() {
      total += weight
      cumulative.append(total)
      if weight > 0 { lastPositive = index }
    }
    self.values = choices.map(\.value)
    self.weights = weights
    self.cumulativeWeights = cumulative
    self.lastPositiveIndex = lastPositive
  }

  /// The number of values.
  @inlinable public var count: Int { values.count }

  /// The sum of the weights.
  @inlinable public var totalWeight: Double { cumulativeWeights[cumulativeWeights.count - 1] }

  /// The probability of drawing the value at `index`: its weight over the total.
  public func probability(of index: Int) -> Double {
    weights[index] / totalWeight
  }

  /// One value, drawn with probability proportional to its weight.
  /// - Complexity: O(log n): one `nextDouble()` and a binary search.
  @inlinable public func sample(using random: inout RandomStream) -> Value {
    values[sampleIndex(using: &random)]
  }

  /// The index of one value, drawn with probability proportional to its weight.
  ///
  /// With u = `nextDouble()` in [0, 1) and t = u·total, the result is the first index i with
  /// t < cumulativeWeights[i]: value i owns the interval [cumulative[i−1], cumulative[i]), whose
  /// length is its weight, so a zero weight owns nothing.
  /// - Complexity: O(log n).
  @inlinable public func sampleIndex(using random: inout RandomStream) -> Int {
    let target = random.nextDouble() * totalWeight
    var low = 0
    var high = cumulativeWeights.count  // The answer lies in low..<high, or is high.
    while low < high {
      let middle = low + (high - low) / 2
      if cumulativeWeights[middle] > target {
        high = middle
      } else {
        low = middle + 1
      }
    }
    // low == count only when rounding made u·total equal the total.
    return low < cumulativeWeights.count ? low : lastPositiveIndex
  }

  // MARK: - Validation

  /// Every problem with `weights`, as sentences ("weight 2 must be >= 0, got -1"); empty when
  /// they can build a `WeightedChoice`.
  public static func validate(weights: [Double]) -> [String] {
    if weights.isEmpty { return ["weighted choice needs at least one value"] }
    var problems: [String] = []
    var total = 0.0
    for (index, weight) in weights.enumerated() {
      if !weight.isFinite || weight < 0 {
        problems.append(
          "weight \(index) must be finite and >= 0, got \(Distribution.format(weight))")
      } else {
        total += weight
      }
    }
    if problems.isEmpty {
      if total == 0 {
        problems.append("weights must not all be 0")
      } else if !total.isFinite {
        problems.append("weights must sum to a finite total, got \(total)")
      }
    }
    return problems
  }
}
