import ArgumentParser
import Experiments
import Foundation

/// `racksim`: exit codes 0 ok, 1 invalid input or failed run, 2 usage (DESIGN.md).
@main
struct RacksimCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "racksim",
    abstract: "A deterministic discrete-event simulator of AI data centres.",
    version: RacksimVersionString.value,
    subcommands: [
      RunCommand.self, ValidateCommand.self, CatalogCommand.self, CheckCommand.self,
      CompareCommand.self, FlowsCommand.self, SweepCommand.self, RunIndexCommand.self,
      ReportCommand.self,
    ])

  /// Parses and runs, mapping every error to one clear line and DESIGN.md's exit codes.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as UserFacingFailure {
      for line in failure.lines { Terminal.error(line) }
      Foundation.exit(1)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      Terminal.error(fullMessage(for: error))
      Foundation.exit(2)
    }
  }
}

/// Errors already phrased for the user; exit status 1.
struct UserFacingFailure: Error {
  var lines: [String]
}

enum Terminal {
  static func error(_ line: String) {
    FileHandle.standardError.write(Data(("racksim: " + line + "\n").utf8))
  }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
