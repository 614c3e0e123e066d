import ArgumentParser
import Experiments

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a run's or sweep's metrics against expectations; exit 1 if any fails.")

  @Argument(help: "A run folder (summary.json) or sweep folder (sweep.csv).")
  var results: String

  @Option(help: "The expectations YAML file.")
  var expect: String

  func run() throws {
    do {
      let set = try ExpectationSet.load(path: expect)
      let loaded: Results
      do {
        loaded = try Results.load(results)
      } catch {
        throw UserFacingFailure(lines: [error.description])
      }
      let report = try set.evaluate(loaded)
      print(report.table, terminator: "")
      if !report.passed {
        let failed = report.outcomes.filter { !$0.passed }.count
        throw UserFacingFailure(lines: [
          "check failed: \(failed) of \(report.outcomes.count) expectations do not hold"
        ])
      }
    } catch let error as ExpectationError {
      throw UserFacingFailure(lines: error.description.split(separator: "\n").map(String.init))
    }
  }
}
