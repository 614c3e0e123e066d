import Racksim
import RacksimTestSupport
import SimKernel
import Testing

@testable import ScenarioFile

/// The cooling-setpoint strategy, the plant and the thermal model coupled through signals, on
/// a hand-checkable plant: the HP Labs CoP curve (cooling power = heat / CoP(T_sup),
/// CoP(T) = 0.0068·T² + 0.0008·T + 0.458, REFERENCES.md §4.2), no PDU or UPS losses, a constant
/// full load on two DGX H100 racks for 2 h, samples every 15 min, a controller step every
/// 15 min of 0.5 K, limit 27 − 1 = 26 °C.
@Suite struct EnergyCouplingTests {
  static let yaml = """
    name: couple
    horizon: 2h
    sample_interval: 15m
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    cooling: {model: hp-labs-cop, supply_air_c: 20}
    weather: {temp_c: 30, wetbulb_c: 20}
    thermal: {inlet_limit_c: 32}
    workloads:
      - {name: load, type: constant, gpu_utilization: 1}
    policies: {energy: cooling-setpoint}
    energy:
      cooling_setpoint: {interval: 15m, step_k: 0.5, margin_k: 1}
    output: {racks: false}
    """

  static func cop(_ t: Double) -> Double { 0.0068 * t * t + 0.0008 * t + 0.458 }

  /// Observers see the settled state of their instant (Kernel.run), so the sample at 15k min
  /// shows the inlets after the controller step at that instant, while `supply_setpoint_c` is
  /// the mean over the interval before it. With R the hottest rise D·P (constant: the load is),
  /// the hottest sampled inlet is S_after + R at every sample: the inlets moved with the
  /// setpoint in the same instant (before the coupling they stayed at 20 + R). R is read from
  /// the first sample (S_after = 20.5); the controller then raises while h + 0.5 ≤ 26, i.e.
  /// while S + R + 0.5 ≤ 26, and holds.
  @Test func inletsFollowTheSetpointAndCoolingFollowsTheCoP() throws {
    var simulation = try Simulation(scenario: try ScenarioTestHelpers.load(Self.yaml))
    let r = try simulation.run()
    let table = CSVTable(r.timeseriesCSV())
    let setpoint = table.numbers("supply_setpoint_c").map { $0! }
    let inlet = table.numbers("max_inlet_c").map { $0! }
    let cooling = table.numbers("cooling_power_kw").map { $0! }
    let it = table.numbers("it_power_kw").map { $0! }
    #expect(setpoint.count == 8)
    let rise = inlet[0] - 20.5
    // The setpoint a sample sees after its instant's step is the next interval's mean.
    for k in 0..<7 { #expect(abs(inlet[k] - setpoint[k + 1] - rise) < 0.011) }
    // Hand rule: S_0 = 20; S_k+1 = S_k + 0.5 while S_k + R + 0.5 ≤ 26.
    var expected: [Double] = [20]
    for _ in 1..<8 {
      let s = expected.last!
      expected.append(s + rise + 0.5 <= 26 + 1e-9 ? s + 0.5 : s)
    }
    #expect(zip(setpoint, expected).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(expected.last! > 20)
    #expect(inlet.allSatisfy { $0 <= 26.005 })
    // Cooling = heat / CoP(S) with heat = IT power (no losses), each interval at its S.
    for k in 0..<8 { #expect(abs(cooling[k] - it[k] / Self.cop(expected[k])) < 0.001) }
    // Saved = Σ_k (Q/CoP(20) − Q/CoP(S_k)) · 0.25 h, kWh.
    var saved = 0.0
    for k in 0..<8 { saved += (it[k] / Self.cop(20) - it[k] / Self.cop(expected[k])) * 0.25 }
    #expect(abs(r[summary: "cooling_saved_kwh"]!.number! - saved) < 0.002)
  }
}
