/// One problem in a scenario, at a 1-based line and column of the file that holds it.
///
/// `file` is the path as the user wrote it (the scenario, an included file, a trace CSV), or
/// `--set` for a command-line override, whose line is the argument's position among the
/// overrides (1 for the first) and whose column is the position in the argument.
public struct ScenarioDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String
  /// For a `--set` override, the argument's text (then `line` is its position).
  public var argument: String?

  public init(file: String, line: Int, column: Int, message: String, argument: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.argument = argument
  }

  init(_ location: SourceLocation, _ message: String) {
    self.init(file: location.file, line: location.line, column: location.column, message: message)
  }

  /// `file:line:column: message`, the form editors and compilers use; for an override,
  /// `--set #2 'key=value', column 5: message` (long arguments are shortened).
  public var description: String {
    guard let argument else { return "\(file):\(line):\(column): \(message)" }
    let shown = argument.count > 80 ? argument.prefix(77) + "..." : Substring(argument)
    return "\(file) #\(line) '\(shown)', column \(column): \(message)"
  }
}

/// Every problem found while loading a scenario, sorted by file, line and column.
public struct ScenarioLoadError: Error, Sendable, Equatable, CustomStringConvertible {
  public var diagnostics: [ScenarioDiagnostic]

  /// Sorts `diagnostics` by (file, line, column) and drops exact repeats; messages at the same
  /// place keep the order they were found in.
  public init(diagnostics: [ScenarioDiagnostic]) {
    var seen = Set<ScenarioDiagnostic>()
    let unique = diagnostics.filter { seen.insert($0).inserted }
    self.diagnostics = unique.enumerated().sorted { a, b in
      (a.element.file, a.element.line, a.element.column, a.offset)
        < (b.element.file, b.element.line, b.element.column, b.offset)
    }.map(\.element)
  }

  /// One diagnostic per line.
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
