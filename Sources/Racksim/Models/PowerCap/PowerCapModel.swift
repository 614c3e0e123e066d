import DataCenter
import Policies
import SimKernel
import Workloads

/// The `power-cap` energy strategy as a model of the run (`.power` stage; issue 8 item 6).
///
/// Domains are the site, each hall with a cap and each rack (when a rack cap is given); each
/// has a cap on its IT power. Whenever rack powers change, the model predicts each domain's
/// power with the node power model (`PowerLedger.predictedPower`) and:
///   - while a domain would exceed its cap, lowers the GPUs of its running jobs one DVFS state
///     at a time, the lowest priority first (ties: the latest submitted, then the highest job
///     ID), each job as far as needed before the next;
///   - while there is headroom, raises throttled jobs one state at a time, the highest
///     priority first, as long as every domain stays within its cap.
/// Row caps are domains like hall caps; a per-GPU limit (`gpu:`) is a floor on every node's
/// requested state: the fastest state whose full-load power fits the limit, held from the
/// start (REFERENCES.md §3.1 tables), never raised above.
///
/// It publishes the headroom it enforces for power-aware placement: `power.rack_headroom_w`
/// (per rack: the least of its rack and row caps and its PDU rating, minus its power),
/// `power.hall_headroom_w` (per hall) and `power.site_headroom_w`, with `1e18` W for a level
/// without a cap, and `power.headroom_version`, which counts republications.
///
/// Jobs that share a node share its state. It changes only its own power-state requests; the engine gives each job the `compute`
/// factor of the slowest state of its GPUs, so the cap holds at the instant of every change:
/// sampled power never exceeds a cap. A cap below the idle power of what it covers is an error
/// when the run is built.
///
/// Complexity: O(racks changed) per instant while no domain is near its cap; O(running jobs ·
/// states · nodes per job) at instants where it acts.
struct PowerCapModel: RunModel {
  struct Domain {
    var name: String
    var racks: Range<Int>
    var capW: Double
  }

  let spec: PowerCapSpec
  var domains: [Domain] = []
  /// Domains by rack: the site, the rack's hall (if capped), the rack itself (if capped).
  var rackDomains: [[Int]] = []
  /// This model's requested state per node.
  var requested: [UInt8] = []
  var maxState: [UInt8] = []
  /// The state a per-GPU limit holds each node at (0 when there is none).
  var floorState: [UInt8] = []
  /// Per domain: its level (rack-level domains count for the rack headroom signal).
  var domainLevel: [Level] = []
  var rackHeadroom = SignalID(raw: 0)
  var hallHeadroom = SignalID(raw: 0)
  var siteHeadroom = SignalID(raw: 0)
  var headroomVersion = SignalID(raw: 0)
  var version = 0.0

  enum Level { case site, hall, row, rack }
  static let uncapped = 1e18
  var actions = 0
  /// Running jobs in throttling order (the first is lowered first).
  var order: [JobID] = []
  /// Nodes this model has asked for a state below the top.
  var loweredNodes = 0
  /// Per rack: its power with every node in the lowest state, and the utilisation sum that
  /// was for; per domain: their sum.
  var rackLowest: [Double] = []
  var rackLowestAt: [Double] = []
  var domainLowest: [Double] = []
  /// Starts refused because no state could have held a cap (counted per refusal).
  var refusals = 0

  var name: String { "power-cap" }
  var stage: SettleStage { .power }
  var summaryColumns: [ColumnSpec] { OutputColumns.powerCapSummary }

  init(spec: PowerCapSpec) { self.spec = spec }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    let site = run.site
    if let w = spec.siteW {
      domains.append(Domain(name: "site", racks: 0..<site.rackCount, capW: w))
    }
    for cap in spec.halls {
      guard let h = site.layout.halls.firstIndex(where: { $0.name == cap.hall }) else {
        throw .invalidModel("power_caps: unknown hall '\(cap.hall)'")
      }
      let racks = (0..<site.rackCount).filter { site.rackHall[$0].index == h }
      domains.append(
        Domain(name: "hall \(cap.hall)", racks: racks.first!..<(racks.last! + 1), capW: cap.watts))
    }
    domainLevel = domains.map { $0.name == "site" ? .site : .hall }
    if let w = spec.rowW {
      var start = 0
      while start < site.rackCount {
        var end = start + 1
        while end < site.rackCount && site.rackRow[end] == site.rackRow[start] { end += 1 }
        domains.append(
          Domain(name: "row \(site.rackRow[start].index)", racks: start..<end, capW: w))
        domainLevel.append(.row)
        start = end
      }
    }
    if let w = spec.rackW {
      for r in 0..<site.rackCount {
        domains.append(Domain(name: "rack \(site.rackNames[r])", racks: r..<(r + 1), capW: w))
        domainLevel.append(.rack)
      }
    }
    rackDomains = Array(repeating: [], count: site.rackCount)
    for (d, domain) in domains.enumerated() {
      for r in domain.racks { rackDomains[r].append(d) }
    }
    requested = Array(repeating: 0, count: site.nodeCount)
    rackLowest = Array(repeating: 0, count: site.rackCount)
    rackLowestAt = Array(repeating: -1, count: site.rackCount)
    domainLowest = Array(repeating: 0, count: domains.count)
    maxState = (0..<site.nodeCount).map { UInt8(clamping: site.gpuType(ofNode: $0).topDVFSState) }
    floorState = Array(repeating: 0, count: site.nodeCount)
    if let limit = spec.gpuW {
      for n in 0..<site.nodeCount {
        let gpu = site.gpuType(ofNode: n)
        guard let fastest = gpu.dvfsState(forPowerCapW: limit) else {
          let slowest = gpu.effectiveDVFSStates.first?.maxPowerW ?? gpu.tdpW
          throw .invalidModel(
            "power_caps.gpu: \(limit) W is below what a \(gpu.name) draws at full load in its "
              + "slowest state (\(slowest) W)")
        }
        floorState[n] = UInt8(clamping: gpu.topDVFSState - fastest)
        if floorState[n] > 0 {
          requested[n] = floorState[n]
          run.setPowerState(floorState[n], of: NodeID(n))
        }
      }
    }
    // A cap below the idle power (lowest state) of what it covers can never hold.
    for domain in domains {
      var idle = 0.0
      for r in domain.racks {
        for n in site.nodes(of: RackID(r)) {
          idle += run.power.predictedPower(
            of: n, inState: maxState[n], availability: run.cluster.availability[n])
        }
      }
      if idle > domain.capW {
        throw .invalidModel(
          "power_caps: the cap on \(domain.name) (\(domain.capW) W) is below the idle power of "
            + "what it covers (\(idle) W)")
      }
    }
    for r in 0..<site.rackCount { refreshLowest(rack: r, run: run) }
    // Read by placement only (at the next pass): no extra settle round.
    rackHeadroom = try run.registerSignal(
      "power.rack_headroom_w", count: site.rackCount, initial: Self.uncapped, settles: false)
    hallHeadroom = try run.registerSignal(
      "power.hall_headroom_w", count: site.hallCount, initial: Self.uncapped, settles: false)
    siteHeadroom = try run.registerSignal(
      "power.site_headroom_w", initial: Self.uncapped, settles: false)
    headroomVersion = try run.registerSignal("power.headroom_version", settles: false)
    // Idle power of each rack in the states held from the start (no job runs yet).
    var rackIdle = Array(repeating: 0.0, count: site.rackCount)
    for r in 0..<site.rackCount {
      for n in site.nodes(of: RackID(r)) {
        rackIdle[r] += run.power.predictedPower(
          of: n, inState: floorState[n], availability: run.cluster.availability[n])
      }
    }
    publishHeadroom(
      power: domains.map { d in d.racks.reduce(0.0) { $0 + rackIdle[$1] } },
      rackPower: rackIdle, racks: 0..<site.rackCount, run: &run)
  }

  /// Republishes the headroom signals of `racks` and of every hall and the site.
  mutating func publishHeadroom(
    power: [Double], rackPower: [Double]? = nil, racks: some Sequence<Int>, run: inout RunState
  ) {
    let site = run.site
    var halls = Array(repeating: Self.uncapped, count: site.hallCount)
    var whole = Self.uncapped
    for d in domains.indices {
      switch domainLevel[d] {
      case .site: whole = Swift.min(whole, domains[d].capW - power[d])
      case .hall:
        let h = site.rackHall[domains[d].racks.lowerBound].index
        halls[h] = Swift.min(halls[h], domains[d].capW - power[d])
      case .row, .rack: break
      }
    }
    var changed = false
    for r in racks {
      let now = rackPower?[r] ?? run.power.rackPowerW[r].value
      var room = site.catalog.racks[Int(site.rackTypeIndex[r])].pduRatingW - now
      for d in rackDomains[r] where domainLevel[d] == .row || domainLevel[d] == .rack {
        room = Swift.min(room, domains[d].capW - power[d])
      }
      if run.signalValue(rackHeadroom, r) != room {
        run.setSignal(rackHeadroom, r, to: room)
        changed = true
      }
    }
    for h in 0..<site.hallCount where run.signalValue(hallHeadroom, h) != halls[h] {
      run.setSignal(hallHeadroom, h, to: halls[h])
      changed = true
    }
    if run.signalValue(siteHeadroom) != whole {
      run.setSignal(siteHeadroom, to: whole)
      changed = true
    }
    // The version moves only with the values, so that a settle round which changed no
    // headroom does not make the instant settle once more.
    if changed {
      version += 1
      run.setSignal(headroomVersion, to: version)
    }
  }

  mutating func settle(run: inout RunState) {
    for job in run.changes.stoppedJobs { removeFromOrder(job, run: &run) }
    for job in run.changes.startedJobs where run.jobs.state[job.index] == .running {
      insertInOrder(job, run: run)
    }
    for r in run.changes.racksWithNewPower { refreshLowest(rack: r.index, run: run) }
    guard !run.changes.racksWithNewPower.isEmpty || !run.changes.startedJobs.isEmpty else {
      return
    }
    var power = domains.map { d in d.racks.reduce(0.0) { $0 + run.power.rackPowerW[$1].value } }
    // Lower: for each domain over its cap, the lowest-priority jobs first.
    for d in domains.indices where power[d] > domains[d].capW {
      let racks = domains[d].racks
      for job in order where inDomain(job, racks, run: run) {
        while power[d] > domains[d].capW, let delta = step(job, by: 1, run: run) {
          apply(job, by: 1, delta: delta, power: &power, run: &run)
        }
        if power[d] <= domains[d].capW { break }
      }
    }
    // Raise: throttled jobs, the highest priority first, while every domain stays within; the
    // first that does not fit ends the raising (a lower-priority job must not go first).
    if loweredNodes > 0 {
      raising: for job in order.reversed() where isThrottled(job, run: run) {
        while let delta = step(job, by: -1, run: run) {
          guard fits(job, delta: delta, power: power, run: run) else { break raising }
          apply(job, by: -1, delta: delta, power: &power, run: &run)
        }
      }
    }
    // The headroom placement sees: the racks whose power changed, every hall and the site.
    // Racks whose states this call moved come back as changed racks in the next round of the
    // same instant (the engine re-settles the ledger after a power model), so they need no
    // scan of the running jobs here.
    publishHeadroom(
      power: power, racks: run.changes.racksWithNewPower.lazy.map(\.index), run: &run)
  }

  // MARK: - Order and caches

  /// Whether `job` has a node in `racks`.
  func inDomain(_ job: JobID, _ racks: Range<Int>, run: RunState) -> Bool {
    if racks.count == run.site.rackCount { return true }
    return run.jobs.allocations[job.index].contains {
      racks.contains(run.site.nodeRack[$0.node.index].index)
    }
  }

  func isThrottled(_ job: JobID, run: RunState) -> Bool {
    run.jobs.allocations[job.index].contains {
      requested[$0.node.index] > floorState[$0.node.index]
    }
  }

  /// Throttling order: lowest priority first; among equals the latest submitted, then the
  /// highest ID.
  func throttlesBefore(_ a: JobID, _ b: JobID, run: RunState) -> Bool {
    let sa = run.jobs.specs[a.index]
    let sb = run.jobs.specs[b.index]
    if sa.priority != sb.priority { return sa.priority < sb.priority }
    if sa.submit != sb.submit { return sa.submit > sb.submit }
    return a > b
  }

  func orderPosition(of job: JobID, run: RunState) -> Int {
    var lo = 0
    var hi = order.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if throttlesBefore(order[mid], job, run: run) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  mutating func insertInOrder(_ job: JobID, run: RunState) {
    let k = orderPosition(of: job, run: run)
    guard k >= order.count || order[k] != job else { return }
    order.insert(job, at: k)
  }

  /// A job that stopped running leaves the order. Its nodes keep their requests: the next job
  /// on them starts in that state, and raising brings it up when there is headroom.
  mutating func removeFromOrder(_ job: JobID, run: inout RunState) {
    let k = orderPosition(of: job, run: run)
    guard k < order.count, order[k] == job else { return }
    order.remove(at: k)
  }

  /// The power of `rack` with every node in its lowest state at its current load, cached by
  /// the rack's utilisation sum.
  mutating func refreshLowest(rack r: Int, run: RunState) {
    let u = run.power.rackUtilizationSum[r].value
    guard u != rackLowestAt[r] else { return }
    rackLowestAt[r] = u
    var w = 0.0
    for n in run.site.nodes(of: RackID(r)) {
      w += run.power.predictedPower(
        of: n, inState: maxState[n], availability: run.cluster.availability[n])
    }
    for d in rackDomains[r] { domainLowest[d] += w - rackLowest[r] }
    rackLowest[r] = w
  }

  /// The power change per rack if `job`'s nodes move `by` states (+1 lower, −1 higher), each
  /// node as far as it can (a node shared with another job may already be at its limit), or
  /// nil when none of them can move.
  func step(_ job: JobID, by k: Int, run: RunState) -> [(rack: Int, deltaW: Double)]? {
    var deltas: [(rack: Int, deltaW: Double)] = []
    var moved = false
    for a in run.jobs.allocations[job.index] {
      let n = a.node.index
      let target = Int(requested[n]) + k
      guard target >= Int(floorState[n]) && target <= Int(maxState[n]) else { continue }
      moved = true
      let before = run.power.predictedPower(
        of: n, inState: run.power.nodePowerState[n], availability: run.cluster.availability[n])
      let newEffective = Swift.max(UInt8(target), run.otherPowerStateRequests(of: a.node))
      let after = run.power.predictedPower(
        of: n, inState: newEffective, availability: run.cluster.availability[n])
      deltas.append((run.site.nodeRack[n].index, after - before))
    }
    return moved ? deltas : nil
  }

  func fits(_ job: JobID, delta: [(rack: Int, deltaW: Double)], power: [Double], run: RunState)
    -> Bool
  {
    var p = power
    for (rack, w) in delta { for d in rackDomains[rack] { p[d] += w } }
    for d in domains.indices where p[d] > domains[d].capW { return false }
    return true
  }

  mutating func apply(
    _ job: JobID, by k: Int, delta: [(rack: Int, deltaW: Double)], power: inout [Double],
    run: inout RunState
  ) {
    for (rack, w) in delta { for d in rackDomains[rack] { power[d] += w } }
    for a in run.jobs.allocations[job.index] {
      let n = a.node.index
      let target = Int(requested[n]) + k
      guard target >= Int(floorState[n]) && target <= Int(maxState[n]) else { continue }
      if requested[n] == floorState[n] { loweredNodes += 1 }
      if target == Int(floorState[n]) { loweredNodes -= 1 }
      requested[n] = UInt8(target)
      run.setPowerState(requested[n], of: a.node)
    }
    actions += 1
    run.recordEvent(
      k > 0 ? "cap-lower" : "cap-raise", subject: run.jobs.specs[job.index].name,
      value: Double(requested[run.jobs.allocations[job.index].first?.node.index ?? 0]))
  }

  func summary(run: RunState) -> [SummaryValue] {
    [.integer(Int64(actions)), .integer(Int64(refusals))]
  }

  // MARK: - Admission

  var gatesAdmission: Bool { true }

  /// A job may start only if every capped domain it touches could still hold its cap with
  /// every node of the domain in its lowest state: starting it can never break a cap that
  /// lowering states could not restore at once. Fast path: if the domain stays within its cap
  /// with the job at its nodes' current states, it is admitted without looking further.
  mutating func admits(_ job: QueuedJob, on allocations: [NodeAllocation], run: RunState)
    -> Bool
  {
    let utilization = run.jobs.specs[job.id.index].gpuUtilization
    var unassigned = Int32(job.gpus)
    var added: [(node: Int, utilization: Double)] = []
    for a in allocations {
      let working = Swift.min(a.gpus, unassigned)
      unassigned -= working
      added.append((a.node.index, Double(working) * utilization))
    }
    var touched: [Int] = []
    for (n, _) in added {
      for d in rackDomains[run.site.nodeRack[n].index] where !touched.contains(d) {
        touched.append(d)
      }
    }
    let availability = run.cluster.availability
    for d in touched {
      let racks = domains[d].racks
      var now = run.power.currentPower(ofRacks: racks, availability: availability)
      for (n, u) in added where racks.contains(run.site.nodeRack[n].index) {
        let s = run.power.nodePowerState[n]
        now +=
          run.power.predictedPower(
            of: n, inState: s, extraUtilization: u, availability: availability[n])
          - run.power.predictedPower(
            of: n, inState: s, extraUtilization: 0, availability: availability[n])
      }
      if now <= domains[d].capW { continue }
      // Slow path: the domain's power with every node in its lowest state (cached per rack;
      // racks whose load changed since the last power stage are counted afresh).
      var lowest = domainLowest[d]
      var counted: [Int] = []
      for raw in run.power.dirtyNodes {
        let r = run.site.nodeRack[Int(raw)].index
        guard racks.contains(r), !counted.contains(r) else { continue }
        counted.append(r)
        var w = 0.0
        for n in run.site.nodes(of: RackID(r)) {
          w += run.power.predictedPower(
            of: n, inState: maxState[n], availability: availability[n])
        }
        lowest += w - rackLowest[r]
      }
      for (n, u) in added where racks.contains(run.site.nodeRack[n].index) {
        lowest +=
          run.power.predictedPower(
            of: n, inState: maxState[n], extraUtilization: u, availability: availability[n])
          - run.power.predictedPower(
            of: n, inState: maxState[n], extraUtilization: 0, availability: availability[n])
      }
      if lowest > domains[d].capW {
        refusals += 1
        return false
      }
    }
    return true
  }
}
