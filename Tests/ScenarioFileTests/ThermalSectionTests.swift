import Racksim
import Testing

/// The `thermal:` section: values, defaults, and located errors.
@Suite struct ThermalSectionTests {
  static let base = """
    name: t
    horizon: 1h
    site: {halls: [{name: h, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}]}
    workloads: [{name: w, type: poisson, mean_interarrival: 10m, gpus: {1: 1}, duration: {distribution: exponential, mean: 1h}}]

    """

  @Test func readsValuesAndDefaults() throws {
    let s = try ScenarioTestHelpers.load(
      Self.base + "thermal: {supply_c: 18, blocks: hall, recirculation: {neighbour: 0.1}}\n")
    let t = try #require(s.thermal)
    #expect(t.supplyC == 18)
    #expect(t.grouping == .hall)
    #expect(t.neighbour == 0.1)
    // Defaults from ThermalSpec.
    #expect(t.inletLimitC == 32 && t.releaseMarginK == 2 && t.endSelf == 0.1)
    #expect(try ScenarioTestHelpers.load(Self.base).thermal == nil)
  }

  /// Line 5 is the thermal line; columns count from 1 in
  /// "thermal: {supply_c: x, blocks: aisle, inlet_limt_c: 30}": "thermal:" is 1–8, "{" 10,
  /// "supply_c" 11–18, its value "x" 21; "blocks" 24–29, its value "aisle" 32; the key
  /// "inlet_limt_c" starts at 39.
  @Test func errorsAreLocated() {
    let problems = ScenarioTestHelpers.problems(
      Self.base + "thermal: {supply_c: x, blocks: aisle, inlet_limt_c: 30}\n")
    #expect(problems.count == 3)
    #expect(problems.contains { $0.hasPrefix("s.yaml:5:21: thermal.supply_c: expected a number") })
    #expect(
      problems.contains {
        $0 == "s.yaml:5:32: thermal.blocks: unknown block grouping 'aisle'; valid: hall, row"
      })
    #expect(
      problems.contains {
        $0.hasPrefix(
          "s.yaml:5:39: unknown key 'inlet_limt_c' in thermal; did you mean 'inlet_limit_c'?")
      })
  }

  /// `power_caps:` in power units; an unknown hall is located at its value.
  @Test func powerCapsAreRead() throws {
    let s = try ScenarioTestHelpers.load(
      Self.base + "power_caps: {site: 25MW, rack: 30kW, halls: [{hall: h, cap: 1.5MW}]}\n")
    #expect(
      s.powerCaps == PowerCapSpec(siteW: 25e6, rackW: 30e3, halls: [.init(hall: "h", watts: 1.5e6)])
    )
    let problems = ScenarioTestHelpers.problems(
      Self.base + "power_caps: {halls: [{hall: x, cap: 1MW}]}\n")
    #expect(problems == ["s.yaml:5:29: power_caps.halls[0].hall: unknown hall 'x'; halls: h"])
  }

  /// `type: constant` (a constant IT load); its bad values are located.
  @Test func constantLoadWorkload() throws {
    let yaml = """
      name: t
      horizon: 1h
      site: {halls: [{name: h, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}]}
      workloads: [{name: base, type: constant, gpu_utilization: 0.6, start: 10m}]

      """
    let s = try ScenarioTestHelpers.load(yaml)
    #expect(
      s.workloads == [
        .constantLoad(ConstantLoadSpec(name: "base", utilization: 0.6, start: .minutes(10)))
      ])
    // Line 4, "workloads: [{name: base, type: constant, gpu_utilization: 2, …": "workloads:"
    // 1–10, "[{" 12–13, "name: base," 14–24, "type: constant," 26–40, "gpu_utilization:"
    // 42–57, the value at 59.
    let bad = yaml.replacingOccurrences(of: "gpu_utilization: 0.6", with: "gpu_utilization: 2")
    #expect(
      ScenarioTestHelpers.problems(bad) == [
        "s.yaml:4:59: workloads[0].gpu_utilization: must be in (0, 1], got 2.0"
      ])
  }
}
