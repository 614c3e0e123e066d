import Foundation
import RacksimTestSupport
import Testing

@testable import Experiments

/// The fabric and flow files of `racksim flows`: parsing, the FCT output and one error per bad
/// input with file, line and column.
@Suite struct FlowFilesTests {
  static let fabric = """
    # the three-flow fabric: 8 hosts, 2 leaves of 4, 2 spines
    hosts: 8
    hosts_per_leaf: 4
    spines: 2
    host_link: 100Gbps   # each direction
    uplink: '100Gbps'
    routing: modulo

    """

  static let flows = """
    id,sender,receiver,bytes,start_s
    0,h0,h2,1.25e9,0
    1,h1,h2,1.25e9,0
    2,h5,h3,1.25e9,0.05

    """

  /// The documented keys: 100 Gb/s = 100e9 / 8 = 12.5e9 B/s; 400 Gb/s = 50e9 B/s; 1us = 1000 ns.
  @Test func readsTheFabricKeys() throws {
    let text = """
      hosts: 128
      hosts_per_leaf: 16
      spines: 4
      host_link: 100Gbps
      uplink: "400Gbps"
      routing: hash
      latency: 1us
      """
    let spec = try FabricFile.parse(text, file: "f.yaml")
    #expect(spec.hosts == 128 && spec.hostsPerLeaf == 16 && spec.spines == 4)
    #expect(spec.hostLinkBytesPerSecond == 12.5e9 && spec.uplinkBytesPerSecond == 50e9)
    #expect(spec.routing == .hash && spec.hopLatency.nanoseconds == 1_000)
    // 16 · 100 / (4 · 400) = 1: non-blocking.
    #expect(spec.leafOversubscription == 1)
  }

  /// The three-flow case of issue 9 end to end: h0 → h2 and h1 → h2 share h2's downlink
  /// (0.2 s each), h5 → h3 starts at 50 ms alone (ends 0.15 s). The nearest doubles to 0.2 and
  /// 0.15 print with 17 significant digits as 0.20000000000000001 and 0.14999999999999999.
  /// A second run writes the same bytes.
  @Test func writesCompletionTimesDeterministically() throws {
    let dir = TestSupport.temporaryFolder()
    let fabric = dir.appendingPathComponent("fabric.yaml")
    let flows = dir.appendingPathComponent("flows.csv")
    try Data(Self.fabric.utf8).write(to: fabric)
    try Data(Self.flows.utf8).write(to: flows)
    var outputs: [String] = []
    for name in ["a.csv", "b.csv"] {
      let out = dir.appendingPathComponent(name)
      let outcome = try FlowsRun(
        fabricPath: fabric.path, flowsPath: flows.path, outputPath: out.path
      ).execute()
      #expect(outcome.flows == 3 && outcome.makespanSeconds == 0.2)
      outputs.append(try String(contentsOf: out, encoding: .utf8))
    }
    #expect(
      outputs[0] == """
        id,sender,receiver,bytes,start_s,end_s
        0,h0,h2,1.25e9,0,0.20000000000000001
        1,h1,h2,1.25e9,0,0.20000000000000001
        2,h5,h3,1.25e9,0.05,0.14999999999999999

        """)
    #expect(outputs[0] == outputs[1])
  }

  /// One error per bad line, in file order, each at the offending field's column.
  @Test func badFlowLinesAreEachReported() {
    let text = """
      id,sender,receiver,bytes,start_s
      0,h0,h9,1,0
      1,h1,h2,-5,0
      2,h1,h2
      3,h1,h2,5,0.3
      4,h1,h2,5,0.2
      """
    #expect(throws: FlowInputError.self) { try FlowFile.parse(text, file: "f.csv", hosts: 8) }
    do {
      _ = try FlowFile.parse(text, file: "f.csv", hosts: 8)
    } catch {
      // Columns: "0,h0," is 5 characters, so the receiver starts at 6; "1,h1,h2," is 8, so the
      // size starts at 9; "4,h1,h2,5," is 10, so the start starts at 11.
      #expect(
        error.lines == [
          "f.csv:2:6: receiver: unknown host 'h9'; the fabric has h0..h7",
          "f.csv:3:9: bytes: a size must be >= 0, got -5",
          "f.csv:4:1: expected 5 fields (id,sender,receiver,bytes,start_s), got 3",
          "f.csv:6:11: start_s 0.2 is earlier than the line before: flows must be sorted by "
            + "start_s",
        ])
    }
  }

  /// Sizes and start times beyond what a run can hold are located errors, not an `inf`
  /// completion: a size above 1e18 bytes at column 9 ("1,h1,h2," is 8 characters), a start
  /// above 100 years (3,155,760,000 s) at column 11 ("2,h1,h2,5," is 10). A file with CRLF
  /// line ends reads like one with LF ("\r\n" is one Swift Character, so it is split on
  /// newlines, not on "\n").
  @Test func sizesAndStartsAreBoundedAndCRLFReads() throws {
    let text = "id,sender,receiver,bytes,start_s\n1,h1,h2,1e300,0\n2,h1,h2,5,1e300\n"
    do {
      _ = try FlowFile.parse(text, file: "f.csv", hosts: 8)
      Issue.record("accepted 1e300")
    } catch {
      #expect(
        error.lines == [
          "f.csv:2:9: bytes: at most 1e18 (an exabyte), got 1e300",
          "f.csv:3:11: start_s: at most 3155760000 s (100 years), got 1e300",
        ])
    }
    let crlf = "id,sender,receiver,bytes,start_s\r\n1,h1,h2,5,0.5\r\n"
    #expect(try FlowFile.parse(crlf, file: "f.csv", hosts: 8).map(\.request.bytes) == [5])
    let fabric = [
      "hosts: 32", "hosts_per_leaf: 16", "spines: 1", "host_link: 100Gbps", "uplink: 400Gbps",
      "routing: hash",
    ]
    #expect(try FabricFile.parse(fabric.joined(separator: "\r\n"), file: "f.yaml").hosts == 32)
    // A latency of a day per hop (line 7, value at column 10 after "latency: ") is refused.
    do {
      _ = try FabricFile.parse((fabric + ["latency: 1d"]).joined(separator: "\n"), file: "f.yaml")
      Issue.record("accepted a day of latency")
    } catch {
      #expect(error.lines == ["f.yaml:7:10: latency: at most 1s per hop, got '1d'"])
    }
  }

  /// A wrong header and an empty file are errors at line 1.
  @Test func headerIsRequired() {
    for (text, message) in [
      ("id,src,dst,bytes,start_s\n", "expected the header"), ("", "empty file"),
    ] {
      do {
        _ = try FlowFile.parse(text, file: "f.csv", hosts: 8)
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.lines.count == 1 && error.lines[0].hasPrefix("f.csv:1:1: \(message)"))
      }
    }
  }

  /// Zero spines (line 3, value at column 9 after "spines: "), hosts not dividing into leaves
  /// (reported at hosts_per_leaf's value, line 2 column 17), an unknown key (line 7, column 1)
  /// and a bad bandwidth (line 4, column 12 after "host_link: ").
  @Test func badFabricFilesAreEachReported() {
    func errors(_ text: String) -> [String] {
      do {
        _ = try FabricFile.parse(text, file: "f.yaml")
        return []
      } catch { return error.lines }
    }
    let base = [
      "hosts: 130", "hosts_per_leaf: 16", "spines: 0", "host_link: 100Gbps", "uplink: 400Gbps",
      "routing: hash",
    ]
    #expect(
      errors(base.joined(separator: "\n")) == [
        "f.yaml:2:17: hosts_per_leaf: 130 hosts do not divide into leaves of 16",
        "f.yaml:3:9: spines: must be >= 1, got 0",
      ])
    let unknown = errors((base + ["fabric_name: x"]).joined(separator: "\n"))
    #expect(unknown.count == 1 && unknown[0].hasPrefix("f.yaml:7:1: unknown key 'fabric_name'"))
    var badUnit = base
    badUnit[3] = "host_link: 100Gps"
    let unit = errors(badUnit.joined(separator: "\n"))
    #expect(unit.count == 1 && unit[0].hasPrefix("f.yaml:4:12: host_link: expected a bandwidth"))
    let missing = errors(base.dropLast().joined(separator: "\n"))
    #expect(missing == ["f.yaml:1:1: missing key 'routing'"])
    let nested = errors("hosts:\n  count: 8")
    #expect(nested.contains("f.yaml:1:7: 'hosts' has no value"))
    #expect(nested.contains("f.yaml:2:1: the fabric file is a flat mapping: no indentation"))
  }
}
