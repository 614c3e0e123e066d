import DataCenter
import SimKernel
import Workloads

/// Whether a node can run work.
///
/// - `up`: in service; placement may choose it.
/// - `draining`: its running jobs go on, but placement never chooses it.
/// - `down`: failed or in maintenance; it holds no job and draws no power.
/// - `off`: switched off by an energy strategy; it holds no job and draws no power.
/// - `waking`: switching on; it draws idle power and becomes `up` when its model says so.
///
/// Only `up` nodes count as free capacity. GPUs that no job holds on a node in any other state
/// count as down (`down_gpus`), so busy + reserved idle + free + down = GPUs at every instant.
public enum NodeAvailability: UInt8, Sendable, CaseIterable {
  case up, draining, down, off, waking

  public var name: String {
    switch self {
    case .up: "up"
    case .draining: "draining"
    case .down: "down"
    case .off: "off"
    case .waking: "waking"
    }
  }

  /// Whether a node in this state draws power for its load (up, draining, waking).
  public var isPowered: Bool { self == .up || self == .draining || self == .waking }
}

/// What a policy may see of the cluster: the site, which GPUs are free and which nodes are
/// available, read-only.
///
/// The simulation owns the mutable occupancy and lends it to policies; a policy cannot change
/// it and returns decisions the engine validates and applies (STYLE.md §3). Free capacity is
/// kept in an index (`FreeCapacityIndex`) so that placement finds the first node with room in
/// O(log nodes) instead of scanning every node.
public struct ClusterView: Sendable {
  public let site: Site
  /// Free GPUs per node, indexed by `NodeID.index` (GPUs no job holds, whatever the node's
  /// availability).
  public internal(set) var freeGPUs: [Int32]
  /// Availability per node.
  public internal(set) var availability: [NodeAvailability]
  /// Free GPUs on `up` nodes: what placement can use now.
  public internal(set) var totalFreeGPUs: Int
  /// `up` nodes whose GPUs are all free.
  public internal(set) var wholeFreeNodes: Int
  /// GPUs that no job holds on nodes that are not `up`.
  public internal(set) var downGPUs: Int
  /// The current simulated time.
  public internal(set) var now: SimTime
  /// Free GPUs of each usable node (-1 for nodes that are not `up`), for "first node with at
  /// least g free" queries.
  public internal(set) var freeIndex: FreeCapacityIndex
  /// 1 for each `up` node that is wholly free, else 0, for "next wholly free node" queries.
  public internal(set) var wholeFreeIndex: FreeCapacityIndex
  /// For each free-GPU count f (0 ... the largest node's GPUs), 1 for each `up` node with
  /// exactly f free GPUs, for best-fit's "the node that leaves the least free" queries.
  public internal(set) var freeCountIndex: [FreeCapacityIndex]
  /// What the run's models publish (inlets, power headroom, …), read-only here; written
  /// through `RunState.setSignal` by each signal's owner.
  public internal(set) var signals = SignalBoard()

  public init(site: Site) {
    self.site = site
    self.freeGPUs = site.nodeGPUCount
    self.availability = Array(repeating: .up, count: site.nodeCount)
    self.totalFreeGPUs = site.gpuCount
    self.wholeFreeNodes = site.nodeCount
    self.downGPUs = 0
    self.now = .zero
    self.freeIndex = FreeCapacityIndex(site.nodeGPUCount)
    self.wholeFreeIndex = FreeCapacityIndex(Array(repeating: 1, count: site.nodeCount))
    self.freeCountIndex = (0...site.maxGPUsPerNode).map { f in
      FreeCapacityIndex(site.nodeGPUCount.map { $0 == f ? 1 : 0 })
    }
  }

  /// Whether every GPU of `node` is free (whatever its availability).
  @inlinable public func isWhollyFree(_ node: Int) -> Bool {
    freeGPUs[node] == site.nodeGPUCount[node]
  }

  /// Whether placement may choose `node` now.
  @inlinable public func isUsable(_ node: Int) -> Bool { availability[node] == .up }

  /// The lowest-numbered usable node with at least `gpus` free GPUs at or after `start`.
  /// - Complexity: O(log nodes).
  @inlinable public func firstNode(withFree gpus: Int32, from start: Int = 0) -> Int? {
    freeIndex.first(atLeast: gpus, from: start)
  }

  /// The usable node with the fewest free GPUs that are still at least `gpus` (the lowest
  /// numbered among those).
  /// - Complexity: O(GPUs per node · log nodes).
  public func bestFitNode(withFree gpus: Int32) -> Int? {
    var f = Int(Swift.max(gpus, 0))
    while f < freeCountIndex.count {
      if let node = freeCountIndex[f].first(atLeast: 1) { return node }
      f += 1
    }
    return nil
  }

  /// The lowest-numbered usable, wholly free node at or after `start`.
  /// - Complexity: O(log nodes).
  @inlinable public func firstWhollyFreeNode(from start: Int = 0) -> Int? {
    wholeFreeIndex.first(atLeast: 1, from: start)
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
  /// The submitter's estimate of the duration, when there is one.
  public var estimate: SimDuration?

  public init(
    id: JobID, gpus: Int, submit: SimTime, work: SimDuration, priority: Int,
    estimate: SimDuration? = nil
  ) {
    self.id = id
    self.gpus = gpus
    self.submit = submit
    self.work = work
    self.priority = priority
    self.estimate = estimate
  }

  /// What SJF-style orders sort by: the estimate if there is one, else the true duration.
  public var expectedDuration: SimDuration { estimate ?? work }
}

// MARK: - Engine-side mutation

extension ClusterView {
  /// Takes `allocation`'s GPUs. Called by the engine only, after validating the decision.
  /// - Complexity: O(log nodes).
  public mutating func take(_ allocation: NodeAllocation) {
    let n = allocation.node.index
    let before = freeGPUs[n]
    freeGPUs[n] -= allocation.gpus
    account(node: n, freeBefore: before, availabilityBefore: availability[n])
  }

  /// Returns `allocation`'s GPUs. Called by the engine only.
  /// - Complexity: O(log nodes).
  public mutating func release(_ allocation: NodeAllocation) {
    let n = allocation.node.index
    let before = freeGPUs[n]
    freeGPUs[n] += allocation.gpus
    account(node: n, freeBefore: before, availabilityBefore: availability[n])
  }

  /// Changes `node`'s availability. Called by the engine only.
  /// - Complexity: O(log nodes).
  public mutating func setAvailability(_ state: NodeAvailability, of node: Int) {
    let before = availability[node]
    guard before != state else { return }
    availability[node] = state
    account(node: node, freeBefore: freeGPUs[node], availabilityBefore: before)
  }

  public mutating func advance(to time: SimTime) { now = time }

  /// Adds a signal (the engine only, for `RunState.registerSignal`).
  public mutating func addSignal(_ name: String, count: Int, initial: Double) -> Int {
    signals.add(name, count: count, initial: initial)
  }

  /// Sets a signal slot (the engine only, for `RunState.setSignal`); whether it changed.
  public mutating func setSignal(_ signal: Int, _ slot: Int, to value: Double) -> Bool {
    signals.set(signal, slot, to: value)
  }

  /// Moves `node`'s contribution to the counters and indexes from its old (free GPUs,
  /// availability) to its current ones: exact integer counts, no drift.
  mutating func account(node n: Int, freeBefore: Int32, availabilityBefore: NodeAvailability) {
    let capacity = site.nodeGPUCount[n]
    let wasUp = availabilityBefore == .up
    let isUp = availability[n] == .up
    let free = freeGPUs[n]
    if wasUp {
      totalFreeGPUs -= Int(freeBefore)
      if freeBefore == capacity { wholeFreeNodes -= 1 }
    } else {
      downGPUs -= Int(freeBefore)
    }
    if isUp {
      totalFreeGPUs += Int(free)
      if free == capacity { wholeFreeNodes += 1 }
    } else {
      downGPUs += Int(free)
    }
    if wasUp && freeBefore >= 0 && Int(freeBefore) < freeCountIndex.count {
      freeCountIndex[Int(freeBefore)].set(n, to: 0)
    }
    if isUp && free >= 0 && Int(free) < freeCountIndex.count {
      freeCountIndex[Int(free)].set(n, to: 1)
    }
    freeIndex.set(n, to: isUp ? free : -1)
    wholeFreeIndex.set(n, to: isUp && free == capacity ? 1 : 0)
  }
}
