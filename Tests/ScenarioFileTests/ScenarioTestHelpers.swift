import Foundation
import Racksim
import ScenarioFile

/// Shared helpers: loading inline YAML, temporary folders and the repository root.
enum ScenarioTestHelpers {
  /// The repository root, found from this file's path (`Tests/ScenarioFileTests/…`).
  static func repositoryRoot(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// Loads inline YAML named `s.yaml`; includes and traces resolve against `directory`.
  static func load(
    _ yaml: String, file: String = "s.yaml", directory: String = "/nonexistent",
    overrides: [String] = []
  ) throws(ScenarioLoadError) -> Scenario {
    try ScenarioLoader.load(yaml: yaml, file: file, baseDirectory: directory, overrides: overrides)
  }

  /// The diagnostics of loading `yaml`, as `file:line:column: message` lines (empty if valid).
  static func problems(
    _ yaml: String, file: String = "s.yaml", directory: String = "/nonexistent",
    overrides: [String] = []
  ) -> [String] {
    do {
      _ = try load(yaml, file: file, directory: directory, overrides: overrides)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  /// A fresh folder holding `files` (relative path → contents); removed after `body`.
  static func withFolder<T>(
    _ files: [String: String], _ body: (String) throws -> T
  ) throws -> T {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-scenariofile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return try body(folder.path)
  }

  /// A valid scenario to which a test adds or changes keys (13 lines; line 1 is `name: t`).
  static let minimal = """
    name: t
    horizon: 1d
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
      - name: w
        type: poisson
        mean_interarrival: 10m
        gpus: {8: 1}
        duration: {distribution: exponential, mean: 1h}
    policies: {scheduler: fifo, placement: first-fit}
    output: {racks: false}
    """
}
