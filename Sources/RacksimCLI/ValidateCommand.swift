import ArgumentParser
import Experiments
import ScenarioFile

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Report every error in scenario files as file:line:column: message.")

  @Argument(help: "Scenario YAML files.")
  var files: [String]

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one scenario file") }
  }

  func run() throws {
    var lines: [String] = []
    for file in files {
      let diagnostics = ScenarioLoader.diagnostics(path: file)
      if diagnostics.isEmpty {
        print("\(file): ok")
        if let scenario = try? ScenarioLoader.load(path: file) {
          for line in ScenarioFacts.lines(for: scenario) { print(line) }
        }
      } else {
        lines += diagnostics.map(\.description)
      }
    }
    if !lines.isEmpty { throw UserFacingFailure(lines: lines) }
  }
}
