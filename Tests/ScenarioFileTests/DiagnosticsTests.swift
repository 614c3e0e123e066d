import DataCenter
import Racksim
import ScenarioFile
import Testing

@Suite struct DiagnosticsTests {
  @Test func reportsEveryErrorWithItsLocation() {
    let yaml = """
      name: broken
      horizon: 7
      sample_interval: 15x
      site:
        halls:
          - {name: h, rows: -2, racks_per_row: abc, rack_type: dgx-h100-rak}
      facility:
        pue: 0.9
      workloads:
        - name: w
          type: poisson
          mean_interarrival: 10m
          gpus: {8: 1}
          duration: {distribution: lognormal, median: 2h, sigma: 1.2}
          userz: 3
      policies: {scheduler: fifo, placement: worst-fit}
      """
    // Columns counted by hand (1-based):
    //   line 2  "horizon: 7"            "horizon: " is 9 characters → 10
    //   line 3  "sample_interval: 15x"  "sample_interval: " is 17 → 18
    //   line 6  "    - {" is 7, so `name` is at 8; "name: h, " → `rows` at 17, its value at
    //           23; "-2, " → `racks_per_row` (13 letters) at 27, its value at 42;
    //           "abc, " → `rack_type` at 47, its value at 58
    //   line 8  "  pue: " is 7 → 8
    //   line 15 "    userz" → the key at 5
    //   line 16 "policies: {" is 11 → `scheduler` at 12, "scheduler: fifo, " is 17 →
    //           `placement` at 29, "placement: " is 11 → its value at 40
    let racks = HardwareCatalog.builtIn.racks.map(\.name).joined(separator: ", ")
    let placement = PolicyCatalog.unknownNameMessage("worst-fit", family: .placement)
    #expect(placement.contains("first-fit"))
    #expect(
      ScenarioTestHelpers.problems(yaml, file: "broken.yaml") == [
        "broken.yaml:2:10: horizon: expected a duration like 90s, 15m, 6h, 7d, got '7': "
          + "add a unit (ns, us, µs, ms, s, m, min, h, d, w)",
        "broken.yaml:3:18: sample_interval: expected a duration like 90s, 15m, 6h, 7d, "
          + "got '15x'",
        "broken.yaml:6:23: site.halls[0].rows: must be >= 1, got -2",
        "broken.yaml:6:42: site.halls[0].racks_per_row: expected an integer, got 'abc'",
        "broken.yaml:6:58: site.halls[0].rack_type: unknown rack type 'dgx-h100-rak'; "
          + "known: \(racks)",
        "broken.yaml:8:8: facility.pue: must be >= 1, got 0.9",
        "broken.yaml:15:5: unknown key 'userz' in workloads[0]; did you mean 'users'? "
          + "valid keys: arrivals, communication, duration, flexible, gpu_utilization, gpus, "
          + "max_delay, mean_interarrival, name, priority, start, type, users",
        "broken.yaml:16:40: policies.placement: \(placement)",
      ])
  }

  @Test func unknownKeySuggestsTheNearest() {
    // `minimal` line 12 is "policies: {scheduler: fifo, placement: first-fit}"; replacing it
    // puts `shcheduler` at column 12 ("policies: {" is 11 characters).
    let yaml = ScenarioTestHelpers.minimal.replacingOccurrences(
      of: "policies: {scheduler: fifo,", with: "policies: {shcheduler: fifo,")
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:12:12: unknown key 'shcheduler' in policies; did you mean 'scheduler'? "
          + "valid keys: backfill, energy, las_thresholds_gpu_s, placement, preempt, "
          + "preemption_overhead, quantum, scheduler"
      ])
  }

  @Test func unknownKeyFarFromEveryNameListsThemWithoutGuessing() {
    let yaml = ScenarioTestHelpers.minimal + "\nzzz: 1"
    // Line 14, column 1; no valid key is within 2 edits of "zzz".
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(
      problems == [
        "s.yaml:14:1: unknown key 'zzz'; valid keys: carbon, cooling, energy, fabric, facility, hardware, "
          + "horizon, include, name, output, policies, power, power_caps, sample_interval, seed, "
          + "site, thermal, weather, workloads"
      ])
  }

  @Test func unknownPolicyListsTheValidNames() {
    let yaml = ScenarioTestHelpers.minimal.replacingOccurrences(
      of: "scheduler: fifo", with: "scheduler: sjx")
    let problems = ScenarioTestHelpers.problems(yaml)
    // "policies: {scheduler: " is 22 characters → the value at column 23 of line 12.
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasPrefix(
        "s.yaml:12:23: policies.scheduler: unknown scheduler 'sjx'; valid: ") == true)
    for name in PolicyCatalog.names(of: .scheduler) {
      #expect(problems.first?.contains(name) == true)
    }
  }

  @Test func missingRequiredKeysAreReportedAtTheMapping() {
    // Only `name` is given; the root mapping starts at line 1, column 1.
    #expect(
      ScenarioTestHelpers.problems("name: x\n") == [
        "s.yaml:1:1: missing required key 'horizon'",
        "s.yaml:1:1: missing required key 'site'",
        "s.yaml:1:1: missing required key 'workloads'",
      ])
  }

  @Test func wrongTypesSayWhatWasExpected() {
    let yaml = ScenarioTestHelpers.minimal
      .replacingOccurrences(of: "name: t", with: "name: t\nseed: -3")
      .replacingOccurrences(of: "output: {racks: false}", with: "output: {racks: maybe}")
      .replacingOccurrences(of: "site:\n  halls:", with: "site:\n  halls: 3\n  x:")
    // Two lines are added: line 2 "seed: -3" (value at 7), and after line 5 "  halls: 3"
    // (value at 10) line 6 "  x:" holds the old halls list under an unknown key (3). So
    // `minimal`'s line 13 "output: {racks: maybe}" is now line 15 ("output: {racks: " is 16
    // characters → 17).
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:2:7: seed: expected a non-negative integer, got '-3'",
        "s.yaml:5:10: site.halls: expected a list, got '3'",
        "s.yaml:6:3: unknown key 'x' in site; valid keys: halls",
        "s.yaml:15:17: output.racks: expected true or false, got 'maybe'",
      ])
  }

  @Test func yamlSyntaxErrorIsOneDiagnosticAtTheParserMark() {
    // The flow list opened on line 2 is never closed; libyaml notices at the `:` after
    // `horizon` on line 3 ("horizon" is 7 characters → column 8).
    #expect(
      ScenarioTestHelpers.problems("name: x\nsite: [1, 2\nhorizon: 1d\n") == [
        "s.yaml:3:8: invalid YAML: did not find expected ',' or ']' "
          + "(while parsing a flow sequence)"
      ])
  }

  @Test func duplicateKeyIsReported() {
    let problems = ScenarioTestHelpers.problems("name: x\nname: y\n")
    // The second `name` (line 2) is the one pointed at; the first is named in the message.
    #expect(
      problems == [
        "s.yaml:2:1: duplicate key 'name': it is already set at line 1, column 1 of this mapping"
      ])
  }

  @Test func emptyFileIsAnError() {
    #expect(ScenarioTestHelpers.problems("# nothing\n") == ["s.yaml:1:1: the scenario is empty"])
  }

  @Test func validationIssuesAreNotRepeatedForValuesThatFailedToRead() {
    // rows: abc fails to read; validate() must not add "rows must be >= 1" for the
    // placeholder. Line 5 "    - {name: hall-1, rows: " is 27 characters → 28.
    let yaml = ScenarioTestHelpers.minimal.replacingOccurrences(of: "rows: 1", with: "rows: abc")
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:5:28: site.halls[0].rows: expected an integer, got 'abc'"
      ])
  }

  @Test func loadErrorDescriptionJoinsLines() {
    let error = ScenarioLoadError(diagnostics: [
      .init(file: "b.yaml", line: 1, column: 1, message: "second"),
      .init(file: "a.yaml", line: 3, column: 2, message: "first"),
      .init(file: "b.yaml", line: 1, column: 1, message: "second"),
    ])
    #expect(error.description == "a.yaml:3:2: first\nb.yaml:1:1: second")
  }
}
