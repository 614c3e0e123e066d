import Foundation

/// Reads a run's CSV files for a report in one pass without building a string per field:
/// the file is memory-mapped, each line split at commas (RFC 4180 quotes understood), and a
/// field is turned into a number or text only when asked.
///
/// A 9-million-row `racks.csv` (site-100k) is read this way in seconds and without holding its
/// rows; `Results`' `CSVRecords` (which builds every field) stays the reader of the small
/// `sweep.csv`.
enum CSVScanner {
  /// One line's fields, valid during the callback.
  struct Line {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Each field's byte range (inside the quotes for a quoted field).
    var ranges: [Range<Int>]
    /// Whether field i was quoted (its text may hold `""`).
    var quoted: [Bool]
    /// The 1-based line number in the file.
    var number: Int

    /// Field `i` as a number; NaN when empty, absent or not a number.
    func value(_ i: Int) -> Double {
      guard i < ranges.count else { return .nan }
      let r = ranges[i]
      guard !r.isEmpty else { return .nan }
      if let x = CSVScanner.fastDecimal(bytes, r) { return x }
      return Double(text(i)) ?? .nan
    }

    /// Field `i` as text ("" when absent).
    func text(_ i: Int) -> String {
      guard i < ranges.count else { return "" }
      let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[i]]), as: UTF8.self)
      return quoted[i] ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    /// Whether field `i` is exactly `expected` (bytes compared, no string built).
    func field(_ i: Int, equals expected: [UInt8]) -> Bool {
      guard i < ranges.count, ranges[i].count == expected.count else { return false }
      var k = ranges[i].lowerBound
      for b in expected {
        if bytes[k] != b { return false }
        k += 1
      }
      return true
    }

    /// Field `i`'s bytes.
    func fieldBytes(_ i: Int) -> [UInt8] {
      guard i < ranges.count else { return [] }
      return Array(bytes[ranges[i]])
    }
  }

  /// Calls `row` for every line after the header.
  /// - Returns: The header's names.
  /// - Throws: `ReportError` when the file cannot be read or is empty, a line has another
  ///   number of fields than the header, or a quoted field is never closed (with its line).
  static func scan(_ path: String, _ row: (Line) -> Void) throws(ReportError) -> [String] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw ReportError("\(path): cannot read (\(error.localizedDescription))")
    }
    var header: [String]? = nil
    var problem: String? = nil
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      var line = Line(bytes: bytes, ranges: [], quoted: [], number: 0)
      var i = 0
      let n = bytes.count
      while i < n && problem == nil {
        line.ranges.removeAll(keepingCapacity: true)
        line.quoted.removeAll(keepingCapacity: true)
        line.number += 1
        // One line: fields until '\n' (a '\r' before it is dropped).
        while true {
          if i < n && bytes[i] == UInt8(ascii: "\"") {
            let start = i + 1
            i = start
            while i < n {
              if bytes[i] == UInt8(ascii: "\"") {
                if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") {
                  i += 2
                  continue
                }
                break
              }
              i += 1
            }
            if i >= n {
              problem = "line \(line.number): a quoted field is never closed"
              break
            }
            line.ranges.append(start..<min(i, n))
            line.quoted.append(true)
            i += 1
            while i < n && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") {
              i += 1
            }
          } else {
            let start = i
            while i < n && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") {
              i += 1
            }
            var end = i
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            line.ranges.append(start..<end)
            line.quoted.append(false)
          }
          if i < n && bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          i += 1  // past '\n' (or the end)
          break
        }
        if problem != nil { break }
        if line.ranges.count == 1 && line.ranges[0].isEmpty { continue }  // blank line
        if let header {
          guard line.ranges.count == header.count else {
            problem =
              "line \(line.number): \(line.ranges.count) fields, but the header has "
              + "\(header.count)"
            break
          }
          row(line)
        } else {
          header = line.ranges.indices.map(line.text)
        }
      }
    }
    if let problem { throw ReportError("\(path): \(problem)") }
    guard let header else { throw ReportError("\(path): empty, expected a header row") }
    return header
  }

  /// The header of `path` (its first line), read without the rest of the file.
  static func header(_ path: String) throws(ReportError) -> [String] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ReportError("\(path): cannot read")
    }
    defer { try? handle.close() }
    var bytes: [UInt8] = []
    while !bytes.contains(UInt8(ascii: "\n")),
      let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty
    {
      bytes += chunk
    }
    let first = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first ?? []
    guard let record = CSVRecords.parse(String(decoding: first, as: UTF8.self)).first,
      record != [""]
    else { throw ReportError("\(path): empty, expected a header row") }
    return record
  }

  /// Field bytes as a number on Clinger's fast path (`DecimalText`), nil otherwise (the
  /// caller then parses the text).
  static func fastDecimal(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Double? {
    DecimalText.parts(b, r).flatMap(DecimalText.fastValue)
  }
}

/// A results folder that cannot be reported on, phrased for the user (one line).
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message.
  public var description: String

  init(_ description: String) { self.description = description }
}
