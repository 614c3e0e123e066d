import Foundation
import RacksimTestSupport
import Testing

@testable import Experiments

/// A sweep folder belongs to one sweep: it is created with a marker, reopened by the same
/// sweep, and refused to any other, with nothing written into it.
@Suite struct SweepFolderTests {
  /// One rack, one simulated hour: each run takes milliseconds.
  static let base = """
    name: tiny
    seed: 1
    horizon: 2h
    sample_interval: 1h
    site: {halls: [{name: h, rows: 1, racks_per_row: 1, rack_type: dgx-h100-rack}]}
    workloads: [{name: w, type: poisson, mean_interarrival: 10m, gpus: {1: 0.5, 8: 0.5}, duration: {distribution: exponential, mean: 1h}}]
    output: {racks: true}

    """

  /// Writes the base and a sweep file into `dir` and loads the plan.
  static func plan(_ dir: URL, name: String, axis: String = "[20m, 10m]", seeds: String = "1")
    throws -> (SweepPlan, String)
  {
    try Data(base.utf8).write(to: dir.appendingPathComponent("base.yaml"))
    let file = dir.appendingPathComponent("\(name).yaml")
    try Data(
      "name: \(name)\nbase: base.yaml\naxes:\n  workloads[0].mean_interarrival: \(axis)\nseeds: \(seeds)\n"
        .utf8
    ).write(to: file)
    return (try SweepPlan.load(path: file.path), file.path)
  }

  static func names(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  /// The marker lists the name, the run count and one line per run (index, seed, scenario
  /// hash, folder); the two runs share the seed (one replication) and differ in hash (their
  /// interarrival differs).
  @Test func openWritesTheMarkerAndReopens() throws {
    let dir = TestSupport.temporaryFolder()
    let (plan, _) = try Self.plan(dir, name: "a")
    let out = dir.appendingPathComponent("out").path
    let folder = try SweepFolder.open(plan, at: out)
    let marker = try String(contentsOfFile: out + "/.racksim-sweep", encoding: .utf8)
    let lines = marker.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(Array(lines.prefix(3)) == ["racksim sweep", "name \"a\"", "runs 2"])
    let seed = plan.runs[0].seed
    #expect(lines[3] == "0 \(seed) \(folder.scenarioHashes[0]) 0000-mean_interarrival=20m-rep=0")
    #expect(lines[4] == "1 \(seed) \(folder.scenarioHashes[1]) 0001-mean_interarrival=10m-rep=0")
    #expect(folder.scenarioHashes[0] != folder.scenarioHashes[1])
    #expect(folder.incompleteRuns == [0, 1])
    // The same sweep opens its folder again.
    _ = try SweepFolder.open(plan, at: out)
  }

  static func refusal(_ plan: SweepPlan, _ path: String) -> String {
    do {
      _ = try SweepFolder.open(plan, at: path)
      return ""
    } catch {
      return error.description
    }
  }

  @Test func anotherSweepsFolderIsRefusedAndLeftAlone() throws {
    let dir = TestSupport.temporaryFolder()
    let (a, _) = try Self.plan(dir, name: "a")
    let (b, _) = try Self.plan(dir, name: "b")
    let out = dir.appendingPathComponent("out")
    _ = try SweepFolder.open(a, at: out.path)
    let marker = try Data(contentsOf: out.appendingPathComponent(".racksim-sweep"))
    let message = Self.refusal(b, out.path)
    #expect(
      message.contains("holds the runs of sweep \"a\" (runs 2), not of sweep 'b'"), "\(message)")
    #expect(message.contains("never skips or merges runs that are not its own"))
    #expect(!message.contains("\n"))
    #expect(try Self.names(out) == [".racksim-sweep"])
    #expect(try Data(contentsOf: out.appendingPathComponent(".racksim-sweep")) == marker)
  }

  /// The same name with other runs is another version of the sweep: 2 seeds make 4 runs
  /// (2 there, 4 now); the same count with another axis value differs at run 1 (its hash).
  @Test func anEarlierVersionOfTheSameSweepIsRefused() throws {
    let dir = TestSupport.temporaryFolder()
    let out = dir.appendingPathComponent("out").path
    _ = try SweepFolder.open(try Self.plan(dir, name: "a").0, at: out)
    let more = Self.refusal(try Self.plan(dir, name: "a", seeds: "2").0, out)
    #expect(more.contains("another version of sweep 'a' (runs 2 there, runs 4 now)"), "\(more)")
    let changed = Self.refusal(try Self.plan(dir, name: "a", axis: "[20m, 5m]").0, out)
    #expect(changed.contains("run 1's seed, scenario hash or folder differs"), "\(changed)")
  }

  @Test func aFolderOrFileThatIsNotASweepIsRefused() throws {
    let dir = TestSupport.temporaryFolder()
    let (plan, _) = try Self.plan(dir, name: "a")
    let mine = dir.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: mine.appendingPathComponent("notes.txt"))
    #expect(Self.refusal(plan, mine.path).contains("exists and is not a sweep folder"))
    #expect(try Self.names(mine) == ["notes.txt"])
    let file = dir.appendingPathComponent("base.yaml").path
    #expect(Self.refusal(plan, file).contains("is a file, not a sweep folder"))
    #expect(Self.refusal(plan, dir.path + "/no/such/out").contains("does not exist"))
    // An empty folder is fine.
    let empty = dir.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(Self.refusal(plan, empty.path) == "")
  }

  /// A worker checks its own line of the marker: another sweep's folder, an unprepared folder
  /// and an index out of range are one-line errors, and nothing is written.
  @Test func aWorkerRefusesWhatIsNotItsSweep() throws {
    let dir = TestSupport.temporaryFolder()
    let (a, _) = try Self.plan(dir, name: "a")
    let (b, _) = try Self.plan(dir, name: "b")
    let out = dir.appendingPathComponent("out").path
    func message(_ plan: SweepPlan, _ index: Int, _ path: String) -> String {
      do {
        _ = try SweepWorker.run(plan: plan, index: index, folder: path)
        return ""
      } catch {
        return error.description
      }
    }
    #expect(message(a, 0, out).contains("is not prepared for sweep 'a'"))
    _ = try SweepFolder.open(a, at: out)
    #expect(message(b, 0, out).contains("not sweep 'b' with 2 runs"))
    #expect(message(a, 2, out).contains("run index 2 is out of range: sweep 'a' has runs 0 to 1"))
    #expect(try Self.names(URL(fileURLWithPath: out)) == [".racksim-sweep"])
  }

  /// Runs done in-process by the worker, then merged: a run already complete is not rerun;
  /// merging before every run is complete says how many are missing; the SQLite tables hold
  /// one row per run and every row of each run's CSV files (counted from the files, an
  /// independent count), typed per value; and the README's queries run.
  @Test func workerRunsThenCollectWritesAllThreeFiles() throws {
    let dir = TestSupport.temporaryFolder()
    let (plan, _) = try Self.plan(dir, name: "a")
    let out = dir.appendingPathComponent("out").path
    let folder = try SweepFolder.open(plan, at: out)
    _ = try SweepWorker.run(plan: plan, index: 0, folder: out)
    do {
      _ = try SweepMerge.collect(folder)
      Issue.record("a merge with run 1 missing succeeded")
    } catch {
      #expect(error.description.hasPrefix("1 of 2 runs of sweep 'a' are not complete"))
    }
    #expect(!FileManager.default.fileExists(atPath: out + "/sweep.csv"))
    guard case .ran = try SweepWorker.run(plan: plan, index: 1, folder: out) else {
      Issue.record("run 1 did not run")
      return
    }
    guard case .alreadyComplete = try SweepWorker.run(plan: plan, index: 1, folder: out) else {
      Issue.record("run 1 ran twice")
      return
    }
    let merged = try SweepMerge.collect(folder)
    #expect(
      merged.files.map { ($0 as NSString).lastPathComponent } == [
        "sweep.csv", "sweep.json", "sweep.sqlite",
      ])
    let db = out + "/sweep.sqlite"
    #expect(
      try SweepDatabase.query(db, "select run_index, mean_interarrival from runs order by 1")
        == [["0", "20m"], ["1", "10m"]])
    for (table, file) in SweepDatabase.perRunTables {
      for index in 0..<2 {
        let text = try String(
          contentsOfFile: folder.runPath(index) + "/" + file, encoding: .utf8)
        let lines = text.split(separator: "\n").count - 1
        let count = try SweepDatabase.query(
          db, "select count(*) from \(table) where run_index = \(index)")
        #expect(count == [[String(lines)]], "\(table) of run \(index)")
      }
    }
    // 20m is text, a seed (64 bits) text, gpu_util real, jobs_submitted integer.
    #expect(
      try SweepDatabase.query(
        db,
        "select typeof(mean_interarrival), typeof(seed), typeof(gpu_util), typeof(jobs_submitted)"
          + " from runs where run_index = 0") == [["text", "text", "real", "integer"]])
    // The README's queries.
    let csv = try Results.sweepRows(
      csv: String(contentsOfFile: out + "/sweep.csv", encoding: .utf8))
    let byLoad = try SweepDatabase.query(
      db,
      "select mean_interarrival, avg(mean_wait_s), avg(gpu_util) from runs"
        + " group by mean_interarrival order by mean_interarrival")
    // One run per group, so each average is that run's value in sweep.csv ("10m" < "20m").
    #expect(byLoad.map { $0[0] } == ["10m", "20m"])
    #expect(Double(byLoad[1][2]) == csv[0].number("gpu_util"))
    #expect(Double(byLoad[0][2]) == csv[1].number("gpu_util"))
    let queue = try SweepDatabase.query(
      db,
      "select r.mean_interarrival, t.time_s, avg(t.queued_jobs) from timeseries t"
        + " join runs r using (run_index) group by 1, 2 order by 1, 2")
    #expect(!queue.isEmpty)
    let jobs = try SweepDatabase.query(
      db,
      "select r.mean_interarrival, count(*) from jobs j join runs r using (run_index)"
        + " group by 1 order by 1")
    let submitted = try SweepDatabase.query(
      db, "select mean_interarrival, jobs_submitted from runs order by 1")
    #expect(jobs == submitted)  // every submitted job has one row in jobs.csv
  }
}
