import SimKernel
import Testing

@testable import Workloads

@Suite struct JobTraceCSVTests {
  /// Columns in any order, optional ones included, sorted by submit time with file order
  /// breaking ties ("b" and "c" both at 5 s keep their order).
  @Test func parsesAndSortsBySubmitTime() throws {
    let text = """
      id,gpus,submit_s,duration_s,priority,user
      a,8,10.5,3600,1,alice
      b,1,5,60,0,bob
      # a comment
      c,2,5,1.25,0,carol

      """
    let jobs = try JobTraceCSV.parse(text)
    #expect(jobs.map(\.name) == ["b", "c", "a"])
    #expect(jobs[2].submit == SimTime(nanoseconds: 10_500_000_000))
    #expect(jobs[2].work == .seconds(3600) && jobs[2].gpus == 8 && jobs[2].priority == 1)
    #expect(jobs[1].work.nanoseconds == 1_250_000_000 && jobs[2].user == "alice")
  }

  /// Every bad field is reported with its 1-based line and column:
  /// line 2 "x,abc,-1,10": gpus "abc" at column 3, submit "-1" at column 7;
  /// line 3 has 3 fields instead of 4.
  @Test func reportsEveryProblemWithLineAndColumn() {
    let text = "id,gpus,submit_s,duration_s\nx,abc,-1,10\ny,1,2\n"
    #expect(throws: TraceErrors.self) { try JobTraceCSV.parse(text) }
    do {
      _ = try JobTraceCSV.parse(text)
    } catch {
      #expect(error.issues.map { [$0.line, $0.column] } == [[2, 7], [2, 3], [3, 1]])
      #expect(error.issues[1].message.contains("gpus must be an integer >= 1"))
    }
  }

  @Test func unknownAndMissingColumnsListTheValidOnes() {
    do {
      _ = try JobTraceCSV.parse("id,submit,gpus\n")
      Issue.record("expected an error")
    } catch {
      let messages = error.issues.map(\.message)
      #expect(
        messages.contains { $0.contains("unknown column 'submit'") && $0.contains("submit_s") })
      #expect(messages.contains("missing required column 'submit_s'"))
      #expect(messages.contains("missing required column 'duration_s'"))
    }
  }
}
