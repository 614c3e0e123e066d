/// The power chain's built-in models by scenario name (STYLE.md §3).
///
/// Keys are SI after ScenarioFile's unit parsing: power in W (written `500kW`), fractions and
/// efficiencies as plain numbers.
public enum PowerChainCatalog {
  /// PSU efficiency curves: `80plus-titanium`, `constant` (`efficiency`), `ideal`,
  /// `table` (`load_fractions`, `efficiencies`).
  public static let psu = ModelRegistry<any PSUEfficiencyModel>(
    family: "psu",
    entries: [
      .init(name: "80plus-titanium", summary: "80 PLUS Titanium 230 V redundant minimums [U]") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        r.rejectUnknownKeys()
        return try r.result(TabulatedPSUEfficiency.titanium)
      },
      .init(name: "ideal", summary: "lossless PSU (eta = 1)") { p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        r.rejectUnknownKeys()
        return try r.result(ConstantPSUEfficiency.ideal)
      },
      .init(name: "constant", summary: "one efficiency at every load") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let e = r.number("efficiency", mustBe: .efficiency)
        r.rejectUnknownKeys()
        return try r.result(ConstantPSUEfficiency(e))
      },
      .init(name: "table", summary: "linear interpolation in (load fraction, efficiency)") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let xs = r.numbers("load_fractions")
        let es = r.numbers("efficiencies")
        if xs == nil { r.fail("load_fractions", "is required (a list of numbers)") }
        if es == nil { r.fail("efficiencies", "is required (a list of numbers)") }
        r.rejectUnknownKeys()
        var model = TabulatedPSUEfficiency(points: [])
        model.loadFractions = xs ?? []
        model.efficiencies = es ?? []
        if xs != nil && es != nil {
          for m in model.validate() { r.fail("efficiencies", m) }
        }
        return try r.result(model)
      },
    ])

  /// Distribution-stage losses for PDUs and UPSs: `none`, `proportional` (`fraction`),
  /// `quadratic` (`rated`, `no_load`, `proportional`, `square_law`; REFERENCES.md §4.5).
  public static let loss = ModelRegistry<any PowerLossModel>(
    family: "loss",
    entries: [
      .init(name: "none", summary: "lossless") { p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        r.rejectUnknownKeys()
        return try r.result(NoPowerLoss())
      },
      .init(name: "proportional", summary: "loss = fraction x load") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let f = r.number("fraction", mustBe: .lossCoefficient)
        r.rejectUnknownKeys()
        return try r.result(ProportionalPowerLoss(fraction: f))
      },
      .init(name: "quadratic", summary: "no-load + proportional + square-law (WP113)") {
        p throws(ModelParameterErrors) in
        var r = ParameterReader(p)
        let rated = r.number("rated", mustBe: .positive)
        let a = r.number("no_load", mustBe: .lossCoefficient)
        let b = r.number("proportional", mustBe: .lossCoefficient)
        let c = r.number("square_law", mustBe: .lossCoefficient)
        r.rejectUnknownKeys()
        return try r.result(
          QuadraticPowerLoss(
            ratedW: rated, noLoadFraction: a, proportionalFraction: b, squareLawFraction: c))
      },
    ])
}
