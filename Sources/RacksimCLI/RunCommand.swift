import ArgumentParser
import Experiments
import Foundation

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run one scenario (the built-in quickstart when no file is given).")

  @Argument(help: "A scenario YAML file. Omit it to run the built-in quickstart.")
  var scenario: String?

  @Option(help: "Run seed (default: the scenario's seed).")
  var seed: UInt64?

  @Option(
    name: .customLong("set"),
    help: "Override a scenario value, e.g. --set policies.scheduler=fifo (repeatable).")
  var overrides: [String] = []

  @Option(help: "Output folder (default: Results/<scenario>-seed<seed>).")
  var out: String?

  @Flag(help: "Replace the output folder if it exists.")
  var force = false

  @Flag(help: "No progress bar and no closing summary.")
  var quiet = false

  func run() throws {
    let job = SingleRun(
      scenarioPath: scenario, seed: seed, overrides: overrides, outputPath: out, force: force)
    let bar = (!quiet && Terminal.stderrIsTerminal) ? ProgressBar() : nil
    do {
      let outcome = try job.execute(progress: bar.map { bar in { bar.update($0) } })
      bar?.finish()
      if !quiet {
        print("wrote \(outcome.folder)")
        print("  " + outcome.summaryLine)
      }
    } catch {
      bar?.finish()
      throw UserFacingFailure(lines: error.lines)
    }
  }
}
