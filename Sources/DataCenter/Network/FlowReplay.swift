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
/// latency has elapsed) it joins the `FlowNetwork`. After all events of an instant, `settle`
/// re-solves the dirty components once. Completions wait in the replay's own indexed heap of
/// flows by (completion time, order of scheduling), one entry per flow: a flow whose completion
/// moved earlier (`FlowNetwork.rescheduledFlows`) has its key lowered in place, and a flow
/// found early at the top (its rate fell meanwhile) has its key raised (see `FlowNetwork`); the
/// kernel holds one `completion` event, at the heap's earliest time, which finishes every due
/// flow in heap order. So the kernel's queue holds a start and that event, not one event per
/// rate increase (4 million of them, nearly all stale, on 20,000 flows over an oversubscribed
/// spine), and the order of completions at one instant is the order their events were
/// scheduled, as with one kernel event each. Starts are chained (each start schedules the
/// next).
public enum FlowReplay {
  /// What a replay produced.
  public struct Result: Sendable, Equatable {
    /// Each request's completion time, in the order given (`.never` if it cannot finish).
    public var completions: [SimTime]
    /// Kernel events handled: starts, joins, and one per instant at which completions were due
    /// (stale ones included).
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
    /// The earliest completion is due; current if `generation` is the replay's.
    case due(generation: UInt32)
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
    var pending = CompletionHeap()
    /// The time of the current `due` event (`.never`: none), and its generation.
    var dueAt = SimTime.never
    var dueGeneration: UInt32 = 0
    /// Orders completions at one instant the way separate events would be: by scheduling.
    var sequence: UInt64 = 0

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
      case .due(let generation):
        guard generation == dueGeneration else { return }
        dueAt = .never
        let now = kernel.now
        while let (flow, time) = pending.first, time <= now {
          switch network.completionEvent(flow, generation: network.generation(of: flow), at: now)
          {
          case .finished:
            pending.remove(flow)
            completions[requestOfFlow[flow.index]] = now
            network.removeFlow(flow, at: now)
          case .rescheduled:
            schedule(flow)
          case .stale:
            pending.remove(flow)
          }
        }
        armDue(&kernel)
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
      for flow in network.rescheduledFlows { schedule(flow) }
      armDue(&kernel)
    }

    /// Keys `flow` at its completion time (inserted, lowered or raised), or drops it when it
    /// cannot finish at its current rate (a later settle lists it again).
    mutating func schedule(_ flow: FlowID) {
      let t = network.completionTime(of: flow)
      if t == .never {
        pending.remove(flow)
      } else {
        pending.set(flow, time: t, sequence: sequence)
        sequence &+= 1
      }
    }

    /// Makes sure one current `due` event stands at the heap's earliest time.
    mutating func armDue(_ kernel: inout Kernel<Event>) {
      guard let (_, time) = pending.first, time < dueAt else { return }
      dueGeneration &+= 1
      dueAt = time
      kernel.schedule(.due(generation: dueGeneration), at: time, phase: .completion)
    }
  }
}

/// Flows by (completion time, sequence): an indexed binary min-heap with one entry per flow,
/// whose key is set in place.
struct CompletionHeap {
  struct Entry {
    var time: SimTime
    var sequence: UInt64
    var flow: UInt32

    @inline(__always) func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && sequence < other.sequence)
    }
  }

  private var entries: [Entry] = []
  /// Each flow's index in `entries`, -1 when absent.
  private var position: [Int32] = []

  /// The earliest flow and its time.
  var first: (FlowID, SimTime)? {
    entries.first.map { (FlowID(raw: $0.flow), $0.time) }
  }

  /// Inserts `flow` or moves it to its new key.
  /// - Complexity: O(log n).
  mutating func set(_ flow: FlowID, time: SimTime, sequence: UInt64) {
    while position.count <= flow.index { position.append(-1) }
    let entry = Entry(time: time, sequence: sequence, flow: flow.raw)
    let i = Int(position[flow.index])
    if i < 0 {
      entries.append(entry)
      position[flow.index] = Int32(entries.count - 1)
      siftUp(entries.count - 1)
    } else {
      let old = entries[i]
      entries[i] = entry
      if entry.precedes(old) { siftUp(i) } else { siftDown(i) }
    }
  }

  /// Removes `flow` if present.
  /// - Complexity: O(log n).
  mutating func remove(_ flow: FlowID) {
    guard flow.index < position.count, position[flow.index] >= 0 else { return }
    let i = Int(position[flow.index])
    position[flow.index] = -1
    let last = entries.removeLast()
    guard i < entries.count else { return }
    entries[i] = last
    position[Int(last.flow)] = Int32(i)
    siftUp(i)
    siftDown(Int(position[Int(last.flow)]))
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    let item = entries[child]
    while child > 0 {
      let parent = (child - 1) >> 1
      guard item.precedes(entries[parent]) else { break }
      entries[child] = entries[parent]
      position[Int(entries[child].flow)] = Int32(child)
      child = parent
    }
    entries[child] = item
    position[Int(item.flow)] = Int32(child)
  }

  private mutating func siftDown(_ start: Int) {
    let n = entries.count
    var hole = start
    let item = entries[hole]
    while true {
      var child = 2 * hole + 1
      if child >= n { break }
      if child + 1 < n && entries[child + 1].precedes(entries[child]) { child += 1 }
      guard entries[child].precedes(item) else { break }
      entries[hole] = entries[child]
      position[Int(entries[hole].flow)] = Int32(hole)
      hole = child
    }
    entries[hole] = item
    position[Int(item.flow)] = Int32(hole)
  }
}
