import Foundation
import Racksim
import SimKernel
import Workloads

// Workloads: generated (`type: poisson`) and replayed (`type: trace`, a CSV next to the file).

extension ScenarioDecoder {
  static let workloadTypes = ["poisson", "trace"]
  static let poissonKeys = [
    "name", "type", "mean_interarrival", "gpus", "duration", "users", "priority",
    "gpu_utilization", "start",
  ]
  static let traceKeys = ["name", "type", "file"]

  mutating func decodeWorkloads(_ node: YAMLNode?, _ path: String) -> [WorkloadSpec] {
    let items = sequence(node, path) ?? []
    var workloads: [WorkloadSpec] = []
    for (i, item) in items.enumerated() {
      workloads.append(decodeWorkload(item, "\(path)[\(i)]"))
    }
    return workloads
  }

  // MARK: - Private

  private mutating func decodeWorkload(_ node: YAMLNode, _ path: String) -> WorkloadSpec {
    let type = node["type"].flatMap { n -> String? in
      if case .scalar(let s, isNull: false) = n.kind { return s } else { return nil }
    }
    let placeholderName = path
    switch type {
    case "poisson":
      let required = ["name", "type", "mean_interarrival", "gpus", "duration"]
      let m = mapping(node, path, keys: Self.poissonKeys, required: required)
      let start = read(m?["start"], Self.child(path, "start"), Units.duration) ?? .zero
      if let startNode = m?["start"], start < .zero {
        fail(startNode.location, Self.child(path, "start"), "must be >= 0s")
      }
      return .poisson(
        PoissonJobSource(
          name: text(m?["name"], Self.child(path, "name")) ?? placeholderName,
          meanInterarrival: read(
            m?["mean_interarrival"], Self.child(path, "mean_interarrival"), Units.duration)
            ?? .seconds(1),
          gpuWeights: decodeGPUWeights(m?["gpus"], Self.child(path, "gpus")),
          duration: decodeDistribution(m?["duration"], Self.child(path, "duration")),
          priority: integer(m?["priority"], Self.child(path, "priority")) ?? 0,
          users: integer(m?["users"], Self.child(path, "users")) ?? 1,
          gpuUtilization: number(m?["gpu_utilization"], Self.child(path, "gpu_utilization"))
            ?? 1,
          start: start))
    case "trace":
      let m = mapping(node, path, keys: Self.traceKeys, required: Self.traceKeys)
      let name = text(m?["name"], Self.child(path, "name")) ?? placeholderName
      let file = m?["file"]
      guard let file, let written = text(file, Self.child(path, "file")) else {
        return .trace(name: name, file: "", jobs: [])
      }
      return .trace(name: name, file: written, jobs: readTrace(written, at: file, path))
    default:
      // Without a known type the valid keys are unknown: check only the type.
      let m = mapping(node, path, keys: Self.poissonKeys + Self.traceKeys, required: ["type"])
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

  /// Reads a trace CSV named `written` (relative to the folder of the file that names it);
  /// its problems are reported at the CSV's own lines and columns.
  private mutating func readTrace(_ written: String, at node: YAMLNode, _ path: String)
    -> [TrainingJob]
  {
    let writtenIn = node.location.file == Override.file ? mainFile : node.location.file
    let directory = directories[writtenIn] ?? IncludeResolver.directory(of: writtenIn)
    let filePath = IncludeResolver.join(directory, written)
    let displayName = IncludeResolver.join(IncludeResolver.directory(of: writtenIn), written)
    guard let csv = try? String(contentsOfFile: filePath, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: filePath) ? "cannot read" : "no such file"
      fail(
        node.location, Self.child(path, "file"),
        "cannot read trace '\(written)': \(reason) (\(filePath))")
      return []
    }
    do {
      return try JobTraceCSV.parse(csv)
    } catch {
      for issue in error.issues {
        diagnostics.append(
          ScenarioDiagnostic(
            file: displayName, line: issue.line, column: issue.column, message: issue.message))
      }
      failedPaths.append(path)
      return []
    }
  }
}
