import DataCenter
import Policies
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// EASY backfilling, worked by hand on TestSupport's 4-GPU nodes (a job of more than 4 GPUs
/// takes whole nodes). Semantics in `EasyBackfillScheduler.swift`.
@Suite struct BackfillTests {
  func job(
    _ name: String, at submit: Double, gpus: Int, work: Double, estimate: Double? = nil
  ) -> TrainingJob {
    TrainingJob(
      name: name, submit: SimTime(seconds: submit), gpus: gpus, work: .seconds(work),
      estimate: estimate.map { .seconds($0) })
  }

  func starts(
    _ jobs: [TrainingJob], nodes: Int = 2, backfill: String = "easy"
  ) throws -> [Double?] {
    var s = TestSupport.traceScenario(
      jobs: jobs, horizon: .seconds(1000), sample: .seconds(500), nodesPerRack: nodes)
    s.policies.backfill = backfill
    var simulation = try Simulation(scenario: s)
    return try simulation.run().jobRows.map { $0.start?.seconds }
  }

  /// Two nodes. A (4 GPUs, 100 s) runs on node 0. B (8 GPUs) at 10 is blocked; its shadow time
  /// is A's end, 100 (4 free + A's 4 = 8), extra = 0. C (4 GPUs, 30 s) at 20 fits on node 1
  /// and ends at 50 ≤ 100: it backfills at 20. B starts at 100, as reserved. Without
  /// backfilling C waits behind B until B ends at 150.
  @Test func aShortJobBackfillsAheadOfABlockedWideJob() throws {
    let jobs = [
      job("A", at: 0, gpus: 4, work: 100), job("B", at: 10, gpus: 8, work: 50),
      job("C", at: 20, gpus: 4, work: 30),
    ]
    #expect(try starts(jobs) == [0, 100, 20])
    #expect(try starts(jobs, backfill: "none") == [0, 100, 150])
  }

  /// The same, but C estimates 200 s (it really takes 30): it would end by its estimate at
  /// 220 > the shadow time 100, and needs 4 > extra = 0 GPUs, so it may not backfill; it
  /// starts after B, at 150.
  @Test func anOverEstimatedJobDoesNotBackfill() throws {
    let jobs = [
      job("A", at: 0, gpus: 4, work: 100), job("B", at: 10, gpus: 8, work: 50),
      job("C", at: 20, gpus: 4, work: 30, estimate: 200),
    ]
    #expect(try starts(jobs) == [0, 100, 150])
  }

  /// Three nodes (12 GPUs). A (8 GPUs = nodes 0–1, 100 s). B (8 GPUs) at 10 is blocked (one
  /// whole node free); shadow 100 (4 free + A's 8 = 12 ≥ 8), extra = 12 − 8 = 4. C (2 GPUs,
  /// 500 s) at 20 ends long after the shadow time but needs 2 ≤ extra: it backfills at 20 on
  /// node 2, and extra becomes 2. At 100 nodes 0–1 are free and B starts on time.
  @Test func extraLetsALongNarrowJobBackfill() throws {
    let jobs = [
      job("A", at: 0, gpus: 8, work: 100), job("B", at: 10, gpus: 8, work: 50),
      job("C", at: 20, gpus: 2, work: 500),
    ]
    #expect(try starts(jobs, nodes: 3) == [0, 100, 20])
  }

  /// `easy-backfill` as a scheduler name means fifo with easy.
  @Test func easyBackfillIsFifoWithEasy() throws {
    let jobs = [
      job("A", at: 0, gpus: 4, work: 100), job("B", at: 10, gpus: 8, work: 50),
      job("C", at: 20, gpus: 4, work: 30),
    ]
    var s = TestSupport.traceScenario(jobs: jobs, horizon: .seconds(1000), sample: .seconds(500))
    s.policies.scheduler = "easy-backfill"
    var simulation = try Simulation(scenario: s)
    #expect(try simulation.run().jobRows.map { $0.start?.seconds } == [0, 100, 20])
  }

  /// On seeded random job lists (estimates 1–3× the true duration): every job starts no
  /// earlier than its submission and finishes within the horizon. The reservation guarantee
  /// is `easyHeadsStartByTheirReservations` below; capacity, measured from the jobs' own
  /// allocations, is `SchedulingPropertyTests.capacityIsNeverExceeded`.
  @Test func randomListsRunToCompletion() throws {
    for seed in 0..<30 {
      var random = RandomStream(seed: UInt64(seed), name: "backfill-property")
      var jobs: [TrainingJob] = []
      var t = 0.0
      for k in 0..<40 {
        t += Double(random.nextInt(below: 20))
        let gpus = [1, 2, 4, 8, 12][random.nextInt(below: 5)]
        let work = Double(10 + random.nextInt(below: 200))
        let estimate = work * (1 + Double(random.nextInt(below: 3)))
        jobs.append(job("j\(k)", at: t, gpus: gpus, work: work, estimate: estimate))
      }
      var s = TestSupport.traceScenario(
        jobs: jobs, horizon: .seconds(100_000), sample: .seconds(50_000), nodesPerRack: 3)
      s.policies.backfill = "easy"
      var simulation = try Simulation(scenario: s)
      let rows = try simulation.run().jobRows
      #expect(rows.allSatisfy { $0.end != nil }, "seed \(seed)")
      #expect(rows.allSatisfy { ($0.start ?? .zero) >= $0.submit }, "seed \(seed)")
    }
  }

  /// fifo + easy on nodes of one GPU (so GPU counts are exactly what placement needs and the
  /// reservation is a promise): every blocked head starts no later than every shadow time it
  /// was given. Estimates are 1–3× the true duration, so running jobs end by their estimates.
  @Test func easyHeadsStartByTheirReservations() throws {
    for seed in 0..<20 {
      var s = TestSupport.traceScenario(
        jobs: SchedulingPropertyTests.jobs(
          seed: seed, count: 40, sizes: [1, 2, 3, 5, 8, 12], estimates: true),
        horizon: .seconds(20_000), sample: .seconds(10_000), gpusPerNode: 1, nodesPerRack: 12)
      s.policies.backfill = "easy"
      var promised: [Int: SimTime] = [:]
      var reservations = 0
      var late: [String] = []
      try SchedulingPropertyTests.step(s, seconds: 20_000) { sim, t in
        let jobs = sim.state.jobs
        for (j, shadow) in promised where jobs.start[j] != .never && jobs.start[j] > shadow {
          late.append("j\(j) started \(jobs.start[j].seconds) > reservation \(shadow.seconds)")
        }
        // A head still waiting after its reservation is late too (starved heads never start).
        for (j, shadow) in promised where jobs.start[j] == .never && Double(t) > shadow.seconds {
          late.append("j\(j) still waiting at \(t) > reservation \(shadow.seconds)")
        }
        promised = promised.filter { jobs.start[$0.key] == .never }
        guard let easy = sim.engine.scheduler as? EasyBackfillScheduler<FIFOOrder>,
          let r = easy.reservation
        else { return }
        reservations += 1
        promised[r.job.index] = Swift.min(promised[r.job.index] ?? .never, r.shadow)
      }
      let onTime = late.isEmpty
      #expect(onTime, "seed \(seed): \(late.prefix(3))")
      // The lists are dense enough that heads block (else the property is empty).
      #expect(reservations > 0, "seed \(seed): no head was ever blocked")
    }
  }
}
