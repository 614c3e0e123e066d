import Foundation

/// Reads the text files a scenario names (the scenario, its includes, traces), refusing ones
/// that are too large or not UTF-8 with a message that says why.
///
/// **Limits.** A scenario or included file may be at most 16 MiB (`maxScenarioBytes`): the
/// largest shipped scenario is a few kilobytes, a 40,000-hall site is about 3 MB, and YAML
/// parsing costs about a second per few megabytes in a debug build, so 16 MiB stays within
/// seconds. Traces are data, not configuration, and may be up to 4 GiB (`maxTraceBytes`; a
/// million-job trace is under 100 MB).
///
/// **Encodings.** UTF-8 is read, with or without a byte-order mark (the mark is dropped). A
/// UTF-16 or UTF-32 byte-order mark, or bytes that are not UTF-8, are refused at the first bad
/// byte's line and column, naming the encoding the bytes look like (UTF-16 without a mark when
/// every other byte is zero, otherwise Latin-1 or Windows-1252).
enum TextFile {
  /// The largest scenario or included file: 16 MiB.
  static let maxScenarioBytes = 16 << 20
  /// The largest trace file: 4 GiB.
  static let maxTraceBytes = 4 << 30

  /// Why a file could not be read: a message, and the 1-based place it concerns.
  struct Problem: Error, Equatable {
    var line = 1
    var column = 1
    /// Whether the place is in the file's text (an encoding problem), not the file as a whole.
    var isInText = false
    /// Whether the message needs the path after it ("no such file", "cannot read").
    var needsPath = false
    var message: String
  }

  /// The text of `path`, or why it cannot be read (`what` names the file kind in messages).
  static func read(_ path: String, limit: Int, what: String = "file") -> Result<String, Problem> {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
      return .failure(Problem(needsPath: true, message: "no such file"))
    }
    if isFolder.boolValue {
      return .failure(Problem(needsPath: true, message: "it is a folder, not a file"))
    }
    if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
      return .failure(Problem(message: tooLarge(size, limit: limit, what: what)))
    }
    guard let data = manager.contents(atPath: path) else {
      return .failure(Problem(needsPath: true, message: "cannot read"))
    }
    if data.count > limit {
      return .failure(Problem(message: tooLarge(data.count, limit: limit, what: what)))
    }
    return decode(data)
  }

  /// "the file is 52428800 bytes (50.0 MiB); the limit is 16 MiB (16777216 bytes)".
  static func tooLarge(_ size: Int, limit: Int, what: String) -> String {
    let mib = (Double(size) / 1_048_576 * 10).rounded() / 10
    return
      "the \(what) is \(size) bytes (\(mib) MiB); the limit is \(limit >> 20) MiB (\(limit) bytes)"
  }

  /// `data` as UTF-8 text (a UTF-8 byte-order mark is dropped), or where and why it is not.
  static func decode(_ data: Data) -> Result<String, Problem> {
    let bytes = [UInt8](data)  // one copy; the checks below are single passes
    let boms: [([UInt8], String)] = [
      ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian)"),
      ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian)"),
      ([0xFE, 0xFF], "UTF-16 (big-endian)"), ([0xFF, 0xFE], "UTF-16 (little-endian)"),
    ]
    for (bom, name) in boms where bytes.starts(with: bom) {
      return .failure(
        Problem(
          isInText: true,
          message: "the file is \(name) text (it starts with a \(name) byte-order mark), not "
            + "UTF-8; save it as UTF-8"))
    }
    let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let text = bytes.withUnsafeBufferPointer { all -> String? in
      let body = UnsafeBufferPointer(rebasing: all[skip...])
      guard let base = body.baseAddress, memchr(base, 0, body.count) == nil else {
        return body.isEmpty ? "" : nil
      }
      return String(validating: body, as: UTF8.self)
    }
    if let text { return .success(text) }
    return .failure(notUTF8(bytes.dropFirst(skip)))
  }

  // MARK: - Private

  /// Locates the first byte that is not UTF-8 (or is NUL, which no text file holds) and
  /// guesses the encoding.
  private static func notUTF8(_ bytes: ArraySlice<UInt8>) -> Problem {
    var line = 1
    var column = 1
    var i = bytes.startIndex
    var bad = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      let length =
        b < 0x80
        ? 1
        : b >= 0xC2 && b <= 0xDF
          ? 2
          : b >= 0xE0 && b <= 0xEF
            ? 3
            : b >= 0xF0 && b <= 0xF4 ? 4 : 0
      let end = i + length
      if b == 0 || length == 0 || end > bytes.endIndex
        || String(validating: bytes[i..<end], as: UTF8.self) == nil
      {
        bad = i
        break
      }
      if b == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i = end
    }
    let sample = bytes.prefix(4096)
    let zeros = sample.filter { $0 == 0 }.count
    let looksLike =
      zeros * 4 >= sample.count
      ? "UTF-16 without a byte-order mark" : "Latin-1 (ISO-8859-1) or Windows-1252"
    let byte = String(bytes[bad], radix: 16, uppercase: true)
    return Problem(
      line: line, column: column, isInText: true,
      message:
        "the file is not UTF-8 text: byte 0x\(byte.count == 1 ? "0" + byte : byte) here is "
        + "\(bytes[bad] == 0 ? "a NUL" : "not valid UTF-8"); it looks like \(looksLike); "
        + "save it as UTF-8")
  }
}
