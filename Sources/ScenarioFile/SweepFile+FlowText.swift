// A YAML node written back as one line of flow YAML, so that a sweep axis value can travel as
// the text of a `--set key=value` override and parse back to the same node.

extension YAMLNode {
  /// The node as flow YAML: plain scalars as written when that is unambiguous, other scalars
  /// double-quoted, `[a, b]` for lists and `{k: v}` for mappings. `~` for null.
  ///
  /// Parsing the result gives a node with the same text, nullness and structure (locations
  /// differ). The scenario decoder reads scalars by their text only, so quoting a scalar never
  /// changes its meaning.
  var flowText: String {
    switch kind {
    case .scalar(let text, let isNull):
      if isNull { return "~" }
      return Self.isPlainSafe(text) ? text : Self.doubleQuoted(text)
    case .sequence(let items):
      return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
    case .mapping(let entries):
      let pairs = entries.map { entry in
        let key = Self.isPlainSafe(entry.key) ? entry.key : Self.doubleQuoted(entry.key)
        return key + ": " + entry.value.flowText
      }
      return "{" + pairs.joined(separator: ", ") + "}"
    }
  }

  // MARK: - Private

  /// Letters, digits and `._/+-` only, not a null word, not starting with `-` alone.
  private static func isPlainSafe(_ text: String) -> Bool {
    guard !text.isEmpty, !["~", "null", "Null", "NULL", "-"].contains(text) else { return false }
    return text.unicodeScalars.allSatisfy { s in
      (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
        || s == "." || s == "_" || s == "/" || s == "+" || s == "-"
    }
  }

  private static func doubleQuoted(_ text: String) -> String {
    var out = "\""
    for s in text.unicodeScalars {
      switch s {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if s.value < 0x20 {
          let hex = String(s.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(s)
        }
      }
    }
    return out + "\""
  }
}
