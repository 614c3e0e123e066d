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
      // One load: its diagnostics, or the scenario whose facts are printed.
      do {
        let scenario = try ScenarioLoader.load(path: file)
        print("\(file): ok")
        for line in ScenarioFacts.lines(for: scenario) { print(line) }
      } catch {
        lines += error.diagnostics.map(\.description)
      }
    }
    if !lines.isEmpty { throw UserFacingFailure(lines: lines) }
  }
}
