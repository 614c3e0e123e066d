import Racksim
import ScenarioFile
import SimKernel
import Testing

@Suite struct OverrideTests {
  @Test func setsScalarsAndNestedIndexes() throws {
    let scenario = try ScenarioTestHelpers.load(
      ScenarioTestHelpers.minimal,
      overrides: [
        "policies.scheduler=fifo", "site.halls[0].rows=4", "horizon=3h", "facility.pue=1.2",
        "seed=77", "workloads[0].duration.mean=2h",
      ])
    #expect(scenario.site.halls[0].rows == 4)
    #expect(scenario.horizon == .seconds(10_800))  // 3 × 3600 s
    #expect(scenario.facility.pue == 1.2)  // `facility` was absent: the key is added
    #expect(scenario.seed == 77)
    guard case .poisson(let source) = scenario.workloads[0] else {
      Issue.record("expected a Poisson workload")
      return
    }
    #expect(source.duration == .exponential(mean: 7_200))
  }

  @Test func setsFlowValues() throws {
    let scenario = try ScenarioTestHelpers.load(
      ScenarioTestHelpers.minimal, overrides: ["workloads[0].gpus={1: 3, 2: 1}"])
    guard case .poisson(let source) = scenario.workloads[0] else {
      Issue.record("expected a Poisson workload")
      return
    }
    #expect(source.gpuWeights == [.init(gpus: 1, weight: 3), .init(gpus: 2, weight: 1)])
  }

  @Test func unknownPathIsReportedAtTheKeyInTheArgument() {
    // "policies." is 9 characters → `shceduler` at column 10.
    #expect(
      ScenarioTestHelpers.problems(
        ScenarioTestHelpers.minimal, overrides: ["policies.shceduler=sjf"])
        == [
          "--set #1 'policies.shceduler=sjf', column 10: unknown key 'shceduler' in policies; "
            + "did you mean 'scheduler'? "
            + "valid keys: backfill, energy, las_thresholds_gpu_s, placement, preempt, "
            + "preemption_overhead, quantum, scheduler"
        ])
  }

  @Test func badValueIsReportedAtTheValueInTheArgument() {
    // "horizon=" is 8 characters → the value at column 9.
    #expect(
      ScenarioTestHelpers.problems(ScenarioTestHelpers.minimal, overrides: ["horizon=abc"]) == [
        "--set #1 'horizon=abc', column 9: horizon: expected a duration like 90s, 15m, 6h, 7d, "
          + "got 'abc'"
      ])
    // "facility.pue=" is 13 characters → 14; the range error comes from validate().
    #expect(
      ScenarioTestHelpers.problems(ScenarioTestHelpers.minimal, overrides: ["facility.pue=0.5"])
        == ["--set #1 'facility.pue=0.5', column 14: facility.pue: must be >= 1, got 0.5"])
  }

  @Test func indexOutOfRangeAndMalformedArguments() {
    // "site.halls" is 10 characters → `[3]` at 11. `minimal` has one hall. Each argument is
    // named by its position (#1 … #4), and the list is sorted by it.
    #expect(
      ScenarioTestHelpers.problems(
        ScenarioTestHelpers.minimal,
        overrides: ["site.halls[3].rows=1", "seed", "a..b=1", "name.x=1"])
        == [
          "--set #1 'site.halls[3].rows=1', column 11: cannot set 'site.halls[3]': site.halls "
            + "has 1 entry",
          "--set #2 'seed', column 1: expected path=value (like policies.scheduler=sjf), got "
            + "'seed'",
          "--set #3 'a..b=1', column 1: 'a..b' is not a key path like policies.scheduler or "
            + "site.halls[0].rows",
          "--set #4 'name.x=1', column 6: cannot set 'name.x': name is 't', not a mapping",
        ])
  }

  @Test func builtInQuickstartTakesOverrides() throws {
    let scenario = try BuiltInScenarios.quickstart(overrides: ["horizon=1d"])
    #expect(scenario.horizon == .seconds(86_400))
    #expect(throws: ScenarioLoadError.self) {
      try BuiltInScenarios.quickstart(overrides: ["policies.scheduler=nope"])
    }
  }
}
