import DataCenter
import SimKernel
import Workloads

// The placement strategies that see the plant (issue 8 item 8), as filters and weighers over
// signals that the run's models publish:
//   thermal-aware   weigher: `thermal.inlet_rise_k_per_kw` of the node's rack (from the
//                   recirculation matrix D: max_i D[i][j] · 1000, the rise of the hottest inlet a
//                   kW in rack j causes), then best fit. Needs `thermal:`.
//   power-aware     filter: the job's added GPU power at full load must fit the headroom of
//                   the node's rack (PDU rating, rack and row caps), hall and site, as the
//                   power-cap strategy publishes it, less what this strategy already placed
//                   at the same publication; weigher: best fit. Needs `power_caps:`.

extension FilterWeigherPlacement {
  /// `thermal-aware`: the node whose rack raises the hottest inlet least per kW; ties by best
  /// fit (its cost is GPUs, scaled so that it only breaks ties: a rise differs by ≥ 1e-3 K/kW
  /// where racks differ, a best-fit cost by ≤ 1,024 GPUs · 1e-9).
  public static var thermalAware: FilterWeigherPlacement {
    FilterWeigherPlacement(
      name: "thermal-aware", filters: [],
      weighers: [
        (RackSignalWeigher(signal: "thermal.inlet_rise_k_per_kw"), 1),
        (LeastFreeAfterWeigher(), 1e-9),
      ])
  }

  /// `power-aware`: only nodes where the job's added power fits the published headroom; best
  /// fit among them.
  public static var powerAware: FilterWeigherPlacement {
    FilterWeigherPlacement(
      name: "power-aware", filters: [PowerHeadroomFilter()],
      weighers: [(LeastFreeAfterWeigher(), 1)])
  }
}

/// Admits a node when the job's added power there fits the headroom of its rack, hall and
/// site (`power.rack_headroom_w`, `power.hall_headroom_w`, `power.site_headroom_w`), less the
/// power of the jobs this filter admitted since those values were last published
/// (`power.headroom_version`): several jobs placed in one pass do not all count on the same
/// watts.
///
/// A job's added power on a node is, per GPU it takes, the top state's full-load power minus
/// idle power (REFERENCES.md §3.1): the GPU share of the increase at full load, a bound on
/// what the job can add. The site check covers the whole job. Without the signals (no
/// power-cap strategy) it admits every node.
public struct PowerHeadroomFilter: NodeFilter {
  var signals: (rack: Int, hall: Int, site: Int, version: Int)? = nil
  var seenVersion = -1.0
  var pendingRack: [Int: Double] = [:]
  var pendingHall: [Int: Double] = [:]
  var pendingSite = 0.0
  var jobSiteOK = true
  /// The smallest added power per GPU among the node types the site uses (found once).
  var minimumPerGPU: Double? = nil

  public init() {}

  /// The job's added power per GPU on `node`, W.
  static func addedPerGPU(_ node: Int, _ site: Site) -> Double {
    addedPower(of: site.gpuType(ofNode: node))
  }

  /// What one GPU of `gpu`'s type adds at full load in its fastest state over idle, W.
  static func addedPower(of gpu: GPUType) -> Double {
    Swift.max(0, (gpu.effectiveDVFSStates.last?.maxPowerW ?? gpu.tdpW) - gpu.idleW)
  }

  public mutating func prepare(for job: QueuedJob, on cluster: ClusterView) {
    let board = cluster.signals
    if signals == nil,
      let r = board.index(of: "power.rack_headroom_w"),
      let h = board.index(of: "power.hall_headroom_w"),
      let s = board.index(of: "power.site_headroom_w"),
      let v = board.index(of: "power.headroom_version")
    {
      signals = (r, h, s, v)
    }
    guard let signals else { return }
    let version = board.value(signals.version)
    if version != seenVersion {
      seenVersion = version
      pendingRack.removeAll(keepingCapacity: true)
      pendingHall.removeAll(keepingCapacity: true)
      pendingSite = 0
    }
    // The whole job against the site, before its nodes are known: its GPUs at the smallest
    // per-GPU increase of the site's GPU types (a necessary condition, never stricter than the
    // truth; with one GPU type, which is the common case, exact). Racks and halls are checked
    // exactly, node by node.
    if minimumPerGPU == nil {
      var types = Set<Int32>()
      for t in cluster.site.nodeTypeIndex { types.insert(t) }
      minimumPerGPU =
        types.map { Self.addedPower(of: cluster.site.nodeTypeGPUs[Int($0)]) }.min() ?? 0
    }
    let perGPU = minimumPerGPU ?? 0
    jobSiteOK = board.value(signals.site) - pendingSite >= Double(job.gpus) * perGPU
  }

  public func admits(_ node: Int, for job: QueuedJob, on cluster: ClusterView) -> Bool {
    guard let signals else { return true }
    guard jobSiteOK else { return false }
    let site = cluster.site
    let gpus = Swift.min(job.gpus, Int(site.nodeGPUCount[node]))
    let added = Double(gpus) * Self.addedPerGPU(node, site)
    let rack = site.nodeRack[node].index
    let hall = site.rackHall[rack].index
    let board = cluster.signals
    return board.value(signals.rack, rack) - pendingRack[rack, default: 0] >= added
      && board.value(signals.hall, hall) - pendingHall[hall, default: 0] >= added
  }

  public mutating func didPlace(
    _ allocations: [NodeAllocation], for job: QueuedJob, on cluster: ClusterView
  ) {
    guard signals != nil else { return }
    let site = cluster.site
    var unassigned = job.gpus
    for a in allocations {
      let n = a.node.index
      let gpus = Swift.min(unassigned, Int(a.gpus))
      unassigned -= gpus
      let added = Double(gpus) * Self.addedPerGPU(n, site)
      let rack = site.nodeRack[n].index
      pendingRack[rack, default: 0] += added
      pendingHall[site.rackHall[rack].index, default: 0] += added
      pendingSite += added
    }
  }
}
