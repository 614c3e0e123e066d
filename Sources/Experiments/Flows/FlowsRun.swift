import DataCenter
import Foundation
import ScenarioFile

/// `racksim flows FABRIC FLOWS.csv --out FCT.csv`: replays a flow list on a fabric with the
/// flow-level network model alone and writes the completion times (see `FabricFile`,
/// `FlowFile`, `FlowReplay`).
public struct FlowsRun {
  public var fabricPath: String
  public var flowsPath: String
  public var outputPath: String

  public init(fabricPath: String, flowsPath: String, outputPath: String) {
    self.fabricPath = fabricPath
    self.flowsPath = flowsPath
    self.outputPath = outputPath
  }

  /// What a replay did, for the closing line.
  public struct Outcome: Sendable {
    public var flows: Int
    /// The last completion, in seconds.
    public var makespanSeconds: Double
    public var events: UInt64
    public var largestComponent: Int
    /// Leaf oversubscription of the fabric (1 = non-blocking).
    public var oversubscription: Double

    public var summaryLine: String {
      "\(flows) flows, last ends at \(makespanSeconds) s, \(events) events, "
        + "largest re-solved part \(largestComponent) flows, oversubscription \(oversubscription):1"
    }
  }

  /// Reads both files, replays, writes the FCT file; every input problem is reported.
  public func execute() throws(FlowInputError) -> Outcome {
    let fabricText = try read(fabricPath)
    let flowsText = try read(flowsPath)
    let spec = try FabricFile.parse(fabricText, file: fabricPath)
    let rows = try FlowFile.parse(flowsText, file: flowsPath, hosts: spec.hosts)
    let result = FlowReplay.run(rows.map(\.request), on: Fabric(spec))
    let csv = FlowFile.completionCSV(rows, result: result)
    do {
      try Data(csv.utf8).write(to: URL(fileURLWithPath: outputPath))
    } catch {
      throw FlowInputError(diagnostics: [
        ScenarioDiagnostic(
          file: outputPath, line: 1, column: 1,
          message: "cannot write: \(error.localizedDescription)")
      ])
    }
    let last = result.completions.filter { $0 != .never }.max()
    return Outcome(
      flows: rows.count, makespanSeconds: last?.seconds ?? 0, events: result.events,
      largestComponent: result.largestComponent, oversubscription: spec.leafOversubscription)
  }

  // MARK: - Private

  func read(_ path: String) throws(FlowInputError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FlowInputError(diagnostics: [
        ScenarioDiagnostic(file: path, line: 1, column: 1, message: "cannot read the file")
      ])
    }
    return String(decoding: data, as: UTF8.self)
  }
}
