import DataCenter
import SimKernel
import SimMath
import Workloads

/// A scalar of `summary.json`.
public enum SummaryValue: Sendable, Equatable {
  case text(String)
  case integer(Int64)
  case unsigned(UInt64)
  case number(Double, decimals: Int)

  /// The value as a Double, for checks and comparisons; nil for text.
  public var number: Double? {
    switch self {
    case .text: nil
    case .integer(let i): Double(i)
    case .unsigned(let u): Double(u)
    case .number(let x, _): x
    }
  }
}

/// What a run produced: the jobs and the summary (and, for a run with in-memory sinks, the
/// streamed files), ready to encode. Encoding is pure and deterministic; writing a folder is
/// `RunFolder`'s job.
public struct RunResult: Sendable {
  public let scenario: Scenario
  public let seed: UInt64
  public let scenarioHash: String
  public let jobRows: [JobRow]
  /// The `jobs.csv` columns the run's models add, and their values: row-major, one row per
  /// `jobRows` entry (NaN: an empty field).
  public let modelJobColumns: [ColumnSpec]
  let modelJobValues: [Double]
  /// Every scalar: `OutputColumns.summary`, then each model's summary columns.
  public let summary: [(key: String, value: SummaryValue)]
  /// `timeseries.csv` and `racks.csv` when the run streamed them to memory.
  let streamed: [(name: String, contents: String)]

  /// One line of `jobs.csv`.
  public struct JobRow: Sendable, Equatable {
    public var name: String
    public var user: String
    public var submit: SimTime
    public var start: SimTime?
    public var end: SimTime?
    public var gpus: Int
    public var nodes: Int
    public var state: JobState
    /// GPU-seconds held (busy or reserved) over all its allocations.
    public var gpuSeconds: Double
    /// Times it was requeued after a stop.
    public var restarts: Int
    /// Duration at full speed.
    public var work: SimDuration
    /// Times the scheduler preempted it.
    public var preemptions: Int = 0
    /// GPU-seconds of suspend/resume overhead (GPUs × overhead per resume after a preemption).
    public var lostGPUSeconds: Double = 0
    /// JCT / duration at full speed (nil if unfinished or of zero work).
    public var slowdown: Double? {
      guard let jct, work > .zero else { return nil }
      return jct.seconds / work.seconds
    }
    /// max(1, JCT / max(duration at full speed, 10 s)) (nil if unfinished).
    public var boundedSlowdown: Double? {
      guard let jct else { return nil }
      return Swift.max(1, jct.seconds / Swift.max(work.seconds, 10))
    }
    public var wait: SimDuration? { start.map { $0 - submit } }
    public var jct: SimDuration? { end.map { $0 - submit } }
  }

  /// The summary value for `key`.
  public subscript(summary key: String) -> SummaryValue? {
    summary.first { $0.key == key }?.value
  }

  init(simulation: Simulation) {
    let run = simulation.engine.state
    scenario = simulation.scenario
    seed = simulation.seed
    let hash = simulation.scenario.hash
    scenarioHash = hash
    var rows: [JobRow] = []
    let jobs = run.jobs
    let horizon = run.horizon
    let jobModels = simulation.engine.models.filter { !$0.jobColumns.isEmpty }
    let extraColumns = jobModels.flatMap(\.jobColumns)
    var extra: [Double] = []
    var scratch: [Double] = []
    for j in 0..<jobs.count where jobs.state[j] != .pending {
      for model in jobModels {
        scratch.removeAll(keepingCapacity: true)
        model.jobValues(of: JobID(j), run: run, into: &scratch)
        let n = model.jobColumns.count
        for k in 0..<n { extra.append(k < scratch.count ? scratch[k] : .nan) }
      }
      let spec = jobs.specs[j]
      let started = jobs.start[j] != .never
      let ended = jobs.end[j] != .never
      rows.append(
        JobRow(
          name: spec.name, user: spec.user, submit: spec.submit,
          start: started ? jobs.start[j] : nil, end: ended ? jobs.end[j] : nil,
          gpus: spec.gpus, nodes: Int(jobs.nodeCount[j]), state: jobs.state[j],
          gpuSeconds: jobs.gpuSeconds(JobID(j), at: ended ? jobs.end[j] : horizon),
          restarts: Int(jobs.restarts[j]), work: spec.work,
          preemptions: Int(jobs.preemptions[j]), lostGPUSeconds: jobs.lostGPUSeconds[j]))
    }
    jobRows = rows
    modelJobColumns = extraColumns
    modelJobValues = extra
    var summary = RunResult.summarize(simulation: simulation, jobs: rows, hash: hash)
    for model in simulation.engine.models {
      let columns = model.summaryColumns
      let values = model.summary(run: run)
      for (k, column) in columns.enumerated() {
        summary.append((column.name, k < values.count ? values[k] : .number(.nan, decimals: 3)))
      }
    }
    self.summary = summary
    if let memory = simulation.memory {
      var files = [("timeseries.csv", memory.timeseries.text)]
      if let racks = memory.racks { files.append(("racks.csv", racks.text)) }
      files.append(("events.csv", memory.events.text))
      if let links = simulation.memoryLinks { files.append(("links.csv", links.text)) }
      streamed = files
    } else {
      streamed = []
    }
  }

  static func summarize(
    simulation: Simulation, jobs: [JobRow], hash: String
  ) -> [(key: String, value: SummaryValue)] {
    let run = simulation.engine.state
    let horizon = run.horizon
    let seconds = horizon.seconds
    let m = run.meters
    let itJ = m.itPowerW.integral(at: horizon)
    let facilityJ = m.facilityPowerW.integral(at: horizon)
    let gpus = Double(run.site.gpuCount)
    let waits = jobs.compactMap { $0.wait?.seconds }
    let jcts = jobs.compactMap { $0.jct?.seconds }
    // Empty samples (no job finished) give NaN, written as null.
    func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : Statistics.mean(xs) }
    func percentiles(_ xs: [Double]) -> [Double] {
      xs.isEmpty ? [.nan, .nan, .nan] : Statistics.percentiles(xs, [50, 95, 99])
    }
    let jctPercentiles = percentiles(jcts)
    let waitPercentiles = percentiles(waits)
    let slowdowns = jobs.compactMap(\.slowdown)
    let slowdownPercentiles = percentiles(slowdowns)
    let bounded = jobs.compactMap(\.boundedSlowdown)
    let finished = jobs.filter { $0.end != nil }
    let makespan =
      finished.isEmpty
      ? Double.nan
      : (finished.map { $0.end! }.max()! - finished.map(\.submit).min()!).seconds
    // Users' GPU-seconds, in order of first appearance (a sum, so the order only matters for
    // rounding; users are listed in job order, which is deterministic).
    var userIndex: [String: Int] = [:]
    var userSeconds: [Double] = []
    for row in jobs {
      if let k = userIndex[row.user] {
        userSeconds[k] += row.gpuSeconds
      } else {
        userIndex[row.user] = userSeconds.count
        userSeconds.append(row.gpuSeconds)
      }
    }
    let sum = userSeconds.reduce(0, +)
    let squares = userSeconds.reduce(0) { $0 + $1 * $1 }
    let jain = squares > 0 ? sum * sum / (Double(userSeconds.count) * squares) : .nan
    let values: [String: SummaryValue] = [
      "scenario": .text(simulation.scenario.name),
      "scenario_hash": .text(hash),
      "seed": .unsigned(simulation.seed),
      "racksim_version": .text(RacksimVersion.current),
      "horizon_s": .number(seconds, decimals: 3),
      "events_processed": .integer(Int64(clamping: simulation.kernel.eventsProcessed)),
      "gpus": .integer(Int64(run.site.gpuCount)),
      "nodes": .integer(Int64(run.site.nodeCount)),
      "racks": .integer(Int64(run.site.rackCount)),
      "jobs_submitted": .integer(Int64(jobs.count)),
      "jobs_started": .integer(Int64(run.jobsStarted)),
      "jobs_finished": .integer(Int64(run.jobsFinished)),
      "jobs_rejected": .integer(Int64(run.jobsRejected)),
      "jobs_stopped": .integer(Int64(run.jobsStopped)),
      "jobs_dropped": .integer(Int64(simulation.scenario.traceJobsDropped ?? 0)),
      "it_energy_kwh": .number(itJ / 3.6e6, decimals: 3),
      "facility_energy_kwh": .number(facilityJ / 3.6e6, decimals: 3),
      "pue": .number(itJ > 0 ? facilityJ / itJ : .nan, decimals: 4),
      "mean_it_power_kw": .number(itJ / seconds / 1000, decimals: 3),
      "gpu_util": .number(m.utilizationSum.integral(at: horizon) / (gpus * seconds), decimals: 4),
      "busy_gpu_hours": .number(m.busyGPUs.integral(at: horizon) / 3600, decimals: 3),
      "reserved_idle_gpu_hours": .number(
        m.reservedIdleGPUs.integral(at: horizon) / 3600, decimals: 3),
      "free_gpu_hours": .number(m.freeGPUs.integral(at: horizon) / 3600, decimals: 3),
      "down_gpu_hours": .number(m.downGPUs.integral(at: horizon) / 3600, decimals: 3),
      "mean_wait_s": .number(mean(waits), decimals: 3),
      "mean_jct_s": .number(mean(jcts), decimals: 3),
      "median_jct_s": .number(jctPercentiles[0], decimals: 3),
      "p95_jct_s": .number(jctPercentiles[1], decimals: 3),
      "p99_jct_s": .number(jctPercentiles[2], decimals: 3),
      "p50_wait_s": .number(waitPercentiles[0], decimals: 3),
      "p95_wait_s": .number(waitPercentiles[1], decimals: 3),
      "p99_wait_s": .number(waitPercentiles[2], decimals: 3),
      "mean_slowdown": .number(mean(slowdowns), decimals: 4),
      "p50_slowdown": .number(slowdownPercentiles[0], decimals: 4),
      "p95_slowdown": .number(slowdownPercentiles[1], decimals: 4),
      "p99_slowdown": .number(slowdownPercentiles[2], decimals: 4),
      "mean_bounded_slowdown": .number(mean(bounded), decimals: 4),
      "makespan_s": .number(makespan, decimals: 3),
      "jain_fairness": .number(jain, decimals: 4),
    ]
    return OutputColumns.summary.map { ($0.name, values[$0.name]!) }
  }
}
