import Foundation

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

  /// The text of a field (quoting undone), for header names.
  func text(_ f: Field) -> String {
    var out: [UInt8] = []
    var i = f.start
    while i < f.end {
      out.append(bytes[i])
      i += f.quoted && bytes[i] == 0x22 ? 2 : 1
    }
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
    guard !f.quoted, isNumber(f) else { return .text }
    var i = f.start
    let negative = bytes[i] == 0x2D
    if negative { i += 1 }
    // The digits as one integer mantissa (the point skipped), counting those after the point.
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var afterPoint = false
    var exponentStart = f.end
    while i < f.end {
      let b = bytes[i]
      if b == 0x2E {
        afterPoint = true
      } else if b == 0x65 || b == 0x45 {
        exponentStart = i + 1
        break
      } else {
        if mantissa != 0 || b != 0x30 { digits += 1 }
        if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(b &- 0x30) }
        if afterPoint { fraction += 1 }
      }
      i += 1
    }
    if !afterPoint && exponentStart == f.end && digits <= 19 {
      if !negative && mantissa <= UInt64(Int64.max) { return .integer(Int64(mantissa)) }
      if negative && mantissa <= UInt64(Int64.max) + 1 {
        return .integer(mantissa == UInt64(Int64.max) + 1 ? .min : -Int64(mantissa))
      }
    }
    // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are exact
    // doubles, and one IEEE multiplication or division rounds their product or quotient
    // correctly, so the result is the correctly rounded value of the decimal text (what
    // strtod gives, slower). Anything else goes to strtod.
    var power = -fraction
    if exponentStart < f.end {
      var j = exponentStart
      let minus = bytes[j] == 0x2D
      if bytes[j] == 0x2B || minus { j += 1 }
      var e = 0
      while j < f.end && e < 100_000 {
        e = e * 10 + Int(bytes[j] &- 0x30)
        j += 1
      }
      power += minus ? -e : e
    }
    if digits <= 19 && mantissa <= 1 << 53 && (-22...22).contains(power) {
      var x = Double(mantissa)
      x = power < 0 ? x / Self.powersOfTen[-power] : x * Self.powersOfTen[power]
      return .real(negative ? -x : x)
    }
    return .real(parseDouble(f))
  }

  /// 10^0 … 10^22, each exact in a double.
  static let powersOfTen: [Double] = {
    var p: [Double] = [1]
    for _ in 1...22 { p.append(p[p.count - 1] * 10) }
    return p
  }()

  /// The field's text through strtod (correctly rounded).
  private func parseDouble(_ f: Field) -> Double {
    var text = [CChar](repeating: 0, count: f.end - f.start + 1)
    for i in f.start..<f.end { text[i - f.start] = CChar(bitPattern: bytes[i]) }
    return text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
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
