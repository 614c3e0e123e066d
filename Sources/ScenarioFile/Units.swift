import SimKernel

/// Why a quantity with a unit could not be read; `message` says what was expected.
public struct UnitError: Error, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// Parsers for the quantities scenario files write with units: a decimal number, optional
/// spaces, then a unit (`1.5h`, `700W`, `80GB`, `900GB/s`). Units are case-sensitive
/// (`mW` would be milliwatts, so it is not read as megawatts).
///
/// Exactness: a duration is computed in integer nanoseconds (`1.5h` is exactly
/// 5_400_000_000_000 ns; a fraction of a nanosecond rounds to nearest, ties away from zero,
/// like `SimDuration(seconds:)`). The other quantities are built by reading the decimal with the
/// unit's power of ten as its exponent (`1.3kW` is read as `1.3e3`, correctly rounded, so it
/// is exactly 1300), then multiplying by a power of two (binary prefixes, bits → bytes), which
/// is exact.
public enum Units {
  /// Nanoseconds per duration unit.
  static let durationUnits: [(unit: String, nanoseconds: Int64)] = [
    ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
    ("m", 60_000_000_000), ("min", 60_000_000_000), ("h", 3_600_000_000_000),
    ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
  ]
  /// Watts per power unit, as a power of ten.
  static let powerUnits: [(unit: String, exponent: Int, twos: Int)] = [
    ("W", 0, 0), ("kW", 3, 0), ("MW", 6, 0),
  ]
  /// Bytes per size unit: 10^exponent × 2^twos.
  static let sizeUnits: [(unit: String, exponent: Int, twos: Int)] = [
    ("B", 0, 0), ("KB", 3, 0), ("MB", 6, 0), ("GB", 9, 0), ("TB", 12, 0),
    ("KiB", 0, 10), ("MiB", 0, 20), ("GiB", 0, 30), ("TiB", 0, 40),
  ]
  /// Bytes per second per bandwidth unit: 10^exponent × 2^twos (bits are 2^-3 bytes).
  static let bandwidthUnits: [(unit: String, exponent: Int, twos: Int)] = [
    ("bps", 0, -3), ("Kbps", 3, -3), ("Mbps", 6, -3), ("Gbps", 9, -3), ("Tbps", 12, -3),
    ("B/s", 0, 0), ("KB/s", 3, 0), ("MB/s", 6, 0), ("GB/s", 9, 0), ("TB/s", 12, 0),
  ]

  static let durationExample = "a duration like 90s, 15m, 6h, 7d"
  static let powerExample = "a power like 700W, 50kW, 30MW"
  static let sizeExample = "a size like 80GB, 512MiB, 2TB"
  static let bandwidthExample = "a bandwidth like 400Gbps, 900GB/s"
  static let temperatureExample = "a temperature like 87C"

  /// Reads a duration: `ns us ms s m min h d w`, decimals allowed (`1.5h`).
  public static func duration(_ text: String) throws(UnitError) -> SimDuration {
    let expected = durationExample
    guard let (number, unit) = split(text) else { throw UnitError(got(expected, text)) }
    guard !unit.isEmpty else {
      let units = durationUnits.map(\.unit).joined(separator: ", ")
      throw UnitError("expected \(expected), got '\(text)': add a unit (\(units))")
    }
    guard let scale = durationUnits.first(where: { $0.unit == unit })?.nanoseconds else {
      throw UnitError(got(expected, text))
    }
    guard let ns = nanoseconds(number, scale: scale) else {
      throw UnitError("\(text) is too long: durations must be under 292 years")
    }
    return SimDuration(nanoseconds: ns)
  }

  /// Reads a power in watts: `W kW MW`.
  public static func power(_ text: String) throws(UnitError) -> Double {
    try scaled(text, units: powerUnits, expected: powerExample)
  }

  /// Reads a size in bytes: `B KB MB GB TB` (powers of 1000) and `KiB MiB GiB TiB` (of 1024).
  public static func size(_ text: String) throws(UnitError) -> Double {
    try scaled(text, units: sizeUnits, expected: sizeExample)
  }

  /// Reads a bandwidth in bytes per second: `bps Kbps Mbps Gbps Tbps` (bits per second) and
  /// `B/s KB/s MB/s GB/s TB/s` (bytes per second), decimal prefixes.
  public static func bandwidth(_ text: String) throws(UnitError) -> Double {
    try scaled(text, units: bandwidthUnits, expected: bandwidthExample)
  }

  /// Reads a temperature in °C: `87C` or `87°C`.
  public static func temperature(_ text: String) throws(UnitError) -> Double {
    try scaled(
      text, units: [("C", 0, 0), ("°C", 0, 0)], expected: temperatureExample)
  }

  // MARK: - Private

  /// A decimal number split into its parts: `-1.25` is (true, "1", "25").
  struct Decimal {
    var negative: Bool
    var integer: Substring
    var fraction: Substring
  }

  private static func got(_ expected: String, _ text: String) -> String {
    "expected \(expected), got '\(text)'"
  }

  /// Splits `text` into a decimal number and the unit after it (spaces between are allowed);
  /// nil when it does not start with a number.
  static func split(_ text: String) -> (Decimal, unit: String)? {
    let s = text.unicodeScalars
    var i = s.startIndex
    var negative = false
    if i < s.endIndex, s[i] == "-" || s[i] == "+" {
      negative = s[i] == "-"
      i = s.index(after: i)
    }
    let isDigit: (Unicode.Scalar) -> Bool = { $0 >= "0" && $0 <= "9" }
    let intStart = i
    while i < s.endIndex, isDigit(s[i]) { i = s.index(after: i) }
    let integer = Substring(s[intStart..<i])
    var fraction: Substring = ""
    if i < s.endIndex, s[i] == "." {
      let fracStart = s.index(after: i)
      var j = fracStart
      while j < s.endIndex, isDigit(s[j]) { j = s.index(after: j) }
      fraction = Substring(s[fracStart..<j])
      i = j
    }
    guard !integer.isEmpty || !fraction.isEmpty else { return nil }
    while i < s.endIndex, s[i] == " " { i = s.index(after: i) }
    let unit = String(s[i...])
    return (Decimal(negative: negative, integer: integer, fraction: fraction), unit)
  }

  /// `number × scale` in integer nanoseconds, the fraction rounded to nearest (ties away from
  /// zero); nil on overflow.
  static func nanoseconds(_ number: Decimal, scale: Int64) -> Int64? {
    let integerDigits = number.integer.drop { $0 == "0" }
    guard integerDigits.count <= 18 else { return nil }
    let whole = Int64(integerDigits) ?? 0
    let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    // The fraction f = digits / 10^k < 1, so f × scale < scale fits; 18 digits are plenty.
    let digits = number.fraction.prefix(18)
    var part: Int64 = 0
    if !digits.isEmpty, let numerator = Int64(digits) {
      var divisor: Int64 = 1
      for _ in 0..<digits.count { divisor *= 10 }
      let (quotient, remainder) = divisor.dividingFullWidth(
        scale.multipliedFullWidth(by: numerator))
      part = quotient + (remainder >= divisor - remainder ? 1 : 0)
    }
    let (total, overflow2) = product.addingReportingOverflow(part)
    guard !overflow2 else { return nil }
    return number.negative ? -total : total
  }

  private static func scaled(
    _ text: String, units: [(unit: String, exponent: Int, twos: Int)], expected: String
  ) throws(UnitError) -> Double {
    guard let (number, unit) = split(text),
      let scale = units.first(where: { $0.unit == unit })
    else { throw UnitError(got(expected, text)) }
    let integer = number.integer.isEmpty ? "0" : number.integer
    let literal = "\(number.negative ? "-" : "")\(integer).\(number.fraction)0e\(scale.exponent)"
    guard let value = Double(literal), value.isFinite else { throw UnitError(got(expected, text)) }
    return value * Double(sign: .plus, exponent: scale.twos, significand: 1)
  }
}
