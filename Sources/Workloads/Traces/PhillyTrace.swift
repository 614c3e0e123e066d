import SimKernel

/// Reads Microsoft Philly's `cluster_job_log` (github.com/msr-fiddle/philly-traces;
/// REFERENCES.md §7.2 [P]): a JSON array of job records (JSON Lines, one record per line, is
/// read too), through `JSONScanner`, one record at a time.
///
/// A record: `jobid`, `user`, `vc`, `status` (Pass, Killed, Failed), `submitted_time`, and
/// `attempts`, a list of `{start_time, end_time, detail: [{ip, gpus: [gpu0, …]}]}`. Times are
/// `YYYY-MM-DD HH:MM:SS` strings (or numbers of seconds); all are shifted so the earliest
/// submission is at 0 s. Mapping:
///
/// | Philly | Racksim |
/// |---|---|
/// | `jobid` | `name` (must be unique) |
/// | `submitted_time` | `submit`, rebased |
/// | Σ over attempts of `end_time − start_time` | `work`: all attempts run as one |
/// | the largest attempt's Σ over `detail` of `gpus` count | `gpus` |
/// | `user` | `user` |
///
/// Dropped, counted by reason: jobs with no recorded attempt, jobs whose last `end_time` is
/// null (still running when the trace ended), and jobs with no GPU listed. Dropped fields:
/// `vc`, `status` (passed, killed and failed jobs are all replayed), the machines (`ip`) and
/// GPU names (placement is the simulator's), and the gaps between attempts.
public enum PhillyTrace {
  /// Parses `text`; jobs sorted by (rebased) submit time, file order breaking ties.
  /// - Complexity: O(bytes), plus a sort when the log is out of order.
  /// - Parameter invalidJobs: Whether a job with an attempt that ends before it starts (a
  ///   negative duration) is an error (the default) or dropped and counted.
  public static func read(_ text: String, invalidJobs: InvalidTraceJobs = .error)
    throws(TraceErrors) -> ParsedTrace
  {
    var text = text
    return try text.withUTF8 { read(bytes: $0, invalidJobs: invalidJobs) }.get()
  }

  // MARK: - Private

  private static func read(bytes: UnsafeBufferPointer<UInt8>, invalidJobs: InvalidTraceJobs)
    -> Result<ParsedTrace, TraceErrors>
  {
    var json = JSONScanner(bytes)
    var builder = TraceBuilder()
    builder.invalidJobs = invalidJobs
    do throws(TraceIssue) {
      if json.consume(UInt8(ascii: "[")) {
        if !json.consume(UInt8(ascii: "]")) {
          repeat {
            record(try json.value(depth: 1), &json, &builder)
          } while json.consume(UInt8(ascii: ","))
          try json.expect(UInt8(ascii: "]"), "',' or ']'")
        }
        if json.peek() != nil { throw json.issue("unexpected text after the job array") }
      } else {
        while json.peek() != nil { record(try json.value(), &json, &builder) }
      }
    } catch {
      builder.report(error)
    }
    do {
      return .success(try builder.finish(rebase: true))
    } catch {
      return .failure(error)
    }
  }

  private static func record(
    _ job: JSONScanner.Value, _ json: inout JSONScanner, _ builder: inout TraceBuilder
  ) {
    func fail(_ v: JSONScanner.Value, _ message: String) {
      builder.report(line: v.line, column: json.column(of: v), message)
    }
    guard case .object = job.kind else { return fail(job, "expected a job record {…}") }
    guard let idValue = job["jobid"], case .string(let id) = idValue.kind else {
      return fail(job["jobid"] ?? job, "jobid must be a string")
    }
    guard let submitValue = job["submitted_time"] else {
      return fail(job, "job '\(id)' has no submitted_time")
    }
    guard let submit = seconds(submitValue, json) else {
      return fail(
        submitValue, "submitted_time must be a time like 2017-10-04 19:30:40 (years 1870 to 2069)")
    }
    guard case .array(let attempts)? = job["attempts"]?.kind else {
      return fail(job["attempts"] ?? job, "attempts must be a list")
    }
    guard !attempts.isEmpty else { return builder.drop("no recorded attempt", line: job.line) }
    var total: Int64 = 0
    var gpus = 0
    var gpuPosition = TracePosition(line: job.line, column: 1)
    for (n, attempt) in attempts.enumerated() {
      guard let startValue = attempt["start_time"], let endValue = attempt["end_time"] else {
        return fail(attempt, "an attempt needs start_time and end_time")
      }
      if case .null = endValue.kind {
        if n == attempts.count - 1 {
          return builder.drop("still running (end_time null)", line: job.line)
        }
        return fail(endValue, "end_time is null on an attempt that is not the last")
      }
      guard let start = seconds(startValue, json) else {
        return fail(
          startValue, "start_time must be a time like 2017-10-04 19:30:40 (years 1870 to 2069)")
      }
      guard let end = seconds(endValue, json) else {
        return fail(
          endValue, "end_time must be a time like 2017-10-04 19:30:40 (years 1870 to 2069)")
      }
      guard end >= start else {
        return builder.invalidJob(
          line: endValue.line, column: json.column(of: endValue),
          "end_time is before start_time (a negative duration)", reason: "negative duration")
      }
      let (sum, overflow) = total.addingReportingOverflow(end - start)
      guard !overflow, sum <= WorkloadLimits.maxDuration.nanoseconds else {
        return fail(
          job, TraceFields.tooLong("the attempts of job '\(id)' last", "more than 100 years"))
      }
      total = sum
      var attemptGPUs = 0
      if case .array(let details)? = attempt["detail"]?.kind {
        for d in details {
          if case .array(let list)? = d["gpus"]?.kind { attemptGPUs += list.count }
        }
      }
      if attemptGPUs > gpus {
        gpus = attemptGPUs
        gpuPosition = TracePosition(line: attempt.line, column: json.column(of: attempt))
      }
    }
    guard gpus > 0 else { return builder.drop("no GPU listed", line: job.line) }
    guard total <= WorkloadLimits.maxDuration.nanoseconds else {
      return fail(
        job, TraceFields.tooLong("the attempts of job '\(id)' last", "\(total / 1_000_000_000)"))
    }
    var user = ""
    if case .string(let u)? = job["user"]?.kind { user = u }
    builder.add(
      TrainingJob(
        name: id, submit: SimTime(nanoseconds: submit), gpus: gpus,
        work: SimDuration(nanoseconds: total), user: user),
      line: idValue.line, idColumn: json.column(of: idValue), gpus: gpuPosition)
  }

  /// Nanoseconds of a calendar-time string or a number of seconds, within the 100-year limit.
  private static func seconds(_ v: JSONScanner.Value, _ json: JSONScanner) -> Int64? {
    switch v.kind {
    case .string(let s):
      var utf8 = Array(s.utf8)
      return utf8.withUnsafeMutableBufferPointer {
        TraceNumber.calendarNanoseconds(UnsafeBufferPointer($0), 0..<$0.count)
      }
    case .number(let range):
      guard case .nanoseconds(let ns) = TraceNumber.seconds(json.bytes, range, rounding: .nearest),
        ns.magnitude <= WorkloadLimits.maxDuration.nanoseconds.magnitude
      else { return nil }
      return ns
    default:
      return nil
    }
  }
}
