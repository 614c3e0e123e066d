import Foundation
import ScenarioFile

extension SweepPlan {
  /// Reads and expands a sweep file without checking its axis values against the base
  /// scenario: what a worker (`racksim run-index`) does, since `racksim sweep` checked the file
  /// before preparing the folder, and the worker's check of its own line of the folder's
  /// marker (seed, scenario hash, folder name) refuses any file that changed since. It saves the
  /// worker one load of the base scenario per axis value.
  /// - Throws: `ScenarioLoadError` with every structural problem of the sweep file.
  public static func loadForWorker(path: String) throws(ScenarioLoadError) -> SweepPlan {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"
      throw ScenarioLoadError(diagnostics: [
        ScenarioDiagnostic(file: path, line: 1, column: 1, message: "\(reason): \(path)")
      ])
    }
    return try parse(yaml: text, file: path, baseDirectory: directory(of: path))
  }

  /// The folder part of a path, "" for a bare file name (as `SweepFile.load` resolves `base`).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
