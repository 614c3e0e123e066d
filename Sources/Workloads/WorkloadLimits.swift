import SimKernel

/// The largest inputs a workload may describe, and why.
///
/// Time is `Int64` nanoseconds (`SimTime`), which spans about 292 years. Submit times and
/// durations are each limited to 100 years, so `submit + duration` (at most 200 years) and a
/// job's end time can never overflow, however a trace or a distribution combines them.
/// A generated workload is limited to 10 million jobs: one `TrainingJob` takes about 100
/// bytes, so the limit keeps a run's job table near 1 GB on the 24 GB machines this project
/// targets, and no realistic scenario comes near it (the 100k-GPU site of issue 7 has about
/// 100,000 jobs over 30 days).
public enum WorkloadLimits {
  /// 100 Julian years: 100 · 365.25 · 86,400 s = 3,155,760,000 s.
  public static let maxSeconds: Int64 = 3_155_760_000
  /// `maxSeconds` in nanoseconds: 3.15576e18, below `Int64.max` ≈ 9.22e18 with room for a sum.
  public static let maxDuration = SimDuration(nanoseconds: maxSeconds * 1_000_000_000)
  /// The most jobs one generated workload may create before the horizon.
  public static let maxGeneratedJobs = 10_000_000

  /// "100 years (3155760000 s)", for messages.
  static let maxDescription = "100 years (\(maxSeconds) s)"
}
