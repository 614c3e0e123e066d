import SimKernel
import SimMath

/// Long-lived flows on a fabric whose only state is their max-min fair rate: the steady-state
/// traffic of training jobs' collectives, which never "finish" (issue 9 item 4).
///
/// Each directed link is a `MaxMinSolver` constraint of its capacity, each flow a variable of
/// weight `w` on its routed path (`Fabric.route`), as in `FlowNetwork`, but without bytes or
/// completions. Adding and removing flows marks their components dirty; `solve()` re-solves
/// only those and lists the flows whose rate changed. The load of every link (Σ rates of its
/// flows, bytes per second) is kept up to date from those changes, and the links whose load
/// changed are listed, so that a caller can integrate link utilisation without scanning every
/// link.
public struct SteadyStateFlows: Sendable {
  /// The fabric the flows run on.
  public let fabric: Fabric
  var solver = MaxMinSolver()
  var constraints: [MaxMinSolver.Constraint] = []
  /// Per flow slot (the solver variable's raw handle): its path and its last rate.
  var paths: [[LinkID]] = []
  var rates: [Double] = []
  var pathBuffer: [LinkID] = []
  /// Σ rates per link, bytes per second.
  var loads: [Double]
  var loadMark: [Bool]

  /// Flows whose rate changed in the last `solve()` (new flows included, removed ones not).
  public internal(set) var changedFlows: [SteadyFlowID] = []
  /// Links whose load changed since `clearChangedLinks()`, each once.
  public internal(set) var changedLinks: [LinkID] = []
  /// Flows on the fabric.
  public var flowCount: Int { solver.variableCount }

  /// An empty fabric: one constraint per directed link.
  public init(fabric: Fabric) {
    self.fabric = fabric
    constraints.reserveCapacity(fabric.linkCount)
    for l in 0..<fabric.linkCount {
      constraints.append(solver.addConstraint(capacity: fabric.capacity(of: LinkID(l))))
    }
    loads = Array(repeating: 0, count: fabric.linkCount)
    loadMark = Array(repeating: false, count: fabric.linkCount)
  }

  /// Adds a flow from `source` to `destination` (routed with `flowKey`) of `weight` (> 0).
  /// A flow between two ports of one host has an empty path: its rate is unbounded.
  /// - Complexity: O(path length) amortised.
  public mutating func add(
    from source: HostID, to destination: HostID, flowKey: UInt64, weight: Double = 1
  ) -> SteadyFlowID {
    fabric.route(from: source, to: destination, flowKey: flowKey, into: &pathBuffer)
    let cs = constraints
    let v = solver.addVariable(weight: weight, constraints: pathBuffer.lazy.map { cs[$0.index] })
    while paths.count <= v.index {
      paths.append([])
      rates.append(0)
    }
    paths[v.index] = pathBuffer
    rates[v.index] = 0
    return SteadyFlowID(raw: v.raw)
  }

  /// Removes a flow; its links lose its rate now, the rest of its component at `solve()`.
  /// - Complexity: O(path length).
  public mutating func remove(_ flow: SteadyFlowID) {
    solver.removeVariable(MaxMinSolver.Variable(raw: flow.raw))
    shift(flow.index, by: -rates[flow.index])
    rates[flow.index] = 0
  }

  /// Re-solves the dirty components and updates the link loads.
  /// - Complexity: the solver's on the dirty components, plus O(path length) per changed flow.
  public mutating func solve() {
    changedFlows.removeAll(keepingCapacity: true)
    guard solver.isDirty else { return }
    solver.solve()
    for v in solver.changedVariables {
      let r = solver.value(of: v)
      let delta = r - rates[v.index]
      rates[v.index] = r
      if delta != 0 { shift(v.index, by: delta) }
      changedFlows.append(SteadyFlowID(raw: v.raw))
    }
  }

  /// Forgets the list of links whose load changed.
  public mutating func clearChangedLinks() {
    for l in changedLinks { loadMark[l.index] = false }
    changedLinks.removeAll(keepingCapacity: true)
  }

  /// The rate of `flow`, bytes per second, as of the last `solve()`.
  public func rate(of flow: SteadyFlowID) -> Double { rates[flow.index] }

  /// The load of `link`: Σ rates of its flows, bytes per second (0 when it has none).
  public func load(of link: LinkID) -> Double { loads[link.index] }

  /// The path of `flow`.
  public func path(of flow: SteadyFlowID) -> [LinkID] { paths[flow.index] }

  /// The rate `flow` would have alone on an idle fabric: the smallest capacity on its path
  /// (`.infinity` for an empty path).
  public func idleRate(of flow: SteadyFlowID) -> Double {
    var r = Double.infinity
    for l in paths[flow.index] { r = Swift.min(r, fabric.capacity(of: l)) }
    return r
  }

  /// What the last `solve()` re-solved.
  public var statistics: MaxMinSolver.Statistics { solver.statistics }

  // MARK: - Private

  mutating func shift(_ f: Int, by delta: Double) {
    for l in paths[f] {
      let i = l.index
      // A link whose last flow left is exactly idle (no rounding residue).
      loads[i] = solver.useCount(of: constraints[i]) == 0 ? 0 : Swift.max(0, loads[i] + delta)
      if !loadMark[i] {
        loadMark[i] = true
        changedLinks.append(l)
      }
    }
  }
}

/// A flow of `SteadyStateFlows` (reused after removal).
public struct SteadyFlowID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}
