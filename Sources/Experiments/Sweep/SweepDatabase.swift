import Foundation
import GRDB
import Racksim

/// `sweep.sqlite`: a sweep's runs and their per-run rows in one SQLite file (through GRDB).
///
/// Tables (every run's rows keyed by `run_index`, so tables join with `using (run_index)`):
/// - `runs`: `run_index` (the `index` of `sweep.csv`, primary key), `folder`, each axis label,
///   `replication`, `seed` (text: run seeds use all 64 bits, SQLite integers are signed), then
///   the columns of `sweep.csv` after `scenario_hash` (`scenario_hash` included).
/// - `timeseries`, `jobs`, `racks`: `run_index`, then the columns of each run's
///   `timeseries.csv`, `jobs.csv` and `racks.csv` (the union over runs, in first-seen order; a
///   run without a column leaves it NULL). `racks` is empty when no run recorded racks.
///
/// Values are typed per value (columns have no declared type): a JSON-style number without a
/// point or exponent is an INTEGER (a REAL beyond 64 bits), any other JSON-style number a REAL,
/// an empty field NULL, anything else TEXT (`CSVToSQL`); summary strings stay TEXT. So `select scheduler, avg(mean_wait_s) from runs group by scheduler` works on the file.
/// The file is built under a hidden name without a journal and renamed into place at the end,
/// so it is complete or the previous one is kept.
public enum SweepDatabase {
  /// The per-run files copied into tables, with their table names.
  public static let perRunTables = [
    ("timeseries", "timeseries.csv"), ("jobs", "jobs.csv"), ("racks", "racks.csv"),
  ]

  /// Writes `sweep.sqlite` into the sweep folder.
  /// - Throws: `SweepError` naming the file that could not be read or the SQLite error.
  static func write(
    _ folder: SweepFolder, rows: [SweepMerge.Row], columns: SweepMerge.Columns
  ) throws(SweepError) {
    let final = SweepFolder.join(folder.path, SweepMerge.sqliteName)
    let partial = SweepFolder.join(
      folder.path,
      ".\(SweepMerge.sqliteName).partial-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(atPath: partial)
    do {
      let queue = try DatabaseQueue(path: partial)
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = OFF")
        try db.execute(sql: "PRAGMA synchronous = OFF")
        try db.inTransaction {
          try writeRuns(db, rows: rows, columns: columns)
          for (table, file) in perRunTables {
            try writeTable(db, table: table, file: file, folder: folder)
          }
          return .commit
        }
      }
      try queue.close()
    } catch let error as SweepError {
      try? FileManager.default.removeItem(atPath: partial)
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: partial)
      throw SweepError("could not write \(final): \(error)")
    }
    if rename(partial, final) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: partial)
      throw SweepError("could not write \(final): \(reason)")
    }
  }

  /// Runs one query on a `sweep.sqlite` (read-only) and returns its rows, each value as text
  /// (`Double.description` for a REAL, empty for NULL): the Swift way to ask what the README's
  /// `sqlite3` examples ask.
  /// - Throws: `SweepError` with SQLite's message.
  public static func query(_ path: String, _ sql: String) throws(SweepError) -> [[String]] {
    do {
      var configuration = Configuration()
      configuration.readonly = true
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      let rows = try queue.read { db in
        try Row.fetchAll(db, sql: sql).map { row in
          Array(row.databaseValues).map { v -> String in
            switch v.storage {
            case .null: ""
            case .int64(let i): String(i)
            case .double(let x): String(x)
            case .string(let s): s
            case .blob(let b): "<\(b.count) bytes>"
            }
          }
        }
      }
      try queue.close()
      return rows
    } catch {
      throw SweepError("\(path): \(error)")
    }
  }

  /// A field's SQLite value (see the type's discussion): the same rule as `CSVToSQL`'s
  /// literals, so a value has the same type in `runs` as in the per-run tables.
  static func value(_ text: String) -> DatabaseValue {
    if text.isEmpty { return .null }
    let bytes = Array(text.utf8)
    let field = CSVToSQL.Field(start: 0, end: bytes.count, quoted: false)
    guard CSVToSQL.with(bytes, { $0.isNumber(field) }) else { return text.databaseValue }
    if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let i = Int64(text) {
      return i.databaseValue
    }
    return (Double(text) ?? 0).databaseValue
  }

  // MARK: - Private

  private static func writeRuns(
    _ db: Database, rows: [SweepMerge.Row], columns: SweepMerge.Columns
  ) throws {
    let leading = ["run_index", "folder"] + Array(columns.leading.dropFirst())
    let taken = Set(leading)
    let summary = columns.summary.map {
      (key: $0.key, column: taken.contains($0.column) ? "summary_" + $0.column : $0.column)
    }
    let names = leading + summary.map(\.column)
    try db.execute(
      sql: "CREATE TABLE runs ("
        + names.enumerated().map { i, n in
          i == 0 ? "\(n.quotedDatabaseIdentifier) INTEGER PRIMARY KEY" : n.quotedDatabaseIdentifier
        }.joined(separator: ", ") + ")")
    let insert = try db.makeStatement(sql: insertSQL("runs", names))
    for row in rows {
      var values: [DatabaseValue] = [
        Int64(row.run.index).databaseValue, row.run.folderName.databaseValue,
      ]
      values += row.run.axisValues.map { value($0.value) }
      values += [
        Int64(row.run.replication).databaseValue, String(row.run.seed).databaseValue,
        row.scenarioHash.databaseValue,
      ]
      for (key, _) in summary {
        switch row.summary[key] {
        case .text(let s): values.append(s.databaseValue)
        case .number(let n): values.append(value(n))
        case .bool(let b): values.append(b.databaseValue)
        case .null, nil: values.append(.null)
        }
      }
      try insert.execute(arguments: StatementArguments(values))
    }
  }

  /// Rows per INSERT statement of the per-run tables.
  static let batchRows = 500

  private static func writeTable(_ db: Database, table: String, file: String, folder: SweepFolder)
    throws
  {
    // Pass 1: the union of the headers, in first-seen order.
    var header: [String] = []
    var known: Set<String> = ["run_index"]
    for index in folder.plan.runs.indices {
      let path = SweepFolder.join(folder.runPath(index), file)
      guard let first = firstLine(path) else { continue }
      for name in CSVRecords.parse(first).first ?? [] where !known.contains(name) {
        known.insert(name)
        header.append(name)
      }
    }
    let names = ["run_index"] + header
    try db.execute(
      sql: "CREATE TABLE \(table) ("
        + names.map(\.quotedDatabaseIdentifier).joined(separator: ", ") + ")")
    // The index is built once after the rows are in (one sort), not kept up row by row.
    let index = "CREATE INDEX \(table)_run ON \(table) (run_index)"
    guard !header.isEmpty else { return try db.execute(sql: index) }
    let prefix = Array(
      ("INSERT INTO \(table) (" + names.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        + ") VALUES ").utf8)
    let position = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 + 1) })
    var sql: [UInt8] = []
    var rowsInBatch = 0
    func flush() throws {
      guard rowsInBatch > 0 else { return }
      try db.execute(sql: String(decoding: sql, as: UTF8.self))
      sql.removeAll(keepingCapacity: true)
      rowsInBatch = 0
    }
    // Pass 2: the rows, run by run, as literal VALUES batches.
    for index in folder.plan.runs.indices {
      let path = SweepFolder.join(folder.runPath(index), file)
      guard FileManager.default.fileExists(atPath: path) else { continue }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SweepError("\(path): cannot read")
      }
      let run = Array(String(index).utf8)
      // For each column after run_index: the field of this file that fills it, or -1.
      var source = [Int](repeating: -1, count: names.count)
      var fileWidth = -1
      var line = 0
      try CSVToSQL.with([UInt8](data)) { csv in
        try csv.forEachRecord { fields in
          line += 1
          if fileWidth < 0 {
            fileWidth = fields.count
            for (i, f) in fields.enumerated() {
              if let p = position[csv.text(f)] { source[p] = i }
            }
            return
          }
          guard fields.count == fileWidth else {
            throw SweepError(
              "\(path): record \(line): \(fields.count) fields, but the header has \(fileWidth)")
          }
          if rowsInBatch == 0 {
            sql.append(contentsOf: prefix)
          } else {
            sql.append(0x2C)
          }
          sql.append(0x28)
          sql.append(contentsOf: run)
          var column = 1
          while column < names.count {
            sql.append(0x2C)
            let f = source[column]
            if f >= 0 {
              csv.appendLiteral(fields[f], to: &sql)
            } else {
              sql.append(contentsOf: [0x4E, 0x55, 0x4C, 0x4C])
            }
            column += 1
          }
          sql.append(0x29)
          rowsInBatch += 1
          if rowsInBatch == batchRows { try flush() }
        }
      }
    }
    try flush()
    try db.execute(sql: index)
  }

  private static func insertSQL(_ table: String, _ names: [String]) -> String {
    "INSERT INTO \(table) (" + names.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
      + ") VALUES (" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
  }

  /// The first line of a file, nil when it is absent or empty.
  private static func firstLine(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var bytes: [UInt8] = []
    while let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty {
      if let newline = chunk.firstIndex(of: 0x0A) {
        bytes += chunk[chunk.startIndex..<newline]
        break
      }
      bytes += chunk
    }
    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
  }
}
