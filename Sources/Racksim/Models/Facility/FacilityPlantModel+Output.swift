import DataCenter
import SimKernel

// The plant's columns (documented in `OutputColumns.facilityPlant` and
// `OutputColumns.facilityPlantSummary`): every power and temperature is the time-weighted mean
// of the model's own meter over the interval; carbon and water are the interval's totals.

extension FacilityPlantModel {
  mutating func sample(run: RunState, into values: inout [Double]) {
    let now = run.now
    var means = Array(repeating: 0.0, count: meters.count)
    for k in 0..<meters.count { means[k] = meters[k].intervalMean(endingAt: now) }
    let cooling = Term.cooling.reduce(0.0) { $0 + means[$1.rawValue] }
    let water = waterLPerS.integral(at: now)
    let waterL = water - waterAtLastSampleL
    waterAtLastSampleL = water
    let itJ = run.itEnergyJ(at: now)
    let itKWh = (itJ - itEnergyAtLastSampleJ) / 3.6e6
    itEnergyAtLastSampleJ = itJ
    let carbon = carbonTotalKg(run: run)
    let carbonInterval = carbon - carbonAtLastSampleKg
    carbonAtLastSampleKg = carbon
    for column in timeseriesColumns {
      switch column.name {
      case "outside_temp_c": values.append(dryBulb.intervalMean(endingAt: now))
      case "wetbulb_c": values.append(wetBulb.intervalMean(endingAt: now))
      case "pdu_loss_kw": values.append(means[Term.pduLoss.rawValue] / 1000)
      case "ups_loss_kw": values.append(means[Term.upsLoss.rawValue] / 1000)
      case "cooling_power_kw": values.append(cooling / 1000)
      case "chiller_kw": values.append(means[Term.chiller.rawValue] / 1000)
      case "crah_fan_kw": values.append(means[Term.crahFans.rawValue] / 1000)
      case "pump_kw": values.append(means[Term.pumps.rawValue] / 1000)
      case "tower_kw": values.append(means[Term.tower.rawValue] / 1000)
      case "dry_cooler_kw": values.append(means[Term.dryCooler.rawValue] / 1000)
      case "other_kw": values.append(means[Term.other.rawValue] / 1000)
      case "economiser": values.append(economiser.intervalMean(endingAt: now))
      case "carbon_kg": values.append(carbonInterval)
      case "wue_l_per_kwh": values.append(itKWh > 0 ? waterL / itKWh : .nan)
      default: values.append(.nan)
      }
    }
  }

  func summary(run: RunState) -> [SummaryValue] {
    let end = run.horizon
    func kWh(_ term: Term) -> Double { meters[term.rawValue].integral(at: end) / 3.6e6 }
    let cooling = Term.cooling.reduce(0.0) { $0 + kWh($1) }
    let waterL = waterLPerS.integral(at: end)
    let itKWh = run.itEnergyJ(at: end) / 3.6e6
    return summaryColumns.map { column in
      let value: Double
      switch column.name {
      case "pdu_loss_kwh": value = kWh(.pduLoss)
      case "ups_loss_kwh": value = kWh(.upsLoss)
      case "cooling_energy_kwh": value = cooling
      case "chiller_kwh": value = kWh(.chiller)
      case "crah_fan_kwh": value = kWh(.crahFans)
      case "pump_kwh": value = kWh(.pumps)
      case "tower_kwh": value = kWh(.tower)
      case "dry_cooler_kwh": value = kWh(.dryCooler)
      case "other_kwh": value = kWh(.other)
      case "economiser_hours": value = economiser.integral(at: end) / 3_600
      case "unmet_cooling_kwh": value = unmetW.integral(at: end) / 3.6e6
      case "carbon_kg": value = carbonTotalKg(run: run, at: end)
      case "water_l": value = waterL
      case "wue_l_per_kwh": value = itKWh > 0 ? waterL / itKWh : .nan
      default: value = .nan
      }
      return .number(value, decimals: column.decimals ?? 3)
    }
  }

  /// Carbon from the start to `time` (default now): the closed steps plus the open one.
  func carbonTotalKg(run: RunState, at time: SimTime? = nil) -> Double {
    let energy = run.facilityEnergyJ(at: time ?? run.now)
    return carbonKg
      + CarbonIntensitySeries.kilograms(
        energyJ: energy - carbonStepEnergyJ, gramsPerKWh: carbonGramsPerKWh)
  }
}
