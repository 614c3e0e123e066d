import SimKernel

/// Reads the Standard Workload Format of the Parallel Workloads Archive (Feitelson et al.,
/// "Experience with using the Parallel Workloads Archive", JPDC 74(10), 2014; the format's
/// definition at cs.huji.ac.il/labs/parallel/workload/swf.html).
///
/// One job per line, 18 whitespace-separated numeric fields; lines starting with `;` are
/// header comments; -1 means unknown. Fields and how Racksim uses them:
///
/// | # | SWF field | Racksim |
/// |---|---|---|
/// | 1 | job number | `name` (must be unique) |
/// | 2 | submit time, s | `submit` (must be known and ≥ 0) |
/// | 4 | run time, s | `work`; -1 (unknown) drops the job, counted |
/// | 5 | allocated processors | `gpus` (a processor is taken as one GPU) |
/// | 8 | requested processors | `gpus` when field 5 is -1 |
/// | 9 | requested time, s | `estimate`; it is a limit, so a run time above it is an error |
/// | 12 | user id | `user` as `user-<id>` |
///
/// Dropped: wait time (3, the simulator computes its own), CPU time and memory (6, 7, 10),
/// status (11: completed, failed and cancelled jobs are all replayed), group, executable,
/// queue and partition (13–16), and the dependency fields (17, 18).
public enum SWFTrace {
  /// Parses `text`; jobs sorted by submit time, file order breaking ties.
  /// - Complexity: O(bytes), plus a sort when the file is out of order.
  /// - Parameter invalidJobs: Whether an invalid job (a negative duration, an estimate below
  ///   the duration where the format forbids it) is an error or dropped and counted.
  public static func read(
    _ text: String, invalidJobs: InvalidTraceJobs = .error
  ) throws(TraceErrors) -> ParsedTrace {
    var text = text
    return try text.withUTF8 { read(bytes: $0, invalidJobs: invalidJobs) }.get()
  }

  // MARK: - Private

  private static func read(
    bytes: UnsafeBufferPointer<UInt8>, invalidJobs: InvalidTraceJobs
  ) -> Result<ParsedTrace, TraceErrors> {
    let helper = TraceFields(scanner: CSVScanner(bytes))
    var builder = TraceBuilder()
    builder.invalidJobs = invalidJobs
    var fields: [CSVScanner.Field] = []
    var lines = LineSplitter(bytes)
    while let (line, range) = lines.next() {
      fields.removeAll(keepingCapacity: true)
      var i = range.lowerBound
      while i < range.upperBound {
        while i < range.upperBound, isSpace(bytes[i]) { i += 1 }
        guard i < range.upperBound else { break }
        let start = i
        while i < range.upperBound, !isSpace(bytes[i]) { i += 1 }
        fields.append(
          .init(
            range: start..<i, line: line, start: start, lineStart: range.lowerBound,
            hasEscapedQuotes: false))
      }
      guard let first = fields.first else { continue }
      if bytes[first.range.lowerBound] == UInt8(ascii: ";") { continue }
      guard fields.count == 18 else {
        builder.report(line: line, column: 1, "expected 18 fields, found \(fields.count)")
        continue
      }
      let issuesBefore = builder.mark
      for (n, f) in fields.enumerated()
      where TraceNumber.seconds(bytes, f.range, rounding: .nearest) == .invalid {
        builder.report(
          line: line, column: helper.scanner.column(f),
          "field \(n + 1) (\(fieldNames[n])) must be a number, got '\(helper.scanner.text(f))'")
      }
      guard builder.mark == issuesBefore else { continue }
      func unknown(_ n: Int) -> Bool { helper.scanner.field(fields[n - 1], equals: "-1") }
      if unknown(4) {
        builder.drop("run time unknown (-1)", line: line)
        continue
      }
      let submit = helper.seconds(fields[1], "submit time (field 2)", .instant, &builder)
      let duration = helper.seconds(fields[3], "run time (field 4)", .duration, &builder)
      let gpuField = unknown(5) ? fields[7] : fields[4]
      let gpuName = unknown(5) ? "requested processors (field 8)" : "processors (field 5)"
      let gpus = helper.integer(gpuField, gpuName, min: 1, &builder)
      let estimate =
        unknown(9)
        ? nil : helper.seconds(fields[8], "requested time (field 9)", .duration, &builder)
      if let estimate, let duration, estimate < duration {
        builder.invalidJob(
          line: line, column: helper.scanner.column(fields[8]),
          "requested time (field 9) \(helper.scanner.text(fields[8])) s is below the run time "
            + "(field 4) \(helper.scanner.text(fields[3])) s: SWF's requested time is a limit",
          reason: "requested time below the run time")
      }
      guard builder.mark == issuesBefore, let submit, let duration, let gpus else {
        continue
      }
      let user = unknown(12) ? "" : "user-\(helper.scanner.text(fields[11]))"
      let job = TrainingJob(
        name: helper.scanner.text(fields[0]), submit: SimTime(nanoseconds: submit), gpus: gpus,
        work: SimDuration(nanoseconds: duration), user: user,
        estimate: estimate.map(SimDuration.init(nanoseconds:)))
      builder.add(
        job, line: line, idColumn: helper.scanner.column(fields[0]),
        gpus: TracePosition(line: line, column: helper.scanner.column(gpuField)))
    }
    do {
      return .success(try builder.finish())
    } catch {
      return .failure(error)
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
  }

  private static let fieldNames = [
    "job number", "submit time", "wait time", "run time", "allocated processors",
    "average CPU time", "used memory", "requested processors", "requested time",
    "requested memory", "status", "user id", "group id", "executable number", "queue number",
    "partition number", "preceding job number", "think time",
  ]
}

/// Splits UTF-8 bytes into lines (LF or CRLF; the CR stays in the range for the caller to
/// treat as space), skipping a leading byte-order mark.
struct LineSplitter {
  let bytes: UnsafeBufferPointer<UInt8>
  private var position: Int
  private var line = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    position = bom ? 3 : 0
  }

  /// The next line's 1-based number and byte range (without its LF).
  mutating func next() -> (line: Int, range: Range<Int>)? {
    guard position < bytes.count else { return nil }
    let start = position
    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
    let end = position
    if position < bytes.count { position += 1 }
    line += 1
    return (line, start..<end)
  }
}
