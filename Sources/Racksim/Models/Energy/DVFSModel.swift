import DataCenter
import Policies
import SimKernel
import Workloads

// The `dvfs` energy strategy (issue 8 item 7; DVFS states: REFERENCES.md §3.1, the catalog's
// (SM clock, relative throughput, power at full load) points).
//
// A job of full-speed duration W submitted at t_s may reach the slowdown σ = target_slowdown
// (slowdown = JCT / W, as in jobs.csv), so it must end by t_s + σ · W. When it starts at t
// with remaining full-speed work R (= W for a first start), it runs in the slowest state whose
// relative throughput θ meets
//     θ ≥ θ_min = R / (t_s + σ · W − t)          (θ_min = 1/σ for a job that did not wait),
// the top state when no state is slow enough to save anything or the budget is gone
// (t_s + σ · W − t ≤ R). The state is chosen once, at the start (a job that waited longer runs
// faster); jobs have no deadline field yet, so the target slowdown is the only goal.
// Nodes shared by several jobs run in the fastest state any of them needs (the model's request
// per node is the smallest state index among its jobs); an idle node is requested at the top
// state (a GPU's idle power does not depend on its state). The engine gives each job the
// relative throughput of the slowest state of its GPUs as its `compute` factor, so other
// models' requests (power-cap, thermal throttling) compose: the ledger runs each node in the
// lowest state any model asks for, and this model never raises a node another model lowered.
//
// Complexity: O(nodes of the job · states) per start or stop.

/// Runs each job in the slowest DVFS state that still meets a target slowdown.
struct DVFSModel: RunModel {
  static let name = "dvfs"

  let spec: DVFSStrategySpec
  /// Per job: its nodes while it runs, and the state (index below the top) it asked for.
  var jobNodes: [[Int32]] = []
  var jobState: [UInt8] = []
  /// Per node: how many running jobs want each state (index below the top).
  var nodeWants: [[Int32]] = []
  var requested: [UInt8] = []
  /// Jobs that ran below the top state.
  var slowedJobs = 0

  var name: String { Self.name }
  var stage: SettleStage { .power }
  var summaryColumns: [ColumnSpec] { OutputColumns.dvfsSummary }

  init(spec: DVFSStrategySpec) { self.spec = spec }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    let site = run.site
    jobNodes = Array(repeating: [], count: run.jobs.count)
    jobState = Array(repeating: 0, count: run.jobs.count)
    nodeWants = (0..<site.nodeCount).map { n in
      Array(repeating: 0, count: site.gpuType(ofNode: n).topDVFSState + 1)
    }
    requested = Array(repeating: 0, count: site.nodeCount)
  }

  mutating func settle(run: inout RunState) {
    for job in run.changes.stoppedJobs where !jobNodes[job.index].isEmpty {
      let nodes = jobNodes[job.index]
      jobNodes[job.index] = []
      for n in nodes {
        nodeWants[Int(n)][Int(jobState[job.index])] -= 1
        refresh(node: Int(n), run: &run)
      }
    }
    for job in run.changes.startedJobs
    where run.jobs.state[job.index] == .running && jobNodes[job.index].isEmpty {
      let nodes = run.jobs.allocations[job.index].map { Int32($0.node.index) }
      let state = chosenState(of: job, on: nodes, run: run)
      jobNodes[job.index] = nodes
      jobState[job.index] = state
      if state > 0 { slowedJobs += 1 }
      for n in nodes {
        nodeWants[Int(n)][Int(state)] += 1
        refresh(node: Int(n), run: &run)
      }
    }
  }

  /// The state (index below the top) for `job` starting now: the slowest whose throughput
  /// meets θ_min on every one of its nodes.
  func chosenState(of job: JobID, on nodes: [Int32], run: RunState) -> UInt8 {
    let spec = run.jobs.specs[job.index]
    let work = Double(spec.work.nanoseconds)
    let remaining = run.jobs.remainingWork(job, at: run.now)
    let deadline = Double(spec.submit.nanoseconds) + self.spec.targetSlowdown * work
    let budget = deadline - Double(run.now.nanoseconds)
    guard work > 0, remaining > 0, budget > remaining else { return 0 }
    let needed = remaining / budget
    var state = UInt8.max
    for n in nodes {
      let gpu = run.site.gpuType(ofNode: Int(n))
      let index = gpu.lowestDVFSState(meetingRelativeThroughput: needed) ?? gpu.topDVFSState
      state = Swift.min(state, UInt8(clamping: gpu.topDVFSState - index))
    }
    return state == .max ? 0 : state
  }

  /// The node's request: the fastest state any of its running jobs wants (the top when idle).
  mutating func refresh(node n: Int, run: inout RunState) {
    let state = UInt8(nodeWants[n].firstIndex { $0 > 0 } ?? 0)
    guard requested[n] != state else { return }
    requested[n] = state
    run.setPowerState(state, of: NodeID(n))
  }

  func summary(run: RunState) -> [SummaryValue] { [.integer(Int64(slowedJobs))] }
}

extension OutputColumns {
  /// The dvfs strategy's `summary.json` scalar.
  public static let dvfsSummary: [ColumnSpec] = [
    ColumnSpec(
      "dvfs_slowed_jobs", unit: "jobs", decimals: nil,
      "job starts the dvfs strategy ran below the top DVFS state")
  ]
}
