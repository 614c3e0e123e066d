// Reading `Chiller:Electric:EIR` objects and their curves from IDF text, so any chiller of
// EnergyPlus's `DataSets/Chillers.idf` (162 of them; REFERENCES.md §4 [S]) can be pasted in.
//
// Field order (EnergyPlus Input-Output Reference, Chiller:Electric:EIR; the data set's own
// `!-` comments name the same fields), 0-based after the object type:
//   0 Name, 1 Reference Capacity {W}, 2 Reference COP, 3 Reference Leaving Chilled Water
//   Temperature {C}, 4 Reference Entering Condenser Fluid Temperature {C}, 5-6 reference flow
//   rates (not used), 7 CAPFT curve name, 8 EIRFT curve name, 9 EIRFPLR curve name,
//   10 Minimum Part Load Ratio (default 0.1), 11 Maximum Part Load Ratio (1.0), 12 Optimum Part
//   Load Ratio (not used), 13 Minimum Unloading Ratio (0.2), 14-17 node names (not used),
//   18 Condenser Type (WaterCooled), 19 Condenser Fan Power Ratio {W/W} (0), 20 Fraction of
//   Compressor Electric Consumption Rejected by Condenser (1.0); later fields are not used.
// Curve:Biquadratic: 0 Name, 1-6 coefficients, 7-10 min/max of x and y, 11-12 min/max output.
// Curve:Quadratic: 0 Name, 1-3 coefficients, 4-5 min/max x, 6-7 min/max output.
// Curve:Cubic: 0 Name, 1-4 coefficients, 5-6 min/max x, 7-8 min/max output.
// An EIRFPLR curve may be quadratic or cubic; CAPFT and EIRFT must be biquadratic.

extension ElectricEIRChiller {
  /// Every `Chiller:Electric:EIR` object in `text`, with the curves it names.
  /// - Throws: `IDFErrors` with every problem (line:column), e.g. a missing curve, a number
  ///   that does not parse, `Autosize` (a pasted chiller must give its capacity).
  public static func chillers(inIDF text: String) throws(IDFErrors) -> [ElectricEIRChiller] {
    let idf = try IDFText(parsing: text)
    var errors: [IDFError] = []
    var result: [ElectricEIRChiller] = []
    let objects = idf.objects(ofType: "Chiller:Electric:EIR")
    if objects.isEmpty {
      errors.append(IDFError(line: 1, column: 1, message: "no Chiller:Electric:EIR object found"))
    }
    for object in objects {
      var reader = IDFFieldReader(object: object)
      if let chiller = reader.chiller(in: idf) { result.append(chiller) }
      errors += reader.errors
    }
    if !errors.isEmpty { throw IDFErrors(errors) }
    return result
  }

  /// The chiller named `name` (case-insensitive) in `text`, or the only one if `name` is nil.
  public static func chiller(named name: String? = nil, inIDF text: String)
    throws(IDFErrors) -> ElectricEIRChiller
  {
    let all = try chillers(inIDF: text)
    if let name {
      if let c = all.first(where: { $0.name.lowercased() == name.lowercased() }) { return c }
      let names = all.map(\.name).sorted().joined(separator: ", ")
      throw IDFErrors([
        IDFError(line: 1, column: 1, message: "no chiller named '\(name)' (found: \(names))")
      ])
    }
    if all.count != 1 {
      throw IDFErrors([
        IDFError(
          line: 1, column: 1,
          message: "\(all.count) chillers found: name the one to use")
      ])
    }
    return all[0]
  }
}

// MARK: - Private

private struct IDFFieldReader {
  let object: IDFObject
  var errors: [IDFError] = []

  init(object: IDFObject) { self.object = object }

  private mutating func fail(_ index: Int?, _ message: String, in obj: IDFObject? = nil) {
    let o = obj ?? object
    let at = index.flatMap { $0 < o.fields.count ? o.fields[$0] : nil }
    errors.append(
      IDFError(
        line: at?.line ?? o.line, column: at?.column ?? o.column,
        message: "\(o.type) '\(o.field(0)?.text ?? "")': \(message)"))
  }

  mutating func number(_ index: Int, _ what: String, default d: Double?, in obj: IDFObject? = nil)
    -> Double?
  {
    let o = obj ?? object
    guard let f = o.field(index) else {
      if d == nil { fail(index, "\(what) is required", in: o) }
      return d
    }
    if f.text.lowercased() == "autosize" || f.text.lowercased() == "autocalculate" {
      fail(index, "\(what) is '\(f.text)'; give a number (Racksim does not size equipment)", in: o)
      return nil
    }
    guard let x = Double(f.text), x.isFinite else {
      fail(index, "\(what) '\(f.text)' is not a number", in: o)
      return nil
    }
    return x
  }

  mutating func curveObject(_ index: Int, in idf: IDFText, types: [String]) -> IDFObject? {
    guard let f = object.field(index) else {
      fail(index, "curve name (field \(index + 1)) is required")
      return nil
    }
    guard let c = idf.object(named: f.text, types: types) else {
      let other = idf.object(named: f.text, types: idf.objects.map(\.type))
      let why = other.map { "is a \($0.type), expected \(types.joined(separator: " or "))" }
      fail(index, "curve '\(f.text)' \(why ?? "is not in the text")")
      return nil
    }
    return c
  }

  mutating func biquadratic(_ index: Int, in idf: IDFText) -> BiquadraticCurve? {
    guard let c = curveObject(index, in: idf, types: ["Curve:Biquadratic"]) else { return nil }
    var k: [Double] = []
    for i in 1...6 {
      if let x = number(i, "coefficient \(i)", default: nil, in: c) { k.append(x) }
    }
    let big = Double.greatestFiniteMagnitude
    let minX = number(7, "minimum x", default: -big, in: c) ?? -big
    let maxX = number(8, "maximum x", default: big, in: c) ?? big
    let minY = number(9, "minimum y", default: -big, in: c) ?? -big
    let maxY = number(10, "maximum y", default: big, in: c) ?? big
    let minO = number(11, "minimum output", default: .nan, in: c)
    let maxO = number(12, "maximum output", default: .nan, in: c)
    if !(minX <= maxX) { fail(8, "maximum x is below minimum x", in: c) }
    if !(minY <= maxY) { fail(10, "maximum y is below minimum y", in: c) }
    guard k.count == 6, minX <= maxX, minY <= maxY else { return nil }
    return BiquadraticCurve(
      k[0], k[1], k[2], k[3], k[4], k[5], x: minX...maxX, y: minY...maxY,
      minOutput: minO.flatMap { $0.isNaN ? nil : $0 },
      maxOutput: maxO.flatMap { $0.isNaN ? nil : $0 })
  }

  mutating func univariate(_ index: Int, in idf: IDFText) -> PolynomialCurve? {
    guard let c = curveObject(index, in: idf, types: ["Curve:Quadratic", "Curve:Cubic"])
    else { return nil }
    let n = c.type.lowercased() == "curve:cubic" ? 4 : 3
    var k: [Double] = []
    for i in 1...n {
      if let x = number(i, "coefficient \(i)", default: nil, in: c) { k.append(x) }
    }
    let big = Double.greatestFiniteMagnitude
    let minX = number(n + 1, "minimum x", default: -big, in: c) ?? -big
    let maxX = number(n + 2, "maximum x", default: big, in: c) ?? big
    let minO = number(n + 3, "minimum output", default: .nan, in: c)
    let maxO = number(n + 4, "maximum output", default: .nan, in: c)
    if !(minX <= maxX) { fail(n + 2, "maximum x is below minimum x", in: c) }
    guard k.count == n, minX <= maxX else { return nil }
    return PolynomialCurve(
      coefficients: k, minX: minX, maxX: maxX, minOutput: minO.flatMap { $0.isNaN ? nil : $0 },
      maxOutput: maxO.flatMap { $0.isNaN ? nil : $0 })
  }

  mutating func chiller(in idf: IDFText) -> ElectricEIRChiller? {
    guard let name = object.field(0)?.text else {
      fail(0, "a name is required")
      return nil
    }
    let cap = number(1, "reference capacity", default: nil)
    let cop = number(2, "reference COP", default: nil)
    let tcw = number(3, "reference leaving chilled water temperature", default: nil)
    let tc = number(4, "reference entering condenser fluid temperature", default: nil)
    let capFT = biquadratic(7, in: idf)
    let eirFT = biquadratic(8, in: idf)
    let eirFPLR = univariate(9, in: idf)
    let minPLR = number(10, "minimum part load ratio", default: 0.1)
    let maxPLR = number(11, "maximum part load ratio", default: 1.0)
    let minUnload = number(13, "minimum unloading ratio", default: 0.2)
    let condenserText = object.field(18)?.text.lowercased() ?? "watercooled"
    let condenser: ChillerCondenserKind
    switch condenserText {
    case "watercooled": condenser = .waterCooled
    case "aircooled": condenser = .airCooled
    case "evaporativelycooled": condenser = .evaporativelyCooled
    default:
      fail(
        18,
        "condenser type '\(object.fields[18].text)' is not WaterCooled, AirCooled or "
          + "EvaporativelyCooled")
      condenser = .waterCooled
    }
    let fanRatio = number(19, "condenser fan power ratio", default: 0)
    let heatFraction = number(20, "fraction of compressor power rejected", default: 1)
    guard let cap, let cop, let tcw, let tc, let capFT, let eirFT, let eirFPLR, let minPLR,
      let maxPLR, let minUnload, let fanRatio, let heatFraction
    else { return nil }
    var chiller = ElectricEIRChiller(
      name: name, referenceCapacityW: cap, referenceCOP: cop, referenceLeavingChilledWaterC: tcw,
      referenceEnteringCondenserC: tc, capacityFT: capFT, eirFT: eirFT, eirFPLR: eirFPLR,
      minimumPartLoadRatio: minPLR, maximumPartLoadRatio: maxPLR,
      minimumUnloadingRatio: minUnload, condenserHeatFractionOfPower: heatFraction)
    chiller.condenser = condenser
    chiller.condenserFanPowerRatio = fanRatio
    for m in chiller.validate() {
      errors.append(IDFError(line: object.line, column: object.column, message: m))
    }
    return chiller
  }
}
