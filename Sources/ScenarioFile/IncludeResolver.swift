import Foundation

/// Reads a scenario and the files it includes, and merges them into one tree.
///
/// `include: base.yaml` (or a list) names files relative to the including file's folder. The
/// included files are applied first, in order, then the including file over them: mappings merge
/// key by key, and later values win; sequences and scalars are replaced whole. A cycle or a file
/// that cannot be read is reported at the `include` entry that names it, and so is an included
/// file that is not a mapping.
///
/// **Depth limit.** Includes may nest `maxDepth` (32) files deep, the scenario counted as the
/// first: a real layering (site, hardware, workloads, experiment) is three or four deep, and the
/// limit bounds the recursion (one call per level) long before the stack could overflow. Each
/// file is at most `TextFile.maxScenarioBytes`.
struct IncludeResolver {
  /// The deepest include chain, the scenario itself counted: 32 files.
  static let maxDepth = 32

  /// Problems found so far.
  private(set) var diagnostics: [ScenarioDiagnostic] = []
  /// For each file name used in locations, the folder it was read from (to resolve paths
  /// written inside it, such as a trace's `file`).
  private(set) var directories: [String: String] = [:]
  /// Set by `resolve` when the file it read is not a mapping (its summary), for the caller.
  private var notMapping: String?

  /// Parses `text` (named `file`, read from `directory`) with everything it includes.
  /// - Returns: The merged root mapping, or nil when the text could not be parsed.
  mutating func resolve(text: String, file: String, directory: String) -> YAMLNode? {
    let canonical = Self.canonical(Self.join(directory, Self.lastComponent(of: file)))
    return resolve(text: text, file: file, directory: directory, chain: [(canonical, file)])
  }

  /// `relative` resolved against `directory` (unchanged when absolute).
  static func join(_ directory: String, _ relative: String) -> String {
    if relative.hasPrefix("/") || directory.isEmpty { return relative }
    return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  /// The folder part of a path ("" for a bare file name).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  // MARK: - Private

  private static func lastComponent(of path: String) -> String {
    path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
  }

  private static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  private mutating func resolve(
    text: String, file: String, directory: String, chain: [(canonical: String, name: String)]
  ) -> YAMLNode? {
    directories[file] = directory
    let start = SourceLocation(file: file, line: 1, column: 1)
    let parsed: YAMLNode?
    switch YAMLNode.parse(text, file: file) {
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return nil
    case .success(let node):
      parsed = node
    }
    guard let root = parsed, !isNull(root) else {
      if chain.count == 1 { diagnostics.append(.init(start, "the scenario is empty")) }
      return YAMLNode(kind: .mapping([]), location: start)
    }
    guard case .mapping(var entries) = root.kind else {
      // An included file is reported at the `include:` entry that names it (by the caller).
      if chain.count == 1 {
        diagnostics.append(
          .init(root.location, "expected a mapping of scenario keys, got \(root.summary)"))
      }
      notMapping = root.summary
      return nil
    }
    guard let i = entries.firstIndex(where: { $0.key == "include" }) else { return root }
    let includeNode = entries.remove(at: i).value
    var names: [YAMLNode] = []
    switch includeNode.kind {
    case .scalar(_, isNull: false): names = [includeNode]
    case .sequence(let items): names = items
    default:
      diagnostics.append(
        .init(
          includeNode.location,
          "include: expected a file name or a list of them, got \(includeNode.summary)"))
    }
    var base = YAMLNode(kind: .mapping([]), location: root.location)
    for nameNode in names {
      guard case .scalar(let name, isNull: false) = nameNode.kind else {
        diagnostics.append(
          .init(nameNode.location, "include: expected a file name, got \(nameNode.summary)"))
        continue
      }
      let path = Self.join(directory, name)
      let displayName = Self.join(Self.directory(of: file), name)
      let canonical = Self.canonical(path)
      if chain.contains(where: { $0.canonical == canonical }) {
        let cycle = (chain.map(\.name) + [displayName]).joined(separator: " -> ")
        diagnostics.append(.init(nameNode.location, "include cycle: \(cycle)"))
        continue
      }
      if chain.count >= Self.maxDepth {
        let names = chain.map(\.name)
        let shown =
          (names.count > 6 ? names.prefix(3) + ["..."] + names.suffix(2) : names[...])
          + [displayName]
        diagnostics.append(
          .init(
            nameNode.location,
            "includes nest more than \(Self.maxDepth) files deep ("
              + shown.joined(separator: " -> ") + "); the limit is \(Self.maxDepth)"))
        continue
      }
      let included: String
      switch TextFile.read(path, limit: TextFile.maxScenarioBytes, what: "included file") {
      case .success(let text): included = text
      case .failure(let problem):
        let place =
          problem.isInText ? " (\(displayName):\(problem.line):\(problem.column))" : ""
        diagnostics.append(
          .init(
            nameNode.location,
            "cannot include '\(name)': \(problem.message)"
              + (problem.needsPath ? " (\(path))" : place)))
        continue
      }
      notMapping = nil
      guard
        let node = resolve(
          text: included, file: displayName, directory: Self.directory(of: path),
          chain: chain + [(canonical, displayName)])
      else {
        if let summary = notMapping {
          diagnostics.append(
            .init(
              nameNode.location,
              "cannot include '\(name)': it holds \(summary), not a mapping of scenario keys"))
          notMapping = nil
        }
        continue
      }
      base = node.merged(over: base)
    }
    return YAMLNode(kind: .mapping(entries), location: root.location).merged(over: base)
  }

  private func isNull(_ node: YAMLNode) -> Bool {
    if case .scalar(_, isNull: true) = node.kind { return true }
    return false
  }
}
