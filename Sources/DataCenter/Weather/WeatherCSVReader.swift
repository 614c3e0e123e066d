// Weather from a CSV file: one header line, then one record per line.
//
// Columns (any order; names are case-sensitive):
//   time_s      seconds from the start of the run, or
//   timestamp   ISO 8601 date-time: `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` (a space may replace
//               the `T`; no zone means UTC). The first record is time 0; later records count
//               seconds from it, with leap years and zone offsets applied.
//   temp_c      dry bulb, °C (required)
//   rh          relative humidity, % (0-100, optional)
//   wetbulb_c   wet bulb, °C (optional; computed from rh and pressure when absent)
//   pressure_pa station pressure, Pa (optional; 101,325 Pa when absent)
// Blank lines and lines starting with `#` are skipped (a comment may name the source). Records
// must be evenly spaced, at the step of the first two: a longer step is reported as a gap, an
// equal or earlier time as out of order. Unknown columns are errors, so a misspelt `wetbulb`
// is not silently dropped.

/// Reads weather CSV text (no Foundation: the caller reads the file into a `String`).
public enum WeatherCSVReader {
  /// The column names this reader understands.
  public static let knownColumns = [
    "time_s", "timestamp", "temp_c", "rh", "wetbulb_c", "pressure_pa",
  ]

  /// Parses `text` as a weather CSV.
  ///
  /// - Parameter periodS: When set, the series repeats with this period (a TMY year).
  /// - Throws: `WeatherFileError` with every problem (up to its limit), each with its line and
  ///   column: unknown or missing columns, a wrong field count, a bad number or timestamp, an
  ///   RH outside 0-100 %, times out of order, uneven spacing or gaps.
  /// - Complexity: O(records).
  public static func read(_ text: String, periodS: Double? = nil) throws(WeatherFileError)
    -> WeatherSeries
  {
    var problems = WeatherProblemList()
    var lines = DelimitedText.lines(text).filter { !$0.isBlankOrComment }[...]
    guard let header = lines.popFirst() else {
      problems.add(line: 1, "the file has no header line (expected e.g. 'time_s,temp_c,rh')")
      throw problems.error
    }
    var index: [String: Int] = [:]
    for (i, field) in header.fields.enumerated() {
      let name = String(field.text)
      if !knownColumns.contains(name) {
        problems.add(
          line: header.number, column: field.column,
          "unknown column '\(name)'; known: \(knownColumns.joined(separator: ", "))")
      } else if index[name] != nil {
        problems.add(line: header.number, column: field.column, "column '\(name)' appears twice")
      } else {
        index[name] = i
      }
    }
    let timeColumn = index["time_s"] ?? index["timestamp"]
    if (index["time_s"] == nil) == (index["timestamp"] == nil) {
      problems.add(line: header.number, "give exactly one of the columns time_s and timestamp")
    }
    if index["temp_c"] == nil { problems.add(line: header.number, "the column temp_c is missing") }
    guard problems.isEmpty, let timeColumn, let tempColumn = index["temp_c"] else {
      throw problems.error
    }
    let width = header.fields.count
    let rhColumn = index["rh"]
    let pressureColumn = index["pressure_pa"]
    var points: [WeatherPoint] = []
    var spacing = SpacingCheck()
    var firstEpoch: Double?
    for line in lines {
      let fields = line.fields
      guard fields.count == width else {
        problems.add(
          line: line.number, "expected \(width) fields as in the header, found \(fields.count)")
        continue
      }
      func number(_ column: Int?) -> Double?? {
        guard let column else { return .some(nil) }
        guard let v = DelimitedText.number(fields[column].text) else {
          problems.add(
            line: line.number, column: fields[column].column,
            "\(header.fields[column].text) must be a number, got '\(fields[column].text)'")
          return nil
        }
        return v
      }
      var time: Double?
      if index["timestamp"] != nil {
        if let epoch = ISOTimestamp.secondsSinceEpoch(fields[timeColumn].text) {
          firstEpoch = firstEpoch ?? epoch
          time = epoch - (firstEpoch ?? epoch)
        } else {
          problems.add(
            line: line.number, column: fields[timeColumn].column,
            "timestamp must be ISO 8601 like 2024-07-01T13:00:00Z, got '\(fields[timeColumn].text)'"
          )
        }
      } else if let t = number(timeColumn) {
        time = t
      }
      guard let time, let temp = number(tempColumn), let temp, let rh = number(rhColumn),
        let wet = number(index["wetbulb_c"]), let pressure = number(pressureColumn)
      else { continue }
      if let rh, let rhColumn, !(0...100).contains(rh) {
        problems.add(
          line: line.number, column: fields[rhColumn].column,
          "rh is a percentage and must be in 0-100, got \(rh)")
        continue
      }
      if let pressure, let pressureColumn, !(pressure > 0) {
        problems.add(
          line: line.number, column: fields[pressureColumn].column,
          "pressure_pa must be > 0, got \(pressure)")
        continue
      }
      guard spacing.accept(time, line: line.number, column: fields[timeColumn].column, &problems)
      else { continue }
      let p = pressure ?? Psychrometrics.standardPressurePa
      let phi = rh.map { $0 / 100 } ?? .nan
      let wetBulb =
        wet
        ?? (rh.map {
          Psychrometrics.wetBulbC(dryBulbC: temp, relativeHumidity: $0 / 100, pressurePa: p)
        } ?? .nan)
      points.append(
        WeatherPoint(
          timeS: time, dryBulbC: temp, wetBulbC: wetBulb, relativeHumidity: phi, pressurePa: p))
    }
    if points.isEmpty && problems.isEmpty {
      problems.add(line: header.number, "no records after the header")
    }
    guard problems.isEmpty else { throw problems.error }
    return try WeatherSeries(points: points, periodS: periodS)
  }
}

/// Checks that times increase by one fixed step (the first one), with line-numbered errors.
struct SpacingCheck {
  private var previous: (time: Double, line: Int)?
  private var step: Double?

  /// Whether `time` follows the previous accepted time correctly; records a problem if not.
  mutating func accept(
    _ time: Double, line: Int, column: Int, _ problems: inout WeatherProblemList
  ) -> Bool {
    defer { if time > (previous?.time ?? -.infinity) { previous = (time, line) } }
    guard let previous else { return true }
    guard time > previous.time else {
      problems.add(
        line: line, column: column,
        "time \(time) s is not after \(previous.time) s on line \(previous.line) (times must "
          + "increase)")
      return false
    }
    let gap = time - previous.time
    guard let step else {
      self.step = gap
      return true
    }
    let tolerance = 1e-6 * step
    if gap > step + tolerance {
      problems.add(
        line: line, column: column,
        "gap: \(gap) s after line \(previous.line), but records are \(step) s apart")
      return false
    }
    if gap < step - tolerance {
      problems.add(
        line: line, column: column,
        "uneven spacing: \(gap) s after line \(previous.line), but records are \(step) s apart")
      return false
    }
    return true
  }
}
