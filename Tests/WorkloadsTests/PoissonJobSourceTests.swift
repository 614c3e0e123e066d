import SimKernel
import Testing

@testable import Workloads

@Suite struct PoissonJobSourceTests {
  static let source = PoissonJobSource(
    name: "w", meanInterarrival: .minutes(10),
    gpuWeights: [GPURequestWeight(gpus: 1, weight: 3), GPURequestWeight(gpus: 8, weight: 1)],
    duration: .exponential(mean: 3600), users: 4)

  /// Over 200 days at one job per 10 min, the count is Poisson with mean 200·144 = 28,800
  /// (sd √28,800 = 170): within 5 sd. Sizes: P(8 GPUs) = 1/4, so the share of 8-GPU jobs is
  /// within 5·√(0.25·0.75/28,800) = 0.0128 of 0.25. Mean duration within 5·3600/√28,800 = 106 s.
  @Test func arrivalsSizesAndDurationsFollowTheirLaws() {
    let jobs = Self.source.jobs(seed: 1, horizon: .days(200))
    #expect(abs(jobs.count - 28_800) < 850)
    let share = Double(jobs.filter { $0.gpus == 8 }.count) / Double(jobs.count)
    #expect(abs(share - 0.25) < 0.0128)
    let meanDuration = jobs.map(\.work.seconds).reduce(0, +) / Double(jobs.count)
    #expect(abs(meanDuration - 3600) < 106)
    #expect(zip(jobs, jobs.dropFirst()).allSatisfy { $0.submit <= $1.submit })
    #expect(Set(jobs.map(\.user)) == ["user-1", "user-2", "user-3", "user-4"])
  }

  /// Each property has its own stream: changing the duration law leaves arrivals and sizes
  /// exactly as they were.
  @Test func changingDurationsLeavesArrivalsAlone() {
    var other = Self.source
    other.duration = .constant(60)
    let a = Self.source.jobs(seed: 9, horizon: .days(2))
    let b = other.jobs(seed: 9, horizon: .days(2))
    #expect(a.map(\.submit) == b.map(\.submit))
    #expect(a.map(\.gpus) == b.map(\.gpus))
    #expect(b.allSatisfy { $0.work == .seconds(60) })
  }

  @Test func validationNamesTheKey() {
    var bad = Self.source
    bad.meanInterarrival = .zero
    bad.gpuWeights = [GPURequestWeight(gpus: 0, weight: 1)]
    bad.users = 0
    bad.start = .seconds(-1)
    #expect(bad.validate().map(\.key) == ["mean_interarrival", "gpus", "users", "start"])
  }
}
