import Racksim
import ScenarioFile
import SimKernel
import Testing
import Workloads

@Suite struct DistributionTests {
  /// The duration distribution of `minimal`'s workload after `--set workloads[0].duration=…`.
  static func duration(_ flow: String) throws -> Distribution {
    let scenario = try ScenarioTestHelpers.load(
      ScenarioTestHelpers.minimal, overrides: ["workloads[0].duration=\(flow)"])
    guard case .poisson(let source) = scenario.workloads[0] else { return .constant(-1) }
    return source.duration
  }

  /// Every form, in seconds: 30m = 1800, 1h = 3600, 2h = 7200, 3h = 10800.
  static let forms: [(String, Distribution)] = [
    ("{distribution: constant, value: 1h}", .constant(3_600)),
    ("{distribution: uniform, low: 1h, high: 2h}", .uniform(low: 3_600, high: 7_200)),
    ("{distribution: exponential, mean: 2h}", .exponential(mean: 7_200)),
    ("{distribution: normal, mean: 2h, sd: 30m}", .normal(mean: 7_200, standardDeviation: 1_800)),
    // mu = ln(median in seconds) = ln 7200 ≈ 8.8818
    (
      "{distribution: lognormal, median: 2h, sigma: 1.2}",
      .lognormal(mu: PortableMath.log(7_200), sigma: 1.2)
    ),
    ("{distribution: weibull, shape: 0.7, scale: 3h}", .weibull(shape: 0.7, scale: 10_800)),
    ("{distribution: gamma, shape: 2, scale: 1h}", .gamma(shape: 2, scale: 3_600)),
    ("{distribution: empirical, samples: [1h, 2h, 30m]}", .empirical([3_600, 7_200, 1_800])),
    ("2h", .constant(7_200)),  // a plain duration is a constant
  ]

  @Test(arguments: forms)
  func readsEveryForm(flow: String, expected: Distribution) throws {
    #expect(try Self.duration(flow) == expected)
  }

  @Test func unknownDistributionSuggestsTheNearest() {
    // "workloads[0].duration=" is 22 characters, "{distribution: " 15 more → column 38.
    let problems = ScenarioTestHelpers.problems(
      ScenarioTestHelpers.minimal,
      overrides: ["workloads[0].duration={distribution: lognormel, median: 2h, sigma: 1}"])
    #expect(
      problems == [
        "--set #1 'workloads[0].duration={distribution: lognormel, median: 2h, sigma: 1}', "
          + "column 38: workloads[0].duration.distribution: unknown distribution 'lognormel'; "
          + "valid: constant, empirical, exponential, gamma, lognormal, normal, uniform, "
          + "weibull (did you mean 'lognormal'?)"
      ])
  }

  @Test func missingParameterAndWrongUnitInADistribution() {
    // Column 23 is the '{' of the flow mapping; "{distribution: uniform, low: " is 29 more
    // characters → `5` at 52.
    let problems = ScenarioTestHelpers.problems(
      ScenarioTestHelpers.minimal,
      overrides: ["workloads[0].duration={distribution: uniform, low: 5}"])
    #expect(
      problems == [
        "--set #1 'workloads[0].duration={distribution: uniform, low: 5}', column 23: "
          + "workloads[0].duration: missing required key 'high'",
        "--set #1 'workloads[0].duration={distribution: uniform, low: 5}', column 52: "
          + "workloads[0].duration.low: expected a duration like 90s, 15m, 6h, 7d, "
          + "got '5': add a unit (ns, us, µs, ms, s, m, min, h, d, w)",
      ])
  }

  @Test func lognormalMedianMustBePositive() {
    // "{distribution: lognormal, median: " is 34 characters after column 23 → 57.
    let problems = ScenarioTestHelpers.problems(
      ScenarioTestHelpers.minimal,
      overrides: ["workloads[0].duration={distribution: lognormal, median: 0s, sigma: 1}"])
    #expect(
      problems == [
        "--set #1 'workloads[0].duration={distribution: lognormal, median: 0s, sigma: 1}', "
          + "column 57: workloads[0].duration.median: must be > 0"
      ])
  }
}
