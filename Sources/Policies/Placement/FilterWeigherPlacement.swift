import DataCenter
import SimKernel
import Workloads

/// Removes nodes a job must not run on (a rack without power headroom, a node whose leaf is
/// too far away). Asked only about usable nodes with room for the job.
public protocol NodeFilter: Sendable {
  /// Called once per placement before any node is asked (look up signals, build summaries).
  mutating func prepare(for job: QueuedJob, on cluster: ClusterView)
  /// Whether `job` may take GPUs of `node`.
  func admits(_ node: Int, for job: QueuedJob, on cluster: ClusterView) -> Bool
  /// The engine started `job` on `allocations`, as this placement chose them (a filter that
  /// books what it admitted, such as power headroom within one instant, records it here).
  mutating func didPlace(
    _ allocations: [NodeAllocation], for job: QueuedJob, on cluster: ClusterView)
}

/// Ranks the nodes that passed the filters; lower cost is better.
public protocol NodeWeigher: Sendable {
  /// Called once per placement before the nodes are weighed (a weigher that needs a per-job
  /// summary, such as free nodes per leaf, builds it here).
  mutating func prepare(for job: QueuedJob, on cluster: ClusterView)
  /// Called after the filters and before the first `cost`, with every candidate that passed
  /// them, in node order (a group-aware weigher, such as one that picks the leaf that holds a
  /// whole job, ranks the groups by what can really be chosen).
  mutating func prepare(candidates: [Int], for job: QueuedJob, on cluster: ClusterView)
  /// The cost of giving `job` GPUs of `node`, a finite number.
  func cost(of node: Int, for job: QueuedJob, on cluster: ClusterView) -> Double
}

extension NodeFilter {
  public mutating func prepare(for job: QueuedJob, on cluster: ClusterView) {}
  public mutating func didPlace(
    _ allocations: [NodeAllocation], for job: QueuedJob, on cluster: ClusterView
  ) {}
}

extension NodeWeigher {
  public mutating func prepare(for job: QueuedJob, on cluster: ClusterView) {}
  public mutating func prepare(candidates: [Int], for job: QueuedJob, on cluster: ClusterView) {}
}

/// Placement as filters and weighers (the shape of OpenStack Nova's filter scheduler): the
/// candidates are the usable nodes with room for the job (free GPUs ≥ the job's for a job that
/// fits in a node; wholly free nodes for a larger one); every filter must admit a candidate;
/// each candidate's cost is Σ multiplier × weigher cost; the lowest cost wins, ties going to
/// the lowest node number. A job that fits in one node gets the best node; a larger job gets
/// the `ceil(gpus / gpus per node)`-ish set of best wholly free nodes (in cost order, then
/// node order) whose GPUs cover it.
///
/// The named strategies `thermal-aware`, `power-aware` and `topology-aware` are instances of
/// this with their own filters and weighers; a best-fit tiebreak (fewest free GPUs left) is
/// the last weigher of each unless it says otherwise.
///
/// Each weigher is prepared twice: with the job (`prepare(for:on:)`) before the filters run,
/// and with the candidates that passed them (`prepare(candidates:for:on:)`) before any cost.
///
/// - Complexity: O(nodes · (filters + weighers)) per placement that can succeed (the counts
///   of free GPUs are checked first, so a job that cannot fit anywhere costs O(1)); plus
///   O(k log k) to sort the k candidates of a multi-node job.
public struct FilterWeigherPlacement: PlacementPolicy {
  public static let name = "filter-weigher"
  /// The name it reports (the strategy's scenario name).
  public let strategyName: String
  public var filters: [any NodeFilter]
  public var weighers: [(weigher: any NodeWeigher, multiplier: Double)]
  var scratch: [(cost: Double, node: Int)] = []
  var candidates: [Int] = []

  public init(
    name: String, filters: [any NodeFilter],
    weighers: [(weigher: any NodeWeigher, multiplier: Double)]
  ) {
    strategyName = name
    self.filters = filters
    self.weighers = weighers
  }

  public var name: String { strategyName }

  public mutating func place(
    _ job: QueuedJob, on cluster: ClusterView, random: inout RandomStream
  ) -> PlacementDecision {
    if let reason = cluster.impossibility(of: job) { return .reject(reason: reason) }
    guard cluster.totalFreeGPUs >= job.gpus else { return .wait }
    let site = cluster.site
    let single = job.gpus <= site.maxGPUsPerNode
    if !single && cluster.wholeFreeNodes == 0 { return .wait }
    for k in filters.indices { filters[k].prepare(for: job, on: cluster) }
    for k in weighers.indices { weighers[k].weigher.prepare(for: job, on: cluster) }
    scratch.removeAll(keepingCapacity: true)
    candidates.removeAll(keepingCapacity: true)
    let need = Int32(clamping: job.gpus)
    var best: (cost: Double, node: Int)? = nil
    for n in 0..<site.nodeCount where cluster.isUsable(n) {
      if single ? cluster.freeGPUs[n] < need : !cluster.isWhollyFree(n) { continue }
      if !filters.allSatisfy({ $0.admits(n, for: job, on: cluster) }) { continue }
      candidates.append(n)
    }
    for k in weighers.indices {
      weighers[k].weigher.prepare(candidates: candidates, for: job, on: cluster)
    }
    for n in candidates {
      var cost = 0.0
      for w in weighers { cost += w.multiplier * w.weigher.cost(of: n, for: job, on: cluster) }
      guard cost.isFinite else { continue }
      if single {
        if best == nil || cost < best!.cost { best = (cost, n) }
      } else {
        scratch.append((cost, n))
      }
    }
    if single {
      guard let best else { return .wait }
      return .place([NodeAllocation(node: NodeID(best.node), gpus: need)])
    }
    scratch.sort { ($0.cost, $0.node) < ($1.cost, $1.node) }
    var chosen: [Int] = []
    var covered: Int32 = 0
    for c in scratch where covered < need {
      chosen.append(c.node)
      covered += site.nodeGPUCount[c.node]
    }
    guard covered >= need else { return .wait }
    chosen.sort()
    return .place(cluster.wholeNodeAllocation(chosen))
  }

  public mutating func didStart(
    _ job: QueuedJob, on allocations: [NodeAllocation], cluster: ClusterView
  ) {
    for k in filters.indices { filters[k].didPlace(allocations, for: job, on: cluster) }
  }
}

/// Best fit as a weigher: the node that leaves the fewest GPUs free costs least.
public struct LeastFreeAfterWeigher: NodeWeigher {
  public init() {}
  public func cost(of node: Int, for job: QueuedJob, on cluster: ClusterView) -> Double {
    Double(cluster.freeGPUs[node]) - Double(job.gpus)
  }
}

/// A per-rack signal as a cost, looked up by name (e.g. `thermal.inlet_rise_k_per_kw`, how
/// much a kW in the rack raises the hottest inlet it affects). A run without the signal costs
/// every node 0 (the scenario's validation requires the model that publishes it).
public struct RackSignalWeigher: NodeWeigher {
  public let signalName: String
  var signal: Int? = nil
  public init(signal name: String) { signalName = name }
  public mutating func prepare(for job: QueuedJob, on cluster: ClusterView) {
    if signal == nil { signal = cluster.signals.index(of: signalName) }
  }
  public func cost(of node: Int, for job: QueuedJob, on cluster: ClusterView) -> Double {
    guard let signal else { return 0 }
    return cluster.signals.value(signal, cluster.site.nodeRack[node].index)
  }
}
