import SimKernel

/// Reads SenseTime Helios's `cluster_log.csv` (github.com/S-Lab-System-Group/HeliosData;
/// Hu et al., SC'21; REFERENCES.md §7.2 [P]) as RFC 4180 CSV with a header.
///
/// Columns: `job_id, user, vc, gpu_num, cpu_num, node_num, state, submit_time, start_time,
/// end_time, duration, queue`, where `duration` = end − start and `queue` = start − submit, in
/// seconds. Columns are found by name; `job_id`, `gpu_num`, `submit_time` and `duration` are
/// required. Mapping:
///
/// | Helios | Racksim |
/// |---|---|
/// | `job_id` | `name` (must be unique) |
/// | `submit_time` | `submit`: `2020-04-01 00:00:10` or seconds, earliest shifted to 0 |
/// | `duration` | `work` (must be ≥ 0) |
/// | `gpu_num` | `gpus`; 0 (a CPU job) drops the job, counted |
/// | `user` | `user` |
///
/// Dropped: `vc`, `cpu_num`, `node_num` (placement is the simulator's), `state` (completed,
/// cancelled, failed, timed-out and node-failed jobs are all replayed for their duration),
/// `start_time`, `end_time` and `queue` (the simulator computes its own wait).
public enum HeliosTrace {
  public static let requiredColumns = ["job_id", "gpu_num", "submit_time", "duration"]

  /// Parses `text`; jobs sorted by (rebased) submit time, file order breaking ties.
  /// - Complexity: O(bytes), plus a sort when the log is out of order.
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
    var scanner = CSVScanner(bytes)
    var builder = TraceBuilder()
    builder.invalidJobs = invalidJobs
    var fields: [CSVScanner.Field] = []
    var header: [String]? = nil
    var slots: [Int] = []
    var userSlot: Int? = nil
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
      guard let columns = header else {
        let names = fields.map(scanner.text)
        header = names
        for name in requiredColumns {
          if let i = names.firstIndex(of: name) {
            slots.append(i)
          } else {
            builder.report(line: line, column: 1, "missing required column '\(name)'")
          }
        }
        userSlot = names.firstIndex(of: "user")
        if !builder.issues.isEmpty { return .failure(TraceErrors(builder.issues)) }
        continue
      }
      guard fields.count == columns.count else {
        builder.report(
          line: line, column: 1, "expected \(columns.count) fields, found \(fields.count)")
        continue
      }
      let before = builder.mark
      let idField = fields[slots[0]]
      let gpuField = fields[slots[1]]
      let gpus = reader.integer(gpuField, "gpu_num", min: 0, &builder)
      let submit = reader.seconds(fields[slots[2]], "submit_time", .calendar, &builder)
      let duration = reader.seconds(fields[slots[3]], "duration", .duration, &builder)
      guard builder.mark == before, let gpus, let submit, let duration else { continue }
      guard gpus > 0 else {
        builder.drop("no GPU (gpu_num 0)", line: line)
        continue
      }
      builder.add(
        TrainingJob(
          name: scanner.text(idField), submit: SimTime(nanoseconds: submit), gpus: gpus,
          work: SimDuration(nanoseconds: duration),
          user: userSlot.map { scanner.text(fields[$0]) } ?? ""),
        line: line, idColumn: scanner.column(idField),
        gpus: TracePosition(line: line, column: scanner.column(gpuField)))
    }
    if header == nil {
      builder.report(line: 1, column: 1, "the trace is empty: expected a header line")
    }
    do {
      return .success(try builder.finish(rebase: true))
    } catch {
      return .failure(error)
    }
  }
}
