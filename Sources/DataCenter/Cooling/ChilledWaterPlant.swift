// A chilled-water plant behind CRAH units, with economisers, a cooling tower, pumps and an
// optional DLC loop. Each component's model is in its own file; this file composes them.
//
// Given heat to air Q_a, heat to liquid Q_l, supply air T_sup, outdoor dry bulb T_db and wet
// bulb T_wb:
//
//   1. CRAH fans        P_crah = CRAHUnits.fanPowerW(Q_a); fan heat joins the air:
//                       Q_air = Q_a + P_crah;   T_ret = T_sup + ΔT_air
//   2. air economiser   e_a = AirSideEconomiser.fraction(T_db, T_sup, T_ret);
//                       Q_coil = (1 − e_a) · Q_air
//   3. DLC loop         pump, dry cooler; trim Q_trim that the dry cooler cannot reject
//                       (all of Q_l when there is no loop)
//   4. chilled water    Q_chw = Q_coil + Q_trim;  T_chws = clamp(T_sup − coil approach,
//                       chilled-water range);  T_chwr = T_chws + ΔT_chw (the CHW pump's ΔT)
//   5. tower water      T_tw = CoolingTower.condenserWaterC(T_wb)
//   6. water economiser e_w = WaterSideEconomiser.fraction(T_wb, T_tw, T_chws, T_chwr);
//                       Q_free = e_w · Q_chw;  Q_ch = Q_chw − Q_free
//   7. chillers         n identical `ElectricEIRChiller`s; the fewest that can carry Q_ch at
//                       PLR ≤ 1 run (at least 1, at most n), sharing it equally, at T_chws and
//                       the entering condenser temperature (T_tw water-cooled, T_db
//                       air-cooled, T_wb evaporatively cooled)
//   8. tower            Q_tower = Q_free + Σ Q_cond (water-cooled chillers);
//                       fan power and make-up water from `CoolingTower`
//   9. pumps            chilled water on Q_chw, condenser water on Q_tower
//
//   economiserFraction = (e_a · Q_air + Q_free) / (Q_air + Q_trim)
//
// Pump heat in the chilled water and the latent (dehumidification) load are neglected: data
// halls run with sensible coils. The CHW setpoint follows the supply air so that raising the
// supply air temperature (the `cooling-setpoint` strategy) raises the chillers' COP.

/// A chilled-water plant: CRAH units, economisers, chillers, tower, pumps, optional DLC loop.
public struct ChilledWaterPlant: CoolingPlantModel, Equatable {
  public var crah: CRAHUnits
  public var airEconomiser: AirSideEconomiser?
  /// Chilled-water supply = supply air − `coilApproachK`, clamped to `chilledWaterRangeC`.
  public var coilApproachK: Double
  public var chilledWaterRangeC: ClosedRange<Double>
  public var chilledWaterPump: Pump
  public var chiller: ElectricEIRChiller
  /// Identical chillers available (≥ 1).
  public var chillerCount: Int
  public var tower: CoolingTower
  public var condenserWaterPump: Pump
  public var waterEconomiser: WaterSideEconomiser?
  public var liquid: DirectLiquidCoolingLoop?

  public init(
    crah: CRAHUnits, airEconomiser: AirSideEconomiser? = nil, coilApproachK: Double = 8,
    chilledWaterRangeC: ClosedRange<Double> = 5...15, chilledWaterPump: Pump,
    chiller: ElectricEIRChiller, chillerCount: Int = 1, tower: CoolingTower,
    condenserWaterPump: Pump, waterEconomiser: WaterSideEconomiser? = nil,
    liquid: DirectLiquidCoolingLoop? = nil
  ) {
    self.crah = crah
    self.airEconomiser = airEconomiser
    self.coilApproachK = coilApproachK
    self.chilledWaterRangeC = chilledWaterRangeC
    self.chilledWaterPump = chilledWaterPump
    self.chiller = chiller
    self.chillerCount = chillerCount
    self.tower = tower
    self.condenserWaterPump = condenserWaterPump
    self.waterEconomiser = waterEconomiser
    self.liquid = liquid
  }

  /// Chilled-water supply temperature for supply air at `supplyAirC`, °C.
  @inlinable public func chilledWaterSupplyC(supplyAirC: Double) -> Double {
    min(
      max(supplyAirC - coilApproachK, chilledWaterRangeC.lowerBound),
      chilledWaterRangeC.upperBound)
  }

  /// - Complexity: O(1), no allocation.
  public func power(_ c: CoolingConditions) -> CoolingPowerBreakdown {
    var b = CoolingPowerBreakdown()
    // 1-2: air side.
    let qA = max(c.heatToAirW, 0)
    b.crahFanW = crah.fanPowerW(heatW: qA)
    let qAir = qA + b.crahFanW
    let tRet = c.supplyAirC + crah.airTemperatureRiseK
    let eA =
      airEconomiser?.fraction(outdoorC: c.outdoorDryBulbC, supplyC: c.supplyAirC, returnC: tRet)
      ?? 0
    let qCoil = (1 - eA) * qAir
    // 3: liquid loop.
    let qL = max(c.heatToLiquidW, 0)
    var qTrim = qL
    if let liquid {
      let op = liquid.operatingPoint(heatW: qL, outdoorC: c.outdoorDryBulbC)
      b.liquidLoopPumpW = op.pumpW
      b.dryCoolerFanW = op.dryCoolerFanW
      qTrim = op.trimW
    }
    // 4-6: chilled water and free cooling.
    let qChw = qCoil + qTrim
    let tChws = chilledWaterSupplyC(supplyAirC: c.supplyAirC)
    let tChwr = tChws + chilledWaterPump.deltaTK
    let tTower = tower.condenserWaterC(wetBulbC: c.outdoorWetBulbC)
    let eW =
      waterEconomiser?.fraction(
        wetBulbC: c.outdoorWetBulbC, towerWaterC: tTower, chilledWaterSupplyC: tChws,
        chilledWaterReturnC: tChwr) ?? 0
    let qFree = eW * qChw
    let qCh = qChw - qFree
    // 7: chillers.
    var qCondenser = 0.0
    if qCh > 0 {
      let tCond: Double
      switch chiller.condenser {
      case .waterCooled: tCond = tTower
      case .airCooled: tCond = c.outdoorDryBulbC
      case .evaporativelyCooled: tCond = c.outdoorWetBulbC
      }
      let available = chiller.availableCapacityW(
        leavingChilledWaterC: tChws, enteringCondenserC: tCond)
      let n = max(chillerCount, 1)
      var running = n
      if available > 0 {
        let needed = (qCh / available).rounded(.up)
        running = needed < Double(n) ? max(Int(needed), 1) : n
      }
      let op = chiller.operatingPoint(
        loadW: qCh / Double(running), leavingChilledWaterC: tChws, enteringCondenserC: tCond)
      let k = Double(running)
      b.chillerW = k * (op.powerW + op.condenserFanW)
      b.unmetLoadW = k * op.unmetLoadW
      if chiller.condenser == .waterCooled { qCondenser = k * op.condenserHeatW }
    }
    // 8-9: tower and pumps.
    let qTower = qFree + qCondenser
    b.towerFanW = tower.fanPowerW(heatW: qTower)
    b.waterUseLPerS = tower.waterUseLPerS(heatW: qTower)
    b.chilledWaterPumpW = chilledWaterPump.powerW(heatW: qChw)
    b.condenserWaterPumpW = condenserWaterPump.powerW(heatW: qTower)
    let demand = qAir + qTrim
    b.economiserFraction = demand > 0 ? (eA * qAir + qFree) / demand : 0
    return b
  }

  public func validate() -> [String] {
    var p = crah.validate()
    p += airEconomiser?.validate() ?? []
    if !(coilApproachK >= 0) { p.append("chilled_water.coil_approach_k must be >= 0 K") }
    if !(chilledWaterRangeC.lowerBound.isFinite && chilledWaterRangeC.upperBound.isFinite) {
      p.append("chilled_water.min_c and max_c must be finite")
    }
    p += chilledWaterPump.validate(name: "chilled_water_pump")
    p += chiller.validate()
    if chillerCount < 1 { p.append("chiller.count must be >= 1, got \(chillerCount)") }
    p += tower.validate()
    p += condenserWaterPump.validate(name: "condenser_water_pump")
    p += waterEconomiser?.validate() ?? []
    p += liquid?.validate() ?? []
    return p
  }
}
