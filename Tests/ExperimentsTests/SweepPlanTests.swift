import Experiments
import Testing

/// Sweep expansion: run order, folder names, seeds and overrides, on hand-written axes.
@Suite struct SweepPlanTests {
  static func plan(_ yaml: String) throws -> SweepPlan {
    do {
      return try SweepPlan.parse(yaml: "base: q.yaml\n" + yaml, file: "s.yaml")
    } catch {
      Issue.record("\(error)")
      throw error
    }
  }

  @Test func cartesianProductFirstAxisSlowestSeedsFastest() throws {
    let plan = try Self.plan(
      """
      axes:
        policies.scheduler: [fifo, sjf]
        horizon: [1d, 2d, 3d]
      seeds: [5, 9]
      """)
    // 2 × 3 × 2 = 12 runs; scheduler slowest, then horizon, then the seeds.
    let expected: [(String, String, UInt64)] = [
      ("fifo", "1d", 5), ("fifo", "1d", 9), ("fifo", "2d", 5), ("fifo", "2d", 9),
      ("fifo", "3d", 5), ("fifo", "3d", 9), ("sjf", "1d", 5), ("sjf", "1d", 9),
      ("sjf", "2d", 5), ("sjf", "2d", 9), ("sjf", "3d", 5), ("sjf", "3d", 9),
    ]
    #expect(plan.runs.count == 12)
    for (i, (scheduler, horizon, seed)) in expected.enumerated() {
      let run = plan.runs[i]
      #expect(run.index == i)
      #expect(run.axisValues.map(\.value) == [scheduler, horizon])
      #expect(run.seed == seed)
      #expect(run.replication == (seed == 5 ? 0 : 1))
      #expect(run.overrides == ["policies.scheduler=\(scheduler)", "horizon=\(horizon)"])
    }
    #expect(plan.axisLabels == ["scheduler", "horizon"])
    #expect(plan.axisKeyPaths == ["policies.scheduler", "horizon"])
    #expect(plan.runs[7].folderName == "0007-scheduler=sjf-horizon=1d-seed=9")
  }

  @Test func zipGroupVariesTogetherInPlaceOfItsFirstKey() throws {
    let plan = try Self.plan(
      """
      axes:
        policies.scheduler: [fifo, sjf]
        horizon: [1d, 2d, 3d]
        policies.placement: [first-fit, best-fit, worst-fit]
      zip: [[policies.placement, horizon]]
      """)
    // Dimensions: scheduler (2), then the group (3) at placement's place; one replication.
    // Values are listed in axis order (scheduler, horizon, placement).
    let expected = [
      ["fifo", "1d", "first-fit"], ["fifo", "2d", "best-fit"], ["fifo", "3d", "worst-fit"],
      ["sjf", "1d", "first-fit"], ["sjf", "2d", "best-fit"], ["sjf", "3d", "worst-fit"],
    ]
    #expect(plan.runs.map { $0.axisValues.map(\.value) } == expected)
    #expect(plan.runs.allSatisfy { $0.replication == 0 })
    #expect(
      plan.runs[4].folderName == "0004-scheduler=sjf-horizon=2d-placement=best-fit-rep=0")
  }

  @Test func countedSeedsAreSharedByEveryConfiguration() throws {
    let plan = try Self.plan(
      """
      axes: {policies.scheduler: [fifo, sjf, las]}
      seeds: 4
      seed: 11
      """)
    // 3 × 4 = 12 runs; run 4k + r is replication r. Common random numbers: the seed depends
    // on r alone, so runs r, 4 + r and 8 + r share it, and the 4 replications differ.
    #expect(plan.runs.count == 12)
    for r in 0..<4 {
      #expect(plan.runs[r].seed == plan.runs[4 + r].seed)
      #expect(plan.runs[r].seed == plan.runs[8 + r].seed)
      #expect(plan.runs[4 + r].replication == r)
    }
    #expect(Set(plan.runs.prefix(4).map(\.seed)).count == 4)
    #expect(plan.runs[11].folderName == "0011-scheduler=las-rep=3")
  }

  @Test func noAxesMeansReplicationsOnly() throws {
    let plan = try Self.plan("seeds: [1, 2, 3]\n")
    #expect(plan.runs.map(\.folderName) == ["0000-seed=1", "0001-seed=2", "0002-seed=3"])
    #expect(plan.runs.allSatisfy { $0.overrides.isEmpty })
  }

  @Test func folderNamesAreFilesystemSafe() throws {
    let plan = try Self.plan(
      """
      axes:
        workloads[0].gpus: [{8: 1}, "a/b c"]
      """)
    // '{', ':', ' ', '}' and '/' become '_'; the quotes of "a b" are part of its flow text.
    #expect(plan.runs.map(\.folderName) == ["0000-gpus=_8__1_-rep=0", "0001-gpus=_a_b_c_-rep=0"])
    #expect(plan.runs[1].overrides == ["workloads[0].gpus=\"a/b c\""])
  }

  @Test func indexWidthGrowsPastTenThousandRuns() throws {
    // 101 values × 100 seeds = 10,100 runs: the last index 10099 has 5 digits, so all do.
    let values = (0...100).map(String.init).joined(separator: ", ")
    let plan = try Self.plan("axes: {x.n: [\(values)]}\nseeds: 100\n")
    #expect(plan.runs.count == 10_100)
    #expect(plan.runs[0].folderName == "00000-n=0-rep=0")
    #expect(plan.runs[10_099].folderName == "10099-n=100-rep=99")
  }
}
