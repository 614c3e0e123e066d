import Foundation
import Yams

// YAML text → `YAMLNode`, with every failure a located, readable diagnostic.
//
// Limits (each reported at a place in the text, never a trap or a hang):
// - Nesting: 1,000 levels of mappings and lists (libyaml's own limit; Yams composes and this
//   file converts recursively, so the limit also bounds the stack: about 1,000 frames).
// - Size after aliases: 1,000,000 nodes (keys, values and list items; `maxNodes`). Yams
//   shares an anchored node among its aliases, so composing is cheap, but every reader after
//   this one walks the expanded tree: a "billion laughs" of nine nested aliases expands to 10^9
//   nodes. The expanded size is counted first with each anchored node's size remembered, in
//   O(nodes written), and a document over the limit is refused at the alias that crosses it.
//   A 40,000-hall site is about 400,000 nodes. Before Yams composes anything, a scan of the text
//   refuses one that is surely over the limit (`surelyTooManyNodes`): composing a 16 MB list of
//   eight million numbers took 40 s and 1.2 GB in a debug build before it could be counted.
// Messages made clear: tab indentation says "tab"; a duplicate key points at the duplicate (the
// second one), not the first.

extension YAMLNode {
  /// The most nodes a document may expand to, aliases included: 1,000,000.
  static let maxNodes = 1_000_000
  /// The deepest nesting libyaml accepts (its `MAX_NESTING_LEVEL`).
  static let maxNesting = 1_000

  /// Parses one YAML document.
  /// - Parameters:
  ///   - columnOffset: Added to every column (a `--set` value's position in its argument).
  ///   - fixedLine: For a one-line text (a `--set` value): the line every location gets, and
  ///     the column for a problem found past the end of the text.
  /// - Returns: The root node (nil for an empty document), or the problem as a diagnostic.
  static func parse(
    _ text: String, file: String, columnOffset: Int = 0,
    fixedLine: (line: Int, lastColumn: Int)? = nil
  ) -> Result<YAMLNode?, ScenarioDiagnostic> {
    let place = Place(file: file, columnOffset: columnOffset, fixedLine: fixedLine)
    if let crowded = TextScan.surelyTooManyNodes(text, limit: maxNodes) {
      return .failure(
        place.diagnostic(
          at: crowded,
          "the document has more than \(maxNodes) YAML nodes by here (counted from its commas, "
            + "colons and list dashes); the limit is \(maxNodes) nodes"))
    }
    do {
      // The basic resolver tags every scalar `str`: this layer reads the text itself, and the
      // default resolver's regular expressions (run for every key by Yams' duplicate check)
      // were most of the cost of a large file.
      guard let root = try Yams.compose(yaml: text, .basic) else { return .success(nil) }
      // Without a '*' there are no aliases: the tree is as large as written, and `convert`
      // counts it. With one, the expanded size is counted first, without expanding.
      var copy = text
      let mayHaveAliases = copy.withUTF8 { b in
        b.baseAddress.map { memchr($0, 0x2A, b.count) != nil } ?? false
      }
      if mayHaveAliases {
        var sizes = SizeCount()
        if let crossing = sizes.exceeds(root, limit: maxNodes) {
          return .failure(aliasProblem(crossing, text: text, place: place))
        }
      }
      return convert(root, place: place)
    } catch let error as YamlError {
      return .failure(describe(error, text: text, place: place))
    } catch {
      return .failure(place.diagnostic(nil as Mark?, "invalid YAML: \(error)"))
    }
  }

  // MARK: - Private

  /// How marks become locations: the file, a column offset, and an optional fixed line.
  fileprivate struct Place {
    var file: String
    var columnOffset: Int
    var fixedLine: (line: Int, lastColumn: Int)?

    func location(_ mark: Mark?) -> SourceLocation { location(mark.map(TextPosition.init)) }

    func location(_ position: TextPosition?) -> SourceLocation {
      let line = position?.line ?? 1
      let column = position?.column ?? 1
      guard let fixedLine else {
        return SourceLocation(file: file, line: line, column: columnOffset + column)
      }
      // A one-line value: a mark past its end (libyaml's end of input) is its last column.
      let c = line > 1 ? fixedLine.lastColumn : min(columnOffset + column, fixedLine.lastColumn)
      return SourceLocation(file: file, line: fixedLine.line, column: max(c, 1))
    }

    func diagnostic(_ mark: Mark?, _ message: String) -> ScenarioDiagnostic {
      ScenarioDiagnostic(location(mark), message)
    }

    func diagnostic(at position: TextPosition?, _ message: String) -> ScenarioDiagnostic {
      ScenarioDiagnostic(location(position), message)
    }
  }

  private static func describe(_ error: YamlError, text: String, place: Place)
    -> ScenarioDiagnostic
  {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      if let tab = TextScan.tabIndentation(in: text, upTo: mark.line) {
        return place.diagnostic(
          at: tab,
          "a tab is used for indentation here; YAML indents with spaces only "
            + "(replace the tab with spaces)")
      }
      if problem.contains("Maximum nesting level") || context?.text.contains("nesting") == true {
        return place.diagnostic(
          mark, "the YAML nests deeper than \(maxNesting) levels of mappings and lists")
      }
      let during = context.map { " (\($0.text))" } ?? ""
      return place.diagnostic(mark, "invalid YAML: \(problem)\(during)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let more =
        duplicates.count > 1
        ? " (also duplicated: \(duplicates.dropFirst().map { "'\($0)'" }.joined(separator: ", ")))"
        : ""
      let first = TextPosition(context.mark)
      guard let second = TextScan.duplicateKey(key, after: first, in: text) else {
        return place.diagnostic(
          at: first, "duplicate key '\(key)' in one mapping (this is its first use)\(more)")
      }
      return place.diagnostic(
        at: second,
        "duplicate key '\(key)': it is already set at line \(first.line), column "
          + "\(place.location(first as TextPosition?).column) of this mapping\(more)")
    case .reader(let problem, let offset, let value, _):
      let at = offset.map { TextScan.position(ofByte: $0, in: text) }
      let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true)))" : ""
      return place.diagnostic(at: at, "cannot read the text: \(problem)\(character)")
    default:
      return place.diagnostic(nil as Mark?, "invalid YAML: \(error)")
    }
  }

  /// The node count crossed the limit at `crossing`: report it at the alias that did it.
  private static func aliasProblem(_ crossing: SizeCount.Crossing, text: String, place: Place)
    -> ScenarioDiagnostic
  {
    let limit = "the limit is \(maxNodes) nodes"
    guard let alias = crossing.aliasOf,
      let name = TextScan.anchorName(at: alias, in: text),
      let use = TextScan.alias(name, occurrence: crossing.aliasUse, in: text)
    else {
      return place.diagnostic(
        at: crossing.mark, "the document has more than \(maxNodes) YAML nodes here; \(limit)")
    }
    return place.diagnostic(
      at: use,
      "aliases expand the document to more than \(maxNodes) YAML nodes at this '*\(name)' "
        + "(which stands for \(crossing.aliasSize) nodes); \(limit), aliases included")
  }

  private static func convert(_ node: Node, place: Place) -> Result<YAMLNode?, ScenarioDiagnostic> {
    var failure: ScenarioDiagnostic? = nil
    var count = 0
    func walk(_ node: Node) -> YAMLNode {
      count += 1
      if count > maxNodes {
        let message =
          "the document has more than \(maxNodes) YAML nodes here; the limit is \(maxNodes) nodes"
        failure = failure ?? place.diagnostic(node.mark, message)
        return YAMLNode(kind: .scalar("", isNull: true), location: place.location(node.mark))
      }
      switch node {
      case .scalar(let scalar):
        let isNull =
          scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        return YAMLNode(
          kind: .scalar(scalar.string, isNull: isNull), location: place.location(scalar.mark))
      case .mapping(let mapping):
        var entries: [Entry] = []
        entries.reserveCapacity(mapping.count)
        for (key, value) in mapping {
          guard case .scalar(let k) = key else {
            failure = failure ?? place.diagnostic(key.mark, "a key must be plain text")
            continue
          }
          entries.append(
            Entry(key: k.string, keyLocation: place.location(k.mark), value: walk(value)))
        }
        return YAMLNode(kind: .mapping(entries), location: place.location(mapping.mark))
      case .sequence(let sequence):
        return YAMLNode(
          kind: .sequence(sequence.map(walk)), location: place.location(sequence.mark))
      case .alias(let alias):
        // Yams resolves aliases while composing; an unresolved one is a composer error.
        failure = failure ?? place.diagnostic(alias.mark, "unresolved alias")
        return YAMLNode(kind: .scalar("", isNull: true), location: place.location(alias.mark))
      }
    }
    let root = walk(node)
    if let failure { return .failure(failure) }
    return .success(root)
  }
}

/// Counts the nodes of a composed tree as its readers will see it (aliases expanded), in
/// O(nodes written): Yams gives every alias of an anchor the anchored node itself, with the
/// anchor's mark, so a collection met again at the same mark is an alias and its size is the
/// one remembered from the first visit.
private struct SizeCount {
  struct Key: Hashable {
    var line: Int
    var column: Int
    var isMapping: Bool
  }
  /// Where the count first passed the limit.
  struct Crossing {
    var mark: TextPosition?
    /// The anchored node whose alias crossed the limit (nil when no alias did).
    var aliasOf: TextPosition?
    /// Which use of that anchor, counting from 1 in document order.
    var aliasUse = 1
    var aliasSize = 0
  }

  private var sizes: [Key: Int] = [:]
  private var uses: [Key: Int] = [:]
  private var total = 0
  private var crossing: Crossing?

  /// The place where the expanded count first exceeds `limit`, or nil when it does not.
  mutating func exceeds(_ root: Node, limit: Int) -> Crossing? {
    _ = size(root, limit: limit)
    return crossing
  }

  /// The expanded size of `node`, adding to `total`; stops early once past `limit`.
  private mutating func size(_ node: Node, limit: Int) -> Int {
    guard crossing == nil else { return 0 }
    let key: Key?
    switch node {
    case .mapping(let m):
      key = m.mark.map { Key(line: $0.line, column: $0.column, isMapping: true) }
    case .sequence(let s):
      key = s.mark.map { Key(line: $0.line, column: $0.column, isMapping: false) }
    default: key = nil
    }
    if let key, let known = sizes[key] {
      uses[key, default: 1] += 1
      total += known
      if total > limit {
        let at = node.mark.map(TextPosition.init)
        crossing = Crossing(
          mark: at, aliasOf: at, aliasUse: uses[key, default: 2] - 1, aliasSize: known)
      }
      return known
    }
    let before = total
    total += 1
    switch node {
    case .mapping(let m):
      for (k, v) in m where crossing == nil {
        _ = size(k, limit: limit)
        _ = size(v, limit: limit)
      }
    case .sequence(let s):
      for item in s where crossing == nil { _ = size(item, limit: limit) }
    default: break
    }
    if total > limit, crossing == nil {
      crossing = Crossing(mark: node.mark.map(TextPosition.init))
    }
    let own = total - before
    if let key { sizes[key] = own }
    return own
  }
}

/// A 1-based line and column (Yams' `Mark` cannot be made outside Yams).
private struct TextPosition {
  var line: Int
  var column: Int
  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }
}

/// Small scans of the raw text for what the parser's errors leave out.
private enum TextScan {
  /// The first tab in the indentation of lines 1...`line` (a tab before the first other
  /// character of a line), as a 1-based mark.
  static func tabIndentation(in text: String, upTo line: Int) -> TextPosition? {
    var number = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      if number > line { break }
      var column = 0
      for c in raw.unicodeScalars {
        column += 1
        if c == "\t" { return TextPosition(line: number, column: column) }
        if c != " " { break }
      }
    }
    return nil
  }

  /// The 1-based line and column of the UTF-8 byte at `offset`.
  static func position(ofByte offset: Int, in text: String) -> TextPosition {
    let utf8 = text.utf8
    let end = utf8.index(utf8.startIndex, offsetBy: min(max(offset, 0), utf8.count))
    let before = text.unicodeScalars[..<end]
    let line = 1 + before.count { $0 == "\n" }
    let lineStart = before.lastIndex(of: "\n").map { text.unicodeScalars.index(after: $0) }
    let column = text.unicodeScalars[(lineStart ?? before.startIndex)..<end].count + 1
    return TextPosition(line: line, column: column)
  }

  /// The line's text from a 1-based column, or nil.
  static func rest(of text: String, at mark: TextPosition) -> Substring.UnicodeScalarView? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard mark.line >= 1, mark.line <= lines.count else { return nil }
    let scalars = lines[mark.line - 1].unicodeScalars
    guard mark.column >= 1, mark.column - 1 <= scalars.count else { return nil }
    return scalars.dropFirst(mark.column - 1)
  }

  /// `name` when the text at `mark` is `&name`.
  static func anchorName(at mark: TextPosition, in text: String) -> String? {
    guard let rest = rest(of: text, at: mark), rest.first == "&" else { return nil }
    let name = rest.dropFirst().prefix { !isBreak($0) }
    return name.isEmpty ? nil : String(String.UnicodeScalarView(name))
  }

  /// The position of the `occurrence`-th `*name` (1-based) in the text.
  static func alias(_ name: String, occurrence: Int, in text: String) -> TextPosition? {
    var seen = 0
    var line = 0
    let target = Array(name.unicodeScalars)
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      line += 1
      let s = Array(raw.unicodeScalars)
      for i in s.indices where s[i] == "*" && (i == 0 || isBreak(s[i - 1])) {
        let end = i + 1 + target.count
        guard end <= s.count, Array(s[(i + 1)..<end]) == target,
          end == s.count || isBreak(s[end])
        else { continue }
        seen += 1
        if seen >= occurrence { return TextPosition(line: line, column: i + 1) }
      }
    }
    return nil
  }

  /// The second `key:` of the mapping whose first key is at `first`: at the same column on a
  /// later line of a block mapping, or later on the same line in a flow mapping.
  static func duplicateKey(_ key: String, after first: TextPosition, in text: String)
    -> TextPosition?
  {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line <= lines.count, first.column >= 1 else { return nil }
    let forms = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
    func isKey(_ s: [Unicode.Scalar], at i: Int) -> Bool {
      for form in forms where i + form.count <= s.count && Array(s[i..<(i + form.count)]) == form {
        var j = i + form.count
        while j < s.count, s[j] == " " { j += 1 }
        if j < s.count, s[j] == ":" { return true }
      }
      return false
    }
    let firstLine = Array(lines[first.line - 1].unicodeScalars)
    // Flow: a later `key:` after a ',' or '{' on the same line.
    var i = first.column
    while i < firstLine.count {
      if firstLine[i - 1] == "," || firstLine[i - 1] == "{" || firstLine[i - 1] == " " {
        if isKey(firstLine, at: i) {
          return TextPosition(line: first.line, column: i + 1)
        }
      }
      i += 1
    }
    // Block: the same column on a later line, before the mapping ends (a line indented less).
    for n in first.line..<lines.count {
      let s = Array(lines[n].unicodeScalars)
      let indent = s.prefix { $0 == " " }.count
      if indent == s.count || s[indent] == "#" { continue }
      if indent < first.column - 1 { break }
      if indent == first.column - 1, isKey(s, at: indent) {
        return TextPosition(line: n + 1, column: indent + 1)
      }
    }
    return nil
  }

  /// Where a text surely holds more than `limit` nodes, or nil.
  ///
  /// Outside comments, each ',' separates two flow items, each ': ' (or ':' at the end of a
  /// line) separates a key from its value, and each '- ' starts a list item, so their count k
  /// satisfies k ≤ 1.5 · nodes (a flow mapping entry `a: 1,` counts twice for two nodes; quoted
  /// text with such characters can only over-count, which the factor 2 below absorbs). The text
  /// is refused where k passes 2 · `limit`, so a document at or under the limit never is.
  /// - Complexity: O(characters), one pass over the UTF-8 bytes.
  static func surelyTooManyNodes(_ text: String, limit: Int) -> TextPosition? {
    var copy = text
    return copy.withUTF8 { bytes -> TextPosition? in
      var count = 0
      var line = 1
      var lineStart = 0
      var inComment = false
      var previous: UInt8 = 0x0A
      var i = 0
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        if b == 0x0A {
          line += 1
          lineStart = i + 1
          inComment = false
        } else if !inComment {
          if b == 0x2C || b == 0x5B || b == 0x7B {  // , [ {
            count += 1
          } else if b == 0x3A || b == 0x2D {  // : -
            let next = i + 1 < n ? bytes[i + 1] : 0x0A
            if next == 0x20 || next == 0x0A || next == 0x0D { count += 1 }
          } else if b == 0x23, previous == 0x20 || previous == 0x0A || previous == 0x09 {  // #
            inComment = true
          }
          if count > 2 * limit {
            let before = String(
              decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<i]), as: UTF8.self)
            return TextPosition(line: line, column: before.unicodeScalars.count + 1)
          }
        }
        previous = b
        i += 1
      }
      return nil
    }
  }

  /// Characters that end an anchor or alias name.
  static func isBreak(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "," || c == "[" || c == "]" || c == "{" || c == "}"
      || c == "\r" || c == ":"
  }
}
