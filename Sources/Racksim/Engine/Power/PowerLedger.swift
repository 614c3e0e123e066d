import DataCenter
import Policies
import SimKernel

// Power accounting (REFERENCES.md §3 and §4.6, linear model; see Site+Power.swift):
//   P_node = P_host(ū) + n · P_gpu(ū),  ū = U / n,  U = Σ utilisations of the node's busy GPUs
// for a node that is up, draining or waking; 0 W for a node that is down or off.
// A job's first `gpus` GPUs across its allocations run at its utilisation; the rest of its
// whole nodes, and every GPU of a stopped job that keeps its allocation, idle.
// Rack power is the sum of its nodes, recomputed from them (no drift); IT power is the sum of
// the racks. Facility power = IT + the power terms of the models (RunState.setPowerTerm).

/// Computes a node's electrical power. The plant issue's DVFS models plug in here; the
/// default is the site's linear model, which ignores the power state.
public protocol NodePowerModel: Sendable {
  /// Power of `node`, W.
  /// - Parameters:
  ///   - utilizationSum: Σ utilisations of its busy GPUs.
  ///   - state: Its power state index (0 = the highest; set by power models).
  func power(
    of node: Int, utilizationSum: Double, state: UInt8, availability: NodeAvailability,
    site: Site
  ) -> Double
}

/// P_node from the site's linear host and GPU models; 0 W when the node is down or off. In a
/// power state s > 0 its GPUs follow DVFS state (top − s) of their type (REFERENCES.md §3.1,
/// `GPUType.power(atUtilization:dvfsState:)`): P_gpu = idle + (P_max,state − idle) · ū.
public struct LinearNodePowerModel: NodePowerModel {
  public init() {}
  public func power(
    of node: Int, utilizationSum: Double, state: UInt8, availability: NodeAvailability,
    site: Site
  ) -> Double {
    guard availability.isPowered else { return 0 }
    guard state > 0 else { return site.nodePower(node, utilizationSum: utilizationSum) }
    let gpu = site.gpuType(ofNode: node)
    let n = Double(site.nodeGPUCount[node])
    let mean = utilizationSum / n
    let dvfs = Swift.max(0, gpu.topDVFSState - Int(state))
    return site.hostPowerModels[Int(site.nodeTypeIndex[node])].power(atUtilization: mean)
      + n * gpu.power(atUtilization: mean, dvfsState: dvfs)
  }
}

/// The run's power ledger: per node, its busy GPUs, the sum of their utilisations, its power
/// state and power; per rack, its power; dirty nodes and racks waiting for the power stage.
///
/// Load changes mark a node dirty; the power stage of the settle pipeline recomputes dirty
/// nodes, then their racks, then IT power, once per instant. Counts that are counts (busy and
/// held GPUs) are integers, so they never drift.
public struct PowerLedger: Sendable {
  public let site: Site
  let model: any NodePowerModel
  /// Busy GPUs per node (doing a job's work).
  public internal(set) var nodeBusyGPUs: [Int32]
  /// Σ utilisations of each node's busy GPUs.
  public internal(set) var nodeUtilizationSum: [Double]
  /// Effective power state index per node (0 = the highest): the lowest (largest index) that
  /// any model requests for it.
  public internal(set) var nodePowerState: [UInt8]
  /// Each requesting model's state per node (one row per model that has requested any).
  var stateRequests: [[UInt8]] = []
  /// Nodes whose effective state changed since the engine last updated compute factors.
  var stateChangedNodes: [Int32] = []
  public internal(set) var nodePowerW: [Double]
  /// Rack power, W, integrated over time.
  public internal(set) var rackPowerW: [TimeWeighted]
  /// Σ utilisations of each rack's GPUs, integrated over time.
  public internal(set) var rackUtilizationSum: [TimeWeighted]
  /// IT power of the site, W (the sum of the racks).
  public internal(set) var itPowerW: Double
  /// GPUs doing a job's work, and GPUs held by jobs but idle.
  public internal(set) var busyGPUs: Int = 0
  public internal(set) var reservedGPUs: Int = 0
  /// Σ utilisations over all GPUs of the site.
  public internal(set) var utilizationSum: Double = 0

  var dirtyNodes: [Int32] = []
  var nodeIsDirty: [Bool]
  var dirtyRacks: [Int32] = []
  var rackIsDirty: [Bool]

  init(site: Site, model: any NodePowerModel, availability: [NodeAvailability]) {
    self.site = site
    self.model = model
    let n = site.nodeCount
    nodeBusyGPUs = Array(repeating: 0, count: n)
    nodeUtilizationSum = Array(repeating: 0, count: n)
    nodePowerState = Array(repeating: 0, count: n)
    nodeIsDirty = Array(repeating: false, count: n)
    rackIsDirty = Array(repeating: false, count: site.rackCount)
    var power: [Double] = []
    power.reserveCapacity(n)
    for node in 0..<n {
      power.append(
        model.power(
          of: node, utilizationSum: 0, state: 0, availability: availability[node], site: site))
    }
    nodePowerW = power
    var racks: [TimeWeighted] = []
    racks.reserveCapacity(site.rackCount)
    var it = 0.0
    for r in 0..<site.rackCount {
      var w = 0.0
      for node in site.nodes(of: RackID(r)) { w += power[node] }
      racks.append(TimeWeighted(value: w))
      it += w
    }
    rackPowerW = racks
    rackUtilizationSum = Array(repeating: TimeWeighted(), count: site.rackCount)
    itPowerW = it
  }

  /// The node's load changes: `gpus` busy GPUs at `utilization` join (`joining`) or leave it.
  mutating func changeLoad(
    node n: Int, busy gpus: Int32, utilization: Double, joining: Bool, at now: SimTime
  ) {
    let delta = Double(gpus) * utilization
    let r = site.nodeRack[n].index
    if joining {
      nodeBusyGPUs[n] += gpus
      nodeUtilizationSum[n] += delta
      rackUtilizationSum[r].add(delta, at: now)
      busyGPUs += Int(gpus)
      utilizationSum += delta
    } else {
      nodeBusyGPUs[n] -= gpus
      // A node with no busy GPU has a utilisation sum of exactly 0, whatever the rounding of
      // the additions before.
      nodeUtilizationSum[n] = nodeBusyGPUs[n] == 0 ? 0 : nodeUtilizationSum[n] - delta
      rackUtilizationSum[r].add(-delta, at: now)
      busyGPUs -= Int(gpus)
      utilizationSum = busyGPUs == 0 ? 0 : utilizationSum - delta
    }
    markNode(n)
  }

  /// GPUs held idle by jobs change by `delta`.
  mutating func changeReserved(by delta: Int) { reservedGPUs += delta }

  /// Records request row `row`'s state for `node`; the node's effective state is the largest
  /// request.
  mutating func request(_ state: UInt8, of node: Int, row: Int) {
    while stateRequests.count <= row {
      stateRequests.append(Array(repeating: 0, count: nodePowerState.count))
    }
    guard stateRequests[row][node] != state else { return }
    stateRequests[row][node] = state
    var effective: UInt8 = 0
    for r in 0..<stateRequests.count { effective = Swift.max(effective, stateRequests[r][node]) }
    guard nodePowerState[node] != effective else { return }
    nodePowerState[node] = effective
    stateChangedNodes.append(Int32(node))
    markNode(node)
  }

  /// What `node` would draw in state `state` with `extra` more utilisation on it, W.
  public func predictedPower(
    of node: Int, inState state: UInt8, extraUtilization extra: Double,
    availability: NodeAvailability
  ) -> Double {
    model.power(
      of: node, utilizationSum: nodeUtilizationSum[node] + extra, state: state,
      availability: availability, site: site)
  }

  /// The power of `racks` now, W, including loads changed since the last power stage (which
  /// have not reached the rack meters yet).
  public func currentPower(ofRacks racks: Range<Int>, availability: [NodeAvailability]) -> Double {
    var total = 0.0
    for r in racks { total += rackPowerW[r].value }
    for raw in dirtyNodes {
      let n = Int(raw)
      guard racks.contains(site.nodeRack[n].index) else { continue }
      total +=
        model.power(
          of: n, utilizationSum: nodeUtilizationSum[n], state: nodePowerState[n],
          availability: availability[n], site: site) - nodePowerW[n]
    }
    return total
  }

  /// What `node` would draw now in effective state `state`, W (for power models that
  /// predict the effect of a change before making it).
  public func predictedPower(of node: Int, inState state: UInt8, availability: NodeAvailability)
    -> Double
  {
    model.power(
      of: node, utilizationSum: nodeUtilizationSum[node], state: state,
      availability: availability, site: site)
  }

  mutating func markNode(_ n: Int) {
    guard !nodeIsDirty[n] else { return }
    nodeIsDirty[n] = true
    dirtyNodes.append(Int32(n))
  }

  var isDirty: Bool { !dirtyNodes.isEmpty }

  /// The power stage: recomputes dirty nodes, their racks and IT power at `now`.
  /// - Returns: the racks whose power changed, appended to `changedRacks`.
  mutating func settle(
    at now: SimTime, availability: [NodeAvailability], changedRacks: inout [RackID]
  ) {
    guard !dirtyNodes.isEmpty else { return }
    for raw in dirtyNodes {
      let n = Int(raw)
      nodeIsDirty[n] = false
      nodePowerW[n] = model.power(
        of: n, utilizationSum: nodeUtilizationSum[n], state: nodePowerState[n],
        availability: availability[n], site: site)
      let r = site.nodeRack[n].index
      if !rackIsDirty[r] {
        rackIsDirty[r] = true
        dirtyRacks.append(Int32(r))
      }
    }
    dirtyNodes.removeAll(keepingCapacity: true)
    for raw in dirtyRacks {
      let r = Int(raw)
      rackIsDirty[r] = false
      var w = 0.0
      for node in site.nodes(of: RackID(r)) { w += nodePowerW[node] }
      let before = rackPowerW[r].value
      guard w != before else { continue }
      itPowerW += w - before
      rackPowerW[r].set(w, at: now)
      changedRacks.append(RackID(r))
    }
    dirtyRacks.removeAll(keepingCapacity: true)
  }
}
