import SimKernel
import SimMath

/// Long-lived flows on a fabric whose only state is their max-min fair rate: the steady-state
/// traffic of training jobs' collectives, which never "finish" (issue 9 item 4).
///
/// Each directed link is a `MaxMinSolver` constraint of its capacity, each flow a variable of
/// weight `w` on its routed path (`Fabric.route`), as in `FlowNetwork`, but without bytes or
/// completions. Adding and removing flows marks their components dirty; `solve()` re-solves
/// only those and lists the flows whose rate changed.
public struct SteadyStateFlows: Sendable {
  /// The fabric the flows run on.
  public let fabric: Fabric
  var solver = MaxMinSolver()
  var constraints: [MaxMinSolver.Constraint] = []
  /// Per flow slot (the solver variable's raw handle): its path and its last rate.
  var paths: [[LinkID]] = []
  var rates: [Double] = []
  var pathBuffer: [LinkID] = []

  /// Flows whose rate changed in the last `solve()` (new flows included, removed ones not).
  public internal(set) var changedFlows: [SteadyFlowID] = []
  /// Flows on the fabric.
  public var flowCount: Int { solver.variableCount }

  /// An empty fabric: one constraint per directed link.
  public init(fabric: Fabric) {
    self.fabric = fabric
    constraints.reserveCapacity(fabric.linkCount)
    for l in 0..<fabric.linkCount {
      constraints.append(solver.addConstraint(capacity: fabric.capacity(of: LinkID(l))))
    }
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

  /// Removes a flow; the rest of its component is re-solved at `solve()`.
  /// - Complexity: O(path length).
  public mutating func remove(_ flow: SteadyFlowID) {
    solver.removeVariable(MaxMinSolver.Variable(raw: flow.raw))
    rates[flow.index] = 0
  }

  /// Re-solves the dirty components.
  /// - Complexity: the solver's on the dirty components, plus O(1) per changed flow.
  public mutating func solve() {
    changedFlows.removeAll(keepingCapacity: true)
    guard solver.isDirty else { return }
    solver.solve()
    for v in solver.changedVariables {
      rates[v.index] = solver.value(of: v)
      changedFlows.append(SteadyFlowID(raw: v.raw))
    }
  }

  /// The rate of `flow`, bytes per second, as of the last `solve()`.
  public func rate(of flow: SteadyFlowID) -> Double { rates[flow.index] }

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
}

/// A flow of `SteadyStateFlows` (reused after removal).
public struct SteadyFlowID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}
