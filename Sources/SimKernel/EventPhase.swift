/// The order of events that share a timestamp: lower phases run first.
///
/// SimPy has two priorities (`URGENT`, `NORMAL`); Racksim names one phase per kind of work so
/// that, at one instant, resources change before work arrives, decisions see both, sampling
/// sees the settled state and a stop comes last. Within a phase, events run in the order they
/// were scheduled (a monotonically increasing sequence number).
public enum EventPhase: UInt8, Sendable, CaseIterable, Comparable {
  /// A resource changes: a failure, a repair, a power or thermal limit.
  case resource = 0
  /// Work finishes: a job or flow completes, freeing what it held.
  case completion = 1
  /// Work arrives: a job is submitted.
  case arrival = 2
  /// A policy acts on a timer of its own (a time slice, a deferred start).
  case decision = 3
  /// A periodic observer records the interval that ends now.
  case sample = 4
  /// The end of the run.
  case stop = 5

  public static func < (a: EventPhase, b: EventPhase) -> Bool { a.rawValue < b.rawValue }
}
