import ArgumentParser
import Experiments
import Foundation

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run one scenario (the built-in quickstart when no file is given).")

  @Argument(help: "A scenario YAML file. Omit it to run the built-in quickstart.")
  var scenario: String?

  @Option(
    parsing: .unconditional,
    help: "Run seed, 0 to 18446744073709551615 (default: the scenario's seed).")
  var seed: String?

  /// The seed as a number: a whole number in 0...2^64 − 1, never a wrapped value.
  static func parseSeed(_ text: String) throws -> UInt64 {
    guard let value = UInt64(text.filter { $0 != "_" }) else {
      throw ValidationError(
        "--seed must be a whole number from 0 to 18446744073709551615 (2^64 - 1), got '\(text)'")
    }
    return value
  }

  func validate() throws {
    if let seed { _ = try Self.parseSeed(seed) }
  }

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

  @Flag(help: "Also write report.html (racksim report) into the run folder once it is complete.")
  var report = false

  func run() throws {
    let job = SingleRun(
      scenarioPath: scenario, seed: try seed.map(Self.parseSeed), overrides: overrides,
      outputPath: out, force: force)
    let bar = (!quiet && Terminal.stderrIsTerminal) ? ProgressBar() : nil
    var reportProblem: String? = nil
    do {
      let outcome = try job.execute(progress: bar.map { bar in { bar.update($0) } })
      bar?.finish()
      // Trace jobs dropped under `invalid_jobs: drop`: one warning each, counted in
      // summary.json's jobs_dropped.
      for warning in outcome.result.scenario.traceWarnings ?? [] {
        Terminal.error("warning: \(warning)")
      }
      if !quiet {
        print("wrote \(outcome.folder)")
        print("  " + outcome.summaryLine)
      }
      // After the folder is complete: written beside it and renamed in (ReportPage.write).
      if report {
        do {
          let page = try ReportPage.write(for: outcome.folder)
          if !quiet { print("  report: \(page)") }
        } catch {
          reportProblem = error.description
        }
      }
    } catch {
      bar?.finish()
      throw UserFacingFailure(lines: error.lines)
    }
    if let reportProblem { throw UserFacingFailure(lines: [reportProblem]) }
  }
}
