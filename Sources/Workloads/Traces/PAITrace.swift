import SimKernel

/// Reads the Alibaba PAI GPU trace v2020 (github.com/alibaba/clusterdata,
/// cluster-trace-gpu-v2020; Weng et al., NSDI'22; REFERENCES.md §7.2 [P]): the job table and
/// the task table, both RFC 4180 CSV, joined by `job_name`.
///
/// `pai_job_table`: `job_name, inst_id, user, status, start_time, end_time`.
/// `pai_task_table`: `job_name, task_name, inst_num, status, start_time, end_time, plan_cpu,
/// plan_mem, plan_gpu, gpu_type`. The released files have no header; a first line starting
/// with `job_name` is taken as one and skipped. Times are seconds (shifted by a constant in
/// the release); `plan_gpu` is in percent of a GPU (50 = half a GPU). Mapping:
///
/// | PAI | Racksim |
/// |---|---|
/// | `job_name` | `name` (must be unique in the job table) |
/// | job `start_time` (the submission) | `submit`, shifted so the earliest is 0 |
/// | latest task `end_time` − earliest task `start_time` | `work` |
/// | Σ over tasks of `inst_num` · ⌈`plan_gpu`/100⌉ | `gpus`: each instance takes whole GPUs |
/// | `user` | `user` |
///
/// Dropped, counted by reason: jobs none of whose tasks asks for a GPU, jobs none of whose
/// tasks has both times (waiting or still running), and tasks of jobs not in the job table.
/// Dropped fields: `inst_id`, statuses (terminated and failed jobs are replayed), the job
/// table's `end_time`, `task_name`, `plan_cpu`, `plan_mem` and `gpu_type` (the site decides
/// the GPU model). The instance, sensor and machine tables are not read.
public enum PAITrace {
  /// Parses the two tables; errors in the task table carry `TraceFile.tasks`.
  /// - Complexity: O(bytes of both), plus a sort when the jobs are out of order.
  /// - Parameter invalidJobs: Whether a task that ends before it starts (a negative duration)
  ///   is an error (the default) or dropped and counted (its job keeps its other tasks, and is
  ///   dropped itself when none with a span is left).
  public static func read(jobs: String, tasks: String, invalidJobs: InvalidTraceJobs = .error)
    throws(TraceErrors) -> ParsedTrace
  {
    var jobs = jobs
    var tasks = tasks
    let result = jobs.withUTF8 { j in
      tasks.withUTF8 { t in read(jobBytes: j, taskBytes: t, invalidJobs: invalidJobs) }
    }
    return try result.get()
  }

  // MARK: - Private

  private struct Pending {
    var name: String
    var user: String
    var submit: Int64
    var line: Int
    var idColumn: Int
    var gpus = 0
    var gpuPosition: TracePosition? = nil
    var firstStart = Int64.max
    var lastEnd = Int64.min
  }

  private static func read(
    jobBytes: UnsafeBufferPointer<UInt8>, taskBytes: UnsafeBufferPointer<UInt8>,
    invalidJobs: InvalidTraceJobs
  ) -> Result<ParsedTrace, TraceErrors> {
    var builder = TraceBuilder()
    builder.invalidJobs = invalidJobs
    var pending: [Pending] = []
    var index: [String: Int] = [:]
    var fields: [CSVScanner.Field] = []

    var scanner = CSVScanner(jobBytes)
    var first = true
    while true {
      let line: Int
      do {
        guard let l = try scanner.nextRecord(into: &fields) else { break }
        line = l
      } catch {
        builder.report(error)
        continue
      }
      defer { first = false }
      if first, scanner.field(fields[0], equals: "job_name") { continue }
      guard fields.count == 6 else {
        builder.report(
          line: line, column: 1, "expected 6 fields in pai_job_table, found \(fields.count)")
        continue
      }
      let reader = TraceFields(scanner: scanner)
      guard let submit = reader.seconds(fields[4], "start_time", .calendar, &builder) else {
        continue
      }
      let name = scanner.text(fields[0])
      if let i = index[name] {
        builder.report(
          line: line, column: 1,
          "job id '\(name)' appears twice: on line \(pending[i].line) and on line \(line)")
        continue
      }
      index[name] = pending.count
      pending.append(
        Pending(
          name: name, user: scanner.text(fields[2]), submit: submit, line: line, idColumn: 1))
    }

    scanner = CSVScanner(taskBytes)
    first = true
    while true {
      let line: Int
      do {
        guard let l = try scanner.nextRecord(into: &fields) else { break }
        line = l
      } catch {
        var issue = error
        issue.file = .tasks
        builder.report(issue)
        continue
      }
      defer { first = false }
      if first, scanner.field(fields[0], equals: "job_name") { continue }
      guard fields.count == 10 else {
        builder.report(
          line: line, column: 1, "expected 10 fields in pai_task_table, found \(fields.count)",
          file: .tasks)
        continue
      }
      let reader = TraceFields(scanner: scanner)
      guard let j = index[scanner.text(fields[0])] else {
        builder.drop("task of a job not in the job table", line: line)
        continue
      }
      let before = builder.mark
      let instances =
        fields[2].range.isEmpty
        ? 0 : reader.integer(fields[2], "inst_num", min: 0, &builder, file: .tasks) ?? 0
      var perInstance = 0
      if !fields[8].range.isEmpty {
        let text = scanner.text(fields[8])
        if let percent = Double(text), percent >= 0, percent <= 100_000 {
          perInstance = Int((percent / 100).rounded(.up))
        } else {
          builder.report(
            line: line, column: scanner.column(fields[8]),
            "plan_gpu must be a percentage of a GPU between 0 and 100000, got '\(text)'",
            file: .tasks)
        }
      }
      var span: (Int64, Int64)? = nil
      if !fields[4].range.isEmpty, !fields[5].range.isEmpty,
        let start = reader.seconds(fields[4], "start_time", .calendar, &builder, file: .tasks),
        let end = reader.seconds(fields[5], "end_time", .calendar, &builder, file: .tasks)
      {
        if end < start {
          builder.invalidJob(
            line: line, column: scanner.column(fields[5]),
            "end_time is before start_time (a negative duration)", reason: "negative duration",
            file: .tasks)
        } else {
          span = (start, end)
        }
      }
      guard builder.mark == before else { continue }
      let (gpus, overflow) = instances.multipliedReportingOverflow(by: perInstance)
      guard !overflow, gpus <= 1 << 32 else {
        builder.report(
          line: line, column: scanner.column(fields[2]), "the task asks for too many GPUs",
          file: .tasks)
        continue
      }
      if gpus > 0 {
        pending[j].gpus += gpus
        if pending[j].gpuPosition == nil {
          pending[j].gpuPosition = TracePosition(
            line: line, column: scanner.column(fields[8]), file: .tasks)
        }
      }
      if let (start, end) = span {
        pending[j].firstStart = Swift.min(pending[j].firstStart, start)
        pending[j].lastEnd = Swift.max(pending[j].lastEnd, end)
      }
    }

    for job in pending {
      guard job.gpus > 0, let position = job.gpuPosition else {
        builder.drop("no task asks for a GPU", line: job.line)
        continue
      }
      guard job.firstStart <= job.lastEnd else {
        builder.drop("no task has both start_time and end_time", line: job.line)
        continue
      }
      let work = job.lastEnd - job.firstStart
      guard work <= WorkloadLimits.maxDuration.nanoseconds else {
        builder.report(
          line: job.line, column: 1,
          TraceFields.tooLong("the tasks of job '\(job.name)' last", "\(work / 1_000_000_000)"))
        continue
      }
      builder.add(
        TrainingJob(
          name: job.name, submit: SimTime(nanoseconds: job.submit), gpus: job.gpus,
          work: SimDuration(nanoseconds: work), user: job.user),
        line: job.line, idColumn: job.idColumn, gpus: position)
    }
    do {
      return .success(try builder.finish(rebase: true))
    } catch {
      return .failure(error)
    }
  }
}
