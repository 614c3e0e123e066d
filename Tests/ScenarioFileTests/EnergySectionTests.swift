import Racksim
import SimKernel
import Testing
import Workloads

@testable import ScenarioFile

/// `policies.energy` and the `energy:` section in scenario files, flexible workloads, and bad
/// input at file:line:column.
@Suite struct EnergySectionTests {
  static func withPolicies(_ policies: String, _ extra: String = "") -> String {
    ScenarioTestHelpers.minimal.replacingOccurrences(
      of: "policies: {scheduler: fifo, placement: first-fit}", with: policies) + extra
  }

  @Test func aListAndItsParametersAreRead() throws {
    let yaml = Self.withPolicies(
      "policies: {scheduler: fifo, energy: [power-down, dvfs]}",
      """

      energy:
        power_down: {idle_timeout: 5min, wake_latency: 2min, wake_energy: 0.1kWh}
        dvfs: {target_slowdown: 1.5}
      """)
    let s = try ScenarioTestHelpers.load(yaml)
    #expect(s.policies.energy == ["power-down", "dvfs"])
    // 0.1 kWh = 0.1 × 3.6e6 J = 360,000 J.
    #expect(
      s.energy?.powerDown
        == PowerDownSpec(idleTimeout: .minutes(5), wakeLatency: .minutes(2), wakeEnergyJ: 360_000))
    #expect(s.energy?.dvfs == DVFSStrategySpec(targetSlowdown: 1.5))
  }

  @Test func oneNameIsAListOfOne() throws {
    let s = try ScenarioTestHelpers.load(
      Self.withPolicies("policies: {energy: power-down}"))
    #expect(s.policies.energy == ["power-down"])
    #expect(s.energy == nil)
  }

  /// Without policies.energy and energy:, the scenario hash is the one of a file that never
  /// heard of them (both are left out of the canonical encoding when absent).
  @Test func absentKeysLeaveTheHashAlone() throws {
    let s = try ScenarioTestHelpers.load(ScenarioTestHelpers.minimal)
    var named = s
    named.policies.energy = ["none"]
    #expect(s.policies.energy == nil && s.energy == nil)
    #expect(s.hash != named.hash)
    #expect(!String(decoding: s.canonicalEncoding, as: UTF8.self).contains("energy"))
  }

  @Test func aFlexibleWorkloadGivesJobsAMaxDelay() throws {
    let yaml = ScenarioTestHelpers.minimal.replacingOccurrences(
      of: "    mean_interarrival: 10m\n",
      with: "    mean_interarrival: 10m\n    flexible: true\n    max_delay: 6h\n")
    let s = try ScenarioTestHelpers.load(yaml)
    guard case .poisson(let source) = s.workloads[0] else {
      Issue.record("expected a poisson workload")
      return
    }
    #expect(source.maxDelay == .hours(6))
  }

  /// Line 12 is the policies line: "policies: {" (11) + "scheduler: fifo, " (17) +
  /// "placement: first-fit, " (22) + "energy: [" (9) = 59 characters, so 'power-dwon' is at
  /// column 60 and, 12 characters on, 'power-cap' at 72. Line 15: "  power_down: " (14) puts
  /// the section's mapping at column 15, and "{" + "idle_timeout: " (15 more) its value at 30.
  /// (power-dwon is not power-down, so the power_down parameters are of an unlisted strategy.)
  @Test func badEnergyInputIsReportedAtItsLine() {
    let yaml = Self.withPolicies(
      "policies: {scheduler: fifo, placement: first-fit, energy: [power-dwon, power-cap]}",
      """

      energy:
        power_down: {idle_timeout: -10min}
      """)
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(
      problems == [
        "s.yaml:12:60: policies.energy[0]: unknown energy strategy 'power-dwon'; valid: "
          + "carbon-aware, cooling-setpoint, dvfs, none, power-cap, power-down (did you mean "
          + "'power-down'?)",
        "s.yaml:12:72: policies.energy[1]: power-cap needs a power_caps: section (the caps it "
          + "enforces)",
        "s.yaml:15:15: energy.power_down: parameters for power-down, which policies.energy does "
          + "not list",
        "s.yaml:15:30: energy.power_down.idle_timeout: must be >= 0s",
      ])
  }

  /// A controller interval below a second, or a round-robin quantum below one, would make a
  /// queue or a controller billions of events a simulated day: each is refused at its key.
  @Test func intervalsBelowASecondAreRefused() {
    let yaml = Self.withPolicies(
      "policies: {scheduler: round-robin, quantum: 1ms, energy: cooling-setpoint}",
      """

      thermal: {supply_c: 20, inlet_limit_c: 30}
      energy:
        cooling_setpoint: {interval: 1ns}
      """)
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(problems.contains { $0.contains("policies.quantum: must be at least 1s") })
    #expect(
      problems.contains { $0.contains("energy.cooling_setpoint.interval: must be at least 1s") })
  }

  /// Values that read well but cannot run are located at load, not met by the model at run
  /// time: a per-GPU limit of 1 W is below an H100's slowest state (the catalog's DVFS
  /// states, REFERENCES.md §3.1: its lowest is about 248 W), and a wake energy of 1e300 kJ is
  /// above the 1 GJ bound (it would make the wake's power term absurd).
  /// Line 14 is "power_caps: {gpu: 1W}" (value at column 19); line 15
  /// "energy: {power_down: {wake_energy: 1e300kJ}}" has the value at column 36.
  @Test func capsAndWakeEnergiesThatCannotRunAreLocated() {
    let yaml =
      ScenarioTestHelpers.minimal.replacingOccurrences(
        of: "policies: {scheduler: fifo, placement: first-fit}",
        with: "policies: {energy: [power-down, power-cap]}")
      + "\npower_caps: {gpu: 1W}\nenergy: {power_down: {wake_energy: 1e300kJ}}"
    let problems = ScenarioTestHelpers.problems(yaml)
    #expect(problems.count == 2, "\(problems)")
    #expect(
      problems.first?.hasPrefix(
        "s.yaml:14:19: power_caps.gpu: 1.0 W is below what a h100-sxm draws at full load in "
          + "its slowest state") == true, "\(problems)")
    #expect(
      problems.last
        == "s.yaml:15:36: energy.power_down.wake_energy: must be at most 1 GJ (1e9 J), got "
        + "1e+303 J")
  }

  /// `max_delay` without `flexible: true`; a wake energy without a unit.
  @Test func badFlexibilityAndEnergyUnits() {
    let yaml =
      ScenarioTestHelpers.minimal.replacingOccurrences(
        of: "    mean_interarrival: 10m\n", with: "    mean_interarrival: 10m\n    max_delay: 6h\n"
      )
      .replacingOccurrences(
        of: "policies: {scheduler: fifo, placement: first-fit}",
        with: "policies: {energy: power-down}")
      + "\nenergy: {power_down: {wake_energy: 50}}"
    // Line 10 "    max_delay: 6h": the value at column 16. Line 15 "energy: {power_down: {" is
    // 22 characters, "wake_energy: " 13 more: the value at column 36.
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:10:16: workloads[0].max_delay: max_delay needs flexible: true",
        "s.yaml:15:36: energy.power_down.wake_energy: expected an energy like 50kJ, 2MJ, 0.1kWh, "
          + "got '50'",
      ])
  }
}
