import Foundation
import Racksim
import ScenarioFile
import SimKernel
import Testing
import Workloads

/// `invalid_jobs` on a trace: invalid jobs are errors at their lines by default, or dropped
/// with a warning and counted in summary.json (`jobs_dropped`) with `drop`.
@Suite struct InvalidTraceJobTests {
  /// The site: 2 dgx-h100 racks × 4 nodes × 8 GPUs = 64 GPUs.
  static let scenario = TraceWorkloadTests.scenario

  /// Line 2: 100,000 GPUs > 64; line 3: a negative duration; line 4: an estimate below the
  /// duration; line 5: valid; line 6: 128 GPUs > 64.
  static let csv =
    "id,submit_s,gpus,duration_s,estimate_s\nw,0,100000,100,200\nn,10,8,-5,200\n"
    + "e,20,8,100,50\nok,30,8,100,200\nw2,40,128,10,20\n"

  @Test func invalidJobsAreErrorsByDefault() throws {
    let problems = try ScenarioTestHelpers.withFolder(["traces/jobs.csv": Self.csv]) { folder in
      ScenarioTestHelpers.problems(Self.scenario, directory: folder)
    }
    // "n,10,8," is 7 characters → duration at column 8; "e,20,8,100," is 11 → estimate at 12.
    // The widths are checked after a trace reads cleanly, so they are not reported here.
    #expect(
      problems == [
        "traces/jobs.csv:3:8: duration_s must be >= 0 (a negative duration), got '-5'",
        "traces/jobs.csv:4:12: estimate_s 50 is below duration_s 100: an estimate is a "
          + "wall-time limit, and the job would have been killed at it",
      ])
  }

  @Test func dropKeepsTheValidJobsAndCountsTheRest() throws {
    let yaml = Self.scenario + "\n    invalid_jobs: drop"
    let loaded = try ScenarioTestHelpers.withFolder(["traces/jobs.csv": Self.csv]) { folder in
      try ScenarioTestHelpers.load(yaml, directory: folder)
    }
    let ok = TrainingJob(
      name: "ok", submit: SimTime(seconds: 30), gpus: 8, work: .seconds(100),
      estimate: .seconds(200))
    #expect(loaded.workloads == [.trace(name: "replay", file: "traces/jobs.csv", jobs: [ok])])
    // n and e while reading (file order), then w and w2 (first on line 2) by width: 4.
    #expect(loaded.traceJobsDropped == 4)
    #expect(
      loaded.traceWarnings == [
        "traces/jobs.csv:3: dropped 1 invalid job (negative duration), the first on this line",
        "traces/jobs.csv:4: dropped 1 invalid job (estimate below the duration), the first on "
          + "this line",
        "traces/jobs.csv:2: dropped 2 invalid jobs (wider than the site's 64 GPUs), the first "
          + "on this line",
      ])
    var simulation = try Simulation(scenario: loaded)
    let result = try simulation.run()
    #expect(result[summary: "jobs_dropped"] == .integer(4))
    #expect(result[summary: "jobs_submitted"] == .integer(1))
  }

  @Test func anUnknownPolicyListsTheValidOnes() throws {
    let yaml = Self.scenario + "\n    invalid_jobs: skip"
    let problems = try ScenarioTestHelpers.withFolder(["traces/jobs.csv": Self.csv]) { folder in
      ScenarioTestHelpers.problems(yaml, directory: folder)
    }
    // Line 10 "    invalid_jobs: " is 18 characters → 19.
    #expect(
      problems.first == "s.yaml:10:19: workloads[0].invalid_jobs: unknown value 'skip'; valid: "
        + "error, drop")
  }

  /// SWF: field 4 negative (not -1, which means unknown and is a documented drop) and a
  /// requested time below the run time, dropped and counted by reason.
  @Test func swfInvalidJobsAreDroppedByReason() throws {
    let swf =
      "1 0 -1 -7 4 -1 -1 4 100 -1 1 1 -1 -1 -1 -1 -1 -1\n"
      + "2 5 -1 50 4 -1 -1 4 10 -1 1 1 -1 -1 -1 -1 -1 -1\n"
      + "3 9 -1 50 4 -1 -1 4 60 -1 1 1 -1 -1 -1 -1 -1 -1\n"
    #expect(throws: TraceErrors.self) { try SWFTrace.read(swf) }
    let trace = try SWFTrace.read(swf, invalidJobs: .drop)
    #expect(trace.jobs.map(\.name) == ["3"])
    #expect(
      trace.invalidDrops == [
        TraceDrop(reason: "negative duration", count: 1, firstLine: 1),
        TraceDrop(reason: "requested time below the run time", count: 1, firstLine: 2),
      ])
  }
}
