import DataCenter
import Foundation
import Racksim

// The facility plant: `power:`, `cooling:`, `weather:` and `carbon:` at the root. A scenario
// with `cooling:` runs the plant (`FacilityPlantModel`) instead of the constant-PUE
// placeholder; `power:`, `weather:` and `carbon:` need `cooling:`, and `facility.pue` cannot
// be combined with it.
//
//   power:
//     pdu: {model: proportional, fraction: 0.005}            # one PDU per rack, at its load
//     ups: {model: quadratic, rated: 1MW, no_load: 0.01, proportional: 0.02, square_law: 0.01,
//           count: 2}                                         # count: modules sharing the load
//     other: {fixed: 20kW, fraction_of_it: 0.01}              # lighting etc., not cooled
//   cooling:
//     model: chilled-water          # or hp-labs-cop (REFERENCES 4.2)
//     supply_air_c: 22              # default 20
//     liquid_fraction: 0.8          # DLC racks' IT power to the liquid loop, default 0.8 [U]
//     crah: {count: 8, …}           # the plant's own keys (CoolingPlantCatalog), nested maps
//     chiller: {idf_file: data/chillers/x.idf, name: …, count: 2}  # idf_file: read as `idf`
//   weather:
//     file: data/weather/tampa.csv  # CSV (WeatherCSVReader) or .epw (EPWReader)
//     repeat: 365d                  # optional: the series repeats with this period (an EPW
//                                   # file repeats yearly unless told otherwise)
//     start: 181d                   # optional: run time 0 is this far into the series
//     # or {temp_c: 25, wetbulb_c: 18}, or {profile: {mean_c: 10, seasonal_amplitude_k: 12,
//     #   daily_amplitude_k: 5, coldest_day: 15, warmest_hour: 15, rh: 60, pressure_pa: …}}
//   carbon:
//     file: data/weather/carbon-synthetic.csv   # time_s, gco2_per_kwh
//     repeat: 365d
//     start: 181d
//     # or {gco2_per_kwh: 400}
//
// Plant parameters are numbers (plain, or a power `500kW`, or a temperature `12C`), text, or
// lists of numbers; nested maps become dotted keys (`crah.count`). Problems in a weather,
// carbon or IDF file are reported at that file's line and column.

extension ScenarioDecoder {
  /// `facility` with the plant of `root` (nil when the scenario has no `cooling:`).
  mutating func withPlant(_ facility: FacilitySpec, root: YAMLNode?) -> FacilitySpec {
    var facility = facility
    facility.plant = decodePlant(root)
    return facility
  }

  mutating func decodePlant(_ root: YAMLNode?) -> FacilityPlantSpec? {
    guard let root, case .mapping = root.kind else { return nil }
    guard let coolingNode = root["cooling"] else {
      for key in ["power", "weather", "carbon"] {
        if let node = root[key] {
          fail(node.location, key, "describes the facility plant, which needs a cooling: section")
        }
      }
      return nil
    }
    if let pue = root["facility"]?["pue"] {
      report(
        pue.location, "facility.pue",
        "the constant PUE is the placeholder for scenarios without a plant; remove it (the "
          + "plant given by cooling: computes PUE)")
    }
    var spec = FacilityPlantSpec()
    decodePower(root["power"], into: &spec)
    decodeCooling(coolingNode, into: &spec)
    spec.weather = decodeWeather(root["weather"])
    spec.carbon = decodeCarbon(root["carbon"])
    if let start = root["weather"]?["start"] {
      spec.weatherStart = read(start, "weather.start", Units.duration) ?? .zero
    }
    if let start = root["carbon"]?["start"] {
      spec.carbonStart = read(start, "carbon.start", Units.duration) ?? .zero
    }
    return spec
  }

  // MARK: - Power and cooling

  private mutating func decodePower(_ node: YAMLNode?, into spec: inout FacilityPlantSpec) {
    let m = mapping(node, "power", keys: ["pdu", "ups", "other"])
    if let pdu = m?["pdu"] { spec.pdu = namedModel(pdu, "power.pdu", extra: []).spec }
    if let ups = m?["ups"] {
      let (named, extra) = namedModel(ups, "power.ups", extra: ["count"])
      spec.ups = named
      if let count = extra["count"] { spec.upsCount = integer(count, "power.ups.count") ?? 1 }
    }
    if let other = mapping(m?["other"], "power.other", keys: ["fixed", "fraction_of_it"]) {
      spec.other = FacilityOverhead(
        fixedW: read(other["fixed"], "power.other.fixed", Units.power) ?? 0,
        fractionOfIT: number(other["fraction_of_it"], "power.other.fraction_of_it") ?? 0)
    }
  }

  private mutating func decodeCooling(_ node: YAMLNode, into spec: inout FacilityPlantSpec) {
    let extra = ["supply_air_c", "liquid_fraction"]
    let (named, values) = namedModel(node, "cooling", extra: extra)
    spec.cooling = named
    if let t = values["supply_air_c"] {
      spec.supplyAirC = read(t, "cooling.supply_air_c", Self.parseTemperature) ?? spec.supplyAirC
    }
    if let f = values["liquid_fraction"] {
      spec.liquidFraction = number(f, "cooling.liquid_fraction") ?? spec.liquidFraction
    }
  }

  /// `{model: name, …}`: the name, the other keys flattened to parameters, and the values of
  /// the `extra` keys (read by the caller, not passed to the model).
  private mutating func namedModel(
    _ node: YAMLNode, _ path: String, extra: [String]
  ) -> (spec: NamedModelSpec, extra: [String: YAMLNode]) {
    guard case .mapping(let entries) = node.kind else {
      fail(node.location, path, "expected a mapping with model: and its parameters")
      return (NamedModelSpec(model: "none"), [:])
    }
    var model = ""
    if let name = node["model"] {
      model = text(name, Self.child(path, "model")) ?? ""
    } else {
      fail(node.location, path, "missing required key 'model'")
    }
    var extras: [String: YAMLNode] = [:]
    var parameters = ModelParameters()
    for entry in entries where entry.key != "model" {
      if extra.contains(entry.key) {
        extras[entry.key] = entry.value
      } else {
        flatten(entry.value, key: entry.key, path: Self.child(path, entry.key), into: &parameters)
      }
    }
    // Sorted by key, so that the scenario hash does not depend on the order keys were written.
    parameters.entries.sort { $0.key < $1.key }
    return (NamedModelSpec(model: model, parameters: parameters), extras)
  }

  /// Adds `node` to `parameters` under `key`, nested maps as dotted keys; `idf_file` is read
  /// and added as `idf` (its problems reported at the IDF file's lines and columns).
  private mutating func flatten(
    _ node: YAMLNode, key: String, path: String, into parameters: inout ModelParameters
  ) {
    switch node.kind {
    case .mapping(let entries):
      for e in entries {
        flatten(e.value, key: "\(key).\(e.key)", path: Self.child(path, e.key), into: &parameters)
      }
    case .sequence(let items):
      var xs: [Double] = []
      for (i, item) in items.enumerated() { xs.append(number(item, "\(path)[\(i)]") ?? .nan) }
      parameters.entries.append(.init(key: key, value: .numbers(xs)))
    case .scalar(let text, _):
      let leaf = key.split(separator: ".").last.map(String.init) ?? key
      if leaf == "idf_file" {
        let idfKey = String(key.dropLast("_file".count))
        guard let file = readDataFile(text, at: node, path, "IDF file") else { return }
        do throws(IDFErrors) {
          _ = try ElectricEIRChiller.chillers(inIDF: file.text)
          parameters.entries.append(.init(key: idfKey, value: .text(file.text)))
        } catch {
          for e in error.errors {
            diagnostics.append(
              ScenarioDiagnostic(
                file: file.display, line: e.line, column: e.column, message: e.message))
          }
          failedPaths.append(path)
          failedPaths.append(String(path.dropLast("_file".count)))
        }
        return
      }
      parameters.entries.append(.init(key: key, value: Self.parameterValue(text)))
    }
  }

  /// A plain number, a power (`500kW` → W), a temperature (`12C` → °C), or text.
  static func parameterValue(_ text: String) -> ModelParameterValue {
    if let x = try? parseNumber(text) { return .number(x) }
    if let x = try? Units.power(text) { return .number(x) }
    if let x = try? Units.temperature(text) { return .number(x) }
    return .text(text)
  }

  static func parseTemperature(_ s: String) throws(UnitError) -> Double {
    if let x = try? parseNumber(s) { return x }
    return try Units.temperature(s)
  }

  // MARK: - Weather and carbon

  private mutating func decodeWeather(_ node: YAMLNode?) -> WeatherSpec? {
    guard let node else { return nil }
    let keys = ["file", "repeat", "start", "temp_c", "wetbulb_c", "profile"]
    guard let m = mapping(node, "weather", keys: keys) else { return nil }
    let period = read(m["repeat"], "weather.repeat", Units.duration)?.seconds
    if let fileNode = m["file"] {
      guard let written = text(fileNode, "weather.file"),
        let file = readDataFile(written, at: fileNode, "weather.file", "weather file")
      else { return nil }
      do throws(WeatherFileError) {
        if written.lowercased().hasSuffix(".epw") {
          let epw = try EPWReader.read(file.text)
          return .series(
            file: written,
            try WeatherSeries(points: epw.series.points, periodS: period ?? epw.series.periodS))
        }
        return .series(file: written, try WeatherCSVReader.read(file.text, periodS: period))
      } catch {
        diagnose(error, file: file.display, "weather")
        return nil
      }
    }
    if let profile = m["profile"] {
      let keys = [
        "mean_c", "seasonal_amplitude_k", "daily_amplitude_k", "coldest_day", "warmest_hour",
        "rh", "pressure_pa",
      ]
      let p = "weather.profile"
      let pm = mapping(profile, p, keys: keys, required: ["mean_c"])
      func value(_ key: String, _ d: Double) -> Double {
        number(pm?[key], Self.child(p, key)) ?? d
      }
      return .profile(
        SinusoidalWeatherProfile(
          meanC: value("mean_c", 15), seasonalAmplitudeK: value("seasonal_amplitude_k", 0),
          dailyAmplitudeK: value("daily_amplitude_k", 0), coldestDay: value("coldest_day", 15),
          warmestHour: value("warmest_hour", 15), relativeHumidity: value("rh", 50) / 100,
          pressurePa: value("pressure_pa", Psychrometrics.standardPressurePa)))
    }
    guard let t = m["temp_c"] else {
      fail(node.location, "weather", "give file:, profile: or temp_c: (and wetbulb_c:)")
      return nil
    }
    let db = read(t, "weather.temp_c", Self.parseTemperature) ?? 20
    let wb = m["wetbulb_c"].flatMap { read($0, "weather.wetbulb_c", Self.parseTemperature) }
    if m["wetbulb_c"] == nil {
      fail(node.location, "weather", "missing required key 'wetbulb_c' (with temp_c)")
    }
    return .constant(dryBulbC: db, wetBulbC: wb ?? db)
  }

  private mutating func decodeCarbon(_ node: YAMLNode?) -> CarbonSpec? {
    guard let node else { return nil }
    guard let m = mapping(node, "carbon", keys: ["file", "repeat", "start", "gco2_per_kwh"]) else {
      return nil
    }
    if let fileNode = m["file"] {
      let period = read(m["repeat"], "carbon.repeat", Units.duration)?.seconds
      guard let written = text(fileNode, "carbon.file"),
        let file = readDataFile(written, at: fileNode, "carbon.file", "carbon file")
      else { return nil }
      do throws(WeatherFileError) {
        return .series(
          file: written, try CarbonIntensitySeries.read(file.text, periodS: period))
      } catch {
        diagnose(error, file: file.display, "carbon")
        return nil
      }
    }
    guard let g = m["gco2_per_kwh"] else {
      fail(node.location, "carbon", "give file: or gco2_per_kwh:")
      return nil
    }
    return .constant(gramsPerKWh: number(g, "carbon.gco2_per_kwh") ?? 0)
  }

  /// Reports a weather or carbon file's problems at its own lines (and columns).
  private mutating func diagnose(_ error: WeatherFileError, file: String, _ path: String) {
    for p in error.problems {
      diagnostics.append(
        ScenarioDiagnostic(
          file: file, line: max(p.line, 1), column: p.column ?? 1, message: p.message))
    }
    if error.omitted > 0 {
      let last = error.problems.last?.line ?? 1
      diagnostics.append(
        ScenarioDiagnostic(
          file: file, line: max(last, 1), column: 1,
          message: "… and \(error.omitted) more problems in this file"))
    }
    failedPaths.append(path)
  }

  /// Reads a data file named `written` relative to the folder of the file that names it (as
  /// traces are read).
  /// - Returns: Its text and the name its problems are reported under, or nil (reported).
  private mutating func readDataFile(
    _ written: String, at node: YAMLNode, _ path: String, _ what: String
  ) -> (text: String, display: String)? {
    let writtenIn = node.location.file == Override.file ? mainFile : node.location.file
    let directory = directories[writtenIn] ?? IncludeResolver.directory(of: writtenIn)
    let filePath = IncludeResolver.join(directory, written)
    let displayName = IncludeResolver.join(IncludeResolver.directory(of: writtenIn), written)
    guard let text = try? String(contentsOfFile: filePath, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: filePath) ? "cannot read" : "no such file"
      fail(node.location, path, "cannot read \(what) '\(written)': \(reason) (\(filePath))")
      return nil
    }
    return (text, displayName)
  }
}
