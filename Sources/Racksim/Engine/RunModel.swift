import DataCenter
import Policies
import SimKernel
import Workloads

/// The state of one run and its event handling: jobs, occupancy, power, and the meters the
/// sampler reads. Owned by `Simulation`; one thread, no globals.
struct RunModel: EventHandler {
  typealias Event = SimEvent

  let site: Site
  let horizon: SimTime
  let sampleInterval: SimDuration
  let facilityModel: any FacilityPowerModel

  var cluster: ClusterView
  var jobs: JobTable
  /// Waiting jobs in submission order.
  var queue: [QueuedJob] = []
  var needsScheduling = false
  /// Queue positions leaving during a scheduling pass (reused storage).
  var leavingBuffer: [Int] = []
  var scheduler: any SchedulingPolicy
  var placement: any PlacementPolicy
  var placementRandom: RandomStream
  /// Set when a policy returned an invalid decision; the run stops and reports it.
  var failure: SimulationError? = nil

  // Power: per node, the sum of its GPUs' utilisations and its power; per rack, meters.
  var nodeUtilizationSum: [Double]
  var nodePowerW: [Double]
  var rackPowerW: [TimeWeighted]
  var rackUtilizationSum: [TimeWeighted]
  var meters: SiteMeters

  var recorder: Recorder
  /// Job counters for the summary.
  var jobsStarted = 0
  var jobsFinished = 0
  var jobsRejected = 0
  var lastCompletion: SimTime = .zero

  init(scenario: Scenario, seed: UInt64, jobs specs: [TrainingJob]) throws(SimulationError) {
    let site = Site(layout: scenario.site, catalog: scenario.hardware)
    self.site = site
    horizon = .zero + scenario.horizon
    sampleInterval = scenario.sampleInterval
    facilityModel = ConstantPUEModel(pue: scenario.facility.pue)
    guard let s = PolicyCatalog.scheduler(named: scenario.policies.scheduler) else {
      throw .unknownPolicy(
        PolicyCatalog.unknownNameMessage(scenario.policies.scheduler, family: .scheduler))
    }
    guard let p = PolicyCatalog.placement(named: scenario.policies.placement) else {
      throw .unknownPolicy(
        PolicyCatalog.unknownNameMessage(scenario.policies.placement, family: .placement))
    }
    scheduler = s
    placement = p
    placementRandom = RandomStream(seed: seed, name: "policy/placement")
    cluster = ClusterView(site: site)
    jobs = JobTable(specs)
    nodeUtilizationSum = Array(repeating: 0, count: site.nodeCount)
    nodePowerW = (0..<site.nodeCount).map { site.nodePower($0, utilizationSum: 0) }
    var racks: [TimeWeighted] = []
    racks.reserveCapacity(site.rackCount)
    var itW = 0.0
    for r in 0..<site.rackCount {
      var w = 0.0
      for n in site.nodes(of: RackID(r)) { w += nodePowerW[n] }
      racks.append(TimeWeighted(value: w))
      itW += w
    }
    rackPowerW = racks
    rackUtilizationSum = Array(repeating: TimeWeighted(), count: site.rackCount)
    meters = SiteMeters(
      itPowerW: itW, facilityPowerW: facilityModel.facilityPower(itPowerW: itW),
      freeGPUs: site.gpuCount)
    recorder = Recorder(
      rackCount: site.rackCount, recordRacks: scenario.output.racks,
      expectedSamples: Int(scenario.horizon.nanoseconds / scenario.sampleInterval.nanoseconds) + 2)
  }

  // MARK: - Events

  mutating func handle(_ event: SimEvent, kernel: inout Kernel<SimEvent>) {
    switch event {
    case .arrival(let id):
      arrive(id, kernel: &kernel)
    case .completion(let id, let generation):
      guard jobs.generations.isCurrent(id.index, generation) else { return }
      complete(id, now: kernel.now)
    case .sample:
      recordSample(at: kernel.now)
      let next = kernel.now + sampleInterval
      if kernel.now < horizon {
        kernel.schedule(.sample, at: Swift.min(next, horizon), phase: .sample)
      }
    }
  }

  mutating func settle(kernel: inout Kernel<SimEvent>) {
    guard needsScheduling else { return }
    needsScheduling = false
    schedulingPass(kernel: &kernel)
  }

  // MARK: - Arrivals and completions

  mutating func arrive(_ id: JobID, kernel: inout Kernel<SimEvent>) {
    let j = id.index
    let spec = jobs.specs[j]
    jobs.state[j] = .queued
    queue.append(
      QueuedJob(
        id: id, gpus: spec.gpus, submit: spec.submit, work: spec.work, priority: spec.priority))
    meters.queuedJobs.add(1, at: kernel.now)
    needsScheduling = true
    if j + 1 < jobs.count {
      kernel.schedule(.arrival(JobID(j + 1)), at: jobs.specs[j + 1].submit, phase: .arrival)
    }
  }

  mutating func complete(_ id: JobID, now: SimTime) {
    let j = id.index
    jobs.accrueProgress(j, to: now)
    jobs.rate[j] = 0
    jobs.state[j] = .finished
    jobs.end[j] = now
    jobs.generations.bump(j)
    setJobLoad(j, on: false, now: now)
    for a in jobs.allocations[j] { cluster.release(a) }
    meters.runningJobs.add(-1, at: now)
    jobsFinished += 1
    lastCompletion = now
    needsScheduling = true
  }

  /// Changes running job `j`'s progress rate (1.0 = full speed) from `now` on and reschedules
  /// its completion. The hook for power caps, throttling and network contention.
  mutating func setRate(_ j: Int, to newRate: Double, kernel: inout Kernel<SimEvent>) {
    precondition(jobs.state[j] == .running, "only a running job has a rate")
    jobs.accrueProgress(j, to: kernel.now)
    jobs.rate[j] = newRate
    let generation = jobs.generations.bump(j)
    let done = jobs.completionTime(j)
    if done != .never {
      kernel.schedule(.completion(JobID(j), generation: generation), at: done, phase: .completion)
    }
  }
}

/// Site-wide meters, each integrated exactly between events.
struct SiteMeters {
  var itPowerW: TimeWeighted
  var facilityPowerW: TimeWeighted
  /// GPUs doing a job's work.
  var busyGPUs = TimeWeighted()
  /// GPUs held by a multi-node job on its whole nodes but not used by it.
  var reservedIdleGPUs = TimeWeighted()
  /// GPUs held by no job.
  var freeGPUs: TimeWeighted
  /// Σ utilisation over all GPUs.
  var utilizationSum = TimeWeighted()
  var runningJobs = TimeWeighted()
  var queuedJobs = TimeWeighted()

  init(itPowerW: Double, facilityPowerW: Double, freeGPUs: Int) {
    self.itPowerW = TimeWeighted(value: itPowerW)
    self.facilityPowerW = TimeWeighted(value: facilityPowerW)
    self.freeGPUs = TimeWeighted(value: Double(freeGPUs))
  }
}
