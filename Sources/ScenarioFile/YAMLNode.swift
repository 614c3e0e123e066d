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

  /// How this node is named in messages: "a mapping", "a list", or the scalar in quotes (a
  /// long or multi-line one shortened, so that a message never quotes a whole file).
  var summary: String {
    switch kind {
    case .scalar(let text, let isNull):
      if isNull { return "nothing" }
      let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
      if firstLine.count <= 60 && firstLine.count == text.count { return "'\(text)'" }
      return "text starting '\(firstLine.prefix(40))...' (\(text.count) characters)"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }
}
