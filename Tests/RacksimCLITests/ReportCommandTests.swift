import Foundation
import RacksimTestSupport
import Testing

/// `racksim report` and `racksim run --report` as a user runs them (no browser needed).
@Suite struct ReportCommandTests {
  /// `run --report` leaves one complete folder: the run's files plus report.html, nothing
  /// hidden beside it or in it; the page is one self-contained HTML document.
  @Test func runWithReportWritesThePageIntoTheCompleteFolder() throws {
    let dir = TestSupport.temporaryFolder()
    let run = dir.appendingPathComponent("qs")
    let r = try CommandLineTests.run(["run", "--out", run.path, "--report"])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("  report: \(run.path)/report.html\n"))
    let fm = FileManager.default
    #expect(try fm.contentsOfDirectory(atPath: dir.path) == ["qs"])
    #expect(
      try fm.contentsOfDirectory(atPath: run.path).sorted() == [
        ".racksim-run", "events.csv", "jobs.csv", "racks.csv", "report.html", "summary.json",
        "timeseries.csv",
      ])
    let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<title>Run report: quickstart</title>"))
    #expect(!html.contains("<script"))
  }

  /// A folder that does not exist, and one that holds no results: one line each, exit 1.
  @Test func badResultsAreOneLineErrors() throws {
    let dir = TestSupport.temporaryFolder()
    let missing = dir.appendingPathComponent("nope").path
    let r = try CommandLineTests.run(["report", missing])
    #expect(r.status == 1)
    #expect(
      r.err == "racksim: \(missing): no such folder (give a run folder or a sweep folder)\n")
    let empty = try CommandLineTests.run(["report", dir.path])
    #expect(empty.status == 1)
    #expect(
      empty.err
        == "racksim: \(dir.path): neither summary.json (a run) nor sweep.csv (a sweep) is in "
        + "this folder\n")
  }
}
