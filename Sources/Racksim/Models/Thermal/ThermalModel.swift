import DataCenter
import Policies
import SimKernel
import SimMath
import Workloads

/// Rack inlet temperatures and throttling as a model of the run (`.thermal` stage).
///
/// Model (REFERENCES.md §4.6, §4.4; see `ThermalSpec`): T_in = T_sup + D · P_rack per block,
/// D solved once per block with LAPACK (`HeatRecirculationModel`). When rack powers change
/// (`run.changes.racksWithNewPower`), only their columns of their blocks update the inlets,
/// batched once per settle round. A rack above its limit throttles: its nodes are asked to run
/// in the throttle power state (the engine's DVFS-aware node power model lowers their GPU
/// power, and the engine's `compute` factor gives every job on them that state's relative
/// throughput); it is released below limit − margin. Columns: `inlet_c` per rack (time-weighted mean),
/// `max_inlet_c` (the hottest inlet of the settled state at the sample time, a snapshot).
///
/// Coupling through signals (issue 8 items 3/5, "thermal supply follows the plant"): when the
/// run has a plant, T_sup is the plant's delivered supply air temperature, the signal
/// `plant.supply_air_c` (looked up at the first settle: the plant attaches after this model);
/// when it changes, every inlet moves by the same amount at that instant (T_in = T_sup + D·P)
/// and every rack's throttle is looked at again. Without a plant, T_sup = `thermal.supply_c`.
/// Published: `thermal.max_inlet_c` (the hottest inlet now), `thermal.inlet_c` (per rack) and
/// `thermal.inlet_rise_k_per_kw` (per rack j: max_i D[i][j] · 1000, how much a kW more in rack
/// j raises the hottest inlet it affects; static).
struct ThermalModel: RunModel {
  let spec: ThermalSpec
  var recirculation: HeatRecirculationModel
  var throttles: [ThermalThrottle]
  var isThrottled: [Bool]
  var inletMeters: [TimeWeighted]
  /// Per rack: the throttle power state index and the relative throughput it gives.
  let throttleState: [UInt8]
  var changedBlocks: [Int] = []
  var blockMark: [Bool]
  var throttleEvents = 0
  /// When each rack last started to throttle.
  var throttledAt: [SimTime]
  /// The hottest inlet of any settled state so far, °C, and the instant the current inlets
  /// belong to. Inlets between two settle rounds of one instant (a rack that has just
  /// throttled, a supply that follows the setpoint a round later) last no time and are not
  /// counted: the state an instant leaves is folded in when the next instant begins.
  var hottestC: Double
  var inletsInstant = SimTime.zero
  /// The supply temperature the inlets are computed with, °C.
  var supplyC: Double
  /// Signals: the plant's supply (nil until looked up, or without a plant) and our own.
  var plantSupply: SignalID? = nil
  var lookedUpPlantSupply = false
  var maxInletSignal = SignalID(raw: 0)
  var inletSignal = SignalID(raw: 0)

  var name: String { "thermal" }
  var stage: SettleStage { .thermal }
  var timeseriesColumns: [ColumnSpec] { OutputColumns.thermalTimeseries }
  var rackColumns: [ColumnSpec] { OutputColumns.thermalRacks }
  var summaryColumns: [ColumnSpec] { OutputColumns.thermalSummary }

  /// - Parameter supplyC: The initial supply temperature, °C (the plant's, when there is one);
  ///   `spec.supplyC` when nil.
  init(spec: ThermalSpec, site: Site, supplyC: Double? = nil) throws(SimulationError) {
    self.spec = spec
    let supply = supplyC ?? spec.supplyC
    self.supplyC = supply
    // K = P_design / ΔT_design per rack, P_design = its nodes at full load.
    var capacity: [Double] = []
    var states: [UInt8] = []
    for r in 0..<site.rackCount {
      var design = 0.0
      for n in site.nodes(of: RackID(r)) {
        design += site.nodePower(n, utilizationSum: Double(site.nodeGPUCount[n]))
      }
      capacity.append(design / spec.designRiseK)
      let node = site.catalog.nodes[Int(site.nodeTypeIndex[Int(site.rackFirstNode[r])])]
      let gpu = site.catalog.gpu(named: node.gpu)!
      let index =
        gpu.lowestDVFSState(meetingRelativeThroughput: spec.throttleThroughput)
        ?? gpu.topDVFSState
      states.append(UInt8(clamping: gpu.topDVFSState - index))
    }
    throttleState = states
    let blocks = RecirculationBlock.blocks(
      for: site, by: spec.grouping, capacityWPerK: capacity,
      crossInterference: { _, racks in
        RecirculationMatrix.nearestNeighbour(
          size: racks.count, neighbour: spec.neighbour, endMultiplier: spec.endMultiplier,
          endSelf: spec.endSelf)
      })
    do {
      recirculation = try HeatRecirculationModel(blocks: blocks, supplyC: supply)
    } catch {
      throw .invalidModel("thermal: \(error)")
    }
    throttles = Array(
      repeating: ThermalThrottle(limitC: spec.inletLimitC, releaseMarginK: spec.releaseMarginK),
      count: site.rackCount)
    isThrottled = Array(repeating: false, count: site.rackCount)
    throttledAt = Array(repeating: .zero, count: site.rackCount)
    inletMeters = Array(repeating: TimeWeighted(value: supply), count: site.rackCount)
    blockMark = Array(repeating: false, count: recirculation.blockCount)
    hottestC = supply
  }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    for r in 0..<run.site.rackCount {
      recirculation.setPower(run.power.rackPowerW[r].value, ofRack: r)
    }
    recirculation.applyPendingChanges()
    for r in 0..<run.site.rackCount {
      inletMeters[r] = TimeWeighted(value: recirculation.inletC(ofRack: r))
    }
    hottestC = recirculation.maxInletC
    let racks = run.site.rackCount
    // Read by later stages (cooling-setpoint) and placement only: no extra settle round.
    maxInletSignal = try run.registerSignal(
      "thermal.max_inlet_c", initial: hottestC, settles: false)
    inletSignal = try run.registerSignal("thermal.inlet_c", count: racks, settles: false)
    let rise = try run.registerSignal(
      "thermal.inlet_rise_k_per_kw", count: racks, settles: false)
    for r in 0..<racks {
      run.setSignal(inletSignal, r, to: recirculation.inletC(ofRack: r))
      var worst = 0.0
      for i in recirculation.racks(ofBlock: recirculation.block(ofRack: r)) {
        worst = Swift.max(worst, recirculation.distribution(inletOf: i, perWattOf: r))
      }
      run.setSignal(rise, r, to: worst * 1000)
    }
  }

  /// Folds the settled state of the previous instant into `hottestC`, once per instant.
  /// Whether `thermal.max_inlet_c` has been published once.
  var publishedMaxInlet = false

  mutating func foldSettled(_ run: RunState) {
    guard run.now != inletsInstant else { return }
    hottestC = Swift.max(hottestC, recirculation.maxInletC)
    inletsInstant = run.now
  }

  mutating func settle(run: inout RunState) {
    foldSettled(run)
    if !lookedUpPlantSupply {
      lookedUpPlantSupply = true
      plantSupply = run.signal(named: "plant.supply_air_c")
    }
    // Inlets move only with the supply or with a block's power: the hottest one (a scan of
    // the blocks) is republished only then, and once at the start.
    var moved = !publishedMaxInlet
    // The plant delivers another supply temperature: every inlet moves with it, now.
    if let plantSupply, run.signalValue(plantSupply) != supplyC {
      moved = true
      supplyC = run.signalValue(plantSupply)
      recirculation.setSupplyC(supplyC)
      for r in 0..<run.site.rackCount { update(rack: r, run: &run) }
    }
    for r in run.changes.racksWithNewPower {
      recirculation.setPower(run.power.rackPowerW[r.index].value, ofRack: r.index)
      let b = recirculation.block(ofRack: r.index)
      if !blockMark[b] {
        blockMark[b] = true
        changedBlocks.append(b)
      }
    }
    if !changedBlocks.isEmpty {
      moved = true
      recirculation.applyPendingChanges()
      for b in changedBlocks {
        blockMark[b] = false
        for r in recirculation.racks(ofBlock: b) { update(rack: r, run: &run) }
      }
      changedBlocks.removeAll(keepingCapacity: true)
    }
    guard moved else { return }
    publishedMaxInlet = true
    run.setSignal(maxInletSignal, to: recirculation.maxInletC)
  }

  /// A throttled rack's minimum time is over: look at its inlet again.
  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    foldSettled(run)
    update(rack: Int(event.code), run: &run)
  }

  mutating func update(rack r: Int, run: inout RunState) {
    let inlet = recirculation.inletC(ofRack: r)
    if inletMeters[r].value != inlet { inletMeters[r].set(inlet, at: run.now) }
    run.setSignal(inletSignal, r, to: inlet)
    var throttle = throttles[r]
    let transition = throttle.update(inletC: inlet)
    guard transition != .none else { return }
    // A release waits for the minimum throttle time; the event scheduled at the throttle
    // looks again then.
    if transition == .release && run.now < throttledAt[r] + spec.minimumThrottle { return }
    throttles[r] = throttle
    isThrottled[r] = transition == .throttle
    run.recordEvent(
      isThrottled[r] ? "throttle" : "release", subject: run.site.rackNames[r], value: inlet)
    if isThrottled[r] {
      throttleEvents += 1
      throttledAt[r] = run.now
      run.schedule(ModelEvent(code: UInt32(r)), at: run.now + spec.minimumThrottle)
    }
    let state: UInt8 = isThrottled[r] ? throttleState[r] : 0
    for n in run.site.nodes(of: RackID(r)) { run.setPowerState(state, of: NodeID(n)) }
  }

  mutating func sample(run: RunState, into values: inout [Double]) {
    values.append(recirculation.maxInletC)
  }

  mutating func sampleRacks(run: RunState, into values: inout [Double]) {
    for r in 0..<run.site.rackCount {
      values.append(inletMeters[r].intervalMean(endingAt: run.now))
    }
  }

  func summary(run: RunState) -> [SummaryValue] {
    // The last instant's state is settled at the end of the run.
    [
      .number(Swift.max(hottestC, recirculation.maxInletC), decimals: 2),
      .integer(Int64(throttleEvents)),
    ]
  }
}
