/// Formats numbers for CSV and JSON with a fixed number of decimals, the same on every machine
/// (no locale, no libc printf): the value is scaled by 10^d, rounded half away from zero to an
/// integer, and printed as digits. NaN and infinities print as an empty field. A value too
/// large for 10^d · |x| < 9e18 prints in Swift's shortest round-trip form.
public enum FixedDecimal {
  @usableFromInline static let powers: [Double] = (0...9).map { d in
    var p = 1.0
    for _ in 0..<d { p *= 10 }
    return p
  }
  @usableFromInline static let integerPowers: [UInt64] = (0...9).map { d in
    var p: UInt64 = 1
    for _ in 0..<d { p *= 10 }
    return p
  }

  public static func format(_ x: Double, decimals: Int) -> String {
    var bytes: [UInt8] = []
    append(x, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the formatted value's ASCII digits to `bytes`; allocates nothing once `bytes`
  /// has room.
  public static func append(_ x: Double, decimals: Int, to bytes: inout [UInt8]) {
    guard x.isFinite else { return }
    let d = Swift.min(Swift.max(decimals, 0), 9)
    let scaled = (Swift.abs(x) * powers[d]).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else {
      bytes.append(contentsOf: x.description.utf8)
      return
    }
    let n = UInt64(scaled)
    if x < 0 && n != 0 { bytes.append(UInt8(ascii: "-")) }
    let p = integerPowers[d]
    appendDigits(n / p, to: &bytes)
    guard d > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    var fraction = n % p
    // The fraction's d digits, most significant first, zero-padded.
    var divisor = p / 10
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
      fraction %= divisor
      divisor /= 10
    }
  }

  /// Appends the decimal digits of `n`.
  @usableFromInline static func appendDigits(_ n: UInt64, to bytes: inout [UInt8]) {
    guard n >= 10 else {
      bytes.append(UInt8(ascii: "0") + UInt8(n))
      return
    }
    var divisor: UInt64 = 1
    while n / divisor >= 10 { divisor *= 10 }
    var rest = n
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
