/// Bounds the points of a chart, so that a 30-day site-100k run makes a page of a few
/// hundred kilobytes.
///
/// **Time series: min–max buckets.** A series of n > `limit` points is cut into `limit / 2`
/// buckets of consecutive points (bucket b holds indices ⌊b·n/B⌋ ..< ⌊(b+1)·n/B⌋); each bucket
/// keeps its minimum and its maximum, in time order. Peaks and troughs survive (a mean would
/// flatten a one-sample power spike), and the result has at most `limit` points.
///
/// **Distributions.** `quantiles` keeps `limit` evenly spaced order statistics of a sorted
/// sample: an empirical CDF drawn through them differs from the full one by at most 1/limit
/// in probability.
public enum Downsample {
  /// The most points a chart's series keeps (documented in README "Reports").
  public static let pointLimit = 2_000

  /// The indices of the points to keep of a series of `y` values.
  /// - Complexity: O(n).
  public static func minMax(_ y: [Double], limit: Int = pointLimit) -> [Int] {
    let n = y.count
    guard n > limit, limit >= 2 else { return Array(0..<n) }
    let buckets = limit / 2
    var keep: [Int] = []
    keep.reserveCapacity(buckets * 2)
    for b in 0..<buckets {
      let lo = b * n / buckets
      let hi = (b + 1) * n / buckets
      guard lo < hi else { continue }
      var iMin = lo
      var iMax = lo
      for i in lo..<hi {
        if y[i] < y[iMin] { iMin = i }
        if y[i] > y[iMax] { iMax = i }
      }
      if iMin == iMax {
        keep.append(iMin)
      } else {
        keep.append(min(iMin, iMax))
        keep.append(max(iMin, iMax))
      }
    }
    return keep
  }

  /// A series `(x, y)` reduced with `minMax`.
  public static func series(name: String, x: [Double], y: [Double], limit: Int = pointLimit)
    -> LineChart.Series
  {
    let keep = minMax(y, limit: limit)
    return LineChart.Series(name: name, x: keep.map { x[$0] }, y: keep.map { y[$0] })
  }

  /// The empirical CDF of `values` as (value, fraction ≤ value), at most `limit` points.
  /// - Complexity: O(n log n).
  public static func cdf(_ values: [Double], limit: Int = pointLimit) -> (x: [Double], y: [Double])
  {
    let sorted = values.filter(\.isFinite).sorted()
    let n = sorted.count
    guard n > 0 else { return ([], []) }
    let count = min(n, limit)
    var xs: [Double] = []
    var ys: [Double] = []
    for k in 0..<count {
      // The k-th kept point is order statistic i (1-based rank i + 1), the last is the maximum.
      let i = count == 1 ? n - 1 : k * (n - 1) / (count - 1)
      xs.append(sorted[i])
      ys.append(Double(i + 1) / Double(n))
    }
    return (xs, ys)
  }
}
