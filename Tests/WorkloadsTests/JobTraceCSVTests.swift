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

  /// Every issue as "line:column: message", for compact expectations.
  static func problems(_ text: String) -> [String] {
    do {
      _ = try JobTraceCSV.parse(text)
      return []
    } catch {
      return error.issues.map { "\($0.line):\($0.column): \($0.message)" }
    }
  }

  /// A file saved on Windows: a UTF-8 byte-order mark and CRLF line ends. The BOM must not
  /// become part of the first column's name, and no CR may end up in a field.
  @Test func readsByteOrderMarkAndCRLF() throws {
    let text = "\u{FEFF}id,submit_s,gpus,duration_s,user\r\na,0,8,60,alice\r\nb,5,1,30,bob\r\n"
    let jobs = try JobTraceCSV.parse(text)
    #expect(jobs.map(\.name) == ["a", "b"])
    #expect(jobs.map(\.user) == ["alice", "bob"])
    #expect(jobs[1].work == .seconds(30))
  }

  /// RFC 4180 quoting: a comma, a doubled quote and a newline inside quoted names. The record
  /// starting on line 2 spans lines 2–3, the next one is on line 4, so a bad record appended
  /// after them is on line 5 ("d,x": gpus at column 3).
  @Test func quotedFieldsFollowRFC4180() throws {
    let text =
      "id,gpus,submit_s,duration_s,user\n\"a,1\",1,0,10,\"line\nbreak\"\n"
      + "\"say \"\"hi\"\"\",2,1,10,\"\"\n"
    let jobs = try JobTraceCSV.parse(text)
    #expect(jobs.map(\.name) == ["a,1", "say \"hi\""])
    #expect(jobs[0].user == "line\nbreak" && jobs[1].user == "")
    let bad = text + "d,x,2,10,u\n"
    #expect(Self.problems(bad) == ["5:3: gpus must be an integer >= 1, got 'x'"])
  }

  /// A quote never closed is reported at the opening quote (line 2, column 3), and text after
  /// a closing quote at the character after it (`"b"x`: column 4).
  @Test func badQuotingIsLocated() {
    #expect(
      Self.problems("id,submit_s,gpus,duration_s\nb,\"0,1,1\n")
        == ["2:3: a quoted field is never closed: its opening quote is here"])
    #expect(
      Self.problems("id,submit_s,gpus,duration_s\n\"b\"x,0,1,1\n")
        == [
          "2:4: unexpected text after a closing quote (write a quote inside a quoted field as \"\")"
        ])
  }

  /// Optional columns: estimate_s (a limit: 100 ≥ 60), priority, user, gpu_utilization.
  @Test func optionalColumns() throws {
    let text =
      "id,submit_s,gpus,duration_s,estimate_s,priority,user,gpu_utilization\n"
      + "a,0,4,60,100,-2,u1,0.25\nb,1,4,60,,0,u2,1\n"
    // b's estimate is empty: not a number ("b,1,4,60," is 9 characters → column 10).
    #expect(Self.problems(text) == ["3:10: estimate_s must be a number >= 0, got ''"])
    let jobs = try JobTraceCSV.parse(
      String(text.split(separator: "\n")[0...1].joined(separator: "\n")))
    #expect(jobs[0].estimate == .seconds(100) && jobs[0].priority == -2)
    #expect(jobs[0].gpuUtilization == 0.25 && jobs[0].user == "u1")
  }

  /// estimate_s is a wall-time limit: 30 s below a 60 s duration is an error at estimate_s
  /// ("a,0,4,60," is 9 characters → column 10).
  @Test func estimateBelowDurationIsAnError() {
    #expect(
      Self.problems("id,submit_s,gpus,duration_s,estimate_s\na,0,4,60,30\n") == [
        "2:10: estimate_s 30 is below duration_s 60: an estimate is a wall-time limit, and "
          + "the job would have been killed at it"
      ])
  }

  /// Negative submit times, and durations past the 100-year limit: 1e10 s is 317 years
  /// (over 100), 9.3e18 s overflows Int64 nanoseconds by itself. Each a located error.
  @Test func negativeAndOverflowingTimesAreLocatedErrors() {
    let text = "id,submit_s,gpus,duration_s\na,-5,1,10\nb,0,1,1e10\nc,0,1,9.3e18\nd,0,1,-1\n"
    let limit =
      "s is more than the limit of 100 years (3155760000 s): times and durations must fit in "
      + "100 years so that their sums fit in Int64 nanoseconds (292 years)"
    #expect(
      Self.problems(text) == [
        "2:3: submit_s must be >= 0 (a submit time before the run starts), got '-5'",
        "3:7: duration_s '1e10' " + limit,
        "4:7: duration_s '9.3e18' " + limit,
        "5:7: duration_s must be >= 0 (a negative duration), got '-1'",
      ])
  }

  /// Exactly 100 years (3,155,760,000 s) is accepted; one nanosecond more is not.
  @Test func theLimitItselfIsAccepted() throws {
    let jobs = try JobTraceCSV.parse("id,submit_s,gpus,duration_s\na,0,1,3155760000\n")
    #expect(jobs[0].work == WorkloadLimits.maxDuration)
    #expect(Self.problems("id,submit_s,gpus,duration_s\na,0,1,3155760000.000000001\n").count == 1)
  }

  /// A duplicate id names both lines (first on 2, again on 4) at the second id.
  @Test func duplicateIDsNameBothLines() {
    #expect(
      Self.problems("id,submit_s,gpus,duration_s\nx,0,1,1\ny,0,1,1\nx,5,1,1\n")
        == ["4:1: job id 'x' appears twice: on line 2 and on line 4"])
  }

  /// Seconds are read exactly: 0.1 s is 100,000,000 ns; sub-nanosecond digits round up for
  /// a duration (1e-10 s → 1 ns) and to nearest for a submit time (1.5e-9 s → 2 ns, ties
  /// away from zero; 1.4e-9 s → 1 ns).
  @Test func secondsAreExactNanoseconds() throws {
    let jobs = try JobTraceCSV.parse(
      "id,submit_s,gpus,duration_s\na,1.5e-9,1,0.1\nb,1.4e-9,1,1e-10\n")
    #expect(jobs[0].submit.nanoseconds == 1 && jobs[0].work.nanoseconds == 1)
    #expect(jobs[1].submit.nanoseconds == 2 && jobs[1].work.nanoseconds == 100_000_000)
  }

  /// A job wider than the site (16 GPUs) is reported at its gpus field by the check the
  /// scenario loader runs with the site's GPU count (line 3 "b,0," → column 5).
  @Test func jobsWiderThanTheSiteAreReported() throws {
    let trace = try JobTraceCSV.read("id,submit_s,gpus,duration_s\na,0,16,1\nb,0,64,1\n")
    #expect(
      trace.issues(clusterGPUs: 16) == [
        TraceIssue(line: 3, column: 5, message: "job 'b' asks for 64 GPUs but the site has only 16")
      ])
  }
}
