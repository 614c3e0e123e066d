import Foundation
import Racksim

/// The merged outputs of a sweep (`racksim sweep --collect`, and the end of every local sweep):
/// `sweep.csv`, `sweep.json` and `sweep.sqlite`, written from the run folders in run-index
/// order, so that the bytes of `sweep.csv` and `sweep.json` depend only on the runs' own files,
/// never on how many workers wrote them or in which order they finished.
///
/// **`sweep.csv`** (RFC 4180): a header, then one row per run: `index`, each axis label (its
/// value as written in the sweep file), `replication`, `seed`, `scenario_hash`, then every key of
/// the runs' `summary.json` in the order the first run holding it wrote them (keys that only
/// some runs have come where they first appear; other runs leave them empty), except `seed`
/// and `scenario_hash`, which are already there and are checked against the sweep. Values are
/// the summary's text exactly as written (`null` is empty). A summary key equal to an earlier
/// column's name (an axis labelled `pue`) is written as `summary_<key>`.
///
/// **`sweep.json`**: `{"sweep", "sweep_seed", "axes": [{label, key}], "runs": [{index, folder,
/// replication, seed, scenario_hash, axes: {label: value}, summary: {…}}]}`, the summary as the
/// run wrote it.
///
/// Each file is written under a hidden name and renamed into place, so a merge that fails
/// leaves the previous merged files or none, never half a file.
public enum SweepMerge {
  /// The merged files' names.
  public static let csvName = "sweep.csv"
  public static let jsonName = "sweep.json"
  public static let sqliteName = "sweep.sqlite"

  /// One run's merged row: its plan entry and its summary.
  public struct Row: Sendable {
    public var run: SweepRun
    public var scenarioHash: String
    public var summary: SummaryFile
  }

  /// What a merge wrote.
  public struct Outcome: Sendable {
    /// The files written, in order: `sweep.csv`, `sweep.json`, `sweep.sqlite`.
    public var files: [String]
    /// The number of runs merged.
    public var runs: Int
  }

  /// Merges every run of `folder` into its merged files.
  /// - Parameters:
  ///   - database: Also write `sweep.sqlite` (the slowest part; on by default).
  ///   - ready: Called with each run index, in order, before that run is read; it may wait for
  ///     the run to finish (a local sweep merges each run while the later ones still run) and
  ///     throws to abandon the merge. Without it, every run must be complete already.
  /// - Throws: `SweepError` when a run is not complete (listing how many and the first ones),
  ///   a run folder holds another run (seed or scenario hash differs), or a file cannot be
  ///   read or written; nothing is written then (earlier merged files stay as they were).
  public static func collect(
    _ folder: SweepFolder, database: Bool = true,
    waitingFor ready: ((Int) throws(SweepError) -> Void)? = nil
  ) throws(SweepError) -> Outcome {
    if ready == nil { try requireComplete(folder) }
    let builder = database ? try SweepDatabase.Builder(folder) : nil
    do {
      var rows: [Row] = []
      rows.reserveCapacity(folder.plan.runs.count)
      for run in folder.plan.runs {
        try ready?(run.index)
        rows.append(try readRow(folder, run))
        try builder?.append(run: run.index)
      }
      let csvPath = SweepFolder.join(folder.path, csvName)
      let jsonPath = SweepFolder.join(folder.path, jsonName)
      try SweepFolder.writeAtomically(csv(plan: folder.plan, rows: rows), to: csvPath)
      try SweepFolder.writeAtomically(json(plan: folder.plan, rows: rows), to: jsonPath)
      var files = [csvPath, jsonPath]
      if let builder {
        try builder.finish(rows: rows, columns: columns(plan: folder.plan, rows: rows))
        files.append(builder.finalPath)
      }
      return Outcome(files: files, runs: rows.count)
    } catch {
      builder?.discard()
      throw error
    }
  }

  /// Reads every run's summary, in index order, checking it against the sweep.
  public static func readRows(_ folder: SweepFolder) throws(SweepError) -> [Row] {
    try requireComplete(folder)
    var rows: [Row] = []
    rows.reserveCapacity(folder.plan.runs.count)
    for run in folder.plan.runs { rows.append(try readRow(folder, run)) }
    return rows
  }

  /// Throws unless every run of `folder` is complete.
  static func requireComplete(_ folder: SweepFolder) throws(SweepError) {
    let missing = folder.incompleteRuns
    guard missing.isEmpty else {
      let first = missing.prefix(3).map { folder.plan.runs[$0].folderName }
      throw SweepError(
        "\(missing.count) of \(folder.plan.runs.count) runs of sweep '\(folder.plan.name)' are "
          + "not complete (first: \(first.joined(separator: ", "))); run the sweep again to "
          + "finish them, or wait for its Slurm array")
    }
  }

  /// Reads one run's summary, checking it against the sweep.
  static func readRow(_ folder: SweepFolder, _ run: SweepRun) throws(SweepError) -> Row {
    let path = SweepFolder.join(folder.runPath(run.index), "summary.json")
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw SweepError("\(path): cannot read")
    }
    let summary = try SummaryFile.parse(text, file: path)
    let hash = folder.scenarioHashes[run.index]
    guard summary["seed"]?.text == String(run.seed), summary["scenario_hash"]?.text == hash
    else {
      throw SweepError(
        "\(path) is not run \(run.index) of sweep '\(folder.plan.name)': it has seed "
          + "\(summary["seed"]?.text ?? "none") and scenario hash "
          + "\(summary["scenario_hash"]?.text ?? "none"), the sweep expects \(run.seed) and "
          + "\(hash); remove that folder and run the sweep again")
    }
    return Row(run: run, scenarioHash: hash, summary: summary)
  }

  /// The columns of `sweep.csv` and of the `runs` table: the leading columns, then each summary
  /// key with the name it is written under.
  public struct Columns: Sendable, Equatable {
    /// `index`, the axis labels, `replication`, `seed`, `scenario_hash`.
    public var leading: [String]
    /// (summary key, column name), in column order.
    public var summary: [(key: String, column: String)]

    public static func == (a: Columns, b: Columns) -> Bool {
      a.leading == b.leading && a.summary.map(\.key) == b.summary.map(\.key)
        && a.summary.map(\.column) == b.summary.map(\.column)
    }

    /// Every column name, in order.
    public var names: [String] { leading + summary.map(\.column) }
  }

  /// The columns for `rows` (see the type's discussion).
  public static func columns(plan: SweepPlan, rows: [Row]) -> Columns {
    let leading = ["index"] + plan.axisLabels + ["replication", "seed", "scenario_hash"]
    var seen = Set(["seed", "scenario_hash"])
    var keys: [String] = []
    for row in rows {
      for (key, _) in row.summary.entries where !seen.contains(key) {
        seen.insert(key)
        keys.append(key)
      }
    }
    let taken = Set(leading)
    return Columns(
      leading: leading,
      summary: keys.map { ($0, taken.contains($0) ? "summary_" + $0 : $0) })
  }

  /// The text of `sweep.csv`.
  public static func csv(plan: SweepPlan, rows: [Row]) -> String {
    let columns = columns(plan: plan, rows: rows)
    var out: [UInt8] = []
    func line(_ fields: [String]) {
      for (i, field) in fields.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        CSVText.append(field, to: &out)
      }
      out.append(UInt8(ascii: "\n"))
    }
    line(columns.names)
    for row in rows {
      var fields = [String(row.run.index)] + row.run.axisValues.map(\.value)
      fields += [String(row.run.replication), String(row.run.seed), row.scenarioHash]
      fields += columns.summary.map { row.summary[$0.key]?.text ?? "" }
      line(fields)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The text of `sweep.json`.
  public static func json(plan: SweepPlan, rows: [Row]) -> String {
    func s(_ t: String) -> String { JSONText.string(t) }
    var out = "{\n"
    out += "  \"sweep\": \(s(plan.name)),\n"
    out += "  \"sweep_seed\": \(plan.sweepSeed),\n"
    let axes = zip(plan.axisLabels, plan.axisKeyPaths).map {
      "    {\"label\": \(s($0.0)), \"key\": \(s($0.1))}"
    }
    out += "  \"axes\": [" + (axes.isEmpty ? "" : "\n" + axes.joined(separator: ",\n") + "\n  ")
    out += "],\n"
    out += "  \"runs\": ["
    var runs: [String] = []
    for row in rows {
      var r = "    {\n"
      r += "      \"index\": \(row.run.index),\n"
      r += "      \"folder\": \(s(row.run.folderName)),\n"
      r += "      \"replication\": \(row.run.replication),\n"
      r += "      \"seed\": \(row.run.seed),\n"
      r += "      \"scenario_hash\": \(s(row.scenarioHash)),\n"
      let axisValues = row.run.axisValues.map { "\(s($0.label)): \(s($0.value))" }
      r += "      \"axes\": {" + axisValues.joined(separator: ", ") + "},\n"
      let summary = row.summary.entries.map { "        \(s($0.key)): \($0.value.json)" }
      r += "      \"summary\": {"
      r += summary.isEmpty ? "}" : "\n" + summary.joined(separator: ",\n") + "\n      }"
      r += "\n    }"
      runs.append(r)
    }
    out += runs.isEmpty ? "]\n" : "\n" + runs.joined(separator: ",\n") + "\n  ]\n"
    return out + "}\n"
  }
}
