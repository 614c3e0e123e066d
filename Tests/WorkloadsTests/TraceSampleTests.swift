import Foundation
import SimKernel
import Testing

@testable import Workloads

/// Each reader on its hand-written sample in `Scenarios/data/traces/` (expected jobs derived
/// from the files and the mapping in that folder's README), and on broken records.
@Suite struct TraceSampleTests {
  static func sample(_ name: String, _ filePath: String = #filePath) throws -> String {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return try String(
      contentsOf: root.appendingPathComponent("Scenarios/data/traces/\(name)"), encoding: .utf8)
  }

  static func summary(_ jobs: [TrainingJob]) -> [String] {
    jobs.map { "\($0.name) \($0.submit.seconds) \($0.gpus) \($0.work.seconds)" }
  }

  static func problems(_ read: () throws(TraceErrors) -> ParsedTrace) -> [String] {
    do {
      _ = try read()
      return []
    } catch {
      return error.issues.map { "\($0.line):\($0.column): \($0.message)" }
    }
  }

  /// jobs.csv: three jobs in submit order; the quoted `"eval ""quick"""` is `eval "quick"`.
  @Test func projectCSVSample() throws {
    let jobs = try JobTraceCSV.parse(Self.sample("jobs.csv"))
    #expect(
      Self.summary(jobs) == [
        "train-1 0.0 8 3600.0", "train-2 60.0 16 1800.0",
        "eval \"quick\" 90.0 1 120.5",
      ])
    #expect(jobs[1].user == "bob, research" && jobs[0].estimate == .seconds(7200))
  }

  /// sample.swf: job 3 has run time -1 and is dropped; job 2 takes its 16 requested
  /// processors (field 5 is -1); order by submit: 1 (0 s), 4 (30 s), 2 (60 s).
  @Test func swfSample() throws {
    let trace = try SWFTrace.read(Self.sample("sample.swf"))
    #expect(Self.summary(trace.jobs) == ["1 0.0 8 3600.0", "4 30.0 1 100.0", "2 60.0 16 1800.0"])
    #expect(trace.jobs.map(\.estimate) == [.seconds(7200), nil, .seconds(1800)])
    #expect(trace.jobs.map(\.user) == ["user-1", "user-3", "user-2"])
    #expect(trace.dropped == [TraceDrop(reason: "run time unknown (-1)", count: 1, firstLine: 8)])
  }

  /// Broken SWF lines: 17 fields; a non-numeric field 5 ("1 0 10 3600 " is 12 characters →
  /// column 13); a run time above the requested time (line 4: "3 0 10 3600 8 -1 -1 8 " is
  /// 22 characters → field 9 at column 23); a
  /// negative run time other than -1 (column 8 of line 5).
  @Test func swfBrokenLines() {
    let text = """
      1 0 10 3600 8 -1 -1 8 7200 -1 1 1 1 -1 1 -1 -1
      2 0 10 3600 x -1 -1 8 7200 -1 1 1 1 -1 1 -1 -1 -1
      ; comment
      3 0 10 3600 8 -1 -1 8 1800 -1 1 1 1 -1 1 -1 -1 -1
      4 0 10 -5 8 -1 -1 8 -1 -1 1 1 1 -1 1 -1 -1 -1
      """
    #expect(
      Self.problems { () throws(TraceErrors) in try SWFTrace.read(text) } == [
        "1:1: expected 18 fields, found 17",
        "2:13: field 5 (allocated processors) must be a number, got 'x'",
        "4:23: requested time (field 9) 1800 s is below the run time (field 4) 3600 s: SWF's "
          + "requested time is a limit",
        "5:8: run time (field 4) must be >= 0 (a negative duration), got '-5'",
      ])
  }

  /// Philly: rebased to 10001's 08:00:00 (10003 at 07:59 is dropped before rebasing);
  /// 10002 holds 16 GPUs in its first attempt and runs 600 + 1,800 s.
  @Test func phillySample() throws {
    let trace = try PhillyTrace.read(Self.sample("philly_cluster_job_log.json"))
    #expect(
      Self.summary(trace.jobs) == [
        "application_1506638472019_10001 0.0 4 3600.0",
        "application_1506638472019_10002 300.0 16 2400.0",
        "application_1506638472019_10005 7200.0 1 120.0",
      ])
    #expect(
      trace.dropped.map(\.reason) == ["no recorded attempt", "still running (end_time null)"])
  }

  /// Broken Philly input: a time that is not one (line 1: `[{"jobid": "a", "submitted_time": `
  /// is 34 characters → its opening quote at column 35), an end before its start (line 2,
  /// the `5` of `"end_time": 5` at column 82), and a missing comma (line 3, column 16: the
  /// quote after `"c" `), a syntax error that stops the reader.
  @Test func phillyBrokenRecords() {
    let text = """
      [{"jobid": "a", "submitted_time": "yesterday", "attempts": []},
       {"jobid": "b", "submitted_time": 0, "attempts": [{"start_time": 10, "end_time": 5}]},
       {"jobid": "c" "submitted_time": 0}]
      """
    #expect(
      Self.problems { () throws(TraceErrors) in try PhillyTrace.read(text) } == [
        "1:35: submitted_time must be a time like 2017-10-04 19:30:40 (years 1870 to 2069)",
        "2:82: end_time is before start_time (a negative duration)",
        "3:16: expected ',' or '}', found '\"'",
      ])
  }

  /// Nesting is bounded: 10,000 open brackets are an error, not a stack overflow.
  @Test func phillyDeepNestingIsAnError() {
    let text = String(repeating: "[", count: 10_000)
    let problems = Self.problems { () throws(TraceErrors) in try PhillyTrace.read(text) }
    #expect(problems == ["1:33: JSON nested deeper than 32 levels"])
  }

  /// PAI: rebased to job_a1's 1000 s; a1 has 2 instances × 1 GPU and spans 1005–5000 s; b2's
  /// plan_gpu 50 rounds up to 1 GPU; c3 asks for no GPU and d4 never finished.
  @Test func paiSample() throws {
    let trace = try PAITrace.read(
      jobs: Self.sample("pai_job_table.csv"), tasks: Self.sample("pai_task_table.csv"))
    #expect(Self.summary(trace.jobs) == ["job_a1 0.0 2 3995.0", "job_b2 200.0 1 280.0"])
    #expect(
      trace.dropped.map(\.reason) == [
        "no task asks for a GPU", "no task has both start_time and end_time",
      ])
  }

  /// Broken PAI records, each located in its own table: a job line with 5 fields, a task
  /// whose end is before its start ("j,w,1,T,100," is 12 characters → column 13), and a
  /// non-numeric inst_num.
  @Test func paiBrokenRecords() {
    let jobs = "j,i,u,Terminated,100,200\nk,i,u,Terminated,100\n"
    let tasks = "j,w,1,T,100,50,600,1,100,V100\nj,w,x,T,100,150,600,1,100,V100\n"
    do {
      _ = try PAITrace.read(jobs: jobs, tasks: tasks)
      Issue.record("expected errors")
    } catch {
      #expect(
        error.issues == [
          TraceIssue(line: 2, column: 1, message: "expected 6 fields in pai_job_table, found 5"),
          TraceIssue(
            line: 1, column: 13, message: "end_time is before start_time (a negative duration)",
            file: .tasks),
          TraceIssue(
            line: 2, column: 5, message: "inst_num must be an integer >= 0, got 'x'",
            file: .tasks),
        ])
    }
  }

  /// Helios: rebased to 6100004's 00:00:00; 6100002 (gpu_num 0) is dropped.
  @Test func heliosSample() throws {
    let trace = try HeliosTrace.read(Self.sample("helios_cluster_log.csv"))
    #expect(
      Self.summary(trace.jobs) == [
        "6100004 0.0 1 0.0", "6100001 10.0 8 3600.0",
        "6100003 130.0 16 600.0",
      ])
    #expect(trace.dropped == [TraceDrop(reason: "no GPU (gpu_num 0)", count: 1, firstLine: 3)])
  }

  /// Broken Helios rows: 3 fields instead of 5; gpu_num "two" (after "2,u,": column 5); a
  /// negative duration.
  @Test func heliosBrokenRows() {
    let text = """
      job_id,user,gpu_num,submit_time,duration
      1,u,8
      2,u,two,0,10
      3,u,1,2020-04-01 00:00:00,-3
      """
    // Line 4: "3,u,1,2020-04-01 00:00:00," is 26 characters → duration at column 27.
    #expect(
      Self.problems { () throws(TraceErrors) in try HeliosTrace.read(text) } == [
        "2:1: expected 5 fields, found 3",
        "3:5: gpu_num must be an integer >= 0, got 'two'",
        "4:27: duration must be >= 0 (a negative duration), got '-3'",
      ])
  }

  /// The format key's names and the dispatcher: pai without its task table is an error.
  @Test func formatNamesAndDispatch() throws {
    #expect(TraceFormat.allCases.map(\.rawValue) == ["csv", "swf", "philly", "pai", "helios"])
    let jobs = try TraceFormat.swf.read(Self.sample("sample.swf")).jobs
    #expect(jobs.count == 3)
    #expect(
      Self.problems { () throws(TraceErrors) in try TraceFormat.pai.read("") } == [
        "1:1: the pai format needs its task table too"
      ])
  }
}
