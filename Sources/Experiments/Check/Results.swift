import Foundation

/// One row of results: a run's summary, or one row of a sweep (axis values, seed, summary).
///
/// Fields keep their order; every field is text, and `number(_:)` reads the numeric ones.
/// Any field can be used in a `sweep[name=value]` selector; numeric fields are metrics.
public struct ResultRow: Sendable, Equatable {
  /// One named field.
  public struct Field: Sendable, Equatable {
    /// The column or summary key, e.g. `scheduler` or `mean_wait_s`.
    public var name: String
    /// Its value as written (`sjf`, `1234.5`).
    public var text: String

    /// Creates a field.
    public init(name: String, text: String) {
      self.name = name
      self.text = text
    }
  }

  /// The fields in order.
  public var fields: [Field]

  /// A row from (name, text) pairs in order.
  public init(fields: [(String, String)]) {
    self.fields = fields.map { Field(name: $0.0, text: $0.1) }
  }

  /// A row of metrics (sorted by name) and text fields (sorted by name, after the metrics).
  public init(metrics: [String: Double], texts: [String: String] = [:]) {
    fields =
      metrics.keys.sorted().map { Field(name: $0, text: String(metrics[$0] ?? 0)) }
      + texts.keys.sorted().map { Field(name: $0, text: texts[$0] ?? "") }
  }

  /// The text of field `name`, nil if absent.
  public func text(_ name: String) -> String? { fields.first { $0.name == name }?.text }

  /// The value of field `name` if it is present and a finite number.
  public func number(_ name: String) -> Double? {
    guard let t = text(name), let x = Double(t), x.isFinite else { return nil }
    return x
  }

  /// The names of the numeric fields, in order.
  public var metricNames: [String] { fields.filter { number($0.name) != nil }.map(\.name) }
}

/// What `racksim check` and `compare` read: one run, or the rows of a sweep.
public enum Results: Sendable, Equatable {
  /// A single run's summary.
  case run(ResultRow)
  /// A sweep, one row per run in run-index order.
  case sweep([ResultRow])

  /// The column that pairs runs of two configurations (common random numbers).
  public static let seedColumn = "seed"

  /// Reads a results folder: `sweep.csv` if it holds one (a sweep), else `summary.json` (a
  /// run). A path to one of those files is read directly.
  /// - Throws: `ResultsError` naming the folder and what is missing or malformed.
  public static func load(_ path: String) throws(ResultsError) -> Results {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ResultsError("\(path): no such file or folder")
    }
    if !isFolder.boolValue {
      let text = try read(path)
      return path.hasSuffix(".csv")
        ? .sweep(try sweepRows(csv: text, file: path)) : .run(try runRow(json: text, file: path))
    }
    let csv = (path as NSString).appendingPathComponent("sweep.csv")
    if FileManager.default.fileExists(atPath: csv) {
      return .sweep(try sweepRows(csv: try read(csv), file: csv))
    }
    let json = (path as NSString).appendingPathComponent("summary.json")
    if FileManager.default.fileExists(atPath: json) {
      return .run(try runRow(json: try read(json), file: json))
    }
    throw ResultsError(
      "\(path): neither summary.json (a run) nor sweep.csv (a sweep) is in this folder")
  }

  /// A run's `summary.json` (a flat object of numbers, text and null) as a row, keys sorted.
  /// Null values are left out.
  public static func runRow(json: String, file: String = "summary.json") throws(ResultsError)
    -> ResultRow
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    } catch {
      throw ResultsError("\(file): not valid JSON (\(error.localizedDescription))")
    }
    guard let dictionary = object as? [String: Any] else {
      throw ResultsError("\(file): expected a JSON object of summary values")
    }
    var fields: [(String, String)] = []
    for key in dictionary.keys.sorted() {
      switch dictionary[key] {
      case let s as String: fields.append((key, s))
      case let n as NSNumber: fields.append((key, n.stringValue))
      default: continue
      }
    }
    return ResultRow(fields: fields)
  }

  /// A sweep's `sweep.csv` (a header, then one row per run; RFC 4180 quoting) as rows.
  public static func sweepRows(csv: String, file: String = "sweep.csv") throws(ResultsError)
    -> [ResultRow]
  {
    let records = CSVRecords.parse(csv)
    guard let header = records.first, !header.isEmpty, header != [""] else {
      throw ResultsError("\(file): empty, expected a header row")
    }
    var rows: [ResultRow] = []
    for (i, record) in records.dropFirst().enumerated() {
      if record == [""] { continue }
      guard record.count == header.count else {
        throw ResultsError(
          "\(file):\(i + 2): \(record.count) fields, but the header has \(header.count)")
      }
      rows.append(ResultRow(fields: Array(zip(header, record))))
    }
    return rows
  }

  // MARK: - Private

  private static func read(_ path: String) throws(ResultsError) -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ResultsError("\(path): cannot read")
    }
    return text
  }
}

/// A results file or folder that cannot be read, phrased for the user (one line).
public struct ResultsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message.
  public var description: String

  init(_ description: String) { self.description = description }
}

/// RFC 4180 records: fields split by commas, `"…"` quoting with `""` for a quote.
enum CSVRecords {
  static func parse(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let s = pending ?? scalars.next() {
      pending = nil
      if quoted {
        if s == "\"" {
          if let next = scalars.next() {
            if next == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              quoted = false
              pending = next
            }
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(s)
        }
        continue
      }
      switch s {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\r": continue
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      default: field.unicodeScalars.append(s)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
