import SimKernel

/// Reads Racksim's own job-trace CSV: a header naming the columns, then one job per record.
///
/// Required columns: `id,submit_s,gpus,duration_s`; optional: `estimate_s,priority,user,
/// gpu_utilization,max_delay_s` (`max_delay_s`: a flexible job may be held back that long, for
/// the carbon-aware energy strategy; empty for an ordinary job). Columns may come in any order. `submit_s`, `duration_s` and `estimate_s`
/// are seconds (decimals and exponents allowed, read exactly to the nanosecond), each at most
/// `WorkloadLimits.maxSeconds` (100 years); `gpus` and `priority` are integers.
///
/// The file is RFC 4180 CSV (`CSVScanner`): CRLF or LF line ends, an optional UTF-8 byte-order
/// mark, quoted fields that may hold commas, quotes (`""`) and newlines. Blank lines and lines
/// starting with `#` are skipped. `estimate_s` is a wall-time limit, as in Slurm and SWF: an
/// estimate below the job's `duration_s` is an error (the job would have been killed at it).
/// Job ids must be unique.
public enum JobTraceCSV {
  public static let requiredColumns = ["id", "submit_s", "gpus", "duration_s"]
  public static let optionalColumns = [
    "estimate_s", "priority", "user", "gpu_utilization", "max_delay_s",
  ]

  /// Parses `text`. Returns the jobs sorted by submit time (stable: file order breaks ties).
  /// - Throws: `TraceErrors` with every problem found in the file.
  public static func parse(_ text: String) throws(TraceErrors) -> [TrainingJob] {
    try read(text).jobs
  }

  /// Parses `text`, keeping where each job was written.
  /// - Complexity: O(bytes) to scan, plus O(n log n) if the trace is not in submit order.
  /// - Parameter invalidJobs: Whether an invalid job (a negative duration, an estimate below
  ///   the duration where the format forbids it) is an error or dropped and counted.
  public static func read(
    _ text: String, invalidJobs: InvalidTraceJobs = .error
  ) throws(TraceErrors) -> ParsedTrace {
    var text = text
    let result = text.withUTF8 { read(bytes: $0, invalidJobs: invalidJobs) }
    return try result.get()
  }

  // MARK: - Private

  private enum Column: Int, CaseIterable {
    case id, submit, gpus, duration, estimate, priority, user, utilization, maxDelay
  }

  private static var allColumns: [String] { requiredColumns + optionalColumns }

  private static func read(
    bytes: UnsafeBufferPointer<UInt8>, invalidJobs: InvalidTraceJobs
  ) -> Result<ParsedTrace, TraceErrors> {
    var scanner = CSVScanner(bytes)
    var builder = TraceBuilder()
    builder.invalidJobs = invalidJobs
    var fields: [CSVScanner.Field] = []
    var slot = [Int](repeating: -1, count: Column.allCases.count)
    var headerCount = 0
    var haveHeader = false
    while true {
      let line: Int
      do {
        guard let l = try scanner.nextRecord(into: &fields) else { break }
        line = l
      } catch {
        builder.report(error)
        continue
      }
      let reader = TraceFields(scanner: scanner)
      guard haveHeader else {
        haveHeader = true
        headerCount = fields.count
        for (i, f) in fields.enumerated() {
          let name = scanner.text(f)
          guard let c = allColumns.firstIndex(of: name) else {
            builder.report(
              line: line, column: scanner.column(f),
              "unknown column '\(name)'; valid columns: " + allColumns.joined(separator: ", "))
            continue
          }
          if slot[c] >= 0 {
            builder.report(line: line, column: scanner.column(f), "column '\(name)' appears twice")
          }
          slot[c] = i
        }
        for (c, name) in requiredColumns.enumerated() where slot[c] < 0 {
          builder.report(line: line, column: 1, "missing required column '\(name)'")
        }
        if !builder.issues.isEmpty { return .failure(TraceErrors(builder.issues)) }
        continue
      }
      guard fields.count == headerCount else {
        builder.report(
          line: line, column: 1, "expected \(headerCount) fields, found \(fields.count)")
        continue
      }
      func field(_ c: Column) -> CSVScanner.Field? {
        slot[c.rawValue] < 0 ? nil : fields[slot[c.rawValue]]
      }
      let idField = fields[slot[Column.id.rawValue]]
      let gpusField = fields[slot[Column.gpus.rawValue]]
      let issuesBefore = builder.mark
      let submit = reader.seconds(field(.submit)!, "submit_s", .instant, &builder)
      let gpus = reader.integer(gpusField, "gpus", min: 1, &builder)
      let duration = reader.seconds(field(.duration)!, "duration_s", .duration, &builder)
      let estimate = field(.estimate).flatMap {
        reader.seconds($0, "estimate_s", .duration, &builder)
      }
      let maxDelay = field(.maxDelay).flatMap { f in
        scanner.text(f).isEmpty ? nil : reader.seconds(f, "max_delay_s", .duration, &builder)
      }
      let priority = field(.priority).flatMap {
        reader.integer($0, "priority", min: Int.min, &builder)
      }
      var utilization = 1.0
      if let u = field(.utilization) {
        if let v = Double(scanner.text(u)), v > 0, v <= 1 {
          utilization = v
        } else {
          builder.report(
            line: u.line, column: scanner.column(u),
            "gpu_utilization must be in (0, 1], got '\(scanner.text(u))'")
        }
      }
      let id = scanner.text(idField)
      if id.isEmpty {
        builder.report(line: line, column: scanner.column(idField), "id is empty")
      }
      if let estimate, let duration, estimate < duration, let e = field(.estimate) {
        builder.invalidJob(
          line: line, column: scanner.column(e),
          "estimate_s \(scanner.text(e)) is below duration_s \(scanner.text(field(.duration)!)): "
            + "an estimate is a wall-time limit, and the job would have been killed at it",
          reason: "estimate below the duration")
      }
      guard builder.mark == issuesBefore, let submit, let gpus, let duration else {
        continue
      }
      let job = TrainingJob(
        name: id, submit: SimTime(nanoseconds: submit), gpus: gpus,
        work: SimDuration(nanoseconds: duration), priority: priority ?? 0,
        user: field(.user).map(scanner.text) ?? "", gpuUtilization: utilization,
        estimate: estimate.map(SimDuration.init(nanoseconds:)),
        maxDelay: maxDelay.map(SimDuration.init(nanoseconds:)))
      builder.add(
        job, line: line, idColumn: scanner.column(idField),
        gpus: TracePosition(line: gpusField.line, column: scanner.column(gpusField)))
    }
    if !haveHeader {
      builder.report(line: 1, column: 1, "the trace is empty: expected a header line")
    }
    do {
      return .success(try builder.finish())
    } catch {
      return .failure(error)
    }
  }
}
