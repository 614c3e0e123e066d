import Foundation

/// Maps data values onto pixels along one axis, with "nice" tick values.
///
/// **Ticks** (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the step is the
/// nice number (1, 2 or 5 × 10^k) nearest to range / (count − 1), and the domain is widened to
/// whole steps, so the ends of the axis are ticks. A log scale (base 10) puts a tick at every
/// power of ten in the widened domain. A degenerate domain (every value equal) is widened by 1
/// (or by 10 % of the value) on each side so that a flat line sits in the middle.
struct ChartScale {
  /// The data domain after widening.
  var low: Double
  var high: Double
  /// The pixel range that `low` and `high` map to.
  var start: Double
  var end: Double
  /// Log₁₀ scale (domain values must be > 0).
  var logarithmic: Bool
  /// The tick values, ascending.
  var ticks: [Double]
  /// Decimals for tick labels.
  var decimals: Int

  /// A linear scale over `values` (NaN and infinities ignored).
  init(
    linear values: [Double], pixels start: Double, _ end: Double, tickCount: Int = 6,
    includeZero: Bool = false, tight: Bool = false
  ) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    if !lo.isFinite { (lo, hi) = (0, 1) }
    if includeZero { (lo, hi) = (min(lo, 0), max(hi, 0)) }
    if lo == hi {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      (lo, hi) = (lo - pad, hi + pad)
    }
    let step = Self.niceStep((hi - lo) / Double(max(tickCount - 1, 1)))
    // Tight: the domain is the data's; the ticks are the whole steps inside it.
    let first = (lo / step).rounded(tight ? .up : .down) * step
    let last = (hi / step).rounded(tight ? .down : .up) * step
    var ticks: [Double] = []
    var k = 0.0
    while first + k * step <= last + step * 1e-9 {
      let t = first + k * step
      ticks.append(abs(t) < step * 1e-9 ? 0 : t)
      k += 1
    }
    self.low = tight ? lo : first
    self.high = tight ? hi : last
    self.start = start
    self.end = end
    logarithmic = false
    self.ticks = ticks
    decimals = max(0, -Int(log10(step).rounded(.down)))
  }

  /// A log₁₀ scale over the positive `values` (others ignored), ticks at powers of ten.
  init(log values: [Double], pixels start: Double, _ end: Double) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite && v > 0 {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    if !lo.isFinite { (lo, hi) = (1, 10) }
    var a = log10(lo).rounded(.down)
    var b = log10(hi).rounded(.up)
    if a == b { (a, b) = (a - 1, b + 1) }
    self.low = pow(10, a)
    self.high = pow(10, b)
    self.start = start
    self.end = end
    logarithmic = true
    ticks = stride(from: a, through: b, by: 1).map { pow(10, $0) }
    decimals = max(0, -Int(a))
  }

  /// The pixel of `value` (clamped to the axis for a log scale's non-positive values).
  func pixel(_ value: Double) -> Double {
    let fraction: Double
    if logarithmic {
      let v = max(value, low)
      fraction = (log10(v) - log10(low)) / (log10(high) - log10(low))
    } else {
      fraction = (value - low) / (high - low)
    }
    return start + fraction * (end - start)
  }

  /// A tick's label: fixed decimals, thousands unseparated; powers of ten ≥ 10⁶ as `1e6`.
  func label(_ value: Double) -> String {
    if logarithmic && value >= 1e6 { return "1e\(Int(log10(value).rounded()))" }
    if abs(value) >= 1e6 && !logarithmic {
      return String(format: "%.3g", value)
    }
    return String(format: "%.\(decimals)f", value)
  }

  /// 1, 2 or 5 × 10^k nearest above `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw.isFinite, raw > 0 else { return 1 }
    let exponent = log10(raw).rounded(.down)
    let base = pow(10, exponent)
    let f = raw / base
    let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
    return nice * base
  }
}
