/// One problem in a scenario, at a 1-based line and column of the file that holds it.
///
/// `file` is the path as the user wrote it (the scenario, an included file, a trace CSV), or
/// `--set` for a command-line override, whose column is the position in the argument.
public struct ScenarioDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  init(_ location: SourceLocation, _ message: String) {
    self.init(file: location.file, line: location.line, column: location.column, message: message)
  }

  /// `file:line:column: message`, the form editors and compilers use.
  public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found while loading a scenario, sorted by file, line and column.
public struct ScenarioLoadError: Error, Sendable, Equatable, CustomStringConvertible {
  public var diagnostics: [ScenarioDiagnostic]

  /// Sorts `diagnostics` by (file, line, column) and drops exact repeats; messages at the same
  /// place keep the order they were found in.
  public init(diagnostics: [ScenarioDiagnostic]) {
    var unique: [ScenarioDiagnostic] = []
    for d in diagnostics where !unique.contains(d) { unique.append(d) }
    self.diagnostics = unique.enumerated().sorted { a, b in
      (a.element.file, a.element.line, a.element.column, a.offset)
        < (b.element.file, b.element.line, b.element.column, b.offset)
    }.map(\.element)
  }

  /// One diagnostic per line.
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
