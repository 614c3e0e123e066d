import DataCenter
import Policies
import SimKernel
import Workloads

/// Where a job is in its life.
///
/// pending (not yet submitted) → queued → running → finished, or running → stopped →
/// (queued again: requeued | running again: resumed). A job that can never run on the site is
/// rejected from the queue.
public enum JobState: UInt8, Sendable {
  case pending, queued, running, stopped, finished, rejected

  public var name: String {
    switch self {
    case .pending: "pending"
    case .queued: "queued"
    case .running: "running"
    case .stopped: "stopped"
    case .finished: "finished"
    case .rejected: "rejected"
    }
  }
}

/// The run's jobs as parallel arrays indexed by `JobID` (struct of arrays, STYLE.md §4 rule 6).
///
/// Models read it through `RunState.jobs`; only the engine changes it, through the lifecycle
/// mutators of `RunState` (start, stop, requeue, resume, finish).
///
/// Fluid progress: a running job keeps (remaining work, rate, time of the last update). Work
/// is in nanoseconds at full speed; at rate r the job completes
/// `SimDuration.completion(work:rate:)` = ⌈remaining / r⌉ ns after the update. The rate is the
/// product of the job's rate factors (`compute`, `thermal`, `network`, …), each owned by one
/// model; whenever the product changes the remaining work is brought up to date first and the
/// completion rescheduled (a new generation).
public struct JobTable: Sendable {
  public internal(set) var specs: [TrainingJob]
  public internal(set) var state: [JobState]
  /// First start; `.never` if it never started.
  public internal(set) var start: [SimTime]
  /// Finish; `.never` if not finished.
  public internal(set) var end: [SimTime]
  /// Remaining full-speed work, ns, as of `progressTime`.
  public internal(set) var remainingNs: [Double]
  /// Current progress rate (product of factors; 0 when not running).
  public internal(set) var rate: [Double]
  public internal(set) var progressTime: [SimTime]
  /// The GPUs the job holds (running, or stopped with its allocation kept).
  public internal(set) var allocations: [[NodeAllocation]]
  /// Nodes of the job's latest allocation (kept after it ends, for `jobs.csv`).
  public internal(set) var nodeCount: [Int32]
  /// When the current allocation was taken (for GPU-seconds).
  var heldSince: [SimTime]
  /// GPU-seconds held by the job over earlier allocations.
  var heldGPUSeconds: [Double]
  /// Stopped jobs that keep their allocation.
  var stoppedHolding = 0
  /// Times the job was requeued after a stop.
  public internal(set) var restarts: [Int32]
  /// Times the scheduler preempted the job (suspended it, progress kept, and requeued it).
  public internal(set) var preemptions: [Int32]
  /// GPU-seconds lost to suspend/resume overhead: the job's GPUs × `resumeOverhead` for each
  /// start after a preemption (full-speed seconds, so a throttled job takes longer to repay).
  public internal(set) var lostGPUSeconds: [Double]
  /// Whether the job's next start is a resume after a preemption (and pays the overhead).
  var owesResumeOverhead: [Bool]
  /// `policies.preemption_overhead`: full-speed work a resumed job must redo.
  var resumeOverhead: SimDuration = .zero
  /// Rate factors, `factorCount` per job, row-major; 1 until a model sets one.
  public internal(set) var factors: [Double]
  public internal(set) var factorCount: Int = 0
  var generations: Generations
  /// Running jobs, in no particular order, and each job's position in it (-1 when absent).
  public internal(set) var running: [JobID] = []
  var runningPosition: [Int32]

  /// Jobs whose factors changed since the rates stage last ran, and their marks.
  var dirty: [Int32] = []
  var isDirty: [Bool]

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
    nodeCount = Array(repeating: 0, count: n)
    heldSince = Array(repeating: .zero, count: n)
    heldGPUSeconds = Array(repeating: 0, count: n)
    restarts = Array(repeating: 0, count: n)
    preemptions = Array(repeating: 0, count: n)
    lostGPUSeconds = Array(repeating: 0, count: n)
    owesResumeOverhead = Array(repeating: false, count: n)
    factors = []
    generations = Generations(count: n)
    runningPosition = Array(repeating: -1, count: n)
    isDirty = Array(repeating: false, count: n)
  }

  public var count: Int { specs.count }

  /// The value of factor `f` of job `j`.
  @inlinable public func factor(_ f: RateFactorID, of j: JobID) -> Double {
    factors[j.index &* factorCount &+ f.index]
  }

  /// The product of job `j`'s factors.
  @inlinable public func factorProduct(_ j: Int) -> Double {
    var p = 1.0
    let base = j &* factorCount
    for k in 0..<factorCount { p *= factors[base &+ k] }
    return p
  }

  /// Remaining full-speed work of job `j` at `now`, ns.
  public func remainingWork(_ j: JobID, at now: SimTime) -> Double {
    let i = j.index
    guard state[i] == .running else { return remainingNs[i] }
    return Swift.max(0, remainingNs[i] - rate[i] * Double((now - progressTime[i]).nanoseconds))
  }

  /// Full-speed work done by job `j` at `now`, ns.
  public func workDone(_ j: JobID, at now: SimTime) -> Double {
    Double(specs[j.index].work.nanoseconds) - remainingWork(j, at: now)
  }

  /// GPU-seconds job `j` has held up to `now` (every allocation, busy or reserved).
  public func gpuSeconds(_ j: JobID, at now: SimTime) -> Double {
    let i = j.index
    var total = heldGPUSeconds[i]
    if !allocations[i].isEmpty {
      let gpus = allocations[i].reduce(0) { $0 + Int($1.gpus) }
      total += Double(gpus) * (now - heldSince[i]).seconds
    }
    return total
  }

  // MARK: - Engine-side mutation

  /// Adds a factor slot (value 1 for every job).
  mutating func addFactorSlot() {
    let old = factorCount
    var grown: [Double] = []
    grown.reserveCapacity(count * (old + 1))
    for j in 0..<count {
      grown.append(contentsOf: factors[(j * old)..<(j * old + old)])
      grown.append(1)
    }
    factors = grown
    factorCount = old + 1
  }

  /// Brings job `j`'s remaining work up to `now` at its current rate.
  mutating func accrueProgress(_ j: Int, to now: SimTime) {
    let elapsed = Double((now - progressTime[j]).nanoseconds)
    remainingNs[j] = Swift.max(0, remainingNs[j] - rate[j] * elapsed)
    progressTime[j] = now
  }

  /// When job `j` completes if its rate stays as it is: the one rounding rule.
  func completionTime(_ j: Int) -> SimTime {
    let span = SimDuration.completion(work: remainingNs[j], rate: rate[j])
    guard span.nanoseconds != .max else { return .never }
    return progressTime[j] + span
  }

  mutating func markDirty(_ j: Int) {
    guard !isDirty[j] else { return }
    isDirty[j] = true
    dirty.append(Int32(j))
  }

  mutating func addRunning(_ j: Int) {
    runningPosition[j] = Int32(running.count)
    running.append(JobID(j))
  }

  mutating func removeRunning(_ j: Int) {
    let p = Int(runningPosition[j])
    guard p >= 0 else { return }
    let last = running.removeLast()
    if last.index != j {
      running[p] = last
      runningPosition[last.index] = Int32(p)
    }
    runningPosition[j] = -1
  }

  /// Takes `allocations` for job `j` from `now`.
  mutating func hold(_ j: Int, _ allocations: [NodeAllocation], at now: SimTime) {
    self.allocations[j] = allocations
    nodeCount[j] = Int32(allocations.count)
    heldSince[j] = now
  }

  /// Gives up job `j`'s allocation at `now`, adding its GPU-seconds.
  mutating func releaseHold(_ j: Int, at now: SimTime) {
    heldGPUSeconds[j] = gpuSeconds(JobID(j), at: now)
    allocations[j] = []
  }
}

/// A rate factor's index among the factors of a run (`compute`, `thermal`, `network`, …).
public struct RateFactorID: Hashable, Sendable {
  public var raw: UInt16
  public init(raw: UInt16) { self.raw = raw }
  public var index: Int { Int(raw) }
}
