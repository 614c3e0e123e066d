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
        "s.yaml:10:5: unknown key 'gpus' in workloads[0]; valid keys: file, name, type"))
    #expect(
      problems.contains(
        "s.yaml:11:21: workloads[1].type: unknown workload type 'poison'; valid: poisson, trace "
          + "(did you mean 'poisson'?)"))
  }
}
