// ISO 8601 date-times to seconds since 1970-01-01T00:00:00Z, without Foundation.
//
// Accepted: `YYYY-MM-DD`, then `T` or a space, `HH:MM`, optionally `:SS` with an optional
// fraction, then optionally `Z` or `±HH:MM` (or `±HHMM`); no zone means UTC. A date alone is
// midnight. Days from the civil date use the proleptic Gregorian calendar (H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms", `days_from_civil`), so leap years count.

enum ISOTimestamp {
  /// Seconds since the Unix epoch, or nil when `text` is not an accepted date-time.
  static func secondsSinceEpoch(_ text: Substring) -> Double? {
    let b = Array(text.utf8)
    var i = 0
    func digits(_ n: Int) -> Int? {
      guard i + n <= b.count else { return nil }
      var v = 0
      for k in i..<(i + n) {
        guard b[k] >= 48 && b[k] <= 57 else { return nil }
        v = v * 10 + Int(b[k] - 48)
      }
      i += n
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < b.count, b[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(45), let month = digits(2), expect(45),
      let day = digits(2), (1...12).contains(month), day >= 1, day <= daysIn(month, year)
    else { return nil }
    var seconds = 0.0
    if i < b.count {
      guard b[i] == 84 || b[i] == 32 else { return nil }  // "T" or " "
      i += 1
      guard let hh = digits(2), expect(58), let mm = digits(2), hh < 24, mm < 60 else {
        return nil
      }
      seconds = Double(hh * 3_600 + mm * 60)
      if expect(58) {
        guard let ss = digits(2), ss < 61 else { return nil }
        seconds += Double(ss)
        if expect(46) {
          var scale = 0.1
          var any = false
          while i < b.count, b[i] >= 48, b[i] <= 57 {
            seconds += Double(b[i] - 48) * scale
            scale /= 10
            i += 1
            any = true
          }
          guard any else { return nil }
        }
      }
      if expect(90) {  // "Z"
      } else if i < b.count, b[i] == 43 || b[i] == 45 {  // "+" or "-"
        let sign = b[i] == 43 ? 1.0 : -1.0
        i += 1
        guard let oh = digits(2), oh < 24 else { return nil }
        _ = expect(58)
        guard let om = digits(2), om < 60 else { return nil }
        seconds -= sign * Double(oh * 3_600 + om * 60)
      }
    }
    guard i == b.count else { return nil }
    return Double(daysFromCivil(year, month, day)) * 86_400 + seconds
  }

  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...12).contains(month) else { return 0 }
    return lengths[month - 1] + (month == 2 && isLeap(year) ? 1 : 0)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
