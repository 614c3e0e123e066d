import DataCenter
import SimKernel
import Workloads

/// First in, first out, strictly: jobs start in submission order and a job that does not fit
/// blocks every job behind it (no backfilling).
public struct FIFOScheduler: SchedulingPolicy {
  public static let name = "fifo"

  public init() {}

  public mutating func nextCandidate(
    after previous: Int?, in queue: [QueuedJob], cluster: ClusterView
  ) -> Int? {
    let next = previous.map { $0 + 1 } ?? 0
    return next < queue.count ? next : nil
  }

  public mutating func afterBlocked(
    at position: Int, in queue: [QueuedJob], cluster: ClusterView
  ) -> SchedulingContinuation { .stop }
}

extension SchedulingPolicy where Self == FIFOScheduler {
  public static var fifo: Self { .init() }
}
