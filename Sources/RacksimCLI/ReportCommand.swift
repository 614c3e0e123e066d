import ArgumentParser
import Experiments

/// `racksim report RESULTS`: a self-contained HTML page with charts of a run or a sweep.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a self-contained HTML page with charts of a run or sweep folder.",
    discussion: """
      The page has no scripts and loads nothing from elsewhere (inline CSS and SVG). It is \
      written under a hidden name and renamed into place.
      """)

  @Argument(help: "A run folder (summary.json) or a sweep folder (sweep.csv).")
  var results: String

  @Option(help: "The HTML file to write (default: RESULTS/report.html).")
  var out: String?

  @Flag(help: "Do not print the path written.")
  var quiet = false

  func run() throws {
    do {
      let written = try ReportPage.write(for: results, to: out)
      if !quiet { print("wrote \(written)") }
    } catch {
      throw UserFacingFailure(lines: [error.description])
    }
  }
}
