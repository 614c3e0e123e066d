import DataCenter
import SimKernel
import Workloads

/// What a policy may see of the cluster: the site and which GPUs are free, read-only.
///
/// The simulation owns the mutable occupancy and passes it by value; a policy cannot change it
/// and returns decisions the engine validates and applies (STYLE.md §3).
public struct ClusterView: Sendable {
  public let site: Site
  /// Free GPUs per node, indexed by `NodeID.index`.
  public internal(set) var freeGPUs: [Int32]
  /// Free GPUs in the whole site.
  public internal(set) var totalFreeGPUs: Int
  /// Nodes whose GPUs are all free.
  public internal(set) var wholeFreeNodes: Int
  /// The current simulated time.
  public internal(set) var now: SimTime

  public init(site: Site) {
    self.site = site
    self.freeGPUs = site.nodeGPUCount
    self.totalFreeGPUs = site.gpuCount
    self.wholeFreeNodes = site.nodeCount
    self.now = .zero
  }

  @inlinable public func isWhollyFree(_ node: Int) -> Bool {
    freeGPUs[node] == site.nodeGPUCount[node]
  }
}

/// GPUs taken on one node by one job.
public struct NodeAllocation: Sendable, Equatable {
  public var node: NodeID
  public var gpus: Int32
  public init(node: NodeID, gpus: Int32) {
    self.node = node
    self.gpus = gpus
  }
}

/// A queued job as a policy sees it.
public struct QueuedJob: Sendable, Equatable {
  public var id: JobID
  public var gpus: Int
  public var submit: SimTime
  /// Duration at full speed (what the user declared; an oracle for SJF-style policies).
  public var work: SimDuration
  public var priority: Int

  public init(id: JobID, gpus: Int, submit: SimTime, work: SimDuration, priority: Int) {
    self.id = id
    self.gpus = gpus
    self.submit = submit
    self.work = work
    self.priority = priority
  }
}

// MARK: - Engine-side mutation

extension ClusterView {
  /// Takes `allocation`'s GPUs. Called by the engine only, after validating the decision.
  public mutating func take(_ allocation: NodeAllocation) {
    let n = allocation.node.index
    if isWhollyFree(n) { wholeFreeNodes -= 1 }
    freeGPUs[n] -= allocation.gpus
    totalFreeGPUs -= Int(allocation.gpus)
  }

  /// Returns `allocation`'s GPUs. Called by the engine only.
  public mutating func release(_ allocation: NodeAllocation) {
    let n = allocation.node.index
    freeGPUs[n] += allocation.gpus
    totalFreeGPUs += Int(allocation.gpus)
    if isWhollyFree(n) { wholeFreeNodes += 1 }
  }

  public mutating func advance(to time: SimTime) { now = time }
}
