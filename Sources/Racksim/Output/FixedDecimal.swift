/// Formats numbers for CSV and JSON with a fixed number of decimals, the same on every machine
/// (no locale, no libc printf): the value is scaled by 10^d, rounded half away from zero to an
/// integer, and printed as digits. NaN and infinities print as an empty field.
public enum FixedDecimal {
  @usableFromInline static let powers: [Double] = (0...9).map { d in
    var p = 1.0
    for _ in 0..<d { p *= 10 }
    return p
  }

  public static func format(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return "" }
    precondition(decimals >= 0 && decimals <= 9)
    let scaled = (Swift.abs(x) * powers[decimals]).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else { return x.description }
    let n = UInt64(scaled)
    let negative = x < 0 && n != 0
    guard decimals > 0 else { return (negative ? "-" : "") + String(n) }
    let p = UInt64(powers[decimals])
    var fraction = String(n % p)
    if fraction.count < decimals {
      fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return (negative ? "-" : "") + String(n / p) + "." + fraction
  }
}
