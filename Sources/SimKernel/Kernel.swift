/// Handles the events of one simulation. `Racksim` implements it with a closed event enum and
/// one `switch` (STYLE.md §4).
public protocol EventHandler {
  associatedtype Event
  /// Handles one event. `kernel.now` is already the event's time.
  mutating func handle(_ event: Event, kernel: inout Kernel<Event>)
  /// Called after the events of one timestamp that come before `EventPhase.sample` have been
  /// handled: the place to re-solve shared resources and run policies, once per instant rather
  /// than once per event. Observers (`.sample` and `.stop` events) run after it, so they see
  /// the settled state of their instant.
  mutating func settle(kernel: inout Kernel<Event>)
}

extension EventHandler {
  public mutating func settle(kernel: inout Kernel<Event>) {}
}

/// The clock and the event queue of one simulation. Not `Sendable`: one simulation lives on one
/// thread (STYLE.md §4 rule 10).
public struct Kernel<Event> {
  /// The current simulated time. It never goes backwards.
  @inlinable public var now: SimTime { clock }
  @usableFromInline internal var clock: SimTime = .zero
  /// Pending events.
  public var queue: EventQueue<Event>
  /// Events handled so far (stale ones that a handler ignored included).
  @inlinable public var eventsProcessed: UInt64 { handled }
  @usableFromInline internal var handled: UInt64 = 0
  /// Set by `stop()`: `run` returns after the current timestamp settles.
  @inlinable public var isStopped: Bool { stopped }
  @usableFromInline internal var stopped = false

  public init(capacity: Int = 1024) { queue = EventQueue(capacity: capacity) }

  /// Schedules `event` at the absolute time `time`, which must not be in the past.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func schedule(_ event: Event, at time: SimTime, phase: EventPhase = .completion) {
    precondition(time >= now, "event scheduled in the past: \(time) < \(now)")
    queue.schedule(event, at: time, phase: phase)
  }

  /// Schedules `event` `delay` after now.
  @inlinable
  public mutating func schedule(
    _ event: Event, after delay: SimDuration, phase: EventPhase = .completion
  ) {
    schedule(event, at: now + delay, phase: phase)
  }

  /// Ends the run once the current timestamp has settled.
  public mutating func stop() { stopped = true }

  /// Runs events in (time, phase, sequence) order until the next event is later than `end`,
  /// the queue is empty or a handler calls `stop()`. Then the clock stands at `end` (or at the
  /// stopping time). It may be called again with a later `end` to continue: a progress bar runs
  /// a horizon in slices this way, at no cost per event.
  ///
  /// The clock is set before any handler runs (SimPy, NIO). At each timestamp the events of
  /// the phases before `.sample` are handled, then `settle` runs once, then the observers
  /// (`.sample`, `.stop`) of that timestamp are handled, seeing the settled state. An event
  /// that `settle` schedules at the same timestamp starts another such round at that instant.
  /// - Complexity: O(log n) per event.
  @inlinable
  public mutating func run<H: EventHandler>(_ handler: inout H, until end: SimTime)
  where H.Event == Event {
    while !isStopped, let t = queue.nextTime, t <= end {
      setNow(t)
      while !isStopped, let entry = queue.popIfDue(at: t, before: .sample) {
        handled &+= 1
        handler.handle(entry.payload, kernel: &self)
      }
      handler.settle(kernel: &self)
      // Observers run only when nothing earlier is left at this instant.
      guard !isStopped, let head = queue.first, head.time == t, head.phase >= .sample else {
        continue
      }
      while !isStopped, let entry = queue.popIfDue(at: t) {
        handled &+= 1
        handler.handle(entry.payload, kernel: &self)
      }
    }
    if !isStopped && end > now { setNow(end) }
  }

  @usableFromInline mutating func setNow(_ t: SimTime) {
    precondition(t >= now, "clock went backwards")
    clock = t
  }
}
