// Deep merge (for includes) and dotted key paths (for --set and for placing the issues
// `Scenario.validate()` reports).

/// One step of a key path: a mapping key or a list index, with its 1-based column in the text.
enum PathSegment: Sendable, Equatable {
  case key(String, column: Int)
  case index(Int, column: Int)

  var column: Int {
    switch self {
    case .key(_, let column), .index(_, let column): column
    }
  }
}

extension YAMLNode {
  /// `self` applied over `base`: mappings merge key by key (recursively, `self` wins, new keys
  /// keep their order after the base's); anything else in `self` replaces `base` whole.
  func merged(over base: YAMLNode) -> YAMLNode {
    guard case .mapping(let top) = kind, case .mapping(var result) = base.kind else { return self }
    // Key → position, so merging is linear in the number of keys (keys are unique in a file).
    var position: [String: Int] = [:]
    for (i, entry) in result.enumerated() where position[entry.key] == nil {
      position[entry.key] = i
    }
    for entry in top {
      if let i = position[entry.key] {
        result[i] = Entry(
          key: entry.key, keyLocation: entry.keyLocation,
          value: entry.value.merged(over: result[i].value))
      } else {
        position[entry.key] = result.count
        result.append(entry)
      }
    }
    return YAMLNode(kind: .mapping(result), location: location)
  }

  /// Parses `site.halls[0].rows` into segments; nil when the text is not a key path.
  /// Columns count from `firstColumn`.
  static func parsePath(_ text: String, firstColumn: Int = 1) -> [PathSegment]? {
    var segments: [PathSegment] = []
    let chars = Array(text.unicodeScalars)
    var i = 0
    var expectKey = true
    while i < chars.count {
      if chars[i] == "[" {
        let start = i
        i += 1
        var digits = ""
        while i < chars.count, chars[i] != "]" {
          digits.unicodeScalars.append(chars[i])
          i += 1
        }
        guard i < chars.count, let n = Int(digits), n >= 0 else { return nil }
        i += 1
        segments.append(.index(n, column: firstColumn + start))
        expectKey = false
      } else {
        if !expectKey {
          guard chars[i] == "." else { return nil }
          i += 1
        }
        let start = i
        var key = ""
        while i < chars.count, chars[i] != ".", chars[i] != "[" {
          key.unicodeScalars.append(chars[i])
          i += 1
        }
        guard !key.isEmpty else { return nil }
        segments.append(.key(key, column: firstColumn + start))
        expectKey = false
      }
    }
    return segments.isEmpty ? nil : segments
  }

  /// The deepest node along `path` that exists (the root when none does), with the location
  /// to report: the node's own, or for a mapping key the key's value.
  func deepestNode(along path: [PathSegment]) -> YAMLNode {
    var node = self
    for segment in path {
      switch (segment, node.kind) {
      case (.key(let key, _), .mapping):
        guard let next = node[key] else { return node }
        node = next
      case (.index(let i, _), .sequence(let items)) where i < items.count:
        node = items[i]
      default:
        return node
      }
    }
    return node
  }
}
