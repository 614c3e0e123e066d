import DataCenter
import Policies
import SimKernel
import Workloads

/// The network fabric as a model of the run (`.network` stage): training jobs' collectives as
/// steady-state flows on a shared spine-leaf fabric, and the `network` rate factor they give
/// (issue 9 items 3-4; DESIGN.md "Network"; REFERENCES.md §5.1, §5.3).
///
/// **Flows.** When a job whose workload has `communication:` starts on more than one node, its
/// all-reduce (`CollectivePlan`: ring or tree over its nodes in node order, GPUs node-major)
/// becomes its fabric flows, weight 1 each (one connection per rank pair and channel, the fair
/// share per flow of SimGrid's CM02), routed once (`Fabric.route`, flow key
/// `job index << 32 | flow number`). They stay on the fabric while the job runs and leave when
/// it stops. Max-min fair rates come from `SteadyStateFlows` (dirty components only).
///
/// **Rate.** A job's communication time per iteration is
/// `comm = steps · max(nvlink bytes / B_nvlink, flow bytes / r_min)` (`CollectivePlan`), with
/// `r_min` its slowest flow's rate and `B_nvlink` = the node type's NVLink figure / 2 (the
/// catalog holds NVIDIA's total bidirectional figure, REFERENCES.md §3.1; §5.2 quotes 450 GB/s
/// per direction for H100's 900 GB/s). Iteration time
/// `t(comm) = compute + max(0, comm − overlap · compute)`, and
///
///     network factor = t(comm_idle) / t(comm),
///
/// where `comm_idle` uses each flow's rate alone on an idle fabric (the smallest capacity on
/// its path). So a job's `work` is its duration running alone: alone on a non-blocking fabric
/// (no flow of its own sharing a link) its factor is exactly 1, and it falls below 1 only
/// when links are shared (with other jobs, or between its own flows through oversubscription or
/// ECMP collisions). Single-node jobs use NVLink only: factor 1.
///
/// **Steady-state approximation.** The factor assumes every flow of a job runs for the whole
/// of its communication phase, every iteration, concurrently with every other job's: it is
/// recomputed only when the set of flows sharing its links changes (a job starting or
/// stopping), never per iteration. Real phases of jobs with different compute times overlap
/// only partly, so this is pessimistic: the true iteration time lies between the idle one and
/// this one (`FabricApproximationTests` measures the gap on a two-job case simulated iteration
/// by iteration with `FlowNetwork`).
///
/// **Link load.** A flow's max-min rate is its rate *while* the collective runs; what it
/// carries on average is `steps · flow bytes per step / iteration time` (its job's), and a
/// link's load is the sum of that over its flows. `links.csv` and `fabric_max_link_util`
/// report this carried load, so a link is at utilisation 1 only when its flows communicate
/// all the time.
///
/// **Outputs.** `fabric_max_link_util`, `network_slowdown_mean` (mean of 1 / factor over the
/// running communicating jobs, time-weighted), `fabric_flows`; `links.csv` per interval and
/// link that carried traffic; `summary.json` oversubscription ratios and solver figures;
/// `jobs.csv` columns `leaves` (the leaf switches of the job's hosts in its last run) and
/// `spines` (the spine switches its flows cross; 0 when it stays in one leaf or does not
/// communicate).
struct FabricModel: RunModel {
  let spec: FabricSpec
  var flows: SteadyStateFlows
  let linksFile: ModelFile?
  /// Each link's name in links.csv, as UTF-8, built when the link is first written (empty
  /// until then; no entries without links.csv).
  var linkNameBytes: [[UInt8]] = []
  var factor = RateFactorID(raw: 0)

  /// Per job index: its plan and flows while it runs with flows or NVLink-only communication.
  var jobs: [JobFabricState?] = []
  /// The job of each flow slot.
  var flowJob: [UInt32] = []
  /// Per job index while it has a state: its network factor, and the mean bytes per second
  /// each of its flows carries (steps · flow bytes / iteration time).
  var jobFactor: [Double] = []
  var jobCarried: [Double] = []
  var dirtyJobs: [Int] = []
  var jobMark: [Bool] = []

  // Meters.
  /// Per link (struct of arrays): bytes per second carried (Σ over its flows' jobs of
  /// `carried`), its integral since the last sample up to `linkSince`, and its flows.
  var linkLoad: [Double]
  var linkIntegral: [Double]
  var linkSince: [SimTime]
  var linkFlows: [Int32]
  /// Links with load at the interval start or changed in it, each once (`intervalMark`).
  var intervalLinks: [Int] = []
  var intervalMark: [Bool]
  var slowdownSum = TimeWeighted()
  var communicatingJobs = TimeWeighted()
  var flowMeter = TimeWeighted()
  var solves = 0
  var largestComponent = 0
  var maxFlows = 0
  /// Collective flows of the running jobs (in the solver and in-leaf ring flows).
  var totalFlows = 0
  var lastSample = SimTime.zero
  var linkRow: [UInt8] = []

  var name: String { "fabric" }
  var stage: SettleStage { .network }
  var timeseriesColumns: [ColumnSpec] { OutputColumns.fabricTimeseries }
  var summaryColumns: [ColumnSpec] { OutputColumns.fabricSummary }
  var jobColumns: [ColumnSpec] { OutputColumns.fabricJobs }
  /// Per job: leaves and spines spanned in its last run (0 until it starts).
  var jobLeaves: [UInt32] = []
  var jobSpines: [UInt32] = []

  /// - Parameters:
  ///   - layout: The scenario's `fabric:` section (validated with the scenario).
  ///   - scenario: For the site layout and catalog.
  ///   - links: Where `links.csv` streams, or nil.
  init(layout: FabricLayoutSpec, scenario: Scenario, links: ModelFile?) throws(SimulationError) {
    switch layout.resolve(site: scenario.site, catalog: scenario.hardware) {
    case .success(let s): spec = s
    case .failure(let bad):
      throw .invalidModel(
        "fabric: " + bad.problems.map { "\($0.key): \($0.message)" }.joined(separator: "; "))
    }
    flows = SteadyStateFlows(fabric: Fabric(spec))
    linksFile = layout.recordLinks ? links : nil
    if linksFile != nil { linkNameBytes = Array(repeating: [], count: flows.fabric.linkCount) }
    linkLoad = Array(repeating: 0, count: flows.fabric.linkCount)
    linkIntegral = Array(repeating: 0, count: flows.fabric.linkCount)
    linkSince = Array(repeating: .zero, count: flows.fabric.linkCount)
    linkFlows = Array(repeating: 0, count: flows.fabric.linkCount)
    intervalMark = Array(repeating: false, count: flows.fabric.linkCount)
  }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    factor = try run.registerRateFactor("network")
    jobs = Array(repeating: nil, count: run.jobs.count)
    jobMark = Array(repeating: false, count: run.jobs.count)
    jobFactor = Array(repeating: 1, count: run.jobs.count)
    jobCarried = Array(repeating: 0, count: run.jobs.count)
    jobLeaves = Array(repeating: 0, count: run.jobs.count)
    jobSpines = Array(repeating: 0, count: run.jobs.count)
    if let file = linksFile {
      file.buffer.append(OutputColumns.links.map(\.name).joined(separator: ","))
      file.buffer.newline()
    }
  }

  mutating func settle(run: inout RunState) {
    let now = run.now
    for j in run.changes.stoppedJobs where jobs[j.index] != nil { leave(j.index, run: &run) }
    for j in run.changes.startedJobs
    where jobs[j.index] == nil && run.jobs.state[j.index] == .running {
      if run.jobs.specs[j.index].communication != nil {
        join(j.index, run: &run)
      } else {
        recordSpan(j.index, run: run)
      }
    }
    flows.solve()
    if !flows.changedFlows.isEmpty {
      solves += 1
      largestComponent = Swift.max(largestComponent, flows.statistics.largestComponent)
    }
    for f in flows.changedFlows { mark(Int(flowJob[f.index])) }
    for j in dirtyJobs {
      jobMark[j] = false
      guard let state = jobs[j] else { continue }
      let before = jobFactor[j]
      var slowest = state.localRate
      for f in state.flows { slowest = Swift.min(slowest, flows.rate(of: f)) }
      let comm = state.plan.seconds(nvlinkBytesPerSecond: state.nvlink, minimumFlowRate: slowest)
      let t = state.communication.iterationSeconds(communicationSeconds: comm)
      let f = t > 0 && t.isFinite ? Swift.min(1, state.idealSeconds / t) : 0
      jobFactor[j] = f
      // Bytes the job's flows really carry: steps · flow bytes per iteration.
      let carried =
        t > 0 && t.isFinite ? Double(state.plan.steps) * state.plan.flowBytesPerStep / t : 0
      if carried != jobCarried[j] {
        shiftLinks(state.links, by: carried - jobCarried[j], at: now)
        jobCarried[j] = carried
      }
      if f != before { slowdownSum.add(Self.slowdown(f) - Self.slowdown(before), at: now) }
      run.setRateFactor(factor, of: JobID(j), to: f)
    }
    dirtyJobs.removeAll(keepingCapacity: true)
    flowMeter.set(Double(totalFlows), at: now)
    maxFlows = Swift.max(maxFlows, totalFlows)
  }

  mutating func sample(run: RunState, into values: inout [Double]) {
    let now = run.now
    var maxUtil = 0.0
    var kept: [Int] = []
    intervalLinks.sort()
    let span = (now - lastSample).seconds
    for l in intervalLinks {
      let bytes = linkIntegral[l] + linkLoad[l] * (now - linkSince[l]).seconds
      linkIntegral[l] = 0
      linkSince[l] = now
      let mean = span > 0 ? bytes / span : linkLoad[l]
      let capacity = flows.fabric.capacity(of: LinkID(l))
      if flows.fabric.tier(of: LinkID(l)) > 0 { maxUtil = Swift.max(maxUtil, mean / capacity) }
      if bytes > 0 { writeLink(l, at: now, util: mean / capacity, bytes: bytes) }
      if linkLoad[l] > 0 { kept.append(l) } else { intervalMark[l] = false }
    }
    intervalLinks = kept
    lastSample = now
    values.append(maxUtil)
    let count = communicatingJobs.intervalMean(endingAt: now)
    let sum = slowdownSum.intervalMean(endingAt: now)
    values.append(count > 0 ? sum / count : 1)
    values.append(flowMeter.intervalMean(endingAt: now))
    if let file = linksFile, file.error == nil {
      do { try file.buffer.flushIfFull() } catch { file.error = error }
    }
  }

  func summary(run: RunState) -> [SummaryValue] {
    [
      .number(spec.leafOversubscription, decimals: 4),
      .number(spec.spineOversubscription ?? .nan, decimals: 4),
      .integer(Int64(solves)), .integer(Int64(largestComponent)), .integer(Int64(maxFlows)),
    ]
  }

  // MARK: - Private

  /// Adds job `j`'s flows (it has just started) and computes its idle-fabric iteration time.
  mutating func join(_ j: Int, run: inout RunState) {
    guard let communication = run.jobs.specs[j].communication else { return }
    let allocations = run.jobs.allocations[j]
    let nodes = allocations.map(\.node.index).sorted()
    guard let first = nodes.first else { return }
    let gpusPerNode = Swift.max(1, run.jobs.specs[j].gpus / nodes.count)
    let kind: CollectivePlan.Kind =
      communication.collective == .ring ? .ringAllReduce : .treeAllReduce
    let plan = CollectivePlan(
      kind, bytes: communication.allReduceBytes, nodes: nodes, gpusPerNode: gpusPerNode,
      hostsPerNode: spec.railsPerNode)
    let nodeType = run.site.catalog.nodes[Int(run.site.nodeTypeIndex[first])]
    let nvlink = nodeType.nvlinkBytesPerS / 2
    var ids: [SteadyFlowID] = []
    var links: [LinkID] = []
    var idle = Double.infinity
    var local = Double.infinity
    var leaves = Set<Int>()
    var spines = Set<Int>()
    let fabric = flows.fabric
    // In a ring every host port sends one flow and receives one per channel, and a multi-node
    // job holds whole nodes: a ring flow inside one leaf is alone on its two host links, so its
    // max-min rate is their capacity whatever else runs. It stays out of the solver (exact).
    let ringLike = plan.kind != .treeAllReduce && plan.kind != .allToAll
    for (k, f) in plan.flows.enumerated() {
      leaves.insert(fabric.leaf(of: f.source))
      if ringLike && fabric.leaf(of: f.source) == fabric.leaf(of: f.destination) {
        let up = fabric.hostUplink(f.source)
        let down = fabric.hostDownlink(f.destination)
        let rate = Swift.min(fabric.capacity(of: up), fabric.capacity(of: down))
        local = Swift.min(local, rate)
        idle = Swift.min(idle, rate)
        links.append(up)
        links.append(down)
        continue
      }
      let id = flows.add(
        from: f.source, to: f.destination, flowKey: UInt64(j) << 32 | UInt64(k))
      while flowJob.count <= id.index { flowJob.append(0) }
      flowJob[id.index] = UInt32(j)
      ids.append(id)
      idle = Swift.min(idle, flows.idleRate(of: id))
      for l in flows.path(of: id) {
        links.append(l)
        if fabric.tier(of: l) == 1 { spines.insert(spineIndex(of: l)) }
      }
    }
    for l in links { linkFlows[l.index] += 1 }
    let idealComm = plan.seconds(nvlinkBytesPerSecond: nvlink, minimumFlowRate: idle)
    let state = JobFabricState(
      communication: communication, plan: plan, flows: ids, links: links, localRate: local,
      nvlink: nvlink,
      idealSeconds: communication.iterationSeconds(communicationSeconds: idealComm))
    jobFactor[j] = 1
    jobCarried[j] = 0
    jobs[j] = state
    totalFlows += plan.flows.count
    communicatingJobs.add(1, at: run.now)
    slowdownSum.add(1, at: run.now)
    mark(j)
    if plan.flows.isEmpty {
      recordSpan(j, run: run)
    } else {
      jobLeaves[j] = UInt32(leaves.count)
      jobSpines[j] = UInt32(spines.count)
    }
  }

  /// The leaves of job `j`'s hosts (every rail of each node), for a job without flows.
  mutating func recordSpan(_ j: Int, run: RunState) {
    var leaves = Set<Int>()
    let rails = spec.railsPerNode
    for a in run.jobs.allocations[j] {
      for r in 0..<rails {
        leaves.insert(flows.fabric.leaf(of: HostID(raw: UInt32(a.node.index * rails + r))))
      }
    }
    jobLeaves[j] = UInt32(leaves.count)
    jobSpines[j] = 0
  }

  func jobValues(of job: JobID, run: RunState, into values: inout [Double]) {
    let started = run.jobs.start[job.index] != .never
    values.append(started ? Double(jobLeaves[job.index]) : .nan)
    values.append(started ? Double(jobSpines[job.index]) : .nan)
  }

  /// Removes job `j`'s flows (it stopped or finished); its factor goes back to 1.
  mutating func leave(_ j: Int, run: inout RunState) {
    guard let state = jobs[j] else { return }
    shiftLinks(state.links, by: -jobCarried[j], at: run.now, leaving: true)
    for f in state.flows { flows.remove(f) }
    jobs[j] = nil
    totalFlows -= state.plan.flows.count
    communicatingJobs.add(-1, at: run.now)
    slowdownSum.add(-Self.slowdown(jobFactor[j]), at: run.now)
    run.setRateFactor(factor, of: JobID(j), to: 1)
  }

  /// Adds `delta` bytes/s to the carried load of every link in `links` (one entry per flow
  /// crossing it; when `leaving`, counts those flows off: a link without flows is exactly idle).
  mutating func shiftLinks(
    _ links: [LinkID], by delta: Double, at now: SimTime, leaving: Bool = false
  ) {
    for l in links {
      let i = l.index
      if leaving { linkFlows[i] -= 1 }
      let value = linkFlows[i] == 0 ? 0 : Swift.max(0, linkLoad[i] + delta)
      if value != linkLoad[i] {
        linkIntegral[i] += linkLoad[i] * (now - linkSince[i]).seconds
        linkSince[i] = now
        linkLoad[i] = value
      }
      noteInterval(i)
    }
  }

  /// 1 / factor (0 for a stalled job, which the mean then leaves out).
  static func slowdown(_ factor: Double) -> Double { factor > 0 ? 1 / factor : 0 }

  mutating func mark(_ j: Int) {
    guard !jobMark[j] else { return }
    jobMark[j] = true
    dirtyJobs.append(j)
  }

  /// Puts link `l` on the interval list: every link when links.csv is written, else only the
  /// switch-to-switch links `fabric_max_link_util` looks at.
  mutating func noteInterval(_ l: Int) {
    guard !intervalMark[l], linksFile != nil || flows.fabric.tier(of: LinkID(l)) > 0 else {
      return
    }
    intervalMark[l] = true
    intervalLinks.append(l)
  }

  /// The global spine (pod · spines + spine) of a leaf-spine link.
  func spineIndex(of link: LinkID) -> Int {
    let k = (link.index - 2 * spec.hosts) / 2
    let leaf = k / spec.spines
    let pod = spec.leavesPerPod.map { leaf / $0 } ?? 0
    return pod * spec.spines + k % spec.spines
  }

  mutating func writeLink(_ l: Int, at now: SimTime, util: Double, bytes: Double) {
    guard let file = linksFile else { return }
    FixedDecimal.append(now.seconds, decimals: 3, to: &file.buffer.bytes)
    file.buffer.comma()
    // A link's name is built once, the first time it carries traffic, and kept as bytes.
    if linkNameBytes[l].isEmpty { linkNameBytes[l] = Array(linkName(l).utf8) }
    file.buffer.bytes.append(contentsOf: linkNameBytes[l])
    file.buffer.comma()
    FixedDecimal.appendDigits(UInt64(flows.fabric.tier(of: LinkID(l))), to: &file.buffer.bytes)
    file.buffer.comma()
    file.buffer.number(util, decimals: 4)
    file.buffer.comma()
    file.buffer.number(bytes, decimals: 0)
    file.buffer.newline()
  }

  /// The name of link `l` (see `OutputColumns.links`).
  func linkName(_ l: Int) -> String {
    let direction = l % 2 == 0 ? "up" : "down"
    let leafBase = 2 * spec.hosts
    if l < leafBase { return "h\(l / 2)-\(direction)" }
    let spineBase = leafBase + 2 * spec.leaves * spec.spines
    if l < spineBase {
      let k = (l - leafBase) / 2
      return "leaf\(k / spec.spines)-spine\(k % spec.spines)-\(direction)"
    }
    let k = (l - spineBase) / 2
    let x = Swift.max(1, spec.superSpines)
    let g = k / x
    return "pod\(g / spec.spines)-spine\(g % spec.spines)-super\(k % x)-\(direction)"
  }
}

/// A running job's communication on the fabric.
struct JobFabricState {
  var communication: CommunicationSpec
  var plan: CollectivePlan
  /// Its flows in the solver.
  var flows: [SteadyFlowID]
  /// Every link its flows cross, once per flow (solver flows and in-leaf ring flows).
  var links: [LinkID]
  /// The rate of its in-leaf ring flows (their host links' capacity; `.infinity` if none).
  var localRate: Double
  /// NVLink bandwidth per GPU and direction, bytes/s.
  var nvlink: Double
  /// Iteration time alone on an idle fabric, seconds.
  var idealSeconds: Double
}
