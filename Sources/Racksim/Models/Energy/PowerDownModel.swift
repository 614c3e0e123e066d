import DataCenter
import Policies
import SimKernel
import Workloads

// The `power-down` energy strategy (issue 8 item 7; DESIGN.md "Strategies": idle power-down
// with wake latency). Node power: REFERENCES.md §3 through the engine's ledger (0 W when
// `off`, idle power while `waking`).
//
// Switching off: a node that is `up` and wholly free (no job holds a GPU of it) for
// `idle_timeout` switches `off` — unless a job is queued then (it may be waiting for exactly
// that node's room); such a node switches off at the first settled instant at which the queue
// is empty, if it is still idle.
// Waking (what makes the scheduler see off nodes as "available after wake"): after the
// scheduling pass of every settle round, while jobs are queued and nodes are off, with
//     demand = Σ over queued jobs of their GPUs (a job wider than a node rounded up to whole
//              nodes),
//     supply = free GPUs on up nodes + GPUs of waking nodes,
// the lowest-numbered off nodes are woken one by one while demand > supply. A waking node draws
// its idle power for `wake_latency`, plus `wake_energy` spread evenly over that time (a facility
// power term `power-down-wake` = waking nodes · E_wake / t_wake: the engine's IT meter is the
// ledger's, and a term is how a model adds power), then comes `up`, and the next scheduling
// pass places the waiting jobs on it. The rule over-wakes when the queue is blocked for another
// reason than capacity (placement fragmentation, a power cap); those nodes switch off again
// after the timeout.
//
// Energy over an idle gap of length g ≥ t_idle between two jobs on a node, with idle power P_i:
//   without power-down   P_i · g
//   with power-down      P_i · (t_idle + t_wake) + E_wake    (the next job starts t_wake later)
//
// Complexity: O(nodes of a job) per start or stop; O(queued jobs) at instants with queued jobs
// and off nodes (the demand sum).

/// Switches idle nodes off after a timeout and wakes them when queued jobs need room.
struct PowerDownModel: RunModel {
  static let name = "power-down"
  static let timeoutEvent: UInt32 = 0
  static let wakeEvent: UInt32 = 1

  let spec: PowerDownSpec
  /// Per node: bumped whenever a pending timeout no longer applies.
  var idleGeneration: [UInt32] = []
  /// Nodes whose timeout passed while jobs were queued.
  var expired: [Int32] = []
  var isExpired: [Bool] = []
  /// Per job: its nodes while it runs (allocations are cleared when it stops).
  var jobNodes: [[Int32]] = []
  /// Queued jobs (and some that no longer are; filtered when the demand is summed).
  var waiting: [JobID] = []
  var arrivalCursor = 0
  var offNodes = 0
  var wakingNodes = 0
  var wakingGPUs = 0
  var wakes = 0
  var wakeTerm = PowerTermID(raw: 0)
  var offMeter = TimeWeighted()

  var name: String { Self.name }
  var stage: SettleStage { .power }
  var timeseriesColumns: [ColumnSpec] { OutputColumns.powerDownTimeseries }
  var summaryColumns: [ColumnSpec] { OutputColumns.powerDownSummary }

  init(spec: PowerDownSpec) { self.spec = spec }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    let nodes = run.site.nodeCount
    idleGeneration = Array(repeating: 0, count: nodes)
    isExpired = Array(repeating: false, count: nodes)
    jobNodes = Array(repeating: [], count: run.jobs.count)
    wakeTerm = try run.registerPowerTerm("power-down-wake")
    // Every node is idle at the start.
    for n in 0..<nodes where isIdle(n, run) { arm(n, run: &run) }
  }

  // MARK: - Events

  mutating func handle(_ event: ModelEvent, run: inout RunState) {
    let n = Int(event.code)
    if event.value & 1 == Self.wakeEvent {
      wakingNodes -= 1
      wakingGPUs -= Int(run.site.nodeGPUCount[n])
      setWakePower(run: &run)
      // Another model (a fault) may have taken the node meanwhile: leave it as it is then.
      guard run.cluster.availability[n] == .waking else { return }
      run.setAvailability(.up, of: NodeID(n))
      run.recordEvent("wake-done", subject: "node \(n)")
      return
    }
    guard event.value >> 1 == idleGeneration[n] & 0x7FFF_FFFF, isIdle(n, run) else { return }
    if run.queuedCount > 0 {
      if !isExpired[n] {
        isExpired[n] = true
        expired.append(Int32(n))
      }
    } else {
      switchOff(n, run: &run)
    }
  }

  // MARK: - Settle

  mutating func settle(run: inout RunState) {
    for job in run.changes.stoppedJobs {
      let nodes = jobNodes[job.index]
      jobNodes[job.index] = []
      for n in nodes where isIdle(Int(n), run) { arm(Int(n), run: &run) }
      if run.jobs.state[job.index] == .queued { waiting.append(job) }
    }
    for job in run.changes.startedJobs where run.jobs.state[job.index] == .running {
      let nodes = run.jobs.allocations[job.index].map { Int32($0.node.index) }
      jobNodes[job.index] = nodes
      for n in nodes { idleGeneration[Int(n)] &+= 1 }
    }
    let specs = run.jobs.specs
    while arrivalCursor < specs.count && specs[arrivalCursor].submit <= run.now {
      if run.jobs.state[arrivalCursor] == .queued { waiting.append(JobID(arrivalCursor)) }
      arrivalCursor += 1
    }
    if run.queuedCount == 0 {
      waiting.removeAll(keepingCapacity: true)
      for raw in expired {
        let n = Int(raw)
        isExpired[n] = false
        if isIdle(n, run) { switchOff(n, run: &run) }
      }
      expired.removeAll(keepingCapacity: true)
    } else if offNodes > 0 {
      wakeForDemand(run: &run)
    }
  }

  /// Wakes the lowest-numbered off nodes while the queued demand exceeds the free and waking
  /// GPUs (the rule in the header).
  mutating func wakeForDemand(run: inout RunState) {
    waiting.removeAll { run.jobs.state[$0.index] != .queued }
    let perNode = run.site.maxGPUsPerNode
    var demand = 0
    for job in waiting {
      let g = run.jobs.specs[job.index].gpus
      demand += g > perNode ? (g + perNode - 1) / perNode * perNode : g
    }
    var supply = run.cluster.totalFreeGPUs + wakingGPUs
    var n = 0
    while demand > supply && offNodes > 0 && n < run.site.nodeCount {
      if run.cluster.availability[n] == .off {
        wake(n, run: &run)
        supply += Int(run.site.nodeGPUCount[n])
      }
      n += 1
    }
  }

  // MARK: - Private

  /// Whether node `n` is up with no GPU held by any job.
  func isIdle(_ n: Int, _ run: RunState) -> Bool {
    run.cluster.availability[n] == .up && run.cluster.isWhollyFree(n)
  }

  /// Starts node `n`'s idle timeout (cancelling any earlier one).
  mutating func arm(_ n: Int, run: inout RunState) {
    idleGeneration[n] &+= 1
    let generation = idleGeneration[n] & 0x7FFF_FFFF
    run.schedule(
      ModelEvent(code: UInt32(n), value: generation << 1 | Self.timeoutEvent),
      at: run.now + spec.idleTimeout)
  }

  mutating func switchOff(_ n: Int, run: inout RunState) {
    idleGeneration[n] &+= 1
    run.setAvailability(.off, of: NodeID(n))
    offNodes += 1
    offMeter.set(Double(offNodes), at: run.now)
    run.recordEvent("power-off", subject: "node \(n)")
  }

  mutating func wake(_ n: Int, run: inout RunState) {
    run.setAvailability(.waking, of: NodeID(n))
    offNodes -= 1
    offMeter.set(Double(offNodes), at: run.now)
    wakingNodes += 1
    wakingGPUs += Int(run.site.nodeGPUCount[n])
    wakes += 1
    setWakePower(run: &run)
    run.recordEvent("wake", subject: "node \(n)")
    run.schedule(
      ModelEvent(code: UInt32(n), value: Self.wakeEvent), at: run.now + spec.wakeLatency)
  }

  mutating func setWakePower(run: inout RunState) {
    run.setPowerTerm(
      wakeTerm, to: Double(wakingNodes) * spec.wakeEnergyJ / spec.wakeLatency.seconds)
  }

  // MARK: - Output

  mutating func sample(run: RunState, into values: inout [Double]) {
    values.append(offMeter.intervalMean(endingAt: run.now))
  }

  func summary(run: RunState) -> [SummaryValue] {
    [.integer(Int64(wakes)), .number(offMeter.integral(at: run.now) / 3600, decimals: 3)]
  }
}

extension OutputColumns {
  /// The power-down strategy's `timeseries.csv` column.
  public static let powerDownTimeseries: [ColumnSpec] = [
    ColumnSpec("nodes_off", unit: "nodes", decimals: 3, "nodes switched off, time-weighted mean")
  ]

  /// The power-down strategy's `summary.json` scalars.
  public static let powerDownSummary: [ColumnSpec] = [
    ColumnSpec("wake_count", unit: "wakes", decimals: nil, "times a node was woken"),
    ColumnSpec("node_off_hours", unit: "node·h", decimals: 3, "∫ nodes switched off dt"),
  ]
}
