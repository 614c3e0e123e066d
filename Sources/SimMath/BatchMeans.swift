// The steady-state mean of one long run: MSER-5 warm-up deletion, then non-overlapping batch
// means with a Student-t interval.
//
// Model, for equally spaced observations x₁ … x_N of one run (e.g. a time series' samples):
// 1. Warm-up (MSER-5; White 1997, Spratt 1998; compared in White, Cobb & Spratt, "A comparison
//    of five steady-state truncation heuristics", WSC 2000) [U: papers, not re-read]. Group the
//    data into n = ⌊N/5⌋ consecutive batches of 5 (a final partial batch is ignored) with means
//    Z₁ … Z_n. For each d in 0 … ⌊n/2⌋ compute
//      MSER(d) = Σ_{i=d+1}^{n} (Zᵢ − Z̄_d)² / (n − d)²,  Z̄_d = mean of Z_{d+1} … Z_n,
//    and take the smallest d* with the least MSER(d). Delete the first 5·d* observations. The
//    search stops at n/2 because a minimum in the second half means the run is too short to
//    have left its warm-up; `truncationAtLimit` reports d* = ⌊n/2⌋.
// 2. Batch means (Law, "Simulation Modeling and Analysis", 5th ed., §9.5.3) [U: textbook, not
//    re-read]. The N' = N − 5·d* remaining observations form k batches of m = ⌊N'/k⌋; the
//    N' − k·m leftover observations are dropped from the start (nearest the warm-up). With the
//    batch means Y₁ … Y_k, the estimate is Ȳ ± t_{(1+c)/2, k−1} · s_Y/√k. Batches must be long
//    enough for their means to be nearly independent and normal; k = 10 to 30 is the usual
//    advice, 10 the default here.

/// A steady-state mean from one run, after warm-up deletion, with its batch-means interval.
public struct SteadyStateEstimate: Equatable, Sendable {
  /// The observations deleted as warm-up (5 · d*).
  public var deletedObservations: Int
  /// Leftover observations dropped after the warm-up so that the batches are equal.
  public var droppedObservations: Int
  /// The number of batches k.
  public var batchCount: Int
  /// The observations per batch m.
  public var batchSize: Int
  /// The mean of the batch means ± t · s/√k.
  public var interval: ConfidenceInterval
  /// Whether MSER-5's minimum fell at its search limit (half the run): the run is probably
  /// too short for a steady state, and the estimate should not be trusted.
  public var truncationAtLimit: Bool

  /// The estimated steady-state mean.
  public var mean: Double { interval.mean }
}

/// Batch-means output analysis of a single long run.
public enum BatchMeans {
  /// The size of MSER-5's batches.
  public static let mserBatchSize = 5

  /// MSER-5's warm-up: how many leading observations to delete (a multiple of 5).
  ///
  /// - Parameter observations: Equally spaced observations of one run, in time order.
  /// - Returns: 5 · d* and whether d* hit its search limit ⌊n/2⌋; (0, false) when there are
  ///   fewer than two batches of 5 or the data holds NaN.
  /// - Complexity: O(N): the suffix sums of the batch means are accumulated once.
  public static func mserTruncation(
    _ observations: [Double]
  ) -> (deleted: Int, atLimit: Bool) {
    let size = mserBatchSize
    let n = observations.count / size
    guard n >= 2, !observations.contains(where: \.isNaN) else { return (0, false) }
    var z: [Double] = []
    z.reserveCapacity(n)
    for i in 0..<n {
      var sum = 0.0
      for x in observations[(i * size)..<((i + 1) * size)] { sum += x }
      z.append(sum / Double(size))
    }
    let limit = n / 2
    // Suffix sums from the end, so each d costs O(1): Σ(Zᵢ − Z̄)² = Σ Zᵢ² − (Σ Zᵢ)²/(n − d).
    // The values are shifted by Z_n first, which keeps the subtraction well conditioned.
    let shift = z[n - 1]
    var sum = 0.0
    var sumOfSquares = 0.0
    var best = (d: 0, value: Double.infinity)
    var scores = [Double](repeating: 0, count: limit + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      let y = z[i] - shift
      sum += y
      sumOfSquares += y * y
      if i <= limit {
        let count = Double(n - i)
        let squares = max(0, sumOfSquares - sum * sum / count)
        scores[i] = squares / (count * count)
      }
    }
    for d in 0...limit where scores[d] < best.value { best = (d, scores[d]) }
    return (best.d * size, best.d == limit)
  }

  /// The steady-state mean with MSER-5 warm-up deletion and `batches` batch means.
  ///
  /// - Parameters:
  ///   - observations: Equally spaced observations of one run, in time order.
  ///   - batches: k ≥ 2 (default 10).
  ///   - confidence: Strictly between 0 and 1 (default 0.95).
  /// - Returns: nil when fewer than `batches` observations remain after the warm-up, when
  ///   `batches` < 2, or when the data holds NaN.
  /// - Complexity: O(N) plus one t quantile.
  public static func estimate(
    _ observations: [Double], batches: Int = 10, confidence: Double = 0.95
  ) -> SteadyStateEstimate? {
    guard batches >= 2, !observations.contains(where: \.isNaN) else { return nil }
    let (deleted, atLimit) = mserTruncation(observations)
    let remaining = observations.count - deleted
    let size = remaining / batches
    guard size >= 1 else { return nil }
    let dropped = remaining - size * batches
    let start = deleted + dropped
    var means: [Double] = []
    means.reserveCapacity(batches)
    for b in 0..<batches {
      let from = start + b * size
      var sum = 0.0
      for x in observations[from..<(from + size)] { sum += x }
      means.append(sum / Double(size))
    }
    return SteadyStateEstimate(
      deletedObservations: deleted, droppedObservations: dropped, batchCount: batches,
      batchSize: size,
      interval: Statistics.confidenceInterval(means, confidence: confidence),
      truncationAtLimit: atLimit)
  }
}
