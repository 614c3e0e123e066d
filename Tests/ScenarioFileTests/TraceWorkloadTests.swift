import Foundation
import Racksim
import ScenarioFile
import SimKernel
import Testing
import Workloads

@Suite struct TraceWorkloadTests {
  static let scenario = """
    name: replay
    horizon: 1d
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
      - name: replay
        type: trace
        file: traces/jobs.csv
    """

  @Test func readsTheTraceNextToTheScenario() throws {
    let csv = "id,submit_s,gpus,duration_s\nb,60,16,7200\na,0,8,3600\n"
    let loaded = try ScenarioTestHelpers.withFolder(["traces/jobs.csv": csv]) { folder in
      try ScenarioTestHelpers.load(Self.scenario, directory: folder)
    }
    // JobTraceCSV sorts by submit time: a (0 s) before b (60 s).
    let expected: [TrainingJob] = [
      TrainingJob(name: "a", submit: .zero, gpus: 8, work: .seconds(3_600)),
      TrainingJob(name: "b", submit: SimTime(seconds: 60), gpus: 16, work: .seconds(7_200)),
    ]
    #expect(loaded.workloads == [.trace(name: "replay", file: "traces/jobs.csv", jobs: expected)])
  }

  @Test func traceErrorsNameTheCSVFileLineAndColumn() throws {
    // Line 3 "b,60,x,7200": "b,60," is 5 characters → gpus at column 6.
    let csv = "id,submit_s,gpus,duration_s\na,0,8,3600\nb,60,x,7200\n"
    let problems = try ScenarioTestHelpers.withFolder(["traces/jobs.csv": csv]) { folder in
      ScenarioTestHelpers.problems(Self.scenario, directory: folder)
    }
    #expect(problems == ["traces/jobs.csv:3:6: gpus must be an integer >= 1, got 'x'"])
  }

  @Test func missingTraceIsReportedAtTheFileKey() throws {
    let problems = try ScenarioTestHelpers.withFolder([:]) { folder in
      ScenarioTestHelpers.problems(Self.scenario, directory: folder).map {
        $0.replacingOccurrences(of: folder, with: "<dir>")
      }
    }
    // Line 9 "    file: " is 10 characters → 11.
    #expect(
      problems == [
        "s.yaml:9:11: workloads[0].file: cannot read trace 'traces/jobs.csv': no such file "
          + "(<dir>/traces/jobs.csv)"
      ])
  }

  @Test func traceKeysAreCheckedByType() {
    let yaml = Self.scenario + "\n    gpus: {8: 1}\n  - {name: x, type: poison}"
    let problems = ScenarioTestHelpers.problems(yaml)
    // Line 10 "    gpus" → 5; line 11 "  - {name: x, type: " is 20 characters → 21.
    #expect(
      problems.contains(
        "s.yaml:10:5: unknown key 'gpus' in workloads[0]; valid keys: communication, file, format, "
          + "invalid_jobs, name, task_file, type"))
    #expect(
      problems.contains(
        "s.yaml:11:21: workloads[1].type: unknown workload type 'poison'; valid: constant, poisson, trace "
          + "(did you mean 'poisson'?)"))
  }

  static func scenario(workload: String) -> String {
    """
    name: replay
    horizon: 1d
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
    \(workload)
    """
  }

  /// `format: swf` selects the SWF reader; the SWF line 1 job runs 3,600 s on 8 processors.
  @Test func formatSelectsTheReader() throws {
    let swf = "; comment\n1 0 10 3600 8 -1 -1 8 7200 -1 1 1 1 -1 1 -1 -1 -1\n"
    let yaml = Self.scenario(workload: "  - {name: s, type: trace, format: swf, file: log.swf}")
    let loaded = try ScenarioTestHelpers.withFolder(["log.swf": swf]) { folder in
      try ScenarioTestHelpers.load(yaml, directory: folder)
    }
    let expected = TrainingJob(
      name: "1", submit: .zero, gpus: 8, work: .seconds(3600), user: "user-1",
      estimate: .seconds(7200))
    #expect(loaded.workloads == [.trace(name: "s", file: "log.swf", jobs: [expected])])
  }

  /// PAI reads two files; a task-table error is reported under the task file's name
  /// (line 1: "j,w,x," → inst_num "x" at column 5).
  @Test func paiReadsItsTaskFile() throws {
    let yaml = Self.scenario(
      workload: "  - {name: p, type: trace, format: pai, file: jobs.csv, task_file: tasks.csv}")
    let files = [
      "jobs.csv": "j,i,u,Terminated,100,200\n", "tasks.csv": "j,w,x,T,100,150,600,1,100,V100\n",
    ]
    let problems = try ScenarioTestHelpers.withFolder(files) { folder in
      ScenarioTestHelpers.problems(yaml, directory: folder)
    }
    #expect(problems == ["tasks.csv:1:5: inst_num must be an integer >= 0, got 'x'"])
  }

  /// An unknown format lists the valid ones; pai without task_file and task_file on csv are
  /// reported at the workload and at the value (the items are on lines 7–9; "  - {name: a,
  /// type: trace, format: " is 35 characters → 36; the second item's mapping starts at
  /// column 5; "  - {name: c, type: trace, file: c.csv, task_file: " is 51 characters → 52).
  @Test func formatKeysAreChecked() {
    let yaml = Self.scenario(
      workload: """
          - {name: a, type: trace, format: philips, file: a.json}
          - {name: b, type: trace, format: pai, file: b.csv}
          - {name: c, type: trace, file: c.csv, task_file: t.csv}
        """)
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(
      problems.contains(
        "s.yaml:7:36: workloads[0].format: unknown trace format 'philips'; valid: csv, swf, "
          + "philly, pai, helios"))
    #expect(
      problems.contains(
        "s.yaml:8:5: workloads[1]: missing required key 'task_file' (the pai task table)"))
    #expect(
      problems.contains(
        "s.yaml:9:52: workloads[2].task_file: only the pai format reads a task file; this "
          + "trace's format is csv"))
  }

  static let poissonBase = "{name: w, type: poisson, gpus: {8: 1}, duration: 1h, "

  /// `arrivals: {process: diurnal, …}` with 24 weights; the old `mean_interarrival` key still
  /// makes a plain Poisson workload.
  @Test func arrivalProcessesAreDecoded() throws {
    let profile = "[" + (0..<24).map { $0 < 12 ? "1" : "3" }.joined(separator: ", ") + "]"
    let yaml = Self.scenario(
      workload: """
          - \(Self.poissonBase)arrivals: {process: diurnal, mean_interarrival: 5m, profile: \(profile)}}
          - {name: m, type: poisson, gpus: {8: 1}, duration: 1h, arrivals: {process: mmpp, mean_interarrivals: [60s, 6s], mean_sojourns: [1h, 10m]}}
          - {name: p, type: poisson, gpus: {8: 1}, duration: 1h, mean_interarrival: 10m}
        """)
    let loaded = try ScenarioTestHelpers.load(yaml)
    guard case .poisson(let d) = loaded.workloads[0], case .poisson(let m) = loaded.workloads[1],
      case .poisson(let p) = loaded.workloads[2]
    else {
      Issue.record("expected three poisson workloads")
      return
    }
    #expect(d.meanInterarrival == .minutes(5))
    #expect(d.arrivals == .diurnal(profile: (0..<24).map { $0 < 12 ? 1 : 3 }))
    #expect(
      m.arrivals
        == .markovModulated(
          meanInterarrivals: [.seconds(60), .seconds(6)], meanSojourns: [.hours(1), .minutes(10)]))
    // The stored mean gap is 1/λ = 105/4 = 26.25 s (ArrivalProcessTests derives λ = 4/105).
    #expect(m.meanInterarrival == .seconds(26.25))
    #expect(p.arrivals == .poisson && p.meanInterarrival == .minutes(10))
  }

  /// Arrival errors: an unknown process (with a suggestion), a profile of 2 weights, and
  /// `mean_interarrival` both beside and inside `arrivals`.
  @Test func arrivalErrorsAreLocated() {
    let yaml = Self.scenario(
      workload: """
          - \(Self.poissonBase)arrivals: {process: diurnl}}
          - {name: x, type: poisson, gpus: {8: 1}, duration: 1h, arrivals: {process: diurnal, mean_interarrival: 1m, profile: [1, 2]}}
          - {name: y, type: poisson, gpus: {8: 1}, duration: 1h, mean_interarrival: 1m, arrivals: {process: poisson, mean_interarrival: 2m}}
        """)
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(
      problems.contains {
        $0.hasPrefix("s.yaml:7:")
          && $0.hasSuffix(
            "workloads[0].arrivals.process: unknown arrival process 'diurnl'; valid: poisson, "
              + "diurnal, mmpp (did you mean 'diurnal'?)")
      })
    #expect(
      problems.contains {
        $0.hasPrefix("s.yaml:8:")
          && $0.hasSuffix("workloads[1].arrivals.profile: profile needs 24 hourly weights, got 2")
      })
    #expect(
      problems.contains {
        $0.hasPrefix("s.yaml:9:")
          && $0.hasSuffix(
            "workloads[2].mean_interarrival: mean_interarrival is given both here and inside "
              + "arrivals; keep one")
      })
  }

  /// A trace that is not UTF-8 says so.
  @Test func nonUTF8TraceSaysSo() throws {
    let problems = try ScenarioTestHelpers.withFolder(["other.csv": ""]) { folder in
      try Data([0x69, 0x64, 0xFF, 0xFE, 0x0A]).write(
        to: URL(fileURLWithPath: folder).appendingPathComponent("jobs.csv"))
      return ScenarioTestHelpers.problems(
        Self.scenario(workload: "  - {name: t, type: trace, file: jobs.csv}"), directory: folder)
    }
    // "id" then 0xFF: the bad byte is the third character of the trace's line 1.
    #expect(
      problems == [
        "jobs.csv:1:3: the file is not UTF-8 text: byte 0xFF here is not valid UTF-8; it looks "
          + "like Latin-1 (ISO-8859-1) or Windows-1252; save it as UTF-8"
      ])
  }
}
