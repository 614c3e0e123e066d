/// The trace formats Racksim reads, by the name a scenario's `format` key uses.
public enum TraceFormat: String, CaseIterable, Sendable {
  /// Racksim's own CSV (`JobTraceCSV`); the default.
  case csv
  /// The Standard Workload Format of the Parallel Workloads Archive (`SWFTrace`).
  case swf
  /// Microsoft Philly `cluster_job_log` JSON (`PhillyTrace`).
  case philly
  /// Alibaba PAI GPU v2020 job and task tables (`PAITrace`).
  case pai
  /// SenseTime Helios `cluster_log.csv` (`HeliosTrace`).
  case helios

  /// Whether the format needs a second file, the task table (`PAITrace`).
  public var needsTaskFile: Bool { self == .pai }

  /// Reads `text` in this format.
  /// - Parameter tasks: The task table, for `.pai` (required there, ignored otherwise).
  /// - Parameter invalidJobs: Whether an invalid job (wider than the site, a negative
  ///   duration, an estimate below its duration; for `philly` and `pai` an attempt or task
  ///   that ends before it starts) is an error or dropped and counted, in every format.
  /// - Throws: `TraceErrors` with every problem found.
  public func read(
    _ text: String, tasks: String? = nil, invalidJobs: InvalidTraceJobs = .error
  ) throws(TraceErrors) -> ParsedTrace {
    switch self {
    case .csv: return try JobTraceCSV.read(text, invalidJobs: invalidJobs)
    case .swf: return try SWFTrace.read(text, invalidJobs: invalidJobs)
    case .philly: return try PhillyTrace.read(text, invalidJobs: invalidJobs)
    case .helios: return try HeliosTrace.read(text, invalidJobs: invalidJobs)
    case .pai:
      guard let tasks else {
        throw TraceErrors([
          TraceIssue(line: 1, column: 1, message: "the pai format needs its task table too")
        ])
      }
      return try PAITrace.read(jobs: text, tasks: tasks, invalidJobs: invalidJobs)
    }
  }
}
