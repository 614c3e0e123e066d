/// Exact parsing of the numbers and times that trace files hold, straight from their bytes.
///
/// Seconds are read as decimal text (`12`, `1.25`, `1e10`, `-0.5`) and converted to integer
/// nanoseconds exactly, never through a `Double` (like `Units.duration` in ScenarioFile):
/// mantissa digits are accumulated as an integer (up to 19 significant digits; later digits
/// only decide rounding) and scaled by a power of ten with overflow checks. Sub-nanosecond
/// digits round up for durations (a job never ends before its work is done, the rule of
/// `SimDuration.ceiling`) and to nearest, ties away from zero, for instants (the rule of
/// `SimTime(seconds:)`), so plain inputs give exactly what the earlier reader gave.
enum TraceNumber {
  /// How digits below one nanosecond are rounded.
  enum Rounding {
    /// Up (away from zero): for durations.
    case up
    /// To nearest, ties away from zero: for instants.
    case nearest
  }

  /// The result of reading a number of seconds.
  enum Seconds: Equatable {
    /// Nanoseconds (possibly negative).
    case nanoseconds(Int64)
    /// Not a decimal number.
    case invalid
    /// Larger in magnitude than `Int64` nanoseconds.
    case tooLarge(negative: Bool)
  }

  /// Reads decimal seconds from `bytes[range]`.
  /// - Complexity: O(range.count).
  static func seconds(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, rounding: Rounding
  ) -> Seconds {
    var i = range.lowerBound
    let end = range.upperBound
    var negative = false
    if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0  // value = mantissa · 10^exponent seconds
    var sticky = false  // a nonzero digit was dropped beyond 19 significant digits
    var digits = 0
    func digit(_ b: UInt8, afterPoint: Bool) {
      let d = UInt64(b &- UInt8(ascii: "0"))
      digits += 1
      if significant == 0 && d == 0 {
        if afterPoint { exponent -= 1 }
        return
      }
      if significant < 19 {
        mantissa = mantissa * 10 + d
        significant += 1
        if afterPoint { exponent -= 1 }
      } else {
        if d != 0 { sticky = true }
        if !afterPoint { exponent += 1 }
      }
    }
    while i < end, bytes[i] &- UInt8(ascii: "0") < 10 {
      digit(bytes[i], afterPoint: false)
      i += 1
    }
    if i < end, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, bytes[i] &- UInt8(ascii: "0") < 10 {
        digit(bytes[i], afterPoint: true)
        i += 1
      }
    }
    guard digits > 0 else { return .invalid }
    if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      var expNegative = false
      if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        expNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < end, bytes[i] &- UInt8(ascii: "0") < 10 {
        e = Swift.min(e * 10 + Int(bytes[i] &- UInt8(ascii: "0")), 100_000)
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return .invalid }
      exponent += expNegative ? -e : e
    }
    guard i == end else { return .invalid }
    if mantissa == 0 { return .nanoseconds(0) }
    let scale = exponent + 9  // nanoseconds = mantissa · 10^scale
    var magnitude: UInt64
    if scale >= 0 {
      guard scale <= 19 else { return .tooLarge(negative: negative) }
      let (product, overflow) = mantissa.multipliedReportingOverflow(by: powerOfTen(scale))
      guard !overflow else { return .tooLarge(negative: negative) }
      magnitude = product
    } else {
      let k = -scale
      var remainderNonzero = sticky
      var half = false
      if k > 19 {
        magnitude = 0
        remainderNonzero = true
      } else {
        let p = powerOfTen(k)
        magnitude = mantissa / p
        let r = mantissa % p
        if r != 0 { remainderNonzero = true }
        half = r >= p - r  // 2r ≥ p, written without overflow
      }
      switch rounding {
      case .up: if remainderNonzero { magnitude += 1 }
      case .nearest: if half && remainderNonzero { magnitude += 1 }
      }
    }
    guard magnitude <= UInt64(Int64.max) else { return .tooLarge(negative: negative) }
    return .nanoseconds(negative ? -Int64(magnitude) : Int64(magnitude))
  }

  /// Reads a decimal integer (optional sign, digits only) from `bytes[range]`; nil when it is
  /// not one or does not fit in `Int`.
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    var i = range.lowerBound
    var negative = false
    if i < range.upperBound, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < range.upperBound else { return nil }
    var value = 0
    while i < range.upperBound {
      let d = bytes[i] &- UInt8(ascii: "0")
      guard d < 10 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) =
        negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
      guard !o1, !o2 else { return nil }
      value = s
      i += 1
    }
    return value
  }

  /// Reads a calendar time `YYYY-MM-DD HH:MM:SS` (or with `T` between date and time) as
  /// seconds since 1970-01-01 00:00:00 in the zone it is written in (no zone conversion), by
  /// Howard Hinnant's days-from-civil algorithm for the proleptic Gregorian calendar.
  static func calendarSeconds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    guard range.count == 19 else { return nil }
    let b = range.lowerBound
    func number(_ offset: Int, _ count: Int) -> Int64? {
      var v: Int64 = 0
      for j in 0..<count {
        let d = bytes[b + offset + j] &- UInt8(ascii: "0")
        guard d < 10 else { return nil }
        v = v * 10 + Int64(d)
      }
      return v
    }
    guard bytes[b + 4] == UInt8(ascii: "-"), bytes[b + 7] == UInt8(ascii: "-"),
      bytes[b + 10] == UInt8(ascii: " ") || bytes[b + 10] == UInt8(ascii: "T"),
      bytes[b + 13] == UInt8(ascii: ":"), bytes[b + 16] == UInt8(ascii: ":"),
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
      let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return days * 86_400 + hour * 3_600 + minute * 60 + second
  }

  /// `calendarSeconds` in nanoseconds, when within `WorkloadLimits.maxSeconds` of 1970
  /// (the years 1870 to 2069), so that it and differences of two of them fit in `Int64`.
  static func calendarNanoseconds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int64?
  {
    guard let s = calendarSeconds(bytes, range), s.magnitude <= WorkloadLimits.maxSeconds.magnitude
    else { return nil }
    return s * 1_000_000_000
  }

  // MARK: - Private

  private static func powerOfTen(_ k: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<k { p *= 10 }
    return p
  }
}
