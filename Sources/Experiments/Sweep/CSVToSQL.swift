/// A run's CSV file as SQLite values, for `sweep.sqlite`'s per-run tables.
///
/// The per-run tables hold millions of rows for a large sweep (200 quickstart runs: about
/// 1.4 million), so each field is typed and converted here straight from the file's bytes and
/// bound to one prepared INSERT (no SQL text to build and parse per row). A field becomes:
/// - `NULL` when it is empty;
/// - when it is a JSON-style number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`): an
///   INTEGER when it has neither a point nor an exponent and fits in 64 bits, else a REAL (the
///   correctly rounded double of the text);
/// - TEXT otherwise (RFC 4180 quoting undone; NUL bytes, which an SQL text cannot hold,
///   dropped).
struct CSVToSQL {
  /// The CSV text (valid only inside `with(_:_:)`; a buffer, so that reading a byte costs no
  /// reference counting even in a debug build).
  let bytes: UnsafeBufferPointer<UInt8>

  /// Calls `body` with a reader over `bytes`.
  static func with<R>(_ bytes: [UInt8], _ body: (CSVToSQL) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { try body(CSVToSQL(bytes: $0)) }
  }

  /// One field: its byte range (without the surrounding quotes) and whether it was quoted.
  struct Field {
    var start: Int
    var end: Int
    var quoted: Bool
  }

  /// Calls `body` with the fields of each record in order (the header included); blank lines
  /// are skipped.
  /// - Complexity: O(bytes).
  func forEachRecord(_ body: ([Field]) throws -> Void) rethrows {
    let n = bytes.count
    var i = 0
    var fields: [Field] = []
    fields.reserveCapacity(32)
    while i < n {
      fields.removeAll(keepingCapacity: true)
      while true {
        let start = i
        if i < n && bytes[i] == 0x22 {  // a quoted field: up to the quote not doubled
          i += 1
          while i < n {
            if bytes[i] == 0x22 {
              if i + 1 < n && bytes[i + 1] == 0x22 {
                i += 2
                continue
              }
              break
            }
            i += 1
          }
          fields.append(Field(start: start + 1, end: i, quoted: true))
          if i < n { i += 1 }
          while i < n && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
        } else {
          while i < n && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
          fields.append(Field(start: start, end: i, quoted: false))
        }
        if i < n && bytes[i] == 0x2C {
          i += 1
          continue
        }
        if i < n && bytes[i] == 0x0D { i += 1 }
        if i < n && bytes[i] == 0x0A { i += 1 }
        break
      }
      if fields.count == 1 && fields[0].start == fields[0].end && !fields[0].quoted { continue }
      try body(fields)
    }
  }

  /// The text of a field (quoting undone, NUL bytes dropped), for header names.
  func text(_ f: Field) -> String {
    var out: [UInt8] = []
    appendText(f, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// A field's SQLite value: what `SweepDatabase` binds for it (see the type's discussion).
  enum Value: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    /// Text: the field's bytes (`text(_:)` for the quoted ones, with NUL bytes dropped).
    case text
  }

  /// The value of a field (see the type's discussion).
  /// - Complexity: O(field length).
  func value(_ f: Field) -> Value {
    if f.start == f.end { return .null }
    guard !f.quoted, isNumber(f), let p = DecimalText.parts(bytes, f.start..<f.end) else {
      return .text
    }
    if p.isInteger && p.digits <= 19 {
      if !p.negative && p.mantissa <= UInt64(Int64.max) { return .integer(Int64(p.mantissa)) }
      if p.negative && p.mantissa <= UInt64(Int64.max) + 1 {
        return .integer(p.mantissa == UInt64(Int64.max) + 1 ? .min : -Int64(p.mantissa))
      }
    }
    // Beyond 64 bits, or with a point or exponent: the correctly rounded double.
    return .real(DecimalText.value(bytes, f.start..<f.end, p))
  }

  /// The bytes of a text field, quoting undone and NUL bytes dropped (an SQL text cannot
  /// hold them), appended to `out`.
  func appendText(_ f: Field, to out: inout [UInt8]) {
    var i = f.start
    while i < f.end {
      let b = bytes[i]
      if b != 0 { out.append(b) }
      i += f.quoted && b == 0x22 ? 2 : 1
    }
  }

  /// Whether an unquoted field's bytes are its text as they stand (no NUL byte to drop).
  func isPlainText(_ f: Field) -> Bool {
    guard !f.quoted else { return false }
    var i = f.start
    while i < f.end {
      if bytes[i] == 0 { return false }
      i += 1
    }
    return true
  }

  /// Whether the field is a JSON-style number.
  func isNumber(_ f: Field) -> Bool {
    var i = f.start
    func isDigit(_ j: Int) -> Bool { j < f.end && bytes[j] >= 0x30 && bytes[j] <= 0x39 }
    if i < f.end && bytes[i] == 0x2D { i += 1 }
    guard isDigit(i) else { return false }
    if bytes[i] == 0x30 {
      i += 1
    } else {
      while isDigit(i) { i += 1 }
    }
    if i < f.end && bytes[i] == 0x2E {
      i += 1
      guard isDigit(i) else { return false }
      while isDigit(i) { i += 1 }
    }
    if i < f.end && (bytes[i] == 0x65 || bytes[i] == 0x45) {
      i += 1
      if i < f.end && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
      guard isDigit(i) else { return false }
      while isDigit(i) { i += 1 }
    }
    return i == f.end
  }
}
