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

/// What a reader does with an invalid job: one wider than the site, with a negative duration,
/// or with an estimate below its true duration where the format makes the estimate a limit
/// (csv `estimate_s`, SWF field 9). A scenario chooses with `invalid_jobs` on the trace.
public enum InvalidTraceJobs: String, Sendable, CaseIterable {
  /// Each is an error at its file and line (the default).
  case error
  /// Each is dropped and counted (`ParsedTrace.invalidDrops`), and the run goes on.
  case drop
}

/// The jobs of one trace, sorted by submit time (stable: file order breaks ties), with where
/// each came from.
public struct ParsedTrace: Sendable, Equatable {
  public var jobs: [TrainingJob]
  /// `positions[i]` is where `jobs[i]`'s GPU count is written.
  public var positions: [TracePosition]
  public var dropped: [TraceDrop]
  /// Invalid jobs dropped under `InvalidTraceJobs.drop`, by reason (empty otherwise).
  public var invalidDrops: [TraceDrop] = []

  public init(
    jobs: [TrainingJob], positions: [TracePosition], dropped: [TraceDrop] = [],
    invalidDrops: [TraceDrop] = []
  ) {
    self.jobs = jobs
    self.positions = positions
    self.dropped = dropped
    self.invalidDrops = invalidDrops
  }

  /// Invalid jobs dropped, in all.
  public var invalidJobsDropped: Int { invalidDrops.reduce(0) { $0 + $1.count } }

  /// Drops every job that asks for more GPUs than the site has, counting them in
  /// `invalidDrops` (the `drop` counterpart of `issues(clusterGPUs:)`).
  /// - Complexity: O(jobs).
  public mutating func dropJobs(widerThan clusterGPUs: Int) {
    guard jobs.contains(where: { $0.gpus > clusterGPUs }) else { return }
    var keptJobs: [TrainingJob] = []
    var keptPositions: [TracePosition] = []
    keptJobs.reserveCapacity(jobs.count)
    keptPositions.reserveCapacity(jobs.count)
    let reason = "wider than the site's \(clusterGPUs) GPUs"
    for (job, position) in zip(jobs, positions) {
      if job.gpus > clusterGPUs {
        if let i = invalidDrops.firstIndex(where: { $0.reason == reason }) {
          invalidDrops[i].count += 1
          invalidDrops[i].firstLine = Swift.min(invalidDrops[i].firstLine, position.line)
        } else {
          invalidDrops.append(TraceDrop(reason: reason, count: 1, firstLine: position.line))
        }
      } else {
        keptJobs.append(job)
        keptPositions.append(position)
      }
    }
    jobs = keptJobs
    positions = keptPositions
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
  /// What to do with an invalid job (`invalidJob`).
  var invalidJobs = InvalidTraceJobs.error
  private var invalidDrops: [TraceDrop] = []
  /// Changes whenever a record gains an issue or is dropped as invalid: a reader compares it
  /// before and after a record to know whether to add the job.
  var mark: Int { issues.count + invalidCount }
  private var invalidCount = 0
  private var jobs: [TrainingJob] = []
  private var positions: [TracePosition] = []
  private var ids = IDTable()
  private var recordLines: [Int] = []
  private var dropped: [TraceDrop] = []

  mutating func report(_ issue: TraceIssue) { issues.append(issue) }

  mutating func report(line: Int, column: Int, _ message: String, file: TraceFile = .main) {
    issues.append(TraceIssue(line: line, column: column, message: message, file: file))
  }

  /// Adds a job read at `line`; a second job with the same id is an error naming both lines.
  mutating func add(
    _ job: TrainingJob, line: Int, idColumn: @autoclosure () -> Int, gpus: TracePosition
  ) {
    if let first = ids.insert(job.name, index: jobs.count, names: jobs) {
      report(
        line: line, column: idColumn(),
        "job id '\(job.name)' appears twice: on line \(recordLines[first]) and on line \(line)")
      return
    }
    jobs.append(job)
    positions.append(gpus)
    recordLines.append(line)
  }

  /// A record that describes an invalid job: an error under `.error`; under `.drop` it is
  /// counted by `reason` and skipped (`mark` changes either way).
  mutating func invalidJob(
    line: Int, column: Int, _ message: String, reason: String, file: TraceFile = .main
  ) {
    switch invalidJobs {
    case .error:
      report(line: line, column: column, message, file: file)
    case .drop:
      invalidCount += 1
      if let i = invalidDrops.firstIndex(where: { $0.reason == reason }) {
        invalidDrops[i].count += 1
      } else {
        invalidDrops.append(TraceDrop(reason: reason, count: 1, firstLine: line))
      }
    }
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
    return ParsedTrace(
      jobs: jobs, positions: positions, dropped: dropped, invalidDrops: invalidDrops)
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
    // Text and column only for messages: computing them per field would double the cost.
    var written: String { scanner.text(field) }
    var column: Int { scanner.column(field) }
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
    case .tooLarge(negative: true) where kind == .duration:
      builder.invalidJob(
        line: field.line, column: column, "\(name) must be >= 0, got '\(written)'",
        reason: "negative duration", file: file)
      return nil
    case .tooLarge(negative: true) where kind != .calendar:
      builder.report(
        line: field.line, column: column, "\(name) must be >= 0, got '\(written)'", file: file)
      return nil
    case .tooLarge:
      builder.report(line: field.line, column: column, Self.tooLong(name, written), file: file)
      return nil
    case .nanoseconds(let ns):
      if kind == .duration, ns < 0 {
        builder.invalidJob(
          line: field.line, column: column,
          "\(name) must be >= 0 (a negative duration), got '\(written)'",
          reason: "negative duration", file: file)
        return nil
      }
      if kind == .instant, ns < 0 {
        builder.report(
          line: field.line, column: column,
          "\(name) must be >= 0 (a submit time before the run starts), got '\(written)'",
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

/// A set of job names for the duplicate check: open addressing with linear probing over
/// 64-bit FNV-1a hashes of the names' UTF-8 bytes, storing job indices.
///
/// Replaces `[String: Int]`, whose per-key SipHash and rehashing took 40% of the time to read
/// a million-row trace. Deterministic (no per-process seed), and the hash only picks a slot:
/// names are compared in full on every hash match.
struct IDTable {
  private var slots: [(hash: UInt64, index: Int32)] = []
  private var count = 0

  /// Inserts `name` as job `index`; returns the index of an earlier job with that name.
  /// - Complexity: O(name length) expected.
  mutating func insert(_ name: String, index: Int, names jobs: [TrainingJob]) -> Int? {
    if 2 * (count + 1) > slots.count { grow() }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h ^ (h >> 32)) & mask
    while slots[i].index >= 0 {
      let other = Int(slots[i].index)
      if slots[i].hash == h, jobs[other].name == name { return other }
      i = (i + 1) & mask
    }
    slots[i] = (h, Int32(truncatingIfNeeded: index))
    count += 1
    return nil
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: (0, -1), count: Swift.max(1024, old.count * 2))
    let mask = slots.count - 1
    for slot in old where slot.index >= 0 {
      var i = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 32)) & mask
      while slots[i].index >= 0 { i = (i + 1) & mask }
      slots[i] = slot
    }
  }
}
