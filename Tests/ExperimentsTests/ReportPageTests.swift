import Foundation
import Racksim
import RacksimTestSupport
import Testing

@testable import Experiments

/// Report pages of hand-written run and sweep folders: which charts appear, with how many
/// series, the reduction of racks.csv, and the atomic write into a run folder.
@Suite struct ReportPageTests {
  /// A run folder with 3 samples, 3 racks, 3 jobs (one unfinished) and a marker.
  static func runFolder(inlet: Bool = false) throws -> URL {
    let dir = TestSupport.temporaryFolder().appendingPathComponent("run")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws {
      try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }
    try write(
      "summary.json", "{\n  \"scenario\": \"hand\",\n  \"seed\": 7,\n  \"pue\": 1.3000\n}\n")
    try write(
      "timeseries.csv",
      """
      time_s,it_power_kw,facility_power_kw,pue,gpu_util,busy_gpus,down_gpus,running_jobs,queued_jobs
      900.000,10.000,13.000,1.3000,0.5000,4.000,0.000,1.000,0.000
      1800.000,20.000,26.000,1.3000,1.0000,8.000,0.000,2.000,1.000
      2700.000,10.000,13.000,1.3000,0.5000,4.000,0.000,1.000,0.000

      """)
    let inletHeader = inlet ? ",inlet_c" : ""
    let rows = [
      ("900.000", "h/r1/k1", "1.000", "20.0"), ("900.000", "h/r1/k2", "3.000", "22.0"),
      ("900.000", "h/r1/k3", "5.000", "24.0"), ("1800.000", "h/r1/k1", "7.000", "26.0"),
      ("1800.000", "h/r1/k2", "9.000", "28.0"), ("1800.000", "h/r1/k3", "11.000", "30.0"),
    ]
    try write(
      "racks.csv",
      "time_s,rack,power_kw,gpu_util\(inletHeader)\n"
        + rows.map { "\($0.0),\($0.1),\($0.2),0.5000" + (inlet ? ",\($0.3)" : "") + "\n" }
        .joined())
    try write(
      "jobs.csv",
      """
      id,user,submit_s,start_s,end_s,gpus,nodes,wait_s,jct_s,slowdown,bounded_slowdown,gpu_s,restarts,state
      "a,1",u,0.000,0.000,10.000,1,1,0.000,10.000,1,1,10,0,finished
      b,u,0.000,5.000,25.000,1,1,5.000,25.000,1,1,20,0,finished
      c,u,0.000,20.000,,1,1,20.000,,,,,0,running

      """)
    try write(".racksim-run", "racksim run folder\njobs.csv\nracks.csv\nsummary.json\n")
    return dir
  }

  /// The `data-series` counts of the page's charts, in page order.
  static func seriesCounts(_ html: String) -> [Int] {
    html.components(separatedBy: "data-series=\"").dropFirst().compactMap {
      Int($0.prefix { $0 != "\"" })
    }
  }

  /// Racks k1, k2, k3 at 900 s and 1800 s, reduced to 2 rows × 1 column: rack r goes to row
  /// ⌊2r/3⌋ = 0, 0, 1; row 0 is the mean of k1 and k2 over both samples (1 + 3 + 7 + 9) / 4 = 5,
  /// row 1 is k3's (5 + 11) / 2 = 8; labels "h/r1/k1 … h/r1/k2" and "h/r1/k3". The columns
  /// start at 900 s = 0.25 h and end one step after the last sample, 2700 s = 0.75 h.
  @Test func racksAreReducedToMeansOfConsecutiveRacksAndSamples() throws {
    let dir = try Self.runFolder()
    let grid = try RackGrid(path: dir.appendingPathComponent("racks.csv").path)
    #expect(grid.racks == ["h/r1/k1", "h/r1/k2", "h/r1/k3"])
    #expect(grid.times == [900, 1800])
    let map = try #require(
      grid.heatmap("power_kw", title: "t", valueLabel: "v", maxRows: 2, maxColumns: 1))
    #expect(map.values == [[5], [8]])
    #expect(map.rows == ["h/r1/k1 … h/r1/k2", "h/r1/k3"])
    #expect(map.columnStarts == [0.25])
    #expect(map.columnEnd == 0.75)
    #expect(grid.heatmap("inlet_c", title: "t", valueLabel: "v") == nil)
  }

  /// The run page's charts, in order: facility power (IT and facility: 2), PUE (1), GPU
  /// utilisation (1), jobs running and queued (2), rack power (3 racks: 3 rows), then with an
  /// inlet column the inlet heatmap (3), wait histogram (1), JCT histogram (1; job c has no
  /// JCT), the CDFs (wait and JCT: 2). No temperatures chart: the file has neither column.
  @Test func aRunPageHasOneChartPerQuantityWithItsSeries() throws {
    let plain = try ReportPage.html(for: try Self.runFolder().path)
    #expect(Self.seriesCounts(plain) == [2, 1, 1, 2, 3, 1, 1, 2])
    let hot = try ReportPage.html(for: try Self.runFolder(inlet: true).path)
    #expect(Self.seriesCounts(hot) == [2, 1, 1, 2, 3, 3, 1, 1, 2])
    // Self-contained: no script, no external resource of any kind.
    for page in [plain, hot] {
      for needle in ["<script", "src=", "href=", "url(", "@import", "<link"] {
        #expect(!page.contains(needle), "the page holds \(needle)")
      }
    }
    #expect(plain.hasPrefix("<!DOCTYPE html>"))
  }

  /// The quoted job id "a,1" is one field: jobs a and b have waits 0 and 5, c waits 20; only
  /// a and b have JCTs (10 and 25).
  @Test func jobsAreReadWithQuotedFields() throws {
    let data = try RunData(folder: try Self.runFolder().path)
    #expect(data.waits == [0, 5, 20])
    #expect(data.jcts == [10, 25])
  }

  /// Written into the run folder under its final name only: the folder is still a run folder
  /// (report.html is one of its files) and nothing hidden is left beside or inside it.
  @Test func theReportIsWrittenAtomicallyIntoARunFolder() throws {
    let dir = try Self.runFolder()
    let written = try ReportPage.write(for: dir.path)
    #expect(written == dir.path + "/report.html")
    #expect(RunFolder.isRunFolder(dir.path))
    let parent = dir.deletingLastPathComponent().path
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["run"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).contains("report.html"))
  }

  /// A malformed file is an error with its line, not a page drawn from part of it: an extra
  /// short row (line 5 of timeseries.csv: the header, three samples, then "1,2,3") and a
  /// quoted field never closed (a jobs.csv whose line 2 opens a quote).
  @Test func malformedRunFilesAreRefusedWithTheirLine() throws {
    let dir = try Self.runFolder()
    let series = dir.appendingPathComponent("timeseries.csv")
    let text = try String(contentsOf: series, encoding: .utf8)
    try Data((text + "1,2,3\n").utf8).write(to: series)
    do {
      _ = try ReportPage.html(for: dir.path)
      Issue.record("a short row was accepted")
    } catch {
      #expect(error.description == "\(series.path): line 5: 3 fields, but the header has 9")
    }
    try Data(text.utf8).write(to: series)
    let jobs = dir.appendingPathComponent("jobs.csv")
    let header = try String(contentsOf: jobs, encoding: .utf8).split(separator: "\n")[0]
    try Data((header + "\n\"a,1\n").utf8).write(to: jobs)
    do {
      _ = try ReportPage.html(for: dir.path)
      Issue.record("an open quote was accepted")
    } catch {
      #expect(error.description == "\(jobs.path): line 2: a quoted field is never closed")
    }
  }

  @Test func aFolderThatIsNeitherARunNorASweepIsRefused() throws {
    let dir = TestSupport.temporaryFolder()
    do {
      _ = try ReportPage.html(for: dir.path)
      Issue.record("an empty folder was reported on")
    } catch {
      #expect(error.description.contains("neither summary.json (a run) nor sweep.csv"))
    }
  }

  /// A sweep of 2 axes (policy: p, q; cap: 1, 2) × 2 replications. The last axis gives the
  /// series (cap=1, cap=2), the other the groups (policy=p, policy=q): data-series="2" for
  /// each metric. Group policy=p, cap=1 has wait 1 and 3: mean 2, s = √2, standard error 1,
  /// t(0.975, 1 d.f.) is the Cauchy quantile tan(0.475 π) = 12.7062, so 2 ± 12.7062.
  @Test func aSweepPageChartsEachMetricByConfiguration() throws {
    let dir = TestSupport.temporaryFolder()
    let csv = """
      index,policy,cap,replication,seed,scenario_hash,mean_wait_s,gpu_util
      0,p,1,0,11,h,1,0.5
      1,p,1,1,12,h,3,0.5
      2,p,2,0,11,h,2,0.5
      3,p,2,1,12,h,2,0.5
      4,q,1,0,11,h,5,0.5
      5,q,1,1,12,h,5,0.5
      6,q,2,0,11,h,4,0.5
      7,q,2,1,12,h,6,0.5

      """
    try Data(csv.utf8).write(to: dir.appendingPathComponent("sweep.csv"))
    let report = try SweepReport(folder: dir.path)
    #expect(report.axes == ["policy", "cap"])
    #expect(report.metrics == ["mean_wait_s", "gpu_util"])
    let html = report.html
    #expect(Self.seriesCounts(html) == [2, 2])
    #expect(html.contains("cap=1 @ policy=p: 2 ± 12.7062"))
    #expect(!html.contains("<script"))
  }
}
