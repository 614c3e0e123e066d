import SimKernel

/// Shortest remaining time first, preemptive (`policies.scheduler: srtf`).
///
/// Semantics, exactly:
/// - A job's remaining time r = max(0, expected − progress), where expected is its
///   `estimate_s` if it has one, else its true duration, and progress is the wall-clock time
///   it has run minus the suspend/resume overhead it has been charged (`resumes` ×
///   `policies.preemption_overhead`): at full speed, exactly the work it has done. Waiting
///   jobs go by r (fixed while they wait), then submit time, then ID.
/// - Preemption (anti-thrash: the saving must exceed the cost): the blocked head h may suspend
///   a running job v only if r(v) > r(h) + overhead; the largest r first. A running job's r
///   only falls, so no wake-up is needed.
public struct ShortestRemainingTime: PreemptionRule {
  public static let name = "srtf"
  /// The suspend/resume overhead each resume costs.
  public let overhead: SimDuration

  public init(overhead: SimDuration = .zero) { self.overhead = overhead }

  /// The remaining time of `job` at `now`, ns.
  public func remaining(_ job: ServiceRecord, at now: SimTime) -> Int64 {
    let charged = overhead.nanoseconds.multipliedReportingOverflow(by: Int64(job.resumes))
    let progress =
      job.servedTime(at: now).nanoseconds - (charged.overflow ? 0 : charged.partialValue)
    let (r, overflow) = job.expected.nanoseconds.subtractingReportingOverflow(progress)
    return overflow ? .max : Swift.max(0, r)
  }

  public func waitingRank(_ job: ServiceRecord) -> Int64 { remaining(job, at: .zero) }

  public func mayPreempt(
    _ victim: ServiceRecord, for candidate: ServiceRecord, at now: SimTime
  ) -> Bool {
    let (bar, overflow) = remaining(candidate, at: now).addingReportingOverflow(
      overhead.nanoseconds)
    return !overflow && remaining(victim, at: now) > bar
  }

  public func victimRank(_ job: ServiceRecord, at now: SimTime) -> Int64 {
    remaining(job, at: now)
  }
}

/// Shortest remaining (estimated) time first, preemptive.
public typealias ShortestRemainingTimeScheduler = PreemptiveScheduler<ShortestRemainingTime>
