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
  /// has room. Digits are produced least significant first by division by the constant 10
  /// (a multiplication once compiled) into a small stack buffer.
  public static func append(_ x: Double, decimals: Int, to bytes: inout [UInt8]) {
    guard x.isFinite else { return }
    let d = Swift.min(Swift.max(decimals, 0), 9)
    let scaled = (Swift.abs(x) * powers[d]).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else {
      bytes.append(contentsOf: x.description.utf8)
      return
    }
    var n = UInt64(scaled)
    let negative = x < 0 && n != 0
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
      var i = 32
      var written = 0
      // At least one integer digit, plus the d fraction digits.
      while n > 0 || written <= d {
        if written == d && d > 0 {
          i -= 1
          buffer[i] = UInt8(ascii: ".")
        }
        i -= 1
        buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
        n /= 10
        written += 1
      }
      if negative {
        i -= 1
        buffer[i] = UInt8(ascii: "-")
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<32]))
    }
  }

  /// Appends the decimal digits of `n`, most significant first (the scenario hash's integers).
  public static func appendDigits(_ n: UInt64, to bytes: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var rest = n
      var i = 20
      repeat {
        i -= 1
        buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
    }
  }
}
