import Policies
import SimKernel
import Workloads

/// Where a job is in its life.
public enum JobState: UInt8, Sendable {
  case pending, queued, running, finished, rejected

  public var name: String {
    switch self {
    case .pending: "pending"
    case .queued: "queued"
    case .running: "running"
    case .finished: "finished"
    case .rejected: "rejected"
    }
  }
}

/// The run's jobs as parallel arrays indexed by `JobID` (struct of arrays, STYLE.md §4 rule 6).
///
/// Fluid progress: a running job keeps (remaining work, rate, time of the last update).
/// Work is in nanoseconds at full speed; at rate r the job completes
/// ⌈remaining / r⌉ ns after the update. Whenever the rate changes the remaining work is
/// brought up to date first and the completion rescheduled (a new generation).
struct JobTable {
  var specs: [TrainingJob]
  var state: [JobState]
  var start: [SimTime]
  var end: [SimTime]
  var remainingNs: [Double]
  var rate: [Double]
  var progressTime: [SimTime]
  var allocations: [[NodeAllocation]]
  var generations: Generations

  init(_ specs: [TrainingJob]) {
    let n = specs.count
    self.specs = specs
    state = Array(repeating: .pending, count: n)
    start = Array(repeating: .never, count: n)
    end = Array(repeating: .never, count: n)
    remainingNs = specs.map { Double($0.work.nanoseconds) }
    rate = Array(repeating: 0, count: n)
    progressTime = Array(repeating: .zero, count: n)
    allocations = Array(repeating: [], count: n)
    generations = Generations(count: n)
  }

  var count: Int { specs.count }

  /// Brings job `j`'s remaining work up to `now` at its current rate.
  mutating func accrueProgress(_ j: Int, to now: SimTime) {
    let elapsed = Double((now - progressTime[j]).nanoseconds)
    remainingNs[j] = Swift.max(0, remainingNs[j] - rate[j] * elapsed)
    progressTime[j] = now
  }

  /// When job `j` completes if its rate stays as it is.
  func completionTime(_ j: Int) -> SimTime {
    guard rate[j] > 0 else { return .never }
    return progressTime[j]
      + SimDuration(nanoseconds: Int64((remainingNs[j] / rate[j]).rounded(.up)))
  }
}
