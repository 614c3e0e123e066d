/// A small JSON reader (RFC 8259) over UTF-8 bytes, for the Philly job log.
///
/// Workloads has no Foundation (STYLE.md §1), and `JSONSerialization` would give neither line
/// and column for an error nor a way to stream: this reader keeps both. It reads one value at
/// a time into a `JSONValue` tree, so a top-level array of a million jobs is walked element by
/// element and only one job's tree exists at a time. Nesting deeper than `maxDepth` is an
/// error, not a stack overflow. Numbers keep their text (converted by the caller, exactly).
/// As a leniency for logs written by Python, `None` is read as `null`.
struct JSONScanner {
  /// A parsed value and where it starts.
  struct Value {
    enum Kind {
      case object([(key: String, value: Value)])
      case array([Value])
      case string(String)
      /// The byte range of the number's text.
      case number(Range<Int>)
      case bool(Bool)
      case null
    }
    var kind: Kind
    var line: Int
    /// Byte offsets of the value and of the start of its line: the column is computed only
    /// when a message needs it (`JSONScanner.column(of:)`), since a log written on one line
    /// would otherwise cost a scan from the line start per value, O(n²) in all.
    var offset: Int
    var lineStart: Int

    subscript(key: String) -> Value? {
      guard case .object(let entries) = kind else { return nil }
      return entries.first { $0.key == key }?.value
    }
  }

  static let maxDepth = 32

  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var position = 0
  private var line = 1
  private var lineStart = 0
  /// The last column computed by `column(of:)`: (line start, offset, column).
  private var checkpoint = (lineStart: -1, offset: 0, column: 1)

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      position = 3
      lineStart = 3
    }
  }

  /// Skips white space; returns the next byte without consuming it, or nil at the end.
  mutating func peek() -> UInt8? {
    while position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
      case UInt8(ascii: "\n"):
        position += 1
        line += 1
        lineStart = position
      default: return bytes[position]
      }
    }
    return nil
  }

  /// Consumes `byte` (after white space) or throws, saying what was expected.
  mutating func expect(_ byte: UInt8, _ what: String) throws(TraceIssue) {
    guard peek() == byte else { throw issue("expected \(what), found \(found())") }
    position += 1
  }

  /// Consumes `byte` if it comes next.
  mutating func consume(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    position += 1
    return true
  }

  /// An issue at the current position.
  func issue(_ message: String) -> TraceIssue {
    TraceIssue(line: line, column: column(position), message: message)
  }

  /// Reads one value.
  /// - Complexity: O(bytes of the value).
  mutating func value(depth: Int = 0) throws(TraceIssue) -> Value {
    guard depth < Self.maxDepth else {
      throw issue("JSON nested deeper than \(Self.maxDepth) levels")
    }
    guard let b = peek() else { throw issue("expected a JSON value, found the end of the file") }
    let at = (line, position, lineStart)
    func make(_ kind: Value.Kind) -> Value {
      Value(kind: kind, line: at.0, offset: at.1, lineStart: at.2)
    }
    switch b {
    case UInt8(ascii: "{"):
      position += 1
      var entries: [(key: String, value: Value)] = []
      if consume(UInt8(ascii: "}")) { return make(.object(entries)) }
      repeat {
        guard peek() == UInt8(ascii: "\"") else {
          throw issue("expected a quoted key, found \(found())")
        }
        let key = try string()
        try expect(UInt8(ascii: ":"), "':'")
        entries.append((key, try value(depth: depth + 1)))
      } while consume(UInt8(ascii: ","))
      try expect(UInt8(ascii: "}"), "',' or '}'")
      return make(.object(entries))
    case UInt8(ascii: "["):
      position += 1
      var items: [Value] = []
      if consume(UInt8(ascii: "]")) { return make(.array(items)) }
      repeat { items.append(try value(depth: depth + 1)) } while consume(UInt8(ascii: ","))
      try expect(UInt8(ascii: "]"), "',' or ']'")
      return make(.array(items))
    case UInt8(ascii: "\""):
      return make(.string(try string()))
    case UInt8(ascii: "t"):
      try word("true")
      return make(.bool(true))
    case UInt8(ascii: "f"):
      try word("false")
      return make(.bool(false))
    case UInt8(ascii: "n"):
      try word("null")
      return make(.null)
    case UInt8(ascii: "N"):
      try word("None")
      return make(.null)
    default:
      let start = position
      while position < bytes.count, isNumberByte(bytes[position]) { position += 1 }
      guard position > start else { throw issue("expected a JSON value, found \(found())") }
      return make(.number(start..<position))
    }
  }

  /// The column (1-based, in Unicode scalars) where `value` starts.
  ///
  /// Counts from the last column asked for when it is on the same line (forwards or
  /// backwards), so asking for the columns of a log's records in file order costs O(bytes)
  /// in all even when the whole log is one line.
  mutating func column(of value: Value) -> Int {
    var c: Int
    if checkpoint.lineStart == value.lineStart {
      c = checkpoint.column
      var i = checkpoint.offset
      while i < value.offset {
        if bytes[i] & 0xC0 != 0x80 { c += 1 }
        i += 1
      }
      while i > value.offset {
        i -= 1
        if bytes[i] & 0xC0 != 0x80 { c -= 1 }
      }
    } else {
      c = column(value.offset, from: value.lineStart)
    }
    checkpoint = (value.lineStart, value.offset, c)
    return c
  }

  /// The column (1-based, in Unicode scalars) of byte `offset` on the line starting at `from`.
  func column(_ offset: Int, from lineStart: Int? = nil) -> Int {
    var c = 1
    var i = lineStart ?? self.lineStart
    while i < offset {
      if bytes[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  // MARK: - Private

  private func found() -> String {
    guard position < bytes.count else { return "the end of the file" }
    let b = bytes[position]
    return b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte \(b)"
  }

  private func isNumberByte(_ b: UInt8) -> Bool {
    (b &- UInt8(ascii: "0")) < 10 || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
      || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
  }

  private mutating func word(_ w: StaticString) throws(TraceIssue) {
    let n = w.utf8CodeUnitCount
    let expected = UnsafeBufferPointer(start: w.utf8Start, count: n)
    guard position + n <= bytes.count,
      (0..<n).allSatisfy({ bytes[position + $0] == expected[$0] })
    else { throw issue("expected a JSON value, found \(found())") }
    position += n
  }

  /// Reads a string starting at its opening quote, decoding escapes.
  private mutating func string() throws(TraceIssue) -> String {
    position += 1
    let start = position
    var plain = true
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        break
      } else if b == UInt8(ascii: "\\") {
        plain = false
        position += 2
      } else if b < 0x20 {
        throw issue("a control character (byte \(b)) inside a string; write it escaped")
      } else {
        position += 1
      }
    }
    guard position < bytes.count else { throw issue("a string is never closed") }
    let end = position
    position += 1
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    if plain { return String(decoding: raw, as: UTF8.self) }
    var out = String.UnicodeScalarView()
    var utf8: [UInt8] = []
    var i = 0
    func flush() {
      out.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
      utf8.removeAll(keepingCapacity: true)
    }
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= raw.count else { return nil }
      var v: UInt32 = 0
      for j in 0..<4 {
        guard let d = Character(Unicode.Scalar(raw[at + j])).hexDigitValue else { return nil }
        v = v * 16 + UInt32(d)
      }
      return v
    }
    while i < raw.count {
      guard raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count else {
        utf8.append(raw[i])
        i += 1
        continue
      }
      let e = raw[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(e)
      case UInt8(ascii: "b"): utf8.append(8)
      case UInt8(ascii: "f"): utf8.append(12)
      case UInt8(ascii: "n"): utf8.append(10)
      case UInt8(ascii: "r"): utf8.append(13)
      case UInt8(ascii: "t"): utf8.append(9)
      case UInt8(ascii: "u"):
        guard var code = hex4(i) else { throw issue("a \\u escape needs 4 hex digits") }
        i += 4
        if (0xD800..<0xDC00).contains(code), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"),
          raw[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
        {
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        flush()
        out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
      default:
        throw issue("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
      }
    }
    flush()
    return String(out)
  }
}
