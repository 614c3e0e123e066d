import SimKernel
import SimMath

/// A flow on the fabric; reused after the flow is removed (with a new generation).
public struct FlowID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// The flows on a fabric and their max-min fair rates, kept up to date incrementally.
///
/// **Model** (fluid, flow-level; DESIGN.md "Network", REFERENCES.md §5): each directed link is a
/// `MaxMinSolver` constraint of its capacity in bytes per second, each flow a variable on the
/// links of its path, so rates are the weighted max-min fair allocation. Each flow keeps
/// `(remaining bytes, rate, lastUpdate)`; progress is integrated only when its rate changes:
/// `remaining -= rate · (now − lastUpdate)`. Its completion time is
/// `lastUpdate + ⌈remaining / rate⌉` in integer nanoseconds, by the one clamped rule
/// `SimDuration.ceiling(seconds:)`, so a flow never finishes before its bytes are sent; a flow
/// with rate 0 never finishes.
///
/// **Use** (the settle-stage contract): call `addFlow` and `removeFlow` as events happen, then
/// `settle(at:)` once per instant. It re-solves only the components those calls touched,
/// integrates the progress of the flows whose rate changed, and lists in `rescheduledFlows`
/// those whose completion moved *earlier* than their pending completion event: schedule one
/// event for each at `completionTime(of:)` stamped with `generation(of:)`. When a completion
/// event pops, pass it to `completionEvent(_:generation:at:)`: it says whether the flow is done,
/// the event is stale (lazy cancellation by generation), or the flow's rate fell after the event
/// was scheduled and a new event is needed. Deferring later completions this way (instead of
/// rescheduling every rate change) keeps the event queue near one entry per flow when many
/// flows share a bottleneck whose rate moves at every arrival.
public struct FlowNetwork: Sendable {
  /// The fabric the flows run on.
  public let fabric: Fabric
  var solver = MaxMinSolver()
  var linkConstraints: [MaxMinSolver.Constraint] = []

  /// One flow's state (one record, so that settling a flow touches one cache line).
  struct FlowRecord: Sendable {
    var remaining: Double
    var rate = 0.0
    var lastUpdate: SimTime
    /// The time of the flow's pending (current-generation) completion event; `.never` if
    /// none.
    var scheduledAt = SimTime.never
    /// The generation a completion event must carry to be current (kept when the slot is
    /// reused, so that an old flow's events stay stale).
    var generation: UInt32 = 0
    var alive = true
  }

  // Per flow, indexed by FlowID.
  var flows: [FlowRecord] = []
  var freeFlows: [UInt32] = []
  var pathBuffer: [LinkID] = []

  /// The flows that need a new completion event after the last `settle(at:)`: new flows and
  /// flows whose completion moved earlier than their pending event.
  public internal(set) var rescheduledFlows: [FlowID] = []
  /// The number of flows on the fabric.
  public internal(set) var flowCount = 0

  /// An empty network on `fabric`: one constraint per directed link.
  public init(fabric: Fabric) {
    self.fabric = fabric
    linkConstraints.reserveCapacity(fabric.linkCount)
    for l in 0..<fabric.linkCount {
      linkConstraints.append(solver.addConstraint(capacity: fabric.capacity(of: LinkID(l))))
    }
  }

  // MARK: - Flows

  /// Starts a flow of `bytes` from `source` to `destination` on the routed path at `now`.
  /// `flowKey` feeds ECMP hashing. `weight` scales its share; `rateBound` caps its rate.
  /// - Complexity: O(path length) amortised.
  @discardableResult
  public mutating func addFlow(
    bytes: Double, from source: HostID, to destination: HostID, flowKey: UInt64,
    at now: SimTime, weight: Double = 1, rateBound: Double = .infinity
  ) -> FlowID {
    var path: [LinkID] = []
    swap(&path, &pathBuffer)
    fabric.route(from: source, to: destination, flowKey: flowKey, into: &path)
    let id = addFlow(bytes: bytes, path: path, at: now, weight: weight, rateBound: rateBound)
    swap(&path, &pathBuffer)
    return id
  }

  /// Starts a flow of `bytes` (≥ 0) on an explicit `path` at `now`.
  /// - Complexity: O(path length) amortised.
  @discardableResult
  public mutating func addFlow(
    bytes: Double, path: some Sequence<LinkID>, at now: SimTime, weight: Double = 1,
    rateBound: Double = .infinity
  ) -> FlowID {
    precondition(bytes >= 0, "a flow's size must be >= 0, got \(bytes)")
    let links = linkConstraints
    let v = solver.addVariable(
      weight: weight, bound: rateBound, constraints: path.lazy.map { links[$0.index] })
    let raw: UInt32
    var record = FlowRecord(remaining: bytes, lastUpdate: now)
    if let reused = freeFlows.popLast() {
      raw = reused
      record.generation = flows[Int(raw)].generation &+ 1
      flows[Int(raw)] = record
    } else {
      raw = UInt32(flows.count)
      record.generation = 1
      flows.append(record)
    }
    // Flows and solver variables are added and removed together, and both reuse the most
    // recently freed number: a flow's number is its variable's, so `settle` maps the
    // solver's changed variables to flows without a table (and keeps no copy of the handle).
    precondition(v.raw == raw, "flow \(raw) has solver variable \(v.raw)")
    flowCount += 1
    return FlowID(raw: raw)
  }

  /// Removes a flow (finished or cancelled) at `now`; its pending completion becomes stale.
  /// - Complexity: O(path length).
  public mutating func removeFlow(_ flow: FlowID, at now: SimTime) {
    precondition(isAlive(flow), "flow \(flow.raw) is not on the network")
    solver.removeVariable(MaxMinSolver.Variable(raw: flow.raw))
    flows[flow.index].alive = false
    flows[flow.index].generation &+= 1
    freeFlows.append(flow.raw)
    flowCount -= 1
  }

  /// Re-solves the components changed since the last call and, for each flow whose rate
  /// changed, integrates its progress up to `now` and sets the new rate. A flow whose completion
  /// is now earlier than its pending event gets a new generation and is listed in
  /// `rescheduledFlows`.
  /// - Complexity: the solver's, on the dirty components, plus O(1) per changed flow.
  public mutating func settle(at now: SimTime) {
    rescheduledFlows.removeAll(keepingCapacity: true)
    solver.solve()
    for v in solver.changedVariables {
      let f = v.index
      var record = flows[f]
      record.remaining = Self.remainingBytes(record, at: now)
      record.lastUpdate = now
      record.rate = solver.value(of: v)
      let t = Self.completionTime(
        remaining: record.remaining, rate: record.rate, from: record.lastUpdate)
      if t < record.scheduledAt {
        record.scheduledAt = t
        record.generation &+= 1
        rescheduledFlows.append(FlowID(raw: UInt32(f)))
      }
      flows[f] = record
    }
  }

  /// What a popped completion event means.
  public enum CompletionCheck: Sendable, Equatable {
    /// The flow has sent its bytes: remove it with `removeFlow(_:at:)`.
    case finished
    /// The flow's rate fell after the event was scheduled: schedule a new event at
    /// `completionTime(of:)` stamped with `generation(of:)`.
    case rescheduled
    /// Nothing to do: a stale event, or a flow whose rate is now 0 (a later `settle` lists it
    /// again when it can progress).
    case stale
  }

  /// Interprets a completion event of `flow` stamped `generation` that pops at `now`.
  /// - Complexity: O(1).
  public mutating func completionEvent(_ flow: FlowID, generation: UInt32, at now: SimTime)
    -> CompletionCheck
  {
    guard isAlive(flow), isCurrent(flow, generation: generation) else { return .stale }
    let t = completionTime(of: flow)
    if t <= now { return .finished }
    flows[flow.index].generation &+= 1
    flows[flow.index].scheduledAt = t
    return t == .never ? .stale : .rescheduled
  }

  // MARK: - Queries

  /// Whether `flow` is on the network.
  public func isAlive(_ flow: FlowID) -> Bool {
    flow.index < flows.count && flows[flow.index].alive
  }

  /// The current rate of `flow`, bytes per second (as of the last `settle`).
  public func rate(of flow: FlowID) -> Double { flows[flow.index].rate }

  /// The bytes `flow` still has to send at `now` (≥ 0).
  public func remainingBytes(of flow: FlowID, at now: SimTime) -> Double {
    Self.remainingBytes(flows[flow.index], at: now)
  }

  /// The generation a completion event of `flow` must carry to be current.
  public func generation(of flow: FlowID) -> UInt32 { flows[flow.index].generation }

  /// Whether a completion stamped `generation` is still the flow's current one.
  public func isCurrent(_ flow: FlowID, generation: UInt32) -> Bool {
    flows[flow.index].generation == generation
  }

  /// When `flow` finishes at its current rate: `lastUpdate + ⌈remaining / rate⌉` ns, or
  /// `.never` when its rate is 0 or the time would pass `.never`.
  public func completionTime(of flow: FlowID) -> SimTime {
    let record = flows[flow.index]
    return Self.completionTime(
      remaining: record.remaining, rate: record.rate, from: record.lastUpdate)
  }

  /// The one rounding rule: the first integer nanosecond at which `remaining` bytes at `rate`
  /// bytes per second, started at `start`, are done; clamped to `.never`.
  public static func completionTime(remaining: Double, rate: Double, from start: SimTime)
    -> SimTime
  {
    guard remaining > 0 else { return start }
    guard rate > 0 else { return .never }
    let d = SimDuration.ceiling(seconds: remaining / rate)
    if d.nanoseconds >= SimTime.never.nanoseconds - start.nanoseconds { return .never }
    return start + d
  }

  /// What the last `settle` re-solved (components, variables, largest component).
  public var solverStatistics: MaxMinSolver.Statistics { solver.statistics }

  // MARK: - Private

  @inline(__always)
  static func remainingBytes(_ record: FlowRecord, at now: SimTime) -> Double {
    let rate = record.rate
    if rate == .infinity { return 0 }
    let elapsed = (now - record.lastUpdate).seconds
    return Swift.max(0, record.remaining - rate * elapsed)
  }
}
