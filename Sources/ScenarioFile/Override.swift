/// Command-line overrides: `--set path.to.key=value`, applied to the merged scenario tree
/// before it is converted, so a value set here is checked exactly like one in the file.
///
/// The path uses dots for keys and `[i]` for list entries (`site.halls[0].rows`); the value is
/// a YAML scalar or flow node (`4`, `1d`, `sjf`, `{8: 1}`, `[1h, 2h]`). A key that does not
/// exist yet is added, and the converter then reports it if the schema has no such key.
/// Problems are located in the file `--set`, with the argument's 1-based position among the
/// overrides as the line and the 1-based position in the argument as the column; the loader
/// attaches the argument's text, so a message reads `--set #2 'x=', column 3: …`.
enum Override {
  /// The file name used in the locations of override values.
  static let file = "--set"

  /// `root` with every override applied, in order, and the problems with those that could
  /// not be applied.
  static func apply(_ arguments: [String], to root: YAMLNode) -> (YAMLNode, [ScenarioDiagnostic]) {
    var root = root
    var diagnostics: [ScenarioDiagnostic] = []
    for (k, argument) in arguments.enumerated() {
      switch parse(argument, number: k + 1) {
      case .failure(let diagnostic):
        diagnostics.append(diagnostic)
      case .success(let (path, value)):
        if var problem = set(value, at: path[...], in: &root, parentPath: "", line: k + 1) {
          problem.line = k + 1
          diagnostics.append(problem)
        }
      }
    }
    return (root, diagnostics)
  }

  /// `diagnostics` with the text of the `--set` argument each one concerns attached (their
  /// line is the argument's 1-based position).
  static func name(_ diagnostics: [ScenarioDiagnostic], arguments: [String])
    -> [ScenarioDiagnostic]
  {
    diagnostics.map { d in
      guard d.file == file, d.line >= 1, d.line <= arguments.count else { return d }
      var named = d
      named.argument = arguments[d.line - 1]
      return named
    }
  }

  // MARK: - Private

  private static func at(_ column: Int, _ message: String, line: Int = 1) -> ScenarioDiagnostic {
    ScenarioDiagnostic(file: file, line: line, column: column, message: message)
  }

  private static func parse(_ argument: String, number: Int) -> Result<
    ([PathSegment], YAMLNode), ScenarioDiagnostic
  > {
    let scalars = Array(argument.unicodeScalars)
    guard let equals = scalars.firstIndex(of: "=") else {
      return .failure(
        at(1, "expected path=value (like policies.scheduler=sjf), got '\(argument)'", line: number))
    }
    var pathText = String(String.UnicodeScalarView(scalars[..<equals]))
    while pathText.hasSuffix(" ") { pathText.removeLast() }
    guard let path = YAMLNode.parsePath(pathText) else {
      return .failure(
        at(
          1, "'\(pathText)' is not a key path like policies.scheduler or site.halls[0].rows",
          line: number))
    }
    let valueText = String(String.UnicodeScalarView(scalars[(equals + 1)...]))
    let valueColumn = equals + 2
    let parsed = YAMLNode.parse(
      valueText, file: file, columnOffset: equals + 1,
      fixedLine: (line: number, lastColumn: scalars.count + 1))
    switch parsed {
    case .failure(let diagnostic):
      return .failure(diagnostic)
    case .success(let node):
      let empty = YAMLNode(
        kind: .scalar("", isNull: true),
        location: SourceLocation(file: file, line: number, column: valueColumn))
      return .success((path, node ?? empty))
    }
  }

  /// Sets `value` at `path` under `node`; returns the problem when the path cannot be followed.
  private static func set(
    _ value: YAMLNode, at path: ArraySlice<PathSegment>, in node: inout YAMLNode,
    parentPath: String, line: Int
  ) -> ScenarioDiagnostic? {
    guard let segment = path.first else {
      node = value
      return nil
    }
    let rest = path.dropFirst()
    let here = SourceLocation(file: file, line: line, column: segment.column)
    switch segment {
    case .key(let key, let column):
      let keyPath = parentPath.isEmpty ? key : "\(parentPath).\(key)"
      var entries: [YAMLNode.Entry]
      switch node.kind {
      case .mapping(let existing): entries = existing
      case .scalar(_, isNull: true): entries = []
      default:
        let name = parentPath.isEmpty ? "the scenario" : parentPath
        return at(column, "cannot set '\(keyPath)': \(name) is \(node.summary), not a mapping")
      }
      if let i = entries.firstIndex(where: { $0.key == key }) {
        if let problem = set(
          value, at: rest, in: &entries[i].value, parentPath: keyPath, line: line)
        {
          return problem
        }
      } else {
        if case .index(let index, let indexColumn)? = rest.first {
          return at(indexColumn, "cannot set '\(keyPath)[\(index)]': \(keyPath) is not set")
        }
        var child = YAMLNode(kind: .mapping([]), location: here)
        if let problem = set(value, at: rest, in: &child, parentPath: keyPath, line: line) {
          return problem
        }
        entries.append(.init(key: key, keyLocation: here, value: child))
      }
      node.kind = .mapping(entries)
      return nil
    case .index(let index, let column):
      let itemPath = "\(parentPath)[\(index)]"
      guard case .sequence(var items) = node.kind else {
        return at(column, "cannot set '\(itemPath)': \(parentPath) is \(node.summary), not a list")
      }
      guard index < items.count else {
        let entries = items.count == 1 ? "1 entry" : "\(items.count) entries"
        return at(column, "cannot set '\(itemPath)': \(parentPath) has \(entries)")
      }
      if let problem = set(value, at: rest, in: &items[index], parentPath: itemPath, line: line) {
        return problem
      }
      node.kind = .sequence(items)
      return nil
    }
  }
}
