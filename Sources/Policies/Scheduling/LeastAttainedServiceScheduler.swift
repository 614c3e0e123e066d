import SimKernel

/// Tiresias's 2D-LAS (Gu et al., NSDI'19; REFERENCES.md §7): least attained service first,
/// where a job's attained service is its GPUs × the wall-clock time it has run (in every
/// segment so far), discretised into priority queues (`policies.las_thresholds_gpu_s`).
///
/// Semantics, exactly:
/// - With thresholds T₁ < T₂ < … < Tₖ (GPU-seconds, held as GPU-nanoseconds), a job with
///   attained service a is in queue q(a) = the number of thresholds ≤ a: queue 0 holds
///   a < T₁, queue k holds a ≥ Tₖ. Smaller queues go first; within a queue, by submit time,
///   then ID (FIFO). A waiting job's queue is fixed while it waits (it attains nothing).
/// - A running job is demoted the instant its attained service reaches the next threshold,
///   at `segmentStart + ⌈(T − attained before) / GPUs⌉` ns; that is `nextChange`, so the
///   engine wakes the scheduler then (only while jobs wait).
/// - Preemption (anti-thrash: only across queues): the blocked head h may suspend running jobs
///   in a queue strictly after h's, the last queue first, then the latest submitted (see
///   `PreemptiveScheduler`). Jobs of one queue never preempt each other.
/// - Not modelled: Tiresias's starvation guard (promoting a job that waited too long).
public struct LeastAttainedService: PreemptionRule {
  public static let name = "las"
  /// The default thresholds: two queues split at 3,200 GPU-seconds.
  public static let defaultThresholdsGPUSeconds: [Double] = [3200]

  /// Ascending thresholds, GPU-nanoseconds.
  public let thresholds: [Int64]

  /// - Parameter thresholdsGPUSeconds: ascending, positive GPU-seconds (validated by the
  ///   scenario; values are clamped into Int64 GPU-nanoseconds).
  public init(thresholdsGPUSeconds: [Double] = Self.defaultThresholdsGPUSeconds) {
    thresholds = thresholdsGPUSeconds.map { s in
      let ns = (s * 1e9).rounded()
      return ns >= 9.2e18 ? .max : Int64(Swift.max(0, ns))
    }
  }

  /// The queue of attained service `a` (GPU-ns): the number of thresholds ≤ a.
  /// - Complexity: O(log thresholds).
  public func queue(ofAttained a: Int64) -> Int {
    var lo = 0
    var hi = thresholds.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if thresholds[mid] <= a { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  public func waitingRank(_ job: ServiceRecord) -> Int64 {
    Int64(queue(ofAttained: job.attainedGPUNanoseconds))
  }

  public func mayPreempt(
    _ victim: ServiceRecord, for candidate: ServiceRecord, at now: SimTime
  ) -> Bool {
    queue(ofAttained: victim.attained(at: now)) > queue(ofAttained: candidate.attained(at: now))
  }

  public func victimRank(_ job: ServiceRecord, at now: SimTime) -> Int64 {
    Int64(queue(ofAttained: job.attained(at: now)))
  }

  public func nextChange(_ job: ServiceRecord, at now: SimTime) -> SimTime? {
    let q = queue(ofAttained: job.attained(at: now))
    guard q < thresholds.count, job.gpus > 0, job.isRunning else { return nil }
    let missing = thresholds[q] - job.attainedGPUNanoseconds
    let gpus = Int64(job.gpus)
    let (span, overflow) = missing.addingReportingOverflow(gpus - 1)
    guard !overflow else { return nil }
    let (t, late) = job.segmentStart.nanoseconds.addingReportingOverflow(span / gpus)
    return late ? nil : SimTime(nanoseconds: t)
  }
}

/// Tiresias-style least attained service with discretised queues, preemptive.
public typealias LeastAttainedServiceScheduler = PreemptiveScheduler<LeastAttainedService>
