import Foundation

/// Decimal numbers read straight from the bytes of a CSV field, correctly rounded: the one
/// reader behind `CSVToSQL` (sweep.sqlite's values) and the report's `CSVScanner`.
///
/// Clinger's fast path: a mantissa of at most 2^53 and a power of ten up to 10^22 are exact
/// doubles, and one IEEE multiplication or division rounds their product or quotient
/// correctly, so the result is the correctly rounded value of the text (what strtod gives,
/// slower). Anything outside it goes to strtod.
enum DecimalText {
  /// A decimal number `[-]digits[.digits][(e|E)[+|-]digits]`, taken apart.
  struct Parts: Equatable {
    var negative: Bool
    /// The first 19 significant digits as an integer (the point skipped).
    var mantissa: UInt64
    /// How many significant digits there were (leading zeros not counted).
    var digits: Int
    /// Neither a point nor an exponent.
    var isInteger: Bool
    /// The power of ten the mantissa is scaled by (exponent minus digits after the point),
    /// valid when `digits <= 19`.
    var power: Int
  }

  /// The parts of `b[r]`, or nil when it is not a decimal number of that form.
  /// - Complexity: O(r.count).
  static func parts(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Parts? {
    var i = r.lowerBound
    var p = Parts(negative: false, mantissa: 0, digits: 0, isInteger: true, power: 0)
    if i < r.upperBound && b[i] == 0x2D {
      p.negative = true
      i += 1
    }
    var seenDigit = false
    var afterPoint = false
    while i < r.upperBound {
      let c = b[i]
      if c == 0x2E {
        if afterPoint { return nil }
        afterPoint = true
        p.isInteger = false
      } else if c >= 0x30 && c <= 0x39 {
        seenDigit = true
        if p.mantissa != 0 || c != 0x30 { p.digits += 1 }
        if p.digits <= 19 { p.mantissa = p.mantissa &* 10 &+ UInt64(c &- 0x30) }
        if afterPoint { p.power -= 1 }
      } else if c == 0x65 || c == 0x45 {
        break
      } else {
        return nil
      }
      i += 1
    }
    guard seenDigit else { return nil }
    if i < r.upperBound {  // the exponent
      p.isInteger = false
      i += 1
      let minus = i < r.upperBound && b[i] == 0x2D
      if i < r.upperBound && (b[i] == 0x2B || minus) { i += 1 }
      guard i < r.upperBound else { return nil }
      var e = 0
      while i < r.upperBound {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        if e < 100_000 { e = e * 10 + Int(b[i] &- 0x30) }
        i += 1
      }
      p.power += minus ? -e : e
    }
    return p
  }

  /// The value on Clinger's fast path, nil outside it.
  static func fastValue(_ p: Parts) -> Double? {
    guard p.digits <= 19 && p.mantissa <= 1 << 53 && (-22...22).contains(p.power) else {
      return nil
    }
    let m = Double(p.mantissa)
    let x = p.power < 0 ? m / powersOfTen[-p.power] : m * powersOfTen[p.power]
    return p.negative ? -x : x
  }

  /// The correctly rounded double of `b[r]`, a decimal number (`parts` is not nil).
  static func value(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ p: Parts) -> Double {
    if let x = fastValue(p) { return x }
    var text = [CChar](repeating: 0, count: r.count + 1)
    for i in r { text[i - r.lowerBound] = CChar(bitPattern: b[i]) }
    return text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
  }

  /// 10^0 … 10^22, each exact in a double.
  static let powersOfTen: [Double] = {
    var p: [Double] = [1]
    for _ in 1...22 { p.append(p[p.count - 1] * 10) }
    return p
  }()
}
