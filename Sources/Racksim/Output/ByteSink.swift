import Foundation

/// Where the bytes of one output file go: a file of the run's partial folder, or memory.
///
/// The recorder encodes rows into its own buffer and hands it over in large chunks, so a sink
/// is called about once per megabyte, never per value.
public protocol ByteSink: AnyObject {
  /// Appends `bytes`.
  func write(_ bytes: [UInt8]) throws(SimulationError)
  /// Flushes and closes.
  func close() throws(SimulationError)
}

/// Keeps the bytes in memory (library use and tests).
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public func write(_ bytes: [UInt8]) throws(SimulationError) { self.bytes += bytes }
  public func close() throws(SimulationError) {}
  /// The contents as text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes to a file (created, or truncated).
public final class FileSink: ByteSink {
  let path: String
  let handle: FileHandle

  public init(path: String) throws(SimulationError) {
    self.path = path
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw .output("cannot create \(path)") }
    self.handle = handle
  }

  public func write(_ bytes: [UInt8]) throws(SimulationError) {
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      throw .output("cannot write \(path): \(error.localizedDescription)")
    }
  }

  public func close() throws(SimulationError) {
    do {
      try handle.synchronize()
      try handle.close()
    } catch {
      throw .output("cannot write \(path): \(error.localizedDescription)")
    }
  }
}

/// A byte buffer that encodes CSV fields without allocating per value and hands full chunks to
/// a sink.
struct CSVBuffer {
  var bytes: [UInt8] = []
  let sink: any ByteSink
  static let chunk = 1 << 20

  init(sink: any ByteSink) {
    self.sink = sink
    bytes.reserveCapacity(Self.chunk + 4096)
  }

  mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
  mutating func comma() { bytes.append(UInt8(ascii: ",")) }
  mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

  mutating func number(_ x: Double, decimals: Int) {
    FixedDecimal.append(x, decimals: decimals, to: &bytes)
  }

  /// A text field by RFC 4180: quoted when it holds a comma, a quote, CR or LF, with quotes
  /// doubled.
  mutating func field(_ text: String) { CSVText.append(text, to: &bytes) }

  /// Hands the buffer to the sink once it holds a chunk.
  mutating func flushIfFull() throws(SimulationError) {
    guard bytes.count >= Self.chunk else { return }
    try sink.write(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func finish() throws(SimulationError) {
    if !bytes.isEmpty { try sink.write(bytes) }
    bytes.removeAll()
    try sink.close()
  }
}

/// RFC 4180 text fields.
public enum CSVText {
  /// Appends `text` as one CSV field: as it is, or in double quotes with every quote doubled
  /// when it holds a comma, a quote, a carriage return or a line feed.
  public static func append(_ text: String, to bytes: inout [UInt8]) {
    let utf8 = text.utf8
    let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else {
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(0x22)
    for b in utf8 {
      bytes.append(b)
      if b == 0x22 { bytes.append(0x22) }
    }
    bytes.append(0x22)
  }

  /// `text` as one CSV field.
  public static func field(_ text: String) -> String {
    var bytes: [UInt8] = []
    append(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
