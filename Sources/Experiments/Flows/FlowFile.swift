import DataCenter
import Foundation
import ScenarioFile

/// Reads flow lists and writes flow completion times for `racksim flows`.
///
/// Input: a header `id,sender,receiver,bytes,start_s`, then one flow per line: `id` a whole
/// number (unique; it also feeds the ECMP hash), `sender` and `receiver` hosts named `h0` ..
/// `h<hosts-1>`, `bytes` ≥ 0, `start_s` ≥ 0 seconds, lines sorted by `start_s`. The start is
/// rounded to the nearest nanosecond.
///
/// Output: `id,sender,receiver,bytes,start_s,end_s`, the first five fields as read and `end_s`
/// with 17 significant digits (`%.17g`, so that the double round-trips).
public enum FlowFile {
  /// The required header.
  public static let header = "id,sender,receiver,bytes,start_s"
  /// The largest flow: an exabyte.
  static let maxBytes = 1e18
  /// The latest start: 100 years (SimTime spans ±292).
  static let maxStartSeconds = 3_155_760_000.0

  /// One flow as read: the request and the text of each field (echoed in the output).
  public struct Row: Sendable, Equatable {
    public var request: FlowRequest
    public var fields: [String]
  }

  /// Parses a flow list against a fabric of `hosts` hosts, reporting every bad line.
  public static func parse(_ text: String, file: String, hosts: Int) throws(FlowInputError)
    -> [Row]
  {
    var errors: [ScenarioDiagnostic] = []
    var rows: [Row] = []
    var seen = Set<UInt64>()
    var previousStart = -Double.infinity
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if lines.last?.isEmpty == true { lines.removeLast() }
    func fail(_ line: Int, _ column: Int, _ message: String) {
      errors.append(ScenarioDiagnostic(file: file, line: line, column: column, message: message))
    }
    guard let first = lines.first else {
      throw FlowInputError(diagnostics: [
        ScenarioDiagnostic(
          file: file, line: 1, column: 1, message: "empty file: expected \(header)")
      ])
    }
    if first.trimmingCR != header {
      fail(1, 1, "expected the header '\(header)', got '\(first.trimmingCR)'")
    }
    rows.reserveCapacity(lines.count)
    for n in 1..<max(lines.count, 1) {
      let line = n + 1
      let fields = lines[n].trimmingCR.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == 5 else {
        fail(line, 1, "expected 5 fields (\(header)), got \(fields.count)")
        continue
      }
      var columns: [Int] = []
      var c = 1
      for f in fields {
        columns.append(c)
        c += f.count + 1
      }
      let before = errors.count
      let id = UInt64(fields[0])
      if id == nil {
        fail(line, columns[0], "id: expected a whole number >= 0, got '\(fields[0])'")
      } else if !seen.insert(id!).inserted {
        fail(line, columns[0], "duplicate id \(fields[0])")
      }
      let sender = host(fields[1], hosts: hosts, field: "sender") {
        fail(line, columns[1], $0)
      }
      let receiver = host(fields[2], hosts: hosts, field: "receiver") {
        fail(line, columns[2], $0)
      }
      let bytes = Double(fields[3])
      if bytes == nil || !bytes!.isFinite {
        fail(line, columns[3], "bytes: expected a number, got '\(fields[3])'")
      } else if bytes! < 0 {
        fail(line, columns[3], "bytes: a size must be >= 0, got \(fields[3])")
      } else if bytes! > Self.maxBytes {
        // Beyond it a flow would not finish within SimTime's range at any real rate.
        fail(line, columns[3], "bytes: at most 1e18 (an exabyte), got \(fields[3])")
      }
      let start = Double(fields[4])
      if start == nil || !start!.isFinite {
        fail(line, columns[4], "start_s: expected a number of seconds, got '\(fields[4])'")
      } else if start! < 0 {
        fail(line, columns[4], "start_s: must be >= 0, got \(fields[4])")
      } else if start! > Self.maxStartSeconds {
        fail(line, columns[4], "start_s: at most 3155760000 s (100 years), got \(fields[4])")
      } else if start! < previousStart {
        fail(
          line, columns[4],
          "start_s \(fields[4]) is earlier than the line before: flows must be sorted by start_s")
      }
      if let start, start.isFinite { previousStart = max(previousStart, start) }
      guard errors.count == before, let id, let sender, let receiver, let bytes, let start
      else { continue }
      rows.append(
        Row(
          request: FlowRequest(
            source: sender, destination: receiver, bytes: bytes, start: .init(seconds: start),
            key: id),
          fields: fields.map(String.init)))
    }
    if !errors.isEmpty { throw FlowInputError(sorting: errors) }
    return rows
  }

  /// The FCT file: the input fields plus `end_s` (17 significant digits) for each row.
  public static func completionCSV(_ rows: [Row], result: FlowReplay.Result) -> String {
    var out = header + ",end_s\n"
    out.reserveCapacity(64 * (rows.count + 1))
    for (row, end) in zip(rows, result.completions) {
      for f in row.fields {
        out += f
        out += ","
      }
      out += end == .never ? "inf" : String(format: "%.17g", end.seconds)
      out += "\n"
    }
    return out
  }

  // MARK: - Private

  static func host(
    _ text: Substring, hosts: Int, field: String, fail: (String) -> Void
  ) -> HostID? {
    guard text.first == "h", let index = Int(text.dropFirst()), index >= 0,
      String(index) == text.dropFirst()
    else {
      fail("\(field): expected a host name like h0, got '\(text)'")
      return nil
    }
    guard index < hosts else {
      fail("\(field): unknown host '\(text)'; the fabric has h0..h\(hosts - 1)")
      return nil
    }
    return HostID(index)
  }
}

extension Substring {
  var trimmingCR: Substring { hasSuffix("\r") ? dropLast() : self }
}
