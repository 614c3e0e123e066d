import SimKernel

/// Highest priority first, preemptive (`policies.scheduler: priority` with
/// `policies.preempt: true`).
///
/// Semantics, exactly: waiting jobs go by priority (higher first), then submit time, then ID,
/// as `priority` without preemption. The blocked head h may suspend running jobs of strictly
/// lower priority (anti-thrash: equal priorities never preempt each other), the lowest
/// priority first, then the latest submitted. Priorities do not change, so no wake-up is
/// needed.
public struct PreemptivePriority: PreemptionRule {
  public static let name = "priority"

  public init() {}

  public func waitingRank(_ job: ServiceRecord) -> Int64 {
    PriorityOrder.rank(priority: job.priority)
  }

  public func mayPreempt(
    _ victim: ServiceRecord, for candidate: ServiceRecord, at now: SimTime
  ) -> Bool {
    victim.priority < candidate.priority
  }

  public func victimRank(_ job: ServiceRecord, at now: SimTime) -> Int64 { waitingRank(job) }
}

/// Highest priority first, suspending lower-priority running jobs for a blocked head.
public typealias PreemptivePriorityScheduler = PreemptiveScheduler<PreemptivePriority>
