import SimKernel
import Testing

@testable import Workloads

/// `invalid_jobs: drop` on the Philly and PAI formats: a negative duration (an attempt or task
/// that ends before it starts) is an error at its line by default, and a counted drop with
/// `drop`.
@Suite struct InvalidPhillyJobTests {
  /// Job a's only attempt ends (line 3) 10 s before it starts; job b runs 08:00:30-09:00:30.
  static let philly = """
    [{"jobid": "a", "user": "u", "submitted_time": "2017-10-03 08:00:00", "attempts": [
      {"start_time": "2017-10-03 08:01:00",
       "end_time": "2017-10-03 08:00:50", "detail": [{"ip": "m1", "gpus": ["g0"]}]}]},
     {"jobid": "b", "user": "u", "submitted_time": "2017-10-03 08:00:00", "attempts": [
      {"start_time": "2017-10-03 08:00:30",
       "end_time": "2017-10-03 09:00:30", "detail": [{"ip": "m1", "gpus": ["g0", "g1"]}]}]}]
    """

  @Test func aNegativeAttemptIsAnErrorByDefault() {
    do {
      _ = try PhillyTrace.read(Self.philly)
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.count == 1)
      #expect(error.issues.first?.line == 3)
    }
  }

  /// With drop: only b remains, 2 GPUs for 3,600 s; one invalid job counted.
  @Test func dropKeepsTheOtherJobs() throws {
    let parsed = try PhillyTrace.read(Self.philly, invalidJobs: .drop)
    #expect(parsed.jobs.map(\.name) == ["b"])
    #expect(parsed.jobs.first?.gpus == 2)
    #expect(parsed.jobs.first?.work == .seconds(3_600))
    #expect(parsed.invalidJobsDropped == 1)
  }
}
