import Foundation
import GRDB
import GRDBSQLite
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
/// an empty field NULL, anything else TEXT (`CSVToSQL`); summary strings stay TEXT. So
/// `select scheduler, avg(mean_wait_s) from runs group by scheduler` works on the file.
///
/// **Built run by run** (`Builder`), in run-index order, so that a local sweep merges each run
/// while the later ones still run: a per-run table gets a column the first time a run's file
/// has it (`ALTER TABLE … ADD COLUMN`, which leaves the earlier rows NULL there), so its columns
/// come in first-seen order over the runs, and the same operations in the same order give the
/// same file, whatever the number of workers. The `runs` table and the `run_index` indexes
/// (one sort each, not kept up row by row) come last.
/// The file is built under a hidden name without a journal, in one transaction, and renamed
/// into place at the end, so it is complete or the previous one is kept.
public enum SweepDatabase {
  /// The per-run files copied into tables, with their table names.
  public static let perRunTables = [
    ("timeseries", "timeseries.csv"), ("jobs", "jobs.csv"), ("racks", "racks.csv"),
  ]

  /// Builds `sweep.sqlite` in a sweep folder: `append(run:)` for each run in index order, then
  /// `finish(rows:columns:)`, or `discard()`.
  final class Builder {
    let folder: SweepFolder
    let finalPath: String
    let partialPath: String
    private let queue: DatabaseQueue
    /// Per per-run table: the columns it has (after `run_index`), the INSERT for the last
    /// header seen, and that header.
    private var tables: [String: TableState] = [:]

    private struct TableState {
      var columns: Set<String> = []
      var header: [String] = []
      var insert: Statement?
    }

    /// Opens a new hidden partial file in the folder (replacing a stale one of this process).
    /// - Throws: `SweepError` with SQLite's message.
    init(_ folder: SweepFolder) throws(SweepError) {
      self.folder = folder
      finalPath = SweepFolder.join(folder.path, SweepMerge.sqliteName)
      partialPath = SweepFolder.join(
        folder.path,
        ".\(SweepMerge.sqliteName).partial-\(ProcessInfo.processInfo.processIdentifier)")
      try? FileManager.default.removeItem(atPath: partialPath)
      Self.removeStalePartials(in: folder.path)
      do {
        var configuration = Configuration()
        // One transaction spans the whole build, across the calls below.
        configuration.allowsUnsafeTransactions = true
        queue = try DatabaseQueue(path: partialPath, configuration: configuration)
        try queue.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA journal_mode = OFF")
          try db.execute(sql: "PRAGMA synchronous = OFF")
          try db.execute(sql: "BEGIN")
        }
      } catch {
        try? FileManager.default.removeItem(atPath: partialPath)
        throw SweepError("could not write \(finalPath): \(error)")
      }
    }

    /// Removes the partial files of merges whose process is gone (a killed sweep's), which
    /// would otherwise stay, hidden, as large as the database they were becoming.
    static func removeStalePartials(in path: String) {
      let prefix = ".\(SweepMerge.sqliteName).partial-"
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      where name.hasPrefix(prefix) {
        guard let pid = Int32(name.dropFirst(prefix.count)) else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH {
          try? FileManager.default.removeItem(atPath: SweepFolder.join(path, name))
        }
      }
    }

    /// Adds the rows of run `index`'s per-run files.
    /// - Throws: `SweepError` naming the file that could not be read, a record of the wrong
    ///   width, or SQLite's message.
    func append(run index: Int) throws(SweepError) {
      do {
        try queue.writeWithoutTransaction { db in
          for (table, file) in perRunTables {
            try self.appendFile(db, table: table, file: file, run: index)
          }
        }
      } catch let error as SweepError {
        throw error
      } catch {
        throw SweepError("could not write \(finalPath): \(error)")
      }
    }

    /// Writes the `runs` table and the indexes, commits, and renames the file into place.
    /// - Throws: `SweepError` with SQLite's or the file system's message (the partial file is
    ///   removed).
    func finish(rows: [SweepMerge.Row], columns: SweepMerge.Columns) throws(SweepError) {
      do {
        try queue.writeWithoutTransaction { db in
          for (table, _) in perRunTables where self.tables[table] == nil {
            try db.execute(sql: "CREATE TABLE \(table) (\("run_index".quotedDatabaseIdentifier))")
          }
          for key in self.tables.keys { self.tables[key]?.insert = nil }
          try writeRuns(db, rows: rows, columns: columns)
          for (table, _) in perRunTables {
            try db.execute(sql: "CREATE INDEX \(table)_run ON \(table) (run_index)")
          }
          try db.execute(sql: "COMMIT")
        }
        try queue.close()
      } catch let error as SweepError {
        discard()
        throw error
      } catch {
        discard()
        throw SweepError("could not write \(finalPath): \(error)")
      }
      if rename(partialPath, finalPath) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: partialPath)
        throw SweepError("could not write \(finalPath): \(reason)")
      }
    }

    /// Closes and removes the partial file (the previous `sweep.sqlite`, if any, stays).
    func discard() {
      tables.removeAll()
      try? queue.close()
      try? FileManager.default.removeItem(atPath: partialPath)
    }

    /// One run's file into its table: columns added where the file brings new ones, then one
    /// prepared INSERT stepped per record, its values bound straight from the file's bytes.
    private func appendFile(_ db: Database, table: String, file: String, run: Int) throws {
      let path = SweepFolder.join(folder.runPath(run), file)
      guard FileManager.default.fileExists(atPath: path) else { return }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SweepError("\(path): cannot read")
      }
      var state = tables[table] ?? TableState()
      if tables[table] == nil {
        try db.execute(sql: "CREATE TABLE \(table) (\("run_index".quotedDatabaseIdentifier))")
      }
      defer { tables[table] = state }
      var fileWidth = -1
      var line = 0
      var statement: SQLiteStatement? = nil
      var text: [UInt8] = []
      try CSVToSQL.with([UInt8](data)) { csv in
        try csv.forEachRecord { fields in
          line += 1
          if fileWidth < 0 {
            fileWidth = fields.count
            let header = fields.map { csv.text($0) }
            guard Set(header + ["run_index"]).count == header.count + 1 else {
              throw SweepError(
                "\(path): record 1: a column name appears twice (or is run_index)")
            }
            for name in header where !state.columns.contains(name) {
              try db.execute(
                sql: "ALTER TABLE \(table) ADD COLUMN \(name.quotedDatabaseIdentifier)")
              state.columns.insert(name)
            }
            if state.insert == nil || state.header != header {
              state.insert = try db.makeStatement(sql: insertSQL(table, ["run_index"] + header))
              state.header = header
            }
            statement = state.insert?.sqliteStatement
            return
          }
          guard fields.count == fileWidth, let statement else {
            throw SweepError(
              "\(path): record \(line): \(fields.count) fields, but the header has \(fileWidth)")
          }
          sqlite3_bind_int64(statement, 1, Int64(run))
          for (i, f) in fields.enumerated() {
            let at = Int32(i + 2)
            switch csv.value(f) {
            case .null: sqlite3_bind_null(statement, at)
            case .integer(let v): sqlite3_bind_int64(statement, at, v)
            case .real(let v): sqlite3_bind_double(statement, at, v)
            case .text:
              if csv.isPlainText(f) {
                // The file's bytes stay put until the step below: no copy.
                sqlite3_bind_text(
                  statement, at,
                  csv.bytes.baseAddress.map {
                    UnsafeRawPointer($0 + f.start).assumingMemoryBound(to: CChar.self)
                  }, Int32(f.end - f.start), nil)
              } else {
                text.removeAll(keepingCapacity: true)
                csv.appendText(f, to: &text)
                text.withUnsafeBufferPointer { b in
                  b.withMemoryRebound(to: CChar.self) {
                    _ = sqlite3_bind_text(statement, at, $0.baseAddress, Int32($0.count), transient)
                  }
                }
              }
            }
          }
          let code = sqlite3_step(statement)
          sqlite3_reset(statement)
          guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw SweepError("could not write \(self.finalPath): \(message)")
          }
        }
      }
    }
  }

  /// SQLite copies a text bound with this destructor before `bind` returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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
    let bytes = Array(text.utf8)
    let field = CSVToSQL.Field(start: 0, end: bytes.count, quoted: false)
    switch CSVToSQL.with(bytes, { $0.value(field) }) {
    case .null: return .null
    case .integer(let i): return i.databaseValue
    case .real(let x): return x.databaseValue
    case .text: return text.databaseValue
    }
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

  private static func insertSQL(_ table: String, _ names: [String]) -> String {
    "INSERT INTO \(table) (" + names.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
      + ") VALUES (" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
  }
}
