import Foundation
import Racksim

/// Reads scenario files: YAML → a validated `Scenario`, or every problem at once.
///
/// Loading runs in four steps: parse the file and its includes and merge them (a syntax error,
/// a missing include or a cycle stops here); apply the `--set` overrides; convert the tree,
/// reporting each unknown key, wrong type, bad unit and missing key; then run
/// `Scenario.validate()` and place each issue at the YAML node its key path names (or the
/// nearest node that exists). Every problem is a `ScenarioDiagnostic` with `file:line:column`.
public enum ScenarioLoader {
  /// Loads a file (following includes) and applies overrides.
  /// - Parameters:
  ///   - path: The scenario file; messages name it (and the files it includes) as written here.
  ///   - overrides: `path.to.key=value` strings, as given to `--set`, applied in order.
  /// - Throws: `ScenarioLoadError` with every problem found.
  public static func load(path: String, overrides: [String] = []) throws(ScenarioLoadError)
    -> Scenario
  {
    let text: String
    switch TextFile.read(path, limit: TextFile.maxScenarioBytes, what: "scenario file") {
    case .success(let t): text = t
    case .failure(let problem):
      throw ScenarioLoadError(diagnostics: [
        ScenarioDiagnostic(
          file: path, line: problem.line, column: problem.column,
          message: problem.needsPath ? "\(problem.message): \(path)" : problem.message)
      ])
    }
    return try load(
      yaml: text, file: path, baseDirectory: IncludeResolver.directory(of: path),
      overrides: overrides)
  }

  /// Loads YAML text.
  /// - Parameters:
  ///   - yaml: The scenario's text.
  ///   - file: The name used for it in messages (included files are named relative to it).
  ///   - baseDirectory: The folder against which include and trace paths are resolved.
  ///   - overrides: `path.to.key=value` strings, as given to `--set`, applied in order.
  /// - Throws: `ScenarioLoadError` with every problem found.
  public static func load(
    yaml: String, file: String, baseDirectory: String, overrides: [String] = []
  ) throws(ScenarioLoadError) -> Scenario {
    let size = yaml.utf8.count
    guard size <= TextFile.maxScenarioBytes else {
      let message = TextFile.tooLarge(size, limit: TextFile.maxScenarioBytes, what: "scenario")
      throw ScenarioLoadError(diagnostics: [.init(file: file, line: 1, column: 1, message: message)]
      )
    }
    var resolver = IncludeResolver()
    let merged = resolver.resolve(text: yaml, file: file, directory: baseDirectory)
    guard let merged, resolver.diagnostics.isEmpty else {
      throw ScenarioLoadError(diagnostics: resolver.diagnostics)
    }
    let (tree, overrideProblems) = Override.apply(overrides, to: merged)
    var decoder = ScenarioDecoder(directories: resolver.directories, mainFile: file)
    let scenario = decoder.decode(tree)
    var diagnostics = overrideProblems + decoder.diagnostics
    for issue in scenario.validate() where !decoder.isConsequenceOfFailure(issue.path) {
      let node = YAMLNode.parsePath(issue.path).map(tree.deepestNode(along:)) ?? tree
      diagnostics.append(ScenarioDiagnostic(node.location, issue.description))
    }
    guard diagnostics.isEmpty else {
      throw ScenarioLoadError(diagnostics: Override.name(diagnostics, arguments: overrides))
    }
    return scenario
  }

  /// Checks a file without running it.
  /// - Returns: Every problem, sorted by file, line and column; empty when the scenario is valid.
  public static func diagnostics(path: String, overrides: [String] = []) -> [ScenarioDiagnostic] {
    do {
      _ = try load(path: path, overrides: overrides)
      return []
    } catch {
      return error.diagnostics
    }
  }
}
