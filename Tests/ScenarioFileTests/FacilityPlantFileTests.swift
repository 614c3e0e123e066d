import DataCenter
import Foundation
import Racksim
import RacksimTestSupport
import ScenarioFile
import SimKernel
import Testing

/// The plant keys of scenario files (`power:`, `cooling:`, `weather:`, `carbon:`), the two
/// shipped plant scenarios, and bad plant input with file:line:column.
@Suite struct FacilityPlantFileTests {
  static func shipped(_ name: String) -> String {
    ScenarioTestHelpers.repositoryRoot().appendingPathComponent("Scenarios/\(name).yaml").path
  }

  func runOneDay(_ name: String) throws -> RunResult {
    let scenario = try ScenarioLoader.load(path: Self.shipped(name), overrides: ["horizon=1d"])
    var simulation = try Simulation(scenario: scenario)
    return try simulation.run()
  }

  static func value(_ r: RunResult, _ key: String) -> Double { r[summary: key]?.number ?? .nan }

  /// ∫ facility = IT + PDU + UPS + cooling + other, each from its own meter, to 1e-9.
  static func conserves(_ r: RunResult) -> Bool {
    let parts = [
      "it_energy_kwh", "pdu_loss_kwh", "ups_loss_kwh", "cooling_energy_kwh", "other_kwh",
    ]
    .reduce(0) { $0 + value(r, $1) }
    let facility = value(r, "facility_energy_kwh")
    return abs(facility - parts) <= 1e-9 * facility
  }

  /// Tampa on 1 July (the scenario's `start: 181d`; data/weather/tampa.csv rows at 15,638,400
  /// to 15,724,800 s): dry bulb 25.4-32.8 °C, all above the 18 °C air-economiser limit; wet
  /// bulb ≥ 24.3 °C, so the tower water is ≥ 28.3 °C and free-cooling water ≥ 30.3 °C, above
  /// the 18 °C chilled-water return (20 − 8 + 6): no economiser at all, the chillers carry
  /// everything and the tower evaporates water.
  @Test func hotAirHallRunsForADay() throws {
    let r = try runOneDay("hot-air-hall")
    #expect(Self.conserves(r))
    #expect(Self.value(r, "economiser_hours") == 0)
    #expect(Self.value(r, "chiller_kwh") > 0)
    #expect(Self.value(r, "water_l") > 0)
    let pue = Self.value(r, "pue")
    #expect(pue > 1 && pue < 2)
    let header = CSVTable(r.timeseriesCSV()).header
    for column in [
      "outside_temp_c", "cooling_power_kw", "economiser", "carbon_kg", "wue_l_per_kwh",
    ] {
      #expect(header.contains(column))
    }
  }

  /// Chicago on 1 January (data/weather/chicago-ohare.csv): dry bulb −12.2 to −1.1 °C, below
  /// the 22 °C supply, so outside air carries the whole air load; the 32 °C liquid loop has
  /// ≥ 33 K over the outdoor air against its 10 K design approach, so the dry cooler rejects all
  /// the liquid heat without trim. Chillers and tower never run: 0 kWh; the economiser carries
  /// the whole demand for all 24 hours.
  @Test func coldLiquidHallRunsForADayOnFreeCooling() throws {
    let r = try runOneDay("cold-liquid-gb200")
    #expect(Self.conserves(r))
    #expect(Self.value(r, "chiller_kwh") == 0)
    #expect(Self.value(r, "tower_kwh") == 0)
    #expect(abs(Self.value(r, "economiser_hours") - 24) < 1e-9)
    #expect(Self.value(r, "dry_cooler_kwh") > 0)
    #expect(Self.value(r, "pue") > 1)
  }

  @Test func twoRunsGiveIdenticalBytes() throws {
    let a = try runOneDay("hot-air-hall")
    let b = try runOneDay("hot-air-hall")
    #expect(a.timeseriesCSV() == b.timeseriesCSV())
    #expect(a.summaryJSON() == b.summaryJSON())
  }

  static let plantYAML =
    ScenarioTestHelpers.minimal + "\n"
      + """
      power:
        pdu: {model: proportional, fraction: 0.01}
        ups: {model: quadratic, rated: 1MW, no_load: 0.01, proportional: 0.02, square_law: 0.01, count: 2}
        other: {fixed: 10kW, fraction_of_it: 0.01}
      cooling: {model: hp-labs-cop, supply_air_c: 18C, liquid_fraction: 0.7}
      weather: {temp_c: 25, wetbulb_c: 18}
      carbon: {gco2_per_kwh: 400}
      """

  @Test func decodesThePlantKeys() throws {
    let s = try ScenarioTestHelpers.load(Self.plantYAML)
    let plant = try #require(s.facility.plant)
    #expect(
      plant.pdu == NamedModelSpec(model: "proportional", parameters: ["fraction": .number(0.01)]))
    // 1MW = 1e6 W (Units.power); count is the caller's key, not the loss model's.
    #expect(plant.ups.parameters["rated"] == .number(1e6))
    #expect(plant.ups.parameters["count"] == nil && plant.upsCount == 2)
    #expect(plant.other == FacilityOverhead(fixedW: 10_000, fractionOfIT: 0.01))
    #expect(plant.cooling == NamedModelSpec(model: "hp-labs-cop"))
    #expect(plant.supplyAirC == 18 && plant.liquidFraction == 0.7)
    #expect(plant.weather == .constant(dryBulbC: 25, wetBulbC: 18))
    #expect(plant.carbon == .constant(gramsPerKWh: 400))
  }

  /// The built-in profile; rh is a percentage (60 % → 0.6), missing keys take their defaults
  /// (no amplitude, coldest day 15, warmest hour 15:00); `start` and `repeat` are durations.
  @Test func decodesAWeatherProfileAndStartTimes() throws {
    let yaml =
      ScenarioTestHelpers.minimal + "\n"
        + """
        cooling: {model: hp-labs-cop}
        weather: {profile: {mean_c: 10, daily_amplitude_k: 5, rh: 60}, start: 2d}
        carbon: {gco2_per_kwh: 300, start: 1h}
        """
    let plant = try #require(try ScenarioTestHelpers.load(yaml).facility.plant)
    let profile = SinusoidalWeatherProfile(
      meanC: 10, seasonalAmplitudeK: 0, dailyAmplitudeK: 5, relativeHumidity: 0.6)
    #expect(plant.weather == .profile(profile))
    #expect(plant.weatherStart == .days(2) && plant.carbonStart == .hours(1))
  }

  /// The key order inside a model's section does not change the scenario hash (the hash is
  /// over resolved values).
  @Test func keyOrderDoesNotChangeTheHash() throws {
    let a = Self.plantYAML
    let b = a.replacingOccurrences(
      of: "{model: quadratic, rated: 1MW, no_load: 0.01, proportional: 0.02, square_law: 0.01,",
      with: "{square_law: 0.01, proportional: 0.02, no_load: 0.01, rated: 1MW, model: quadratic,")
    #expect(a != b)
    #expect(try ScenarioTestHelpers.load(a).hash == ScenarioTestHelpers.load(b).hash)
  }

  /// An EPW weather file (the first three hours of Chicago O'Hare's TMY3 file, as in
  /// DataCenterTests' WeatherTests): hourly points at 0, 1, 2 h with its dry bulbs, repeating
  /// yearly (an EPW is a year) unless `repeat:` says otherwise.
  @Test func readsAnEPWWeatherFile() throws {
    let header = """
      LOCATION,Chicago Ohare Intl Ap,IL,USA,TMY3,725300,41.98,-87.92,-6.0,201.0
      DESIGN CONDITIONS,0
      TYPICAL/EXTREME PERIODS,0
      GROUND TEMPERATURES,0
      HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0
      COMMENTS 1,NREL TMY Data Set (2008)
      COMMENTS 2,
      DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31

      """
    func record(_ hour: Int, _ dry: String, _ dew: String) -> String {
      "1986,1,1,\(hour),0,?9?9?9?9E0?9?9?9?9?9?9?9?9?9?9?9?9?9?9*_*9*9*9*9*9,\(dry),\(dew),73,"
        + "99500,0,0,218,0,0,0,0,0,0,0,270,2.6,9,9,24.1,2740,9,999999999,40,0.0000,0,88,999.000,"
        + "999.0,99.0"
    }
    let epw =
      header
      + [record(1, "-12.2", "-16.1"), record(2, "-11.7", "-15.6"), record(3, "-11.1", "-15.0")]
      .joined(separator: "\n") + "\n"
    let yaml =
      ScenarioTestHelpers.minimal + "\ncooling: {model: hp-labs-cop}\nweather: {file: c.epw}\n"
    let scenario = try ScenarioTestHelpers.withFolder(["c.epw": epw]) {
      try ScenarioTestHelpers.load(yaml, directory: $0)
    }
    guard case .series(let file, let series) = scenario.facility.plant?.weather else {
      Issue.record("expected a weather series")
      return
    }
    #expect(file == "c.epw")
    #expect(series.points.map(\.timeS) == [0, 3_600, 7_200])
    #expect(series.points.map(\.dryBulbC) == [-12.2, -11.7, -11.1])
    let year: Double = 365 * 86_400
    #expect(series.periodS == year)
  }

  @Test func plantKeysNeedCoolingAndExcludeAConstantPUE() {
    // Line 14 `weather: …` has no cooling:; line 15 `facility: …` is fine without a plant.
    let noCooling = ScenarioTestHelpers.minimal + "\nweather: {temp_c: 25, wetbulb_c: 18}\n"
    #expect(
      ScenarioTestHelpers.problems(noCooling) == [
        "s.yaml:14:10: weather: describes the facility plant, which needs a cooling: section"
      ])
    // Line 14 `facility: {pue: 1.2}`: `1.2` starts at column 18.
    let both =
      ScenarioTestHelpers.minimal + "\nfacility: {pue: 1.2}\ncooling: {model: hp-labs-cop}\n"
    let problems = ScenarioTestHelpers.problems(both)
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("s.yaml:14:17: facility.pue: the constant PUE") == true)
  }

  /// A weather file with a gap (line 4), a time out of order (line 5) and a bad number (line
  /// 6), an IDF chiller with a bad COP, and a CoP curve that is not positive: every problem is
  /// reported together, each at its own file, line and column.
  @Test func badPlantInputIsReportedTogetherWithFileLineAndColumn() throws {
    let weather = """
      time_s,temp_c,wetbulb_c
      0,20,15
      3600,21,15
      10800,22,16
      7200,23,16
      14400,x,16

      """
    // Line 3 of the IDF: "  x," — the COP field starts at column 3.
    let idf = "Chiller:Electric:EIR,\n  bad, 500000,\n  x, 7, 29;\n"
    // Lines 14-16 of the scenario; `{` of line 14's mapping is at column 10.
    let yaml =
      ScenarioTestHelpers.minimal + "\n"
        + """
        cooling: {model: hp-labs-cop, a: 0, b: 0, c: -1}
        weather: {file: w.csv}
        carbon: {gco2_per_kwh: 400}
        """
    let problems = try ScenarioTestHelpers.withFolder(["w.csv": weather, "bad.idf": idf]) {
      ScenarioTestHelpers.problems(yaml, directory: $0)
    }
    // CoP = 0·T² + 0·T − 1 = −1 < 0 everywhere (REFERENCES 4.2's curve must be positive).
    #expect(problems.contains { $0.hasPrefix("s.yaml:14:10: cooling: CoP curve") })
    // "10800," is 6 characters: the gap is reported at the time field, column 1.
    #expect(problems.contains { $0.hasPrefix("w.csv:4:1: gap: 7200.0 s after line 3") })
    #expect(problems.contains { $0.hasPrefix("w.csv:5:1: time 7200.0 s is not after") })
    // "14400," is 6 characters: temp_c starts at column 7.
    #expect(problems.contains { $0 == "w.csv:6:7: temp_c must be a number, got 'x'" })
    #expect(problems.count == 4)

    // The chiller file's own line and column.
    let chilled =
      ScenarioTestHelpers.minimal + "\n"
        + """
        cooling:
          model: chilled-water
          chiller: {idf_file: bad.idf}
        weather: {temp_c: 25, wetbulb_c: 18}
        """
    let idfProblems = try ScenarioTestHelpers.withFolder(["bad.idf": idf]) {
      ScenarioTestHelpers.problems(chilled, directory: $0)
    }
    #expect(idfProblems.contains { $0.hasPrefix("bad.idf:3:3:") })
  }
}
