import SimKernel

/// Round-robin time slicing, preemptive (`policies.scheduler: round-robin`, quantum
/// `policies.quantum`).
///
/// Semantics, exactly:
/// - Waiting jobs go by the time they last joined the queue (their submit time, or when they
///   were last suspended), then submit time, then ID: a suspended job goes to the back.
/// - A running job's slice starts when it starts; once it has run a whole quantum in this
///   slice it may be suspended for the blocked head (anti-thrash: never before), the job whose
///   slice began earliest first. A job keeps running past its quantum while nothing waits or
///   the head cannot start anyway.
/// - The engine wakes the scheduler at the earliest slice end of a running job while jobs
///   wait (`nextChange`).
public struct RoundRobin: PreemptionRule {
  public static let name = "round-robin"
  /// The default quantum: 10 minutes.
  public static let defaultQuantum = SimDuration.seconds(600)
  public let quantum: SimDuration

  public init(quantum: SimDuration = Self.defaultQuantum) { self.quantum = quantum }

  public func waitingRank(_ job: ServiceRecord) -> Int64 { job.queuedSince.nanoseconds }

  public func mayPreempt(
    _ victim: ServiceRecord, for candidate: ServiceRecord, at now: SimTime
  ) -> Bool {
    victim.isRunning && now - victim.segmentStart >= quantum
  }

  public func victimRank(_ job: ServiceRecord, at now: SimTime) -> Int64 {
    -job.segmentStart.nanoseconds
  }

  public func nextChange(_ job: ServiceRecord, at now: SimTime) -> SimTime? {
    guard job.isRunning else { return nil }
    let (t, overflow) = job.segmentStart.nanoseconds.addingReportingOverflow(
      quantum.nanoseconds)
    return overflow ? nil : SimTime(nanoseconds: t)
  }
}

/// Round-robin time slicing with a quantum, preemptive.
public typealias RoundRobinScheduler = PreemptiveScheduler<RoundRobin>
