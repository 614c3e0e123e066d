import DataCenter
import Policies
import SimKernel
import Workloads

// The `carbon-aware` energy strategy (issue 8 item 7): flexible jobs wait for low-carbon hours.
//
// A job is flexible when it carries a `maxDelay` d (`workload.flexible: true` with
// `max_delay: 6h`, or a trace's `max_delay_s` column). The grid intensity g(t) is the plant's
// carbon series (the `carbon:` section, gCO₂/kWh, a step function; run time t is series time
// t + start). When the scheduler first proposes a flexible job that has never run, at time t₀,
// its window is [t₀, t_s + d] (t_s its submit time) and
//     g_min = min of g over the window (at t₀ and at every step inside it),
//     t*    = the first of t₀ and the step times in the window with g ≤ (1 + tolerance) · g_min.
// The job is not admitted before t* (admission gating: `gatesAdmission`/`admits`); the model
// schedules one of its events at t*, which asks for a scheduling pass, and from then on the job
// is an ordinary queued job (it starts when it fits; a job that could not start by its deadline
// is not forced). A job that ran once and was requeued is not deferred again.
// Caveat: a job that is not admitted is treated as not fitting, so under a strict order (fifo
// without backfilling) a deferred job at the head holds back the jobs behind it until t*.
//
// Complexity: O(steps of the series inside the window) once per flexible job.

/// Defers flexible jobs, within their allowed delay, to the lowest-carbon hours.
struct CarbonAwareModel: RunModel {
  static let name = "carbon-aware"
  /// The most series steps looked at in one window (a very long delay on a fine series).
  static let maxSteps = 100_000

  let spec: CarbonAwareSpec
  let carbon: CarbonSpec
  let offsetS: Double
  /// Per job: the time it may start (`.never`: not decided yet).
  var earliest: [SimTime] = []
  /// Retry events decided in `admits` (which cannot schedule), scheduled at the next settle.
  var pendingRetries: [SimTime] = []
  var deferred = 0

  var name: String { Self.name }
  var stage: SettleStage { .power }
  var summaryColumns: [ColumnSpec] { OutputColumns.carbonAwareSummary }
  var gatesAdmission: Bool { true }

  init(spec: CarbonAwareSpec, carbon: CarbonSpec, offsetS: Double) {
    self.spec = spec
    self.carbon = carbon
    self.offsetS = offsetS
  }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    earliest = Array(repeating: .never, count: run.jobs.count)
  }

  mutating func admits(_ job: QueuedJob, on allocations: [NodeAllocation], run: RunState)
    -> Bool
  {
    let j = job.id.index
    guard let delay = run.jobs.specs[j].maxDelay, run.jobs.start[j] == .never else { return true }
    if earliest[j] == .never {
      let start = chosenStart(from: run.now, deadline: job.submit + delay)
      earliest[j] = start
      if start > run.now {
        deferred += 1
        pendingRetries.append(start)
      }
    }
    return run.now >= earliest[j]
  }

  mutating func settle(run: inout RunState) {
    guard !pendingRetries.isEmpty else { return }
    for t in pendingRetries { run.schedule(ModelEvent(code: 0), at: t) }
    pendingRetries.removeAll(keepingCapacity: true)
  }

  /// A deferred job's time has come: ask for a scheduling pass (the engine runs one by itself
  /// only when a job is enqueued or a node comes up).
  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    run.requestSchedulingPass()
  }

  /// t* of the header for a window [now, deadline].
  func chosenStart(from now: SimTime, deadline: SimTime) -> SimTime {
    guard case .series(_, let series) = carbon, deadline > now else { return now }
    var candidates: [(time: SimTime, g: Double)] = [
      (now, series.gramsPerKWh(atTimeS: now.seconds + offsetS))
    ]
    var t = now.seconds + offsetS
    for _ in 0..<Self.maxSteps {
      guard let next = series.nextChangeTimeS(after: t) else { break }
      let time = SimTime(seconds: next - offsetS)
      if time > deadline { break }
      if time > now { candidates.append((time, series.gramsPerKWh(atTimeS: next))) }
      t = next
    }
    let least = candidates.map(\.g).min() ?? 0
    let threshold = least * (1 + spec.tolerance)
    return candidates.first { $0.g <= threshold }?.time ?? now
  }

  func summary(run: RunState) -> [SummaryValue] { [.integer(Int64(deferred))] }
}

extension OutputColumns {
  /// The carbon-aware strategy's `summary.json` scalar.
  public static let carbonAwareSummary: [ColumnSpec] = [
    ColumnSpec(
      "deferred_jobs", unit: "jobs", decimals: nil,
      "flexible jobs the carbon-aware strategy held back to a lower-carbon time")
  ]
}
