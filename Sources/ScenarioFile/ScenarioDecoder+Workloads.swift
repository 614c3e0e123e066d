import Foundation
import Racksim
import SimKernel
import Workloads

// Workloads: generated (`type: poisson`) and replayed (`type: trace`, a file next to the
// scenario).
//
//   - {name: w, type: poisson, mean_interarrival: 10m, gpus: {8: 1}, duration: 1h}
//   - {name: w, type: poisson, gpus: {8: 1}, duration: 1h,
//      arrivals: {process: diurnal, mean_interarrival: 10m, profile: [24 hourly weights]}}
//   - {name: w, type: poisson, gpus: {8: 1}, duration: 1h,
//      arrivals: {process: mmpp, mean_interarrivals: [30m, 1m], mean_sojourns: [6h, 20m]}}
//   - {name: t, type: trace, file: traces/jobs.csv}                        # format: csv
//   - {name: t, type: trace, format: swf, file: traces/log.swf}
//   - {name: t, type: trace, format: pai, file: pai_job_table.csv, task_file: pai_task_table.csv}
//
// `mean_interarrival` is written beside the other keys (Poisson) or inside `arrivals`, not in
// both. Trace formats: csv (default), swf, philly, pai, helios (`Workloads.TraceFormat`).

extension ScenarioDecoder {
  static let workloadTypes = ["constant", "poisson", "trace"]
  static let constantKeys = ["name", "type", "gpu_utilization", "start", "end"]
  static let poissonKeys = [
    "name", "type", "mean_interarrival", "arrivals", "gpus", "duration", "users", "priority",
    "gpu_utilization", "start", "communication",
    "flexible", "max_delay",  // carbon-aware deferral: ScenarioDecoder+Energy.swift
  ]
  static let traceKeys = [
    "name", "type", "file", "format", "task_file", "communication", "invalid_jobs",
  ]
  static let arrivalProcesses: [(name: String, keys: [String])] = [
    ("poisson", ["mean_interarrival"]), ("diurnal", ["mean_interarrival", "profile"]),
    ("mmpp", ["mean_interarrivals", "mean_sojourns"]),
  ]

  mutating func decodeWorkloads(_ node: YAMLNode?, _ path: String) -> [WorkloadSpec] {
    decodeWorkloads(node, path, clusterGPUs: nil)
  }

  /// As `decodeWorkloads(_:_:)`; with `clusterGPUs` (the site's GPU count), a trace job wider
  /// than the site is an error at its line.
  mutating func decodeWorkloads(_ node: YAMLNode?, _ path: String, clusterGPUs: Int?)
    -> [WorkloadSpec]
  {
    let items = sequence(node, path) ?? []
    var workloads: [WorkloadSpec] = []
    for (i, item) in items.enumerated() {
      workloads.append(decodeWorkload(item, "\(path)[\(i)]", clusterGPUs: clusterGPUs))
    }
    return workloads
  }

  // MARK: - Private

  private mutating func decodeWorkload(_ node: YAMLNode, _ path: String, clusterGPUs: Int?)
    -> WorkloadSpec
  {
    let type = node["type"].flatMap { n -> String? in
      if case .scalar(let s, isNull: false) = n.kind { return s } else { return nil }
    }
    let placeholderName = path
    switch type {
    case "poisson":
      let hasArrivals = node["arrivals"] != nil
      let required =
        ["name", "type", "gpus", "duration"] + (hasArrivals ? [] : ["mean_interarrival"])
      let m = mapping(node, path, keys: Self.poissonKeys, required: required)
      let start = read(m?["start"], Self.child(path, "start"), Units.duration) ?? .zero
      if let startNode = m?["start"], start < .zero {
        fail(startNode.location, Self.child(path, "start"), "must be >= 0s")
      }
      var mean = read(
        m?["mean_interarrival"], Self.child(path, "mean_interarrival"), Units.duration)
      var pattern = ArrivalPattern.poisson
      if let arrivals = m?["arrivals"] {
        let outer = m?["mean_interarrival"]
        (pattern, mean) = decodeArrivals(
          arrivals, Self.child(path, "arrivals"), outerMean: mean, outerNode: outer)
      }
      return .poisson(
        PoissonJobSource(
          name: text(m?["name"], Self.child(path, "name")) ?? placeholderName,
          meanInterarrival: mean ?? .seconds(1),
          gpuWeights: decodeGPUWeights(m?["gpus"], Self.child(path, "gpus")),
          duration: decodeDistribution(m?["duration"], Self.child(path, "duration")),
          priority: integer(m?["priority"], Self.child(path, "priority")) ?? 0,
          users: integer(m?["users"], Self.child(path, "users")) ?? 1,
          gpuUtilization: number(m?["gpu_utilization"], Self.child(path, "gpu_utilization"))
            ?? 1,
          start: start, arrivals: pattern, maxDelay: decodeFlexibility(m, path),
          communication: decodeCommunication(
            m?["communication"], Self.child(path, "communication"))))
    case "constant":
      let m = mapping(
        node, path, keys: Self.constantKeys, required: ["name", "type", "gpu_utilization"])
      return .constantLoad(
        ConstantLoadSpec(
          name: text(m?["name"], Self.child(path, "name")) ?? placeholderName,
          utilization: number(m?["gpu_utilization"], Self.child(path, "gpu_utilization")) ?? 1,
          start: read(m?["start"], Self.child(path, "start"), Units.duration) ?? .zero,
          end: read(m?["end"], Self.child(path, "end"), Units.duration)))
    case "trace":
      let m = mapping(node, path, keys: Self.traceKeys, required: ["name", "type", "file"])
      let name = text(m?["name"], Self.child(path, "name")) ?? placeholderName
      var format = TraceFormat.csv
      if let formatNode = m?["format"], let written = text(formatNode, Self.child(path, "format")) {
        if let f = TraceFormat(rawValue: written) {
          format = f
        } else {
          let names = TraceFormat.allCases.map(\.rawValue)
          var message = "unknown trace format '\(written)'; valid: " + names.joined(separator: ", ")
          if let near = Suggestions.nearest(to: written, in: names) {
            message += " (did you mean '\(near)'?)"
          }
          fail(formatNode.location, Self.child(path, "format"), message)
          return .trace(name: name, file: "", jobs: [])
        }
      }
      if let taskNode = m?["task_file"], !format.needsTaskFile {
        report(
          taskNode.location, Self.child(path, "task_file"),
          "only the pai format reads a task file; this trace's format is \(format.rawValue)")
      }
      if format.needsTaskFile, m != nil, m?["task_file"] == nil {
        report(node.location, path, "missing required key 'task_file' (the pai task table)")
        failedPaths.append(Self.child(path, "task_file"))
      }
      let file = m?["file"]
      guard let file, let written = text(file, Self.child(path, "file")) else {
        return .trace(name: name, file: "", jobs: [])
      }
      var tasks: (text: String, display: String)? = nil
      if format.needsTaskFile {
        guard let taskNode = m?["task_file"],
          let taskName = text(taskNode, Self.child(path, "task_file")),
          let loaded = readFile(taskName, at: taskNode, Self.child(path, "task_file"), "task table")
        else { return .trace(name: name, file: written, jobs: []) }
        tasks = loaded
      }
      guard let main = readFile(written, at: file, Self.child(path, "file"), "trace") else {
        return .trace(name: name, file: written, jobs: [])
      }
      // `invalid_jobs: drop` drops a job wider than the site, with a negative duration or an
      // estimate below its duration (a warning and `jobs_dropped`); `error` (the default)
      // reports each at its line.
      var invalidJobs = InvalidTraceJobs.error
      if let policyNode = m?["invalid_jobs"],
        let written = text(policyNode, Self.child(path, "invalid_jobs"))
      {
        if let policy = InvalidTraceJobs(rawValue: written) {
          invalidJobs = policy
        } else {
          let names = InvalidTraceJobs.allCases.map(\.rawValue).joined(separator: ", ")
          report(
            policyNode.location, Self.child(path, "invalid_jobs"),
            "unknown value '\(written)'; valid: \(names)")
        }
      }
      var jobs = parseTrace(
        main, tasks: tasks, format: format, clusterGPUs: clusterGPUs, path,
        invalidJobs: invalidJobs)
      if let commNode = m?["communication"] {
        let cPath = Self.child(path, "communication")
        if let c = decodeCommunication(commNode, cPath) {
          for problem in c.validate() {
            report(commNode.location, Self.child(cPath, problem.key), problem.message)
          }
          for k in jobs.indices { jobs[k].communication = c }
        }
      }
      return .trace(name: name, file: written, jobs: jobs)
    default:
      // Without a known type the valid keys are unknown: check only the type.
      let m = mapping(
        node, path, keys: Self.poissonKeys + Self.traceKeys + Self.constantKeys, required: ["type"])
      let name = text(m?["name"], Self.child(path, "name")) ?? placeholderName
      if let typeNode = m?["type"], let type = text(typeNode, Self.child(path, "type")) {
        var message =
          "unknown workload type '\(type)'; valid: "
          + Self.workloadTypes.joined(separator: ", ")
        if let near = Suggestions.nearest(to: type, in: Self.workloadTypes) {
          message += " (did you mean '\(near)'?)"
        }
        fail(typeNode.location, Self.child(path, "type"), message)
      }
      failedPaths.append(path)
      return .trace(name: name, file: "", jobs: [])
    }
  }

  /// `arrivals: {process: …, …}`; returns the pattern and the mean interarrival to store.
  private mutating func decodeArrivals(
    _ node: YAMLNode, _ path: String, outerMean: SimDuration?, outerNode: YAMLNode?
  ) -> (ArrivalPattern, SimDuration?) {
    let names = Self.arrivalProcesses.map(\.name)
    guard case .mapping = node.kind, let processNode = node["process"],
      let process = text(processNode, Self.child(path, "process"))
    else {
      _ = mapping(node, path, keys: ["process"], required: ["process"])
      failedPaths.append(path)
      return (.poisson, outerMean)
    }
    guard let keys = Self.arrivalProcesses.first(where: { $0.name == process })?.keys else {
      var message = "unknown arrival process '\(process)'; valid: " + names.joined(separator: ", ")
      if let near = Suggestions.nearest(to: process, in: names) {
        message += " (did you mean '\(near)'?)"
      }
      fail(processNode.location, Self.child(path, "process"), message)
      return (.poisson, outerMean)
    }
    let innerMean = keys.contains("mean_interarrival") ? node["mean_interarrival"] : nil
    let required = keys.filter { $0 != "mean_interarrival" || outerMean == nil }
    let m = mapping(node, path, keys: ["process"] + keys, required: required)
    if let outerNode, innerMean != nil || process == "mmpp" {
      report(
        outerNode.location,
        Self.child(
          path.replacingOccurrences(of: ".arrivals", with: ""),
          "mean_interarrival"),
        process == "mmpp"
          ? "mmpp takes mean_interarrivals inside arrivals, not mean_interarrival"
          : "mean_interarrival is given both here and inside arrivals; keep one")
    }
    var mean = outerMean
    if let innerMean {
      mean = read(innerMean, Self.child(path, "mean_interarrival"), Units.duration)
    }
    switch process {
    case "diurnal":
      let profilePath = Self.child(path, "profile")
      let items = sequence(m?["profile"], profilePath) ?? []
      var profile: [Double] = []
      for (i, item) in items.enumerated() {
        profile.append(number(item, "\(profilePath)[\(i)]") ?? 1)
      }
      return (.diurnal(profile: profile), mean)
    case "mmpp":
      func pair(_ key: String) -> [SimDuration] {
        let listPath = Self.child(path, key)
        let items = sequence(m?[key], listPath) ?? []
        return items.enumerated().map { i, item in
          read(item, "\(listPath)[\(i)]", Units.duration) ?? .seconds(1)
        }
      }
      let gaps = pair("mean_interarrivals")
      let sojourns = pair("mean_sojourns")
      let pattern = ArrivalPattern.markovModulated(meanInterarrivals: gaps, meanSojourns: sojourns)
      // Stored for reports: the stationary mean gap 1/λ, when the phases are valid.
      let valid = MarkovModulatedArrivals.validate(meanInterarrivals: gaps, meanSojourns: sojourns)
      let rate =
        valid.isEmpty
        ? MarkovModulatedArrivals(meanInterarrivals: gaps, meanSojourns: sojourns).stationaryRate
        : 1
      return (pattern, SimDuration(seconds: 1 / rate))
    default:
      return (.poisson, mean)
    }
  }

  /// `{1: 0.25, 8: 0.75}`: GPU count → relative weight, in file order.
  private mutating func decodeGPUWeights(_ node: YAMLNode?, _ path: String) -> [GPURequestWeight] {
    guard let node else { return [GPURequestWeight(gpus: 1, weight: 1)] }
    guard case .mapping(let entries) = node.kind else {
      fail(
        node.location, path,
        "expected a mapping of GPU count to weight like {1: 0.5, 8: 0.5}, got \(node.summary)")
      return [GPURequestWeight(gpus: 1, weight: 1)]
    }
    var weights: [GPURequestWeight] = []
    for entry in entries {
      let gpus: Int
      do {
        gpus = try Self.parseInteger(entry.key)
      } catch {
        fail(entry.keyLocation, path, "expected a GPU count (an integer), got '\(entry.key)'")
        continue
      }
      guard let weight = number(entry.value, "\(path).\(entry.key)") else { continue }
      weights.append(GPURequestWeight(gpus: gpus, weight: weight))
    }
    return weights
  }

  /// Reads the file named `written` (relative to the folder of the file that names it).
  /// - Returns: Its text and the name its problems are reported under, or nil (reported).
  private mutating func readFile(
    _ written: String, at node: YAMLNode, _ path: String, _ what: String
  ) -> (text: String, display: String)? {
    let writtenIn = node.location.file == Override.file ? mainFile : node.location.file
    let directory = directories[writtenIn] ?? IncludeResolver.directory(of: writtenIn)
    let filePath = IncludeResolver.join(directory, written)
    let displayName = IncludeResolver.join(IncludeResolver.directory(of: writtenIn), written)
    switch TextFile.read(filePath, limit: TextFile.maxTraceBytes, what: what) {
    case .success(let text):
      return (text, displayName)
    case .failure(let problem) where problem.isInText:
      // Not UTF-8: the place of the first bad byte is in the trace itself.
      diagnostics.append(
        ScenarioDiagnostic(
          file: displayName, line: problem.line, column: problem.column,
          message: problem.message))
      failedPaths.append(path)
      return nil
    case .failure(let problem):
      let message = problem.needsPath ? "\(problem.message) (\(filePath))" : problem.message
      fail(node.location, path, "cannot read \(what) '\(written)': \(message)")
      return nil
    }
  }

  /// Parses a trace; its problems are reported at the trace's own lines and columns.
  private mutating func parseTrace(
    _ main: (text: String, display: String), tasks: (text: String, display: String)?,
    format: TraceFormat, clusterGPUs: Int?, _ path: String,
    invalidJobs: InvalidTraceJobs = .error
  ) -> [TrainingJob] {
    func diagnose(_ issues: [TraceIssue]) {
      for issue in issues {
        let file = issue.file == .tasks ? (tasks?.display ?? main.display) : main.display
        diagnostics.append(
          ScenarioDiagnostic(
            file: file, line: issue.line, column: issue.column, message: issue.message))
      }
      failedPaths.append(path)
    }
    do {
      var trace = try format.read(main.text, tasks: tasks?.text, invalidJobs: invalidJobs)
      if let clusterGPUs, invalidJobs == .drop { trace.dropJobs(widerThan: clusterGPUs) }
      for drop in trace.invalidDrops {
        traceWarnings.append(
          "\(main.display):\(drop.firstLine): dropped \(drop.count) invalid "
            + "job\(drop.count == 1 ? "" : "s") (\(drop.reason)), the first on this line")
        traceJobsDropped += drop.count
      }
      if let clusterGPUs {
        let wide = trace.issues(clusterGPUs: clusterGPUs)
        if !wide.isEmpty {
          diagnose(wide)
          return []
        }
      }
      return trace.jobs
    } catch {
      diagnose(error.issues)
      return []
    }
  }
}
