import SimKernel
import SimMath

/// One flow to replay: `bytes` from `source` to `destination`, starting at `start`.
public struct FlowRequest: Sendable, Equatable {
  public var source: HostID
  public var destination: HostID
  public var bytes: Double
  public var start: SimTime
  /// Feeds the ECMP hash (the flow's id in a flow file).
  public var key: UInt64

  public init(source: HostID, destination: HostID, bytes: Double, start: SimTime, key: UInt64) {
    self.source = source
    self.destination = destination
    self.bytes = bytes
    self.start = start
    self.key = key
  }
}

/// Replays a list of flows on a fabric with the flow-level model alone (`racksim flows`).
///
/// Event-driven on SimKernel's `Kernel`: a flow's start is an `arrival` event; after its path's
/// latency (`hops · hopLatency`, SimGrid's convention: bandwidth is shared only once the
/// latency has elapsed) it joins the `FlowNetwork`. Completions are `completion` events stamped
/// with the flow's generation. After all events of an instant, `settle` re-solves the dirty
/// components once and schedules events only for flows whose completion moved earlier; a
/// completion that pops early (the rate fell meanwhile) is pushed back (see `FlowNetwork`).
/// Starts are chained (each start schedules the next), so the queue holds about one event per
/// flow in flight.
public enum FlowReplay {
  /// What a replay produced.
  public struct Result: Sendable, Equatable {
    /// Each request's completion time, in the order given (`.never` if it cannot finish).
    public var completions: [SimTime]
    /// Events handled, stale completions included.
    public var events: UInt64
    /// Solver calls that re-solved at least one component.
    public var solves: Int
    /// The largest region (in flows) any solve re-filled: the part of a component above the
    /// solver's safe level (MaxMinSolver.swift).
    public var largestComponent: Int
    /// Flows re-filled, summed over all solves (divided by `solves`: the mean region).
    public var variablesResolved: Int = 0
  }

  /// Replays `requests` on `fabric`; ties in start time keep the given order.
  /// - Complexity: O(F log F) for the events plus the solver's work on the dirty components at
  ///   each distinct start or completion time.
  public static func run(_ requests: [FlowRequest], on fabric: Fabric) -> Result {
    var order = Array(requests.indices)
    order.sort { (requests[$0].start, $0) < (requests[$1].start, $1) }
    var replay = Handler(requests: requests, order: order, network: FlowNetwork(fabric: fabric))
    var kernel = Kernel<Event>(capacity: 1024)
    if let first = order.first {
      kernel.schedule(.start(0), at: requests[first].start, phase: .arrival)
    }
    kernel.run(&replay, until: .never)
    return Result(
      completions: replay.completions, events: kernel.eventsProcessed, solves: replay.solves,
      largestComponent: replay.largestComponent, variablesResolved: replay.variablesResolved)
  }

  // MARK: - Private

  enum Event {
    /// The `n`-th request in start order starts.
    case start(Int)
    /// Request `index` has waited out its latency and joins the network.
    case join(Int)
    case done(FlowID, generation: UInt32)
  }

  struct Handler: EventHandler {
    let requests: [FlowRequest]
    let order: [Int]
    var network: FlowNetwork
    var completions: [SimTime]
    var requestOfFlow: [Int] = []
    var path: [LinkID] = []
    var solves = 0
    var largestComponent = 0
    var variablesResolved = 0

    init(requests: [FlowRequest], order: [Int], network: FlowNetwork) {
      self.requests = requests
      self.order = order
      self.network = network
      completions = Array(repeating: .never, count: requests.count)
    }

    mutating func handle(_ event: Event, kernel: inout Kernel<Event>) {
      switch event {
      case .start(let n):
        if n + 1 < order.count {
          kernel.schedule(.start(n + 1), at: requests[order[n + 1]].start, phase: .arrival)
        }
        let i = order[n]
        let r = requests[i]
        network.fabric.route(from: r.source, to: r.destination, flowKey: r.key, into: &path)
        let latency = network.fabric.spec.hopLatency * Int64(path.count)
        if latency == .zero {
          join(i, kernel.now)
        } else {
          kernel.schedule(.join(i), after: latency, phase: .arrival)
        }
      case .join(let i):
        let r = requests[i]
        network.fabric.route(from: r.source, to: r.destination, flowKey: r.key, into: &path)
        join(i, kernel.now)
      case .done(let flow, let generation):
        switch network.completionEvent(flow, generation: generation, at: kernel.now) {
        case .finished:
          completions[requestOfFlow[flow.index]] = kernel.now
          network.removeFlow(flow, at: kernel.now)
        case .rescheduled:
          schedule(flow, &kernel)
        case .stale:
          break
        }
      }
    }

    /// Adds request `i` on `path` (already routed).
    mutating func join(_ i: Int, _ now: SimTime) {
      let flow = network.addFlow(bytes: requests[i].bytes, path: path, at: now)
      while requestOfFlow.count <= flow.index { requestOfFlow.append(0) }
      requestOfFlow[flow.index] = i
    }

    mutating func settle(kernel: inout Kernel<Event>) {
      network.settle(at: kernel.now)
      let stats = network.solverStatistics
      if stats.components > 0 { solves += 1 }
      largestComponent = Swift.max(largestComponent, stats.largestComponent)
      variablesResolved += stats.variables
      for flow in network.rescheduledFlows { schedule(flow, &kernel) }
    }

    func schedule(_ flow: FlowID, _ kernel: inout Kernel<Event>) {
      let t = network.completionTime(of: flow)
      if t != .never {
        kernel.schedule(
          .done(flow, generation: network.generation(of: flow)), at: t, phase: .completion)
      }
    }
  }
}
