import ArgumentParser
import Experiments

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Metrics of runs or sweeps side by side, with intervals over replications.")

  @Argument(help: "Run folders (summary.json) or sweep folders (sweep.csv).")
  var inputs: [String]

  @Option(name: .customLong("metric"), help: "A metric to show (repeatable; default: all shared).")
  var metrics: [String] = []

  @Option(help: "Output format: text, csv, json or markdown.")
  var format: String = "text"

  func validate() throws {
    if inputs.isEmpty { throw ValidationError("give at least one run or sweep folder") }
    if ComparisonTable.Format(rawValue: format) == nil {
      throw ValidationError("--format must be one of text, csv, json, markdown")
    }
  }

  func run() throws {
    var loaded: [(name: String, results: Results)] = []
    for path in inputs {
      do {
        loaded.append((path, try Results.load(path)))
      } catch {
        throw UserFacingFailure(lines: [error.description])
      }
    }
    do {
      let table = try ComparisonTable(loaded, metrics: metrics)
      print(table.render(ComparisonTable.Format(rawValue: format) ?? .text), terminator: "")
    } catch {
      throw UserFacingFailure(lines: [error.description])
    }
  }
}
