import Racksim

/// A run's `summary.json` read without reformatting: each key with its value exactly as the run
/// wrote it, so that merged sweep files repeat the run's digits byte for byte.
///
/// `summary.json` is a flat JSON object of strings, numbers and `null` (`RunResult.summaryJSON`).
/// This reader accepts any flat object of JSON scalars (strings with every JSON escape, numbers,
/// `true`, `false`, `null`) and rejects nesting, so that a malformed or foreign file is an error
/// naming the file and the byte offset, never a guess.
public struct SummaryFile: Sendable, Equatable {
  /// One value as written.
  public enum Value: Sendable, Equatable {
    /// A JSON string, unescaped.
    case text(String)
    /// A JSON number, its token as written (`1234.500`, `42`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null` (a value the run could not compute, such as a mean over no jobs).
    case null

    /// The value as one CSV field's text: strings as they are, numbers as written, `null` empty.
    public var text: String {
      switch self {
      case .text(let s): s
      case .number(let n): n
      case .bool(let b): b ? "true" : "false"
      case .null: ""
      }
    }

    /// The value as a JSON token (strings escaped, numbers as written).
    public var json: String {
      switch self {
      case .text(let s): JSONText.string(s)
      case .number(let n): n
      case .bool(let b): b ? "true" : "false"
      case .null: "null"
      }
    }
  }

  /// The entries in file order.
  public var entries: [(key: String, value: Value)]

  /// The value of `key`, nil if absent.
  public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }

  public static func == (a: SummaryFile, b: SummaryFile) -> Bool {
    a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
  }

  /// Parses the text of a summary file.
  /// - Parameter file: The name used in messages.
  /// - Throws: `SweepError` with `file: byte N: what was expected`.
  public static func parse(_ text: String, file: String) throws(SweepError) -> SummaryFile {
    var reader = Reader(bytes: Array(text.utf8), file: file)
    return SummaryFile(entries: try reader.object())
  }
}

// MARK: - Private

private struct Reader {
  let bytes: [UInt8]
  let file: String
  var i = 0

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  func fail(_ expected: String) -> SweepError {
    SweepError("\(file): byte \(i + 1): expected \(expected) (a flat JSON object of a run summary)")
  }

  mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
  }

  mutating func expect(_ byte: UInt8, _ name: String) throws(SweepError) {
    skipSpace()
    guard i < bytes.count, bytes[i] == byte else { throw fail(name) }
    i += 1
  }

  mutating func object() throws(SweepError) -> [(key: String, value: SummaryFile.Value)] {
    try expect(UInt8(ascii: "{"), "'{'")
    var entries: [(key: String, value: SummaryFile.Value)] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
    } else {
      while true {
        skipSpace()
        let key = try string()
        try expect(UInt8(ascii: ":"), "':'")
        entries.append((key, try value()))
        skipSpace()
        guard i < bytes.count else { throw fail("',' or '}'") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        guard bytes[i] == UInt8(ascii: "}") else { throw fail("',' or '}'") }
        i += 1
        break
      }
    }
    skipSpace()
    guard i == bytes.count else { throw fail("the end of the file after the object") }
    return entries
  }

  mutating func value() throws(SweepError) -> SummaryFile.Value {
    skipSpace()
    guard i < bytes.count else { throw fail("a value") }
    switch bytes[i] {
    case UInt8(ascii: "\""): return .text(try string())
    case UInt8(ascii: "t"): return try word("true", .bool(true))
    case UInt8(ascii: "f"): return try word("false", .bool(false))
    case UInt8(ascii: "n"): return try word("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw fail("a string, number, true, false or null")
    }
  }

  mutating func word(_ w: String, _ v: SummaryFile.Value) throws(SweepError) -> SummaryFile.Value {
    let u = Array(w.utf8)
    guard i + u.count <= bytes.count, Array(bytes[i..<i + u.count]) == u else {
      throw fail("'\(w)'")
    }
    i += u.count
    return v
  }

  /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func number() throws(SweepError) -> String {
    let start = i
    func digits(_ r: inout Reader) -> Int {
      let s = r.i
      while r.i < r.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(r.bytes[r.i]) {
        r.i += 1
      }
      return r.i - s
    }
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    if i < bytes.count, bytes[i] == UInt8(ascii: "0") {
      i += 1  // JSON: a leading 0 stands alone
    } else {
      guard digits(&self) > 0 else { throw fail("digits") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits(&self) > 0 else { throw fail("digits after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
        i += 1
      }
      guard digits(&self) > 0 else { throw fail("exponent digits") }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  mutating func string() throws(SweepError) -> String {
    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("a string") }
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
      guard b == UInt8(ascii: "\\") else {
        guard b >= 0x20 else { throw fail("no control character inside a string") }
        out.append(b)
        continue
      }
      guard i < bytes.count else { break }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard i + 4 <= bytes.count,
          var code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16)
        else { throw fail("four hex digits after \\u") }
        i += 4
        if (0xD800..<0xDC00).contains(code), i + 6 <= bytes.count,
          bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
          let low = UInt32(String(decoding: bytes[i + 2..<i + 6], as: UTF8.self), radix: 16),
          (0xDC00..<0xE000).contains(low)
        {
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("a valid \\u escape") }
        out.append(contentsOf: Array(String(scalar).utf8))
      default: throw fail("a valid escape after '\\'")
      }
    }
    throw fail("the closing '\"' of a string")
  }
}
