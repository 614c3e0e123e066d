// Comma-separated text without Foundation: lines, fields with their columns, and numbers.
//
// Lines split on "\n" over the UTF-8 bytes, with a trailing "\r" removed, so "\r\n" files read
// the same (Swift's `Character` view would treat "\r\n" as one character and not split it).
// Fields split on ","; no quoting (weather and carbon files have none). Columns are one-based
// byte offsets, which equal character columns for the ASCII these files hold. Numbers go
// through the standard library's `Double(Substring)` after trimming spaces, and only finite
// values are accepted ("nan", "inf" are rejected).

/// One line of delimited text.
struct DelimitedLine {
  /// One-based line number.
  var number: Int
  /// The line without its terminator.
  var text: Substring

  /// Whether the line is empty (or spaces only) or a `#` comment.
  var isBlankOrComment: Bool {
    let trimmed = DelimitedText.trimmed(text)
    return trimmed.isEmpty || trimmed.first == "#"
  }

  /// The comma-separated fields, trimmed, each with its one-based column.
  var fields: [(text: Substring, column: Int)] {
    var out: [(Substring, Int)] = []
    var start = text.startIndex
    var column = 1
    while true {
      let end = text[start...].firstIndex(of: ",") ?? text.endIndex
      out.append((DelimitedText.trimmed(text[start..<end]), column))
      guard end < text.endIndex else { break }
      column += text[start..<end].utf8.count + 1
      start = text.index(after: end)
    }
    return out
  }
}

enum DelimitedText {
  /// The lines of `text`, numbered from 1; a final empty line after the last "\n" is dropped.
  static func lines(_ text: String) -> [DelimitedLine] {
    var out: [DelimitedLine] = []
    let bytes = text.utf8
    var start = bytes.startIndex
    var number = 1
    while start < bytes.endIndex {
      var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
      let next = end < bytes.endIndex ? bytes.index(after: end) : end
      if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") {
        end = bytes.index(before: end)
      }
      out.append(DelimitedLine(number: number, text: Substring(text[start..<end])))
      number += 1
      start = next
    }
    return out
  }

  /// `s` without leading and trailing spaces and tabs.
  static func trimmed(_ s: Substring) -> Substring {
    var s = s
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s
  }

  /// The finite number `s` spells, or nil.
  static func number(_ s: Substring) -> Double? {
    guard let v = Double(s), v.isFinite else { return nil }
    return v
  }
}
