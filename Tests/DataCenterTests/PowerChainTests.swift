import Testing

@testable import DataCenter

/// |a − b| ≤ tolerance.
func isClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

@Suite struct PowerChainTests {
  /// 80 PLUS Titanium points (PSUEfficiencyModel.swift header, [U]): 0.90/0.94/0.96/0.91 at
  /// 10/20/50/100 %. At 35 %: halfway from 20 % to 50 %, 0.94 + 0.5 · (0.96 − 0.94) = 0.95.
  /// Below the table (5 %) holds 0.90; above it (120 %) holds 0.91.
  @Test func titaniumCurveInterpolatesAndHolds() {
    let psu = TabulatedPSUEfficiency.titanium
    #expect(isClose(psu.efficiency(atLoadFraction: 0.35), 0.95, 1e-12))
    #expect(psu.efficiency(atLoadFraction: 0.2) == 0.94)
    #expect(psu.efficiency(atLoadFraction: 0.05) == 0.90)
    #expect(psu.efficiency(atLoadFraction: 1.2) == 0.91)
    #expect(psu.validate().isEmpty)
  }

  /// DGX H100: 6 × 3.3 kW PSUs sharing the load (REFERENCES.md §3.1 [S]). A 9.9 kW DC load is
  /// 9,900 / 19,800 = 50 % → η = 0.96 → input 9,900 / 0.96 = 10,312.5 W. No load, no input.
  @Test func psuInputPowerSharesTheLoadAcrossSupplies() {
    let psu: any PSUEfficiencyModel = .titanium
    #expect(isClose(psu.inputPower(outputW: 9_900, ratedW: 3_300, count: 6), 10_312.5, 1e-9))
    #expect(psu.inputPower(outputW: 0, ratedW: 3_300, count: 6) == 0)
    #expect(ConstantPSUEfficiency.ideal.inputPower(outputW: 500, ratedW: 1_000) == 500)
  }

  @Test func badPSUTableGivesEveryProblem() {
    var t = TabulatedPSUEfficiency(points: [(0.5, 0.9), (0.2, 1.2)])
    let problems = t.validate()
    #expect(problems.count == 2)
    #expect(problems.contains { $0.contains("must increase") })
    #expect(problems.contains { $0.contains("1.2 must be in (0, 1]") })
    t.efficiencies = [0.9]
    #expect(t.validate().contains { $0.contains("2 load fractions but 1 efficiencies") })
  }

  /// WP113 form (REFERENCES.md §4.5), rated 1 MW, a = 0.01, b = 0.02, c = 0.01. At 500 kW,
  /// x = 0.5: loss = 1e6 · (0.01 + 0.02 · 0.5 + 0.01 · 0.25) = 22,500 W; efficiency
  /// 500,000 / 522,500 = 0.956938. At no load only the fixed part, 10,000 W, remains.
  @Test func upsLossFollowsNoLoadProportionalSquareLaw() {
    let ups = QuadraticPowerLoss.quadratic(
      ratedW: 1e6, noLoad: 0.01, proportional: 0.02, squareLaw: 0.01)
    #expect(isClose(ups.lossW(atLoadW: 5e5), 22_500, 1e-9))
    #expect(isClose(ups.efficiency(atLoadW: 5e5), 500_000.0 / 522_500, 1e-15))
    #expect(isClose(ups.lossW(atLoadW: 0), 10_000, 1e-9))
  }

  /// IT 800 kW over 10 PDUs with 1 % proportional loss: 10 · (80,000 · 0.01) = 8,000 W.
  /// UPS load 808,000 W over 2 modules of 1 MW (a, b, c = 0.01, 0.02, 0.01): each at x = 0.404,
  /// loss 1e6 · (0.01 + 0.00808 + 0.01 · 0.163216) = 19,712.16 W; both 39,424.32 W.
  /// Other = 5,000 + 0.01 · 800,000 = 13,000 W. Cooling given as 200,000 W.
  /// Facility = 800,000 + 8,000 + 39,424.32 + 200,000 + 13,000 = 1,060,424.32 W; PUE 1.3255304.
  @Test func facilityAddsEveryTermOfTheChain() {
    let chain = PowerChain(
      pdu: .proportional(0.01),
      ups: .quadratic(ratedW: 1e6, noLoad: 0.01, proportional: 0.02, squareLaw: 0.01),
      upsCount: 2, other: FacilityOverhead(fixedW: 5_000, fractionOfIT: 0.01))
    let b = chain.facility(itPowerW: 800_000, pduCount: 10, coolingW: 200_000)
    #expect(isClose(b.pduLossW, 8_000, 1e-9))
    #expect(isClose(b.upsLossW, 39_424.32, 1e-6))
    #expect(isClose(b.otherW, 13_000, 1e-9))
    #expect(isClose(b.facilityW, 1_060_424.32, 1e-6))
    #expect(isClose(b.pue, 1_060_424.32 / 800_000, 1e-12))
    #expect(chain.validate().isEmpty)
  }

  @Test func chainValidationNamesTheStep() {
    let chain = PowerChain(
      pdu: .proportional(1.5), ups: .quadratic(ratedW: 0, noLoad: 0, proportional: 0, squareLaw: 0),
      upsCount: 0, other: FacilityOverhead(fixedW: -1))
    let p = chain.validate()
    #expect(p.contains { $0.hasPrefix("pdu:") && $0.contains("1.5") })
    #expect(p.contains { $0.hasPrefix("ups:") && $0.contains("rated power") })
    #expect(p.contains { $0.contains("ups.count") })
    #expect(p.contains { $0.contains("other.fixed") })
  }

  @Test func registryBuildsByNameAndListsValidNames() throws {
    #expect(PowerChainCatalog.psu.names == ["80plus-titanium", "constant", "ideal", "table"])
    #expect(PowerChainCatalog.loss.names == ["none", "proportional", "quadratic"])
    let ups = try PowerChainCatalog.loss.make(
      "quadratic",
      [
        "rated": .number(1e6), "no_load": .number(0.01), "proportional": .number(0.02),
        "square_law": .number(0.01),
      ])
    // Same model as `upsLossFollowsNoLoadProportionalSquareLaw`: 22,500 W at 500 kW.
    #expect(isClose(ups.lossW(atLoadW: 5e5), 22_500, 1e-9))
    let psu = try PowerChainCatalog.psu.make(
      "table", ["load_fractions": .numbers([0, 1]), "efficiencies": .numbers([0.8, 1.0])])
    // Halfway between 0.8 and 1.0.
    #expect(isClose(psu.efficiency(atLoadFraction: 0.5), 0.9, 1e-12))
  }

  @Test func registryReportsEveryParameterError() {
    #expect(throws: ModelParameterErrors.self) { try PowerChainCatalog.psu.make("gold") }
    do {
      _ = try PowerChainCatalog.psu.make("gold")
    } catch {
      #expect(error.errors.first?.message.contains("valid: 80plus-titanium, constant") == true)
    }
    do {
      _ = try PowerChainCatalog.loss.make(
        "quadratic", ["rated": .number(-1), "no_load": .text("x"), "bogus": .number(1)])
      Issue.record("expected errors")
    } catch {
      let keys = error.errors.map(\.key)
      // rated out of range, no_load mistyped, proportional and square_law missing, bogus unknown.
      #expect(keys == ["rated", "no_load", "proportional", "square_law", "bogus"])
      #expect(error.errors[4].message.contains("known: no_load, proportional, rated, square_law"))
    }
  }
}
