import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// The preemptive orders, worked by hand on one node of 4 GPUs (TestSupport's test rack with
/// one node). Semantics in `PreemptiveScheduler.swift` and each rule's file: a pass starts
/// what fits in rank order, passing over what does not; then the best waiting job h may
/// suspend running jobs the rule allows until their GPUs cover h's need; a resumed job's
/// remaining work grows by the overhead.
@Suite struct PreemptionTests {
  func job(
    _ name: String, at submit: Double, gpus: Int = 4, work: Double, priority: Int = 0
  ) -> TrainingJob {
    TrainingJob(
      name: name, submit: SimTime(seconds: submit), gpus: gpus, work: .seconds(work),
      priority: priority)
  }

  func run(
    _ jobs: [TrainingJob], _ configure: (inout PolicySelection) -> Void
  ) throws -> [RunResult.JobRow] {
    var s = TestSupport.traceScenario(
      jobs: jobs, horizon: .seconds(1000), sample: .seconds(500), nodesPerRack: 1)
    configure(&s.policies)
    #expect(s.validate().isEmpty)
    var simulation = try Simulation(scenario: s)
    return try simulation.run().jobRows
  }

  /// LAS, thresholds [100 GPU-s], overhead 5 s. A (4 GPUs, 100 s) starts at 0. B (4 GPUs,
  /// 20 s) arrives at 10 in queue 0; A has 4·10 = 40 < 100 GPU-s, also queue 0: no
  /// preemption within a queue. A reaches 100 GPU-s at 0 + ⌈100/4⌉ = 25 (the wake-up) and
  /// drops to queue 1, so B preempts it at 25 (A has 75 s left). B runs 25–45. A resumes at
  /// 45 with 75 + 5 = 80 s to do: it ends at 125; lost 4 GPUs × 5 s = 20 GPU-s; it held
  /// 4·25 + 4·80 = 420 GPU-s. Under fifo: A 0–100, B 100–120.
  @Test func lasDemotesAtTheThresholdAndPreempts() throws {
    let jobs = [job("A", at: 0, work: 100), job("B", at: 10, work: 20)]
    let rows = try run(jobs) {
      $0.scheduler = "las"
      $0.lasThresholdsGPUSeconds = [100]
      $0.preemptionOverhead = .seconds(5)
    }
    #expect(rows.map { $0.start?.seconds } == [0, 25])
    #expect(rows.map { $0.end?.seconds } == [125, 45])
    #expect(rows.map(\.preemptions) == [1, 0])
    #expect(rows.map(\.lostGPUSeconds) == [20, 0])
    #expect(rows[0].gpuSeconds == 420)
    let fifo = try run(jobs) { $0.scheduler = "fifo" }
    #expect(fifo.map { $0.end?.seconds } == [100, 120])
  }

  /// SRTF, overhead 5 s. A (100 s) starts at 0. B (50 s) at 10: r(A) = 100 − 10 = 90 >
  /// r(B) + overhead = 55, so A is preempted at 10; B runs 10–60. C (46 s) at 20: r(B) =
  /// 50 − 10 = 40 < 46 + 5, so C waits. At 60 the queue is C (46) before A (90): C runs
  /// 60–106 (A does not preempt it: 46 < 90 + 5). A resumes at 106 with 90 + 5 = 95 s to do
  /// and ends at 201; lost 4 × 5 = 20 GPU-s.
  @Test func srtfPreemptsForAShorterJob() throws {
    let jobs = [job("A", at: 0, work: 100), job("B", at: 10, work: 50), job("C", at: 20, work: 46)]
    let rows = try run(jobs) {
      $0.scheduler = "srtf"
      $0.preemptionOverhead = .seconds(5)
    }
    #expect(rows.map { $0.start?.seconds } == [0, 10, 60])
    #expect(rows.map { $0.end?.seconds } == [201, 60, 106])
    #expect(rows.map(\.preemptions) == [1, 0, 0])
    #expect(rows.map(\.lostGPUSeconds) == [20, 0, 0])
  }

  /// The anti-thrash margin: B (88 s) at 10 against r(A) = 90. With overhead 5, 90 ≤ 88 + 5:
  /// no preemption, B waits for A (0–100) and runs 100–188. With no overhead, 90 > 88: A is
  /// preempted at 10, B runs 10–98, A resumes with 90 s and ends at 188.
  @Test func srtfDoesNotPreemptForLessThanTheOverhead() throws {
    let jobs = [job("A", at: 0, work: 100), job("B", at: 10, work: 88)]
    let margin = try run(jobs) {
      $0.scheduler = "srtf"
      $0.preemptionOverhead = .seconds(5)
    }
    #expect(margin.map { $0.end?.seconds } == [100, 188])
    #expect(margin.map(\.preemptions) == [0, 0])
    let free = try run(jobs) { $0.scheduler = "srtf" }
    #expect(free.map { $0.end?.seconds } == [188, 98])
    #expect(free.map(\.preemptions) == [1, 0])
  }

  /// Round-robin, quantum 30 s, no overhead. A (70 s) starts at 0; B (40 s) waits from 10.
  /// At 30 (A's slice ends: the wake-up) A is suspended (40 s left, queued since 30) and B
  /// runs 30–60. At 60 B is suspended (10 s left, queued since 60) and A, queued earlier,
  /// runs 60–90 (10 s left). At 90 A is suspended again and B finishes its 10 s at 100; A
  /// runs its last 10 s 100–110.
  @Test func roundRobinRotatesEveryQuantum() throws {
    let jobs = [job("A", at: 0, work: 70), job("B", at: 10, work: 40)]
    let rows = try run(jobs) {
      $0.scheduler = "round-robin"
      $0.quantum = .seconds(30)
    }
    #expect(rows.map { $0.start?.seconds } == [0, 30])
    #expect(rows.map { $0.end?.seconds } == [110, 100])
    #expect(rows.map(\.preemptions) == [2, 1])
  }

  /// A job alone past its quantum keeps running: nothing waits, so no wake-up preempts it.
  @Test func roundRobinLeavesALoneJobRunning() throws {
    let rows = try run([job("A", at: 0, work: 100)]) {
      $0.scheduler = "round-robin"
      $0.quantum = .seconds(30)
    }
    #expect(rows.map { $0.end?.seconds } == [100])
    #expect(rows.map(\.preemptions) == [0])
  }

  /// Priority with preempt, overhead 10 s. A (priority 0, 4 GPUs, 100 s) starts at 0. B
  /// (priority 5, 2 GPUs, 50 s) at 10 needs 2 GPUs, 0 are free; A has lower priority: it is
  /// preempted at 10 (90 s left) and B runs 10–60 on 2 GPUs. C (priority 0, 2 GPUs, 10 s) at
  /// 20 ranks behind A (equal priority, earlier submit); A needs 4 with 2 free and B may not
  /// be preempted (5 > 0), so A is passed over (preemptive orders are work-conserving) and C
  /// runs 20–30 on the 2 free GPUs. At 60 A resumes with 90 + 10 = 100 s: it ends at 160,
  /// lost 4 × 10 = 40 GPU-s, held 4·10 + 4·100 = 440 GPU-s.
  /// Without preemption (strict order): A 0–100, then B and C both start at 100.
  @Test func priorityPreemptsLowerPriorityJobs() throws {
    let jobs = [
      job("A", at: 0, work: 100, priority: 0), job("B", at: 10, gpus: 2, work: 50, priority: 5),
      job("C", at: 20, gpus: 2, work: 10, priority: 0),
    ]
    let rows = try run(jobs) {
      $0.scheduler = "priority"
      $0.preempt = true
      $0.preemptionOverhead = .seconds(10)
    }
    #expect(rows.map { $0.start?.seconds } == [0, 10, 20])
    #expect(rows.map { $0.end?.seconds } == [160, 60, 30])
    #expect(rows.map(\.preemptions) == [1, 0, 0])
    #expect(rows.map(\.lostGPUSeconds) == [40, 0, 0])
    #expect(rows[0].gpuSeconds == 440)
    let plain = try run(jobs) { $0.scheduler = "priority" }
    #expect(plain.map { $0.start?.seconds } == [0, 100, 100])
    #expect(plain.map(\.preemptions) == [0, 0, 0])
  }

  /// Options that do not apply, and bad values, are reported at their keys.
  @Test func misplacedOptionsAreErrors() {
    var s = TestSupport.traceScenario(
      jobs: [job("A", at: 0, work: 1)], horizon: .seconds(10), sample: .seconds(5))
    s.policies.preempt = true
    s.policies.quantum = .seconds(30)
    s.policies.lasThresholdsGPUSeconds = [10]
    s.policies.preemptionOverhead = .seconds(1)
    #expect(
      s.validate().map { "\($0.path): \($0.message)" } == [
        "policies.preempt: applies to scheduler 'priority' only "
          + "(scheduler 'fifo' does not preempt)",
        "policies.las_thresholds_gpu_s: applies to scheduler 'las' only",
        "policies.quantum: applies to scheduler 'round-robin' only",
        "policies.preemption_overhead: applies to preemptive schedulers only "
          + "(fifo does not preempt)",
      ])
    var las = s
    las.policies = PolicySelection(scheduler: "las", backfill: "easy")
    las.policies.lasThresholdsGPUSeconds = [100, 50]
    #expect(
      las.validate().map { "\($0.path): \($0.message)" } == [
        "policies.backfill: 'easy' backfilling does not combine with scheduler 'las'",
        "policies.las_thresholds_gpu_s: thresholds must be strictly ascending",
      ])
  }
}
