import DataCenter
import Policies
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// Properties of every scheduler over seeded random job lists (integer-second submits and
/// durations). Each failure message names the seed; a loop replays it.
@Suite struct SchedulingPropertyTests {
  /// `count` jobs: submits 0–19 s apart, sizes from `sizes`, 10–209 s of work, estimates 1–3×
  /// the true duration when `estimates`, priorities 0–3.
  static func jobs(
    seed: Int, count: Int = 30, sizes: [Int], estimates: Bool = false
  ) -> [TrainingJob] {
    var random = RandomStream(seed: UInt64(seed), name: "scheduling-property")
    var jobs: [TrainingJob] = []
    var t = 0
    for k in 0..<count {
      t += random.nextInt(below: 20)
      let gpus = sizes[random.nextInt(below: sizes.count)]
      let work = 10 + random.nextInt(below: 200)
      let estimate = estimates ? work * (1 + random.nextInt(below: 3)) : nil
      jobs.append(
        TrainingJob(
          name: "j\(k)", submit: SimTime(seconds: Double(t)), gpus: gpus,
          work: .seconds(Double(work)), priority: random.nextInt(below: 4),
          estimate: estimate.map { .seconds(Double($0)) }))
    }
    return jobs
  }

  /// Runs the scenario second by second to the end of its horizon, calling `check` after
  /// every second (every event time is a whole second here, so each instant is seen settled).
  static func step(
    _ scenario: Scenario, seconds: Int, _ check: (Simulation, Int) -> Void
  ) throws {
    var simulation = try Simulation(scenario: scenario)
    for t in 0...seconds {
      try simulation.advance(to: SimTime(seconds: Double(t)))
      check(simulation, t)
      if simulation.state.jobsFinished == simulation.state.jobs.count { return }
    }
  }

  /// Capacity is never exceeded, measured from the jobs' own allocations (not from the free
  /// counts the engine validates against): on every node, the GPUs that running jobs hold
  /// are at most the node's GPUs. For every scheduler, preemptive or not.
  @Test(arguments: [
    ("fifo", "easy"), ("sjf", "none"), ("las", "none"), ("srtf", "none"),
    ("round-robin", "none"), ("priority+preempt", "none"),
  ])
  func capacityIsNeverExceeded(scheduler: String, backfill: String) throws {
    for seed in 0..<6 {
      var s = TestSupport.traceScenario(
        jobs: Self.jobs(seed: seed, sizes: [1, 2, 4, 8, 12], estimates: true),
        horizon: .seconds(20_000), sample: .seconds(10_000), nodesPerRack: 3)
      s.policies.scheduler = scheduler == "priority+preempt" ? "priority" : scheduler
      s.policies.preempt = scheduler == "priority+preempt" ? true : nil
      s.policies.backfill = backfill
      if scheduler == "round-robin" { s.policies.quantum = .seconds(25) }
      if scheduler == "las" { s.policies.lasThresholdsGPUSeconds = [50, 200, 800] }
      var worst = 0
      try Self.step(s, seconds: 20_000) { sim, t in
        var held = Array(repeating: 0, count: sim.state.site.nodeCount)
        for job in sim.state.jobs.running {
          for a in sim.state.jobs.allocations[job.index] { held[a.node.index] += Int(a.gpus) }
        }
        for n in held.indices where held[n] > Int(sim.state.site.nodeGPUCount[n]) {
          worst = Swift.max(worst, held[n])
        }
      }
      // 3 nodes of 4 GPUs: no node may hold more than 4.
      #expect(worst == 0, "\(scheduler) seed \(seed): a node held \(worst) GPUs")
    }
  }

  /// sjf without backfilling: a job S ahead of J in the order (estimate, submit, ID) that was
  /// submitted by the time J started has started by then too. (With `none` a shorter job that
  /// does not fit blocks J, so this is the strong form of "never starts a longer job before
  /// a shorter one that fit at that moment".)
  @Test func sjfNeverStartsALongerJobFirst() throws {
    for seed in 0..<20 {
      let jobs = Self.jobs(seed: seed, count: 40, sizes: [1, 2, 4, 8], estimates: true)
      var s = TestSupport.traceScenario(
        jobs: jobs, horizon: .seconds(50_000), sample: .seconds(25_000))
      s.policies.scheduler = "sjf"
      var simulation = try Simulation(scenario: s)
      let rows = try simulation.run().jobRows
      func key(_ k: Int) -> (SimDuration, SimTime, Int) {
        (jobs[k].estimate ?? jobs[k].work, jobs[k].submit, k)
      }
      var violations: [String] = []
      // Pairs that really competed: both waiting at one moment before either started, so the
      // order had a choice to make (the check is empty without them).
      var contended = 0
      for sj in rows.indices {
        for jj in rows.indices where key(sj) < key(jj) {
          guard let startJ = rows[jj].start, jobs[sj].submit <= startJ else { continue }
          let startS = rows[sj].start ?? .never
          if max(jobs[sj].submit, jobs[jj].submit) < min(startS, startJ) { contended += 1 }
          if startS > startJ {
            violations.append("j\(jj) started at \(startJ.seconds) before shorter j\(sj)")
          }
        }
      }
      #expect(contended > 0, "seed \(seed): no two jobs ever waited together")
      #expect(rows.allSatisfy { $0.end != nil }, "seed \(seed)")
      let clean = violations.isEmpty
      #expect(clean, "seed \(seed): \(violations.prefix(3))")
    }
  }

  /// las with 1-GPU jobs (so a waiting job can always use a preempted job's GPU): at every
  /// settled instant no running job is in a later queue than a waiting job, the queues being
  /// those of the engine's own GPU-second meter (held GPU-seconds = GPUs × seconds run here:
  /// 1-GPU allocations, no overhead). Thresholds 20, 50, 100, 200, 400 GPU-s.
  @Test func lasNeverRunsAJobWithMoreServiceThanAWaitingOne() throws {
    let thresholds: [Double] = [20, 50, 100, 200, 400]
    func queue(_ attained: Double) -> Int { thresholds.filter { $0 <= attained }.count }
    for seed in 0..<15 {
      var s = TestSupport.traceScenario(
        jobs: Self.jobs(seed: seed, sizes: [1]), horizon: .seconds(20_000),
        sample: .seconds(10_000), nodesPerRack: 1)
      s.policies.scheduler = "las"
      s.policies.lasThresholdsGPUSeconds = thresholds
      var violations: [String] = []
      var preemptions = 0
      try Self.step(s, seconds: 20_000) { sim, t in
        let jobs = sim.state.jobs
        let now = SimTime(seconds: Double(t))
        var worstRunning = -1
        var bestWaiting = Int.max
        for j in 0..<jobs.count {
          let q = queue(jobs.gpuSeconds(JobID(j), at: now))
          if jobs.state[j] == .running { worstRunning = Swift.max(worstRunning, q) }
          if jobs.state[j] == .queued { bestWaiting = Swift.min(bestWaiting, q) }
        }
        if worstRunning > bestWaiting {
          violations.append("t=\(t): running queue \(worstRunning) > waiting \(bestWaiting)")
        }
        preemptions = jobs.preemptions.reduce(0) { $0 + Int($1) }
      }
      let clean = violations.isEmpty
      #expect(clean, "seed \(seed): \(violations.prefix(3))")
      #expect(preemptions > 0, "seed \(seed): no preemption, the property is empty")
    }
  }
}
