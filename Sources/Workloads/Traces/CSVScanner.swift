/// An RFC 4180 CSV scanner over UTF-8 bytes that streams: it yields one record at a time as
/// byte ranges into the caller's buffer, so reading a file makes no copy of its lines.
///
/// Rules (RFC 4180 §2, with the leniencies a trace saved by hand needs):
/// - Records end at LF or CRLF (a lone CR is kept as data); the last record may lack one.
/// - A UTF-8 byte-order mark (EF BB BF) at the start is skipped.
/// - A field that starts with `"` is quoted: it ends at the next lone `"`; `""` inside stands
///   for one quote; commas, CR and LF inside are data. Anything but a comma or the end of the
///   record after the closing quote is an error, as is a quote that is never closed.
/// - Unquoted fields are trimmed of spaces and tabs around them (the earlier reader did so).
/// - Blank records and records whose first byte is `#` are skipped, when `skipComments` is set.
///
/// Lines and columns are 1-based; a column counts Unicode scalars, not bytes.
struct CSVScanner {
  /// One field of the current record.
  struct Field {
    /// Byte range of the text, without the quotes of a quoted field.
    var range: Range<Int>
    /// Line of the field's first character (its opening quote, if any).
    var line: Int
    /// Byte offsets of that character and of the start of its line (columns are computed
    /// from them only when an error needs one).
    var start: Int
    var lineStart: Int
    /// Whether the text holds `""` pairs that stand for one quote.
    var hasEscapedQuotes: Bool
  }

  let bytes: UnsafeBufferPointer<UInt8>
  let separator: UInt8
  let skipComments: Bool
  private(set) var position: Int
  private(set) var line = 1
  /// Byte offset where the current line starts, for columns.
  private var lineStart: Int

  init(
    _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8 = UInt8(ascii: ","),
    skipComments: Bool = true
  ) {
    self.bytes = bytes
    self.separator = separator
    self.skipComments = skipComments
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    position = bom ? 3 : 0
    lineStart = position
  }

  /// Reads the next record into `fields` (replacing its contents, reusing its storage).
  /// - Returns: The record's first line, or nil at the end of the input.
  /// - Throws: A `TraceIssue` for a quote that is never closed or text after a closing quote;
  ///   scanning resumes at the next line.
  /// - Complexity: O(bytes of the record).
  mutating func nextRecord(into fields: inout [Field]) throws(TraceIssue) -> Int? {
    while true {
      fields.removeAll(keepingCapacity: true)
      guard position < bytes.count else { return nil }
      let recordLine = line
      if skipComments, isBlankOrComment() {
        skipLine()
        continue
      }
      while true {
        let field = try scanField()
        fields.append(field)
        if position < bytes.count, bytes[position] == separator {
          position += 1
          continue
        }
        endRecord()
        return recordLine
      }
    }
  }

  /// The text of `field`, with `""` turned into `"`.
  func text(_ field: Field) -> String {
    let slice = UnsafeBufferPointer(rebasing: bytes[field.range])
    guard field.hasEscapedQuotes else { return String(decoding: slice, as: UTF8.self) }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(slice.count)
    var i = 0
    while i < slice.count {
      unescaped.append(slice[i])
      i += slice[i] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: unescaped, as: UTF8.self)
  }

  /// The 1-based column of `field`'s first character, in Unicode scalars.
  func column(_ field: Field) -> Int { column(at: field.start, lineStart: field.lineStart) }

  /// Whether `field`'s text is exactly `word` (ASCII).
  func field(_ field: Field, equals word: StaticString) -> Bool {
    guard field.range.count == word.utf8CodeUnitCount else { return false }
    var i = field.range.lowerBound
    for b in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
      if bytes[i] != b { return false }
      i += 1
    }
    return true
  }

  // MARK: - Private

  private static let quote = UInt8(ascii: "\"")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")

  private func column(at offset: Int, lineStart: Int) -> Int {
    var c = 1
    var i = lineStart
    while i < offset {
      if bytes[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  private func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

  private func isBlankOrComment() -> Bool {
    var i = position
    while i < bytes.count, isSpace(bytes[i]) { i += 1 }
    if i == bytes.count { return true }
    if i == position, bytes[i] == UInt8(ascii: "#") { return true }
    return bytes[i] == Self.lf
      || (bytes[i] == Self.cr && i + 1 < bytes.count && bytes[i + 1] == Self.lf)
  }

  private mutating func skipLine() {
    while position < bytes.count, bytes[position] != Self.lf { position += 1 }
    if position < bytes.count { position += 1 }
    line += 1
    lineStart = position
  }

  /// At the end of a record: consumes its CRLF or LF.
  private mutating func endRecord() {
    if position < bytes.count, bytes[position] == Self.cr { position += 1 }
    if position < bytes.count, bytes[position] == Self.lf { position += 1 }
    line += 1
    lineStart = position
  }

  private func atRecordEnd(_ i: Int) -> Bool {
    i == bytes.count || bytes[i] == Self.lf
      || (bytes[i] == Self.cr && (i + 1 == bytes.count || bytes[i + 1] == Self.lf))
  }

  private mutating func scanField() throws(TraceIssue) -> Field {
    var start = position
    while start < bytes.count, isSpace(bytes[start]) { start += 1 }
    if start < bytes.count, bytes[start] == Self.quote {
      return try scanQuoted(from: start)
    }
    var i = position
    while i < bytes.count, bytes[i] != separator, !atRecordEnd(i) { i += 1 }
    var end = i
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    if end < start { end = start }
    let field = Field(
      range: start..<end, line: line, start: start, lineStart: lineStart, hasEscapedQuotes: false)
    position = i
    return field
  }

  private mutating func scanQuoted(from quoteOffset: Int) throws(TraceIssue) -> Field {
    let fieldLine = line
    let fieldLineStart = lineStart
    var i = quoteOffset + 1
    var escaped = false
    while true {
      guard i < bytes.count else {
        let issue = TraceIssue(
          line: fieldLine, column: column(at: quoteOffset, lineStart: fieldLineStart),
          message: "a quoted field is never closed: its opening quote is here")
        position = bytes.count
        throw issue
      }
      let b = bytes[i]
      if b == Self.quote {
        if i + 1 < bytes.count, bytes[i + 1] == Self.quote {
          escaped = true
          i += 2
          continue
        }
        break
      }
      if b == Self.lf {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    let field = Field(
      range: (quoteOffset + 1)..<i, line: fieldLine, start: quoteOffset,
      lineStart: fieldLineStart, hasEscapedQuotes: escaped)
    var after = i + 1
    while after < bytes.count, isSpace(bytes[after]) { after += 1 }
    if after < bytes.count, bytes[after] != separator, !atRecordEnd(after) {
      let issue = TraceIssue(
        line: line, column: column(at: after, lineStart: lineStart),
        message: "unexpected text after a closing quote (write a quote inside a quoted field "
          + "as \"\")")
      position = after
      skipLine()
      throw issue
    }
    position = after
    return field
  }
}
