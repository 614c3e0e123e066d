// EnergyPlus weather (EPW) files: the hourly TMY3-style format building engineers use.
//
// Format (EnergyPlus "Auxiliary Programs", Weather Converter, EPW data dictionary [U: format
// documentation, not in REFERENCES.md]): 8 header lines (LOCATION, DESIGN CONDITIONS,
// TYPICAL/EXTREME PERIODS, GROUND TEMPERATURES, HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1,
// COMMENTS 2, DATA PERIODS), then one record per hour with 35 comma-separated fields. Fields
// read here (one-based): 2 month, 3 day, 4 hour (1-24, the hour ending at that clock hour),
// 7 dry bulb °C, 8 dew point °C, 9 relative humidity %, 10 station pressure Pa. Missing-value
// codes: dry bulb and dew point 99.9, RH 999, pressure 999999. LOCATION field 10 is the
// elevation in m; HOLIDAYS/DAYLIGHT SAVINGS field 2 says whether Feb 29 is present; DATA
// PERIODS field 3 is the number of records per hour (only 1 is supported).
//
// Time axis: the year field is ignored (a TMY takes each month from a different year). The
// record for hour h of day-of-year d (0-based) is placed at (24·d + h − 1) · 3600 s, i.e. at
// the start of the hour it ends: a TMY year then starts at simulation time 0 with its first
// record. (EnergyPlus stamps the record at the end of its hour; ours is one hour earlier, a
// deliberate shift that keeps t = 0 covered.) Consecutive records must be one hour apart.
//
// Wet bulb: from dry bulb, the dew point (its vapour pressure is p_ws(t_dp)) and pressure,
// psychrometrically (`Psychrometrics`); from RH when the dew point is missing. Relative
// humidity is the file's field 9 (from the dew point when that is missing). A missing
// pressure is taken from the elevation (ASHRAE standard atmosphere).

/// The site described in an EPW file's LOCATION line.
public struct EPWLocation: Sendable, Equatable {
  public var city: String
  public var region: String
  public var country: String
  public var latitude: Double
  public var longitude: Double
  /// Hours from UTC of the file's clock (standard time).
  public var timeZoneHours: Double
  public var elevationM: Double
}

/// A parsed EPW file: its location and its hourly weather.
public struct EPWFile: Sendable, Equatable {
  public var location: EPWLocation
  /// Hourly points, repeating with a period of one year (365 or 366 days).
  public var series: WeatherSeries
}

/// Reads EPW text (no Foundation: the caller reads the file into a `String`).
public enum EPWReader {
  /// The number of header lines before the first record.
  public static let headerLines = 8
  /// The number of fields in a record.
  public static let fieldsPerRecord = 35

  /// Parses `text` as an EPW file.
  ///
  /// - Throws: `WeatherFileError` with every problem found (up to its limit), each with its
  ///   line and, for a field, its column: a bad header, a wrong field count, a bad number, a
  ///   missing dry bulb, a record out of order, or a gap of more than one hour.
  /// - Complexity: O(records).
  public static func read(_ text: String) throws(WeatherFileError) -> EPWFile {
    var problems = WeatherProblemList()
    let lines = DelimitedText.lines(text)
    guard lines.count > headerLines else {
      problems.add(
        line: lines.count,
        "an EPW file has \(headerLines) header lines and then hourly records; found "
          + "\(lines.count) lines")
      throw problems.error
    }
    let location = readLocation(lines[0], &problems)
    let leapYear = readLeapFlag(lines[4], &problems)
    checkDataPeriods(lines[7], &problems)
    let pressureFallback = Psychrometrics.pressurePa(atElevationM: location?.elevationM ?? 0)
    var points: [WeatherPoint] = []
    points.reserveCapacity(lines.count - headerLines)
    var previous: (time: Double, line: Int)?
    for line in lines[headerLines...] where !line.isBlankOrComment {
      let fields = line.fields
      guard fields.count == fieldsPerRecord else {
        problems.add(
          line: line.number,
          "an EPW record has \(fieldsPerRecord) fields, this one has \(fields.count)")
        continue
      }
      func value(_ i: Int, _ name: String) -> Double? {
        guard let v = DelimitedText.number(fields[i].text) else {
          problems.add(
            line: line.number, column: fields[i].column,
            "\(name) (field \(i + 1)) must be a number, got '\(fields[i].text)'")
          return nil
        }
        return v
      }
      guard let month = value(1, "month"), let day = value(2, "day"),
        let hour = value(3, "hour"), let dryBulb = value(6, "dry bulb"),
        let dewPoint = value(7, "dew point"), let rh = value(8, "relative humidity"),
        let pressure = value(9, "pressure")
      else { continue }
      guard let dayOfYear = dayOfYear(month: month, day: day, leapYear: leapYear),
        hour >= 1, hour <= 24, hour == hour.rounded()
      else {
        problems.add(
          line: line.number, column: fields[1].column,
          "month \(fields[1].text), day \(fields[2].text), hour \(fields[3].text) is not a date "
            + "and hour (1-24) of a \(leapYear ? "leap" : "non-leap") year")
        continue
      }
      if dryBulb >= 99.9 {
        problems.add(
          line: line.number, column: fields[6].column, "dry bulb is missing (99.9)")
        continue
      }
      let time = (Double(dayOfYear) * 24 + hour - 1) * 3_600
      if let previous {
        if time <= previous.time {
          problems.add(
            line: line.number, column: fields[1].column,
            "record for \(Int(month))/\(Int(day)) hour \(Int(hour)) is not after the one on line "
              + "\(previous.line)")
          continue
        }
        if time > previous.time + 3_600 {
          problems.add(
            line: line.number, column: fields[1].column,
            "gap: \(Int((time - previous.time) / 3_600) - 1) missing hours after line "
              + "\(previous.line)")
        }
      }
      previous = (time, line.number)
      let p = pressure >= 999_999 || pressure <= 0 ? pressureFallback : pressure
      let hasRH = rh >= 0 && rh < 999
      let phi =
        hasRH
        ? min(1, rh / 100)
        : dewPoint < 99.9
          ? min(1, Psychrometrics.relativeHumidity(dryBulbC: dryBulb, dewPointC: dewPoint)) : .nan
      let wetBulb =
        dewPoint < 99.9
        ? Psychrometrics.wetBulbC(
          dryBulbC: dryBulb, dewPointC: min(dewPoint, dryBulb), pressurePa: p)
        : hasRH
          ? Psychrometrics.wetBulbC(dryBulbC: dryBulb, relativeHumidity: phi, pressurePa: p)
          : .nan
      points.append(
        WeatherPoint(
          timeS: time, dryBulbC: dryBulb, wetBulbC: wetBulb, relativeHumidity: phi, pressurePa: p))
    }
    if points.isEmpty && problems.isEmpty {
      problems.add(line: lines.count, "no hourly records after the \(headerLines) header lines")
    }
    guard problems.isEmpty, let location else { throw problems.error }
    let year = Double(leapYear ? 366 : 365) * 86_400
    return EPWFile(location: location, series: try WeatherSeries(points: points, periodS: year))
  }

  // MARK: - Private

  private static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

  /// Zero-based day of the year, or nil for an impossible date.
  static func dayOfYear(month: Double, day: Double, leapYear: Bool) -> Int? {
    guard month == month.rounded(), day == day.rounded(), month >= 1, month <= 12, day >= 1
    else { return nil }
    let m = Int(month) - 1
    let length = daysInMonth[m] + (m == 1 && leapYear ? 1 : 0)
    guard Int(day) <= length else { return nil }
    var d = Int(day) - 1
    for k in 0..<m { d += daysInMonth[k] + (k == 1 && leapYear ? 1 : 0) }
    return d
  }

  private static func readLocation(_ line: DelimitedLine, _ problems: inout WeatherProblemList)
    -> EPWLocation?
  {
    let f = line.fields
    guard f.first?.text.uppercased() == "LOCATION", f.count >= 10 else {
      problems.add(
        line: line.number,
        "the first line must be 'LOCATION,city,region,country,source,WMO,latitude,longitude,"
          + "time zone,elevation'")
      return nil
    }
    var numbers: [Double] = []
    for i in 6..<10 {
      guard let v = DelimitedText.number(f[i].text) else {
        problems.add(
          line: line.number, column: f[i].column,
          "LOCATION field \(i + 1) must be a number, got '\(f[i].text)'")
        return nil
      }
      numbers.append(v)
    }
    return EPWLocation(
      city: String(f[1].text), region: String(f[2].text), country: String(f[3].text),
      latitude: numbers[0], longitude: numbers[1], timeZoneHours: numbers[2],
      elevationM: numbers[3])
  }

  private static func readLeapFlag(_ line: DelimitedLine, _ problems: inout WeatherProblemList)
    -> Bool
  {
    let f = line.fields
    guard f.first?.text.uppercased() == "HOLIDAYS/DAYLIGHT SAVINGS", f.count >= 2 else {
      problems.add(line: line.number, "line 5 must be 'HOLIDAYS/DAYLIGHT SAVINGS,Yes|No,...'")
      return false
    }
    return f[1].text.uppercased() == "YES"
  }

  private static func checkDataPeriods(_ line: DelimitedLine, _ problems: inout WeatherProblemList)
  {
    let f = line.fields
    guard f.first?.text.uppercased() == "DATA PERIODS", f.count >= 3 else {
      problems.add(line: line.number, "line 8 must be 'DATA PERIODS,count,records per hour,...'")
      return
    }
    if DelimitedText.number(f[2].text) != 1 {
      problems.add(
        line: line.number, column: f[2].column,
        "only hourly EPW files are supported (1 record per hour), got '\(f[2].text)'")
    }
  }
}
