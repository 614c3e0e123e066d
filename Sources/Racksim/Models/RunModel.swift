import DataCenter
import Policies
import SimKernel
import Workloads

/// Where in the settle pipeline a model's `settle` runs.
///
/// After the events of an instant, the engine settles in this fixed order, in rounds, until
/// nothing is dirty:
/// 1. scheduling (the engine: queue, placement, starts);
/// 2. power: the engine recomputes dirty nodes, racks and IT power, then `.power` models run
///    (DVFS, caps);
/// 3. `.network` models (the fabric solve);
/// 4. `.thermal` models (inlet temperatures, throttling);
/// 5. `.facility` models (cooling plant, distribution losses, facility power terms);
/// 6. rates: the engine recomputes the rate (product of factors) of every job whose factors
///    changed;
/// 7. completions: the engine reschedules the completion of every job whose rate changed.
/// Observers (the sampler) then see the settled state of the instant.
public enum SettleStage: UInt8, Sendable, CaseIterable, Comparable {
  case power, network, thermal, facility

  public static func < (a: SettleStage, b: SettleStage) -> Bool { a.rawValue < b.rawValue }
}

/// A physical model that joins a run: the plant, the thermal model, the fabric, faults,
/// services, or a model of a test.
///
/// A model owns its state (its stored properties) and its events; it reads the rest of the run
/// through `RunState`'s read-only views and changes only what it owns: the rate factors and
/// power terms it registers in `attach`, its own events, node availability, and job
/// stops/requeues/resumes through `RunState`'s lifecycle calls. It declares its output columns
/// (built-in models declare them in `OutputColumns`, the one place columns are documented) and
/// fills them when sampled. Joining a run is `Simulation(scenario:models:)`; no file of another
/// model or of the engine loop changes.
///
/// Every requirement but `name` has a default, so a model implements only what it uses.
public protocol RunModel {
  /// The model's name, used in error messages, e.g. "constant-pue".
  var name: String { get }
  /// Where its `settle` runs.
  var stage: SettleStage { get }
  /// Columns it adds to `timeseries.csv` (after the engine's), in order.
  var timeseriesColumns: [ColumnSpec] { get }
  /// Columns it adds to `racks.csv` (after the engine's), in order.
  var rackColumns: [ColumnSpec] { get }
  /// Scalars it adds to `summary.json` (after the engine's), in order.
  var summaryColumns: [ColumnSpec] { get }
  /// Columns it adds to `jobs.csv` (after the engine's), in order.
  var jobColumns: [ColumnSpec] { get }

  /// Called once, before time starts: register rate factors and power terms, schedule the
  /// first events.
  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError)
  /// One of its own events, at `run.now`.
  mutating func handle(_ event: ModelEvent, run: inout RunState)
  /// Called in each settle round at its stage; `run.changes` holds what changed since its last
  /// call at this instant.
  mutating func settle(run: inout RunState)
  /// The interval that ends at `run.now`: append one value per timeseries column (the
  /// time-weighted mean over the interval, or a documented snapshot).
  mutating func sample(run: RunState, into values: inout [Double])
  /// The same for `racks.csv`: append `rackColumns.count` values for every rack, rack by rack.
  mutating func sampleRacks(run: RunState, into values: inout [Double])
  /// Its summary scalars at the end of the run, one per `summaryColumns` entry.
  func summary(run: RunState) -> [SummaryValue]
  /// At the end of the run, for `jobs.csv`: append one value per `jobColumns` entry for `job`
  /// (NaN for none: an empty field).
  func jobValues(of job: JobID, run: RunState, into values: inout [Double])
  /// Whether the engine asks `admits` before starting a job (false by default, so the
  /// scheduling pass pays nothing for models that do not gate starts).
  var gatesAdmission: Bool { get }
  /// Whether `job` may start now on `allocations` (already validated against the cluster). A
  /// job a model does not admit is treated as not fitting: it stays queued, and under a
  /// strict order it blocks the queue. Power caps use it so that a start never breaks a cap.
  mutating func admits(_ job: QueuedJob, on allocations: [NodeAllocation], run: RunState)
    -> Bool
}

// MARK: - Default implementations

extension RunModel {
  public var stage: SettleStage { .facility }
  public var timeseriesColumns: [ColumnSpec] { [] }
  public var rackColumns: [ColumnSpec] { [] }
  public var summaryColumns: [ColumnSpec] { [] }
  public var jobColumns: [ColumnSpec] { [] }
  public mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {}
  public mutating func handle(_ event: ModelEvent, run: inout RunState) {}
  public mutating func settle(run: inout RunState) {}
  public mutating func sample(run: RunState, into values: inout [Double]) {}
  public mutating func sampleRacks(run: RunState, into values: inout [Double]) {}
  public func summary(run: RunState) -> [SummaryValue] { [] }
  public func jobValues(of job: JobID, run: RunState, into values: inout [Double]) {}
  public var gatesAdmission: Bool { false }
  public mutating func admits(
    _ job: QueuedJob, on allocations: [NodeAllocation], run: RunState
  ) -> Bool {
    true
  }
}
