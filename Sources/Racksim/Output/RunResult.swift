import DataCenter
import SimKernel
import SimMath
import Workloads

/// A scalar of `summary.json`.
public enum SummaryValue: Sendable, Equatable {
  case text(String)
  case integer(Int64)
  case number(Double, decimals: Int)

  /// The value as a Double, for checks and comparisons; nil for text.
  public var number: Double? {
    switch self {
    case .text: nil
    case .integer(let i): Double(i)
    case .number(let x, _): x
    }
  }
}

/// What a run produced: the sampled series, the jobs and the summary, ready to encode.
/// Encoding (`files`) is pure and deterministic; writing a folder is `RunFolder`'s job.
public struct RunResult: Sendable {
  public let scenario: Scenario
  public let seed: UInt64
  public let scenarioHash: String
  public let rackNames: [String]
  public let sampleTimes: [SimTime]
  /// `OutputColumns.timeseries` values after `time_s`, row-major.
  public let siteValues: [Double]
  /// Per sample, per rack: power kW, GPU utilisation (empty when racks are not recorded).
  public let rackValues: [Double]
  public let jobRows: [JobRow]
  /// Every scalar, in `OutputColumns.summary` order.
  public let summary: [(key: String, value: SummaryValue)]

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
    public var wait: SimDuration? { start.map { $0 - submit } }
    public var jct: SimDuration? { end.map { $0 - submit } }
  }

  /// The summary value for `key`.
  public subscript(summary key: String) -> SummaryValue? {
    summary.first { $0.key == key }?.value
  }

  init(simulation: Simulation) {
    let model = simulation.model
    scenario = simulation.scenario
    seed = simulation.seed
    let hash = simulation.scenario.hash
    scenarioHash = hash
    rackNames = model.site.rackNames
    sampleTimes = model.recorder.times
    siteValues = model.recorder.siteValues
    rackValues = model.recorder.rackValues
    var rows: [JobRow] = []
    for j in 0..<model.jobs.count where model.jobs.state[j] != .pending {
      let spec = model.jobs.specs[j]
      let started = model.jobs.start[j] != .never
      let ended = model.jobs.end[j] != .never
      rows.append(
        JobRow(
          name: spec.name, user: spec.user, submit: spec.submit,
          start: started ? model.jobs.start[j] : nil, end: ended ? model.jobs.end[j] : nil,
          gpus: spec.gpus, nodes: model.jobs.allocations[j].count, state: model.jobs.state[j]))
    }
    jobRows = rows
    summary = RunResult.summarize(simulation: simulation, jobs: rows, hash: hash)
  }

  static func summarize(
    simulation: Simulation, jobs: [JobRow], hash: String
  ) -> [(key: String, value: SummaryValue)] {
    let model = simulation.model
    let horizon = model.horizon
    let seconds = horizon.seconds
    let m = model.meters
    let itJ = m.itPowerW.integral(at: horizon)
    let facilityJ = m.facilityPowerW.integral(at: horizon)
    let gpus = Double(model.site.gpuCount)
    let waits = jobs.compactMap { $0.wait?.seconds }
    let jcts = jobs.compactMap { $0.jct?.seconds }
    // Empty samples (no job finished) give NaN, written as null.
    func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : Statistics.mean(xs) }
    let jctPercentiles = jcts.isEmpty ? [.nan, .nan] : Statistics.percentiles(jcts, [50, 95])
    let values: [String: SummaryValue] = [
      "scenario": .text(simulation.scenario.name),
      "scenario_hash": .text(hash),
      "seed": .integer(Int64(bitPattern: simulation.seed)),
      "racksim_version": .text(RacksimVersion.current),
      "horizon_s": .number(seconds, decimals: 3),
      "events_processed": .integer(Int64(simulation.kernel.eventsProcessed)),
      "gpus": .integer(Int64(model.site.gpuCount)),
      "nodes": .integer(Int64(model.site.nodeCount)),
      "racks": .integer(Int64(model.site.rackCount)),
      "jobs_submitted": .integer(Int64(jobs.count)),
      "jobs_started": .integer(Int64(model.jobsStarted)),
      "jobs_finished": .integer(Int64(model.jobsFinished)),
      "jobs_rejected": .integer(Int64(model.jobsRejected)),
      "it_energy_kwh": .number(itJ / 3.6e6, decimals: 3),
      "facility_energy_kwh": .number(facilityJ / 3.6e6, decimals: 3),
      "pue": .number(itJ > 0 ? facilityJ / itJ : .nan, decimals: 4),
      "mean_it_power_kw": .number(itJ / seconds / 1000, decimals: 3),
      "gpu_util": .number(m.utilizationSum.integral(at: horizon) / (gpus * seconds), decimals: 4),
      "busy_gpu_hours": .number(m.busyGPUs.integral(at: horizon) / 3600, decimals: 3),
      "reserved_idle_gpu_hours": .number(
        m.reservedIdleGPUs.integral(at: horizon) / 3600, decimals: 3),
      "free_gpu_hours": .number(m.freeGPUs.integral(at: horizon) / 3600, decimals: 3),
      "mean_wait_s": .number(mean(waits), decimals: 3),
      "mean_jct_s": .number(mean(jcts), decimals: 3),
      "median_jct_s": .number(jctPercentiles[0], decimals: 3),
      "p95_jct_s": .number(jctPercentiles[1], decimals: 3),
    ]
    return OutputColumns.summary.map { ($0.name, values[$0.name]!) }
  }
}
