import SimKernel

/// Where a job's GPU count is written in its trace, so that checks made after reading (a job
/// wider than the site) still point at the line.
public struct TracePosition: Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var file: TraceFile
  public init(line: Int, column: Int, file: TraceFile = .main) {
    self.line = line
    self.column = column
    self.file = file
  }
}

/// Records a reader skipped on purpose (documented per format, e.g. a CPU-only job), counted
/// by reason so that a summary can say how much of the trace was replayed.
public struct TraceDrop: Sendable, Equatable {
  public var reason: String
  public var count: Int
  /// The first line skipped for this reason.
  public var firstLine: Int
  public init(reason: String, count: Int, firstLine: Int) {
    self.reason = reason
    self.count = count
    self.firstLine = firstLine
  }
}

/// The jobs of one trace, sorted by submit time (stable: file order breaks ties), with where
/// each came from.
public struct ParsedTrace: Sendable, Equatable {
  public var jobs: [TrainingJob]
  /// `positions[i]` is where `jobs[i]`'s GPU count is written.
  public var positions: [TracePosition]
  public var dropped: [TraceDrop]

  public init(jobs: [TrainingJob], positions: [TracePosition], dropped: [TraceDrop] = []) {
    self.jobs = jobs
    self.positions = positions
    self.dropped = dropped
  }

  /// One issue per job that asks for more GPUs than the site has, at its GPU count.
  ///
  /// Such a job could never start and would block a FIFO queue for the whole run, so a
  /// scenario that replays it is refused. The caller passes the site's total GPU count.
  /// - Complexity: O(jobs).
  public func issues(clusterGPUs: Int) -> [TraceIssue] {
    var issues: [TraceIssue] = []
    for (job, position) in zip(jobs, positions) where job.gpus > clusterGPUs {
      issues.append(
        TraceIssue(
          line: position.line, column: position.column,
          message: "job '\(job.name)' asks for \(job.gpus) GPUs but the site has only "
            + "\(clusterGPUs)", file: position.file))
    }
    return issues
  }
}

/// Collects the jobs of a trace as a reader streams through it: duplicate ids, the limits of
/// `WorkloadLimits`, drops, and the final sort.
struct TraceBuilder {
  private(set) var issues: [TraceIssue] = []
  private var jobs: [TrainingJob] = []
  private var positions: [TracePosition] = []
  private var lineOfID: [String: Int] = [:]
  private var dropped: [TraceDrop] = []

  mutating func report(_ issue: TraceIssue) { issues.append(issue) }

  mutating func report(line: Int, column: Int, _ message: String, file: TraceFile = .main) {
    issues.append(TraceIssue(line: line, column: column, message: message, file: file))
  }

  /// Adds a job read at `line`; a second job with the same id is an error naming both lines.
  mutating func add(_ job: TrainingJob, line: Int, idColumn: Int, gpus: TracePosition) {
    if let first = lineOfID[job.name] {
      report(
        line: line, column: idColumn,
        "job id '\(job.name)' appears twice: on line \(first) and on line \(line)")
      return
    }
    lineOfID[job.name] = line
    jobs.append(job)
    positions.append(gpus)
  }

  /// Counts a record skipped for `reason`.
  mutating func drop(_ reason: String, line: Int) {
    if let i = dropped.firstIndex(where: { $0.reason == reason }) {
      dropped[i].count += 1
    } else {
      dropped.append(TraceDrop(reason: reason, count: 1, firstLine: line))
    }
  }

  /// The sorted jobs, or every issue found.
  /// - Parameter rebase: Shift submit times so the earliest is 0 (for formats whose times are
  ///   calendar times or shifted epochs).
  /// - Complexity: O(n log n) for the sort, O(n) when the trace is already in order.
  consuming func finish(rebase: Bool = false) throws(TraceErrors) -> ParsedTrace {
    if !issues.isEmpty { throw TraceErrors(issues) }
    if rebase, let earliest = jobs.lazy.map(\.submit.nanoseconds).min(), earliest != 0 {
      for i in jobs.indices {
        jobs[i].submit = SimTime(nanoseconds: jobs[i].submit.nanoseconds - earliest)
        if jobs[i].submit.nanoseconds > WorkloadLimits.maxDuration.nanoseconds {
          issues.append(
            TraceIssue(
              line: positions[i].line, column: 1,
              message: "job '\(jobs[i].name)' is submitted more than "
                + "\(WorkloadLimits.maxDescription) after the trace's first job"))
        }
      }
      if !issues.isEmpty { throw TraceErrors(issues) }
    }
    let inOrder = zip(jobs, jobs.dropFirst()).allSatisfy { $0.submit <= $1.submit }
    if !inOrder {
      let order = jobs.indices.sorted { (jobs[$0].submit, $0) < (jobs[$1].submit, $1) }
      jobs = order.map { jobs[$0] }
      positions = order.map { positions[$0] }
    }
    return ParsedTrace(jobs: jobs, positions: positions, dropped: dropped)
  }
}

/// Checked reading of the time fields of a record, with the limit of `WorkloadLimits`.
struct TraceFields {
  let scanner: CSVScanner

  enum Kind {
    /// A submit time: rounded to nearest, must be ≥ 0.
    case instant
    /// A duration: rounded up, must be ≥ 0.
    case duration
    /// A calendar time or seconds, any sign (rebased later).
    case calendar
  }

  /// Nanoseconds in `field`, or nil with an issue added to `builder`.
  func seconds(
    _ field: CSVScanner.Field, _ name: String, _ kind: Kind, _ builder: inout TraceBuilder,
    file: TraceFile = .main
  ) -> Int64? {
    let b = scanner.bytes
    if kind == .calendar, let ns = TraceNumber.calendarNanoseconds(b, field.range) {
      return ns
    }
    let parsed = TraceNumber.seconds(b, field.range, rounding: kind == .duration ? .up : .nearest)
    let written = scanner.text(field)
    let column = scanner.column(field)
    switch parsed {
    case .invalid:
      let expected =
        kind == .calendar
        ? "a number of seconds or a time like 2020-04-01 12:00:00 (years 1870 to 2069)"
        : "a number >= 0"
      builder.report(
        line: field.line, column: column, "\(name) must be \(expected), got '\(written)'",
        file: file)
      return nil
    case .tooLarge(negative: true) where kind != .calendar:
      builder.report(
        line: field.line, column: column, "\(name) must be >= 0, got '\(written)'", file: file)
      return nil
    case .tooLarge:
      builder.report(line: field.line, column: column, Self.tooLong(name, written), file: file)
      return nil
    case .nanoseconds(let ns):
      if kind != .calendar, ns < 0 {
        let what = kind == .instant ? "a submit time before the run starts" : "a negative duration"
        builder.report(
          line: field.line, column: column, "\(name) must be >= 0 (\(what)), got '\(written)'",
          file: file)
        return nil
      }
      if ns.magnitude > WorkloadLimits.maxDuration.nanoseconds.magnitude {
        builder.report(line: field.line, column: column, Self.tooLong(name, written), file: file)
        return nil
      }
      return ns
    }
  }

  /// An integer ≥ `min`, or nil with an issue.
  func integer(
    _ field: CSVScanner.Field, _ name: String, min: Int, _ builder: inout TraceBuilder,
    file: TraceFile = .main
  ) -> Int? {
    if let v = TraceNumber.integer(scanner.bytes, field.range), v >= min { return v }
    builder.report(
      line: field.line, column: scanner.column(field),
      "\(name) must be an integer >= \(min == Int.min ? "\(Int.min)" : "\(min)"), got "
        + "'\(scanner.text(field))'", file: file)
    return nil
  }

  static func tooLong(_ name: String, _ written: String) -> String {
    "\(name) '\(written)' s is more than the limit of \(WorkloadLimits.maxDescription): times "
      + "and durations must fit in 100 years so that their sums fit in Int64 nanoseconds "
      + "(292 years)"
  }
}
