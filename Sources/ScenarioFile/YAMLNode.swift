import Yams

/// Where a node was written: a file (as the user named it) and a 1-based line and column.
struct SourceLocation: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
}

/// A YAML node detached from Yams, with the location of every node and key.
///
/// Scenario trees are merged from several files (includes) and `--set` arguments, so each node
/// carries its own file. Keys are plain text (the schema only has text and integer keys).
struct YAMLNode: Sendable, Equatable {
  /// One `key: value` pair of a mapping, in file order.
  struct Entry: Sendable, Equatable {
    var key: String
    var keyLocation: SourceLocation
    var value: YAMLNode
  }

  enum Kind: Sendable, Equatable {
    /// A scalar's text; `isNull` for an unquoted empty value, `~` or `null`.
    case scalar(String, isNull: Bool)
    case mapping([Entry])
    case sequence([YAMLNode])
  }

  var kind: Kind
  var location: SourceLocation

  /// The value at `key` of a mapping; nil for a missing key or a node that is not a mapping.
  subscript(key: String) -> YAMLNode? {
    guard case .mapping(let entries) = kind else { return nil }
    return entries.first { $0.key == key }?.value
  }

  /// How this node is named in messages: "a mapping", "a list", or the scalar in quotes.
  var summary: String {
    switch kind {
    case .scalar(let text, let isNull): isNull ? "nothing" : "'\(text)'"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }
}

// MARK: - Parsing

extension YAMLNode {
  /// Parses one YAML document.
  /// - Returns: The root node (nil for an empty document), or the syntax error as a
  ///   diagnostic at the parser's mark.
  static func parse(
    _ text: String, file: String, columnOffset: Int = 0
  ) -> Result<YAMLNode?, ScenarioDiagnostic> {
    func at(_ mark: Mark?, _ message: String) -> ScenarioDiagnostic {
      ScenarioDiagnostic(
        file: file, line: mark?.line ?? 1, column: columnOffset + (mark?.column ?? 1),
        message: message)
    }
    do {
      guard let root = try Yams.compose(yaml: text) else { return .success(nil) }
      return convert(root, file: file, columnOffset: columnOffset)
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _),
        .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        let during = context.map { " (\($0.text))" } ?? ""
        return .failure(at(mark, "invalid YAML: \(problem)\(during)"))
      case .duplicatedKeysInMapping(let duplicates, let context):
        let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
        return .failure(at(context.mark, "duplicate key \(keys) in one mapping"))
      case .reader(let problem, _, _, _):
        return .failure(at(nil, "cannot read the text: \(problem)"))
      default:
        return .failure(at(nil, "invalid YAML: \(error)"))
      }
    } catch {
      return .failure(at(nil, "invalid YAML: \(error)"))
    }
  }

  // MARK: - Private

  private static func convert(
    _ node: Node, file: String, columnOffset: Int
  ) -> Result<YAMLNode?, ScenarioDiagnostic> {
    var failure: ScenarioDiagnostic? = nil
    func location(_ mark: Mark?) -> SourceLocation {
      SourceLocation(
        file: file, line: mark?.line ?? 1, column: columnOffset + (mark?.column ?? 1))
    }
    func walk(_ node: Node) -> YAMLNode {
      switch node {
      case .scalar(let scalar):
        let isNull =
          scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        return YAMLNode(
          kind: .scalar(scalar.string, isNull: isNull), location: location(scalar.mark))
      case .mapping(let mapping):
        var entries: [Entry] = []
        for (key, value) in mapping {
          guard case .scalar(let k) = key else {
            failure = failure ?? ScenarioDiagnostic(location(key.mark), "a key must be plain text")
            continue
          }
          entries.append(Entry(key: k.string, keyLocation: location(k.mark), value: walk(value)))
        }
        return YAMLNode(kind: .mapping(entries), location: location(mapping.mark))
      case .sequence(let sequence):
        return YAMLNode(kind: .sequence(sequence.map(walk)), location: location(sequence.mark))
      case .alias(let alias):
        // Yams resolves aliases while composing; an unresolved one is a composer error.
        failure = failure ?? ScenarioDiagnostic(location(alias.mark), "unresolved alias")
        return YAMLNode(kind: .scalar("", isNull: true), location: location(alias.mark))
      }
    }
    let root = walk(node)
    if let failure { return .failure(failure) }
    return .success(root)
  }
}
