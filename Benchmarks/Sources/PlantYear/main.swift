// A year of hourly cooling-plant evaluation, for the comparison with EnergyPlus
// (Benchmarks/EnergyPlus/compare.py, which writes the input and reads the output).
//
// Input (--hours PATH): CSV with a header and one row per hour:
//   month, dry_bulb_c, wet_bulb_c, evaporator_w, condenser_inlet_c, chw_leaving_c
// taken from EnergyPlus's hourly output for Benchmarks/EnergyPlus/plant.idf.
// The chiller is read from that IDF itself (--idf PATH) with `ElectricEIRChiller.chiller(inIDF:)`.
//
// Output (--out PATH): CSV, one row per hour:
//   chiller_at_ep_conditions_w   the chiller alone at EnergyPlus's own evaporator load and water
//                                temperatures (checks the chiller model against EnergyPlus's)
//   chiller_w, tower_w, chw_pump_w, cw_pump_w, water_l_per_s, condenser_c, economiser_fraction
//                                Racksim's `ChilledWaterPlant` at 350 kW from the weather alone
// Then the plant is evaluated --repeats times over the year and the time per evaluation printed.
import DataCenter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func argument(_ name: String, default d: String? = nil) -> String? {
  let args = CommandLine.arguments
  if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
  return d
}

func readFile(_ path: String) -> String? {
  guard let f = fopen(path, "r") else { return nil }
  defer { fclose(f) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let n = fread(&buffer, 1, buffer.count, f)
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}

func fail(_ message: String) -> Never {
  let text = "plant-year: \(message)\n"
  _ = text.withCString { write(2, $0, strlen($0)) }
  exit(1)
}

guard let hoursPath = argument("--hours"), let outPath = argument("--out"),
  let idfPath = argument("--idf")
else { fail("usage: plant-year --idf PLANT.idf --hours HOURS.csv --out OUT.csv [--repeats N]") }
let repeats = Int(argument("--repeats", default: "200") ?? "200") ?? 200

guard let idfText = readFile(idfPath) else { fail("cannot read \(idfPath)") }
let chiller: ElectricEIRChiller
do {
  chiller = try ElectricEIRChiller.chiller(inIDF: idfText)
} catch {
  fail(error.errors.map { "\(idfPath):\($0)" }.joined(separator: "\n"))
}

// The plant of plant.idf: 350 kW constant; CHW at 12 C, 0.0139 m3/s (ΔT = 350,000 / (999 · 4,186 ·
// 0.0139) = 6.0215 K) at 200 kPa / 0.7; tower wet bulb + 4 K, floor 15 C, one speed, 7.5 kW, design
// heat rejection 1.25 · 600 kW (EnergyPlus's nominal capacity times its sizing ratio); condenser
// water 0.03314 m3/s at 150 kPa / 0.7 (chiller and economiser branches); an ideal water-side
// economiser (no heat-exchanger approach); no CRAH fans (EnergyPlus models no air side here).
let itW = 350_000.0
let plant = ChilledWaterPlant(
  crah: CRAHUnits(
    count: 1, designAirflowM3PerS: 1, designPressureRisePa: 0, designFanEfficiency: 1),
  coilApproachK: 0, chilledWaterRangeC: 12...12,
  chilledWaterPump: Pump(
    deltaTK: itW / (FluidProperties.water.volumetricHeatCapacity * 0.0139),
    pressureRisePa: 200_000, efficiency: 0.7),
  chiller: chiller, chillerCount: 1,
  tower: CoolingTower(
    approachK: 4, minimumCondenserWaterC: 10, designHeatRejectionW: 750_000,
    designFanPowerW: 7_500, fanControl: .oneSpeed),
  condenserWaterPump: Pump(
    deltaTK: 5, pressureRisePa: 150_000, efficiency: 0.7,
    control: .constantFlow(designFlowM3PerS: 0.03314)),
  waterEconomiser: WaterSideEconomiser(heatExchangerApproachK: 0))
let problems = plant.validate()
if !problems.isEmpty { fail(problems.joined(separator: "\n")) }

guard let hoursText = readFile(hoursPath) else { fail("cannot read \(hoursPath)") }
var rows: [[Double]] = []
for (i, line) in hoursText.split(separator: "\n").enumerated() where i > 0 {
  let cells = line.split(separator: ",").map { Double($0.trimmingPrefixSpaces()) }
  guard cells.count == 6, cells.allSatisfy({ $0 != nil }) else {
    fail("\(hoursPath):\(i + 1): expected 6 numbers")
  }
  rows.append(cells.map { $0! })
}

extension Substring {
  func trimmingPrefixSpaces() -> Substring { drop { $0 == " " } }
}

var out =
  "chiller_at_ep_conditions_w,chiller_w,tower_w,chw_pump_w,cw_pump_w,water_l_per_s,"
  + "condenser_c,economiser_fraction\n"
for r in rows {
  let alone = chiller.operatingPoint(
    loadW: r[3], leavingChilledWaterC: r[5], enteringCondenserC: r[4])
  let b = plant.power(
    CoolingConditions(
      heatToAirW: itW, supplyAirC: 12, outdoorDryBulbC: r[1], outdoorWetBulbC: r[2]))
  let tc = plant.tower.condenserWaterC(wetBulbC: r[2])
  out +=
    "\(alone.powerW),\(b.chillerW),\(b.towerFanW),\(b.chilledWaterPumpW),"
    + "\(b.condenserWaterPumpW),\(b.waterUseLPerS),\(tc),\(b.economiserFraction)\n"
}
guard let f = fopen(outPath, "w") else { fail("cannot write \(outPath)") }
fputs(out, f)
fclose(f)

// Timing: the whole year `repeats` times; the checksum keeps the optimiser from dropping work.
let clock = ContinuousClock()
var checksum = 0.0
let elapsed = clock.measure {
  for _ in 0..<repeats {
    for r in rows {
      checksum +=
        plant.power(
          CoolingConditions(
            heatToAirW: itW, supplyAirC: 12, outdoorDryBulbC: r[1], outdoorWetBulbC: r[2])
        ).totalW
    }
  }
}
let seconds =
  Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let evaluations = Double(repeats * rows.count)
print("plant-year: \(rows.count) hours x \(repeats) repeats in \(seconds) s")
print("plant-year: ns_per_evaluation=\(seconds / evaluations * 1e9)")
print("plant-year: seconds_per_year=\(seconds / Double(repeats))")
print("plant-year: checksum=\(checksum / evaluations)")
