import Workloads

/// Every event of a Racksim run: a closed enum of IDs only, so the queue holds no closures,
/// existentials or references (STYLE.md §4 rule 2). `Simulation` handles it in one `switch`.
public enum SimEvent: Sendable {
  /// A job is submitted.
  case arrival(JobID)
  /// A running job's work is done, if `generation` is still the job's current one.
  case completion(JobID, generation: UInt32)
  /// The sampler records the interval that ends now.
  case sample
}
