import Foundation
import RacksimTestSupport
import Testing

/// `racksim flows` through the built binary: exit codes and the written file.
@Suite struct FlowsCommandTests {
  /// Two flows h0 → h1 and h2 → h1 of 1.25 GB share h1's 100 Gb/s (12.5e9 B/s) downlink:
  /// 6.25e9 B/s each, 0.2 s; the nearest double to 0.2 prints as 0.20000000000000001. A flow to
  /// a host that does not exist exits 1 with the file and line.
  @Test func replaysAndReportsBadInput() throws {
    let dir = TestSupport.temporaryFolder()
    let fabric = dir.appendingPathComponent("fabric.yaml")
    try Data(
      "hosts: 4\nhosts_per_leaf: 2\nspines: 1\nhost_link: 100Gbps\nuplink: 100Gbps\nrouting: hash\n"
        .utf8
    ).write(to: fabric)
    let flows = dir.appendingPathComponent("flows.csv")
    try Data("id,sender,receiver,bytes,start_s\n0,h0,h1,1.25e9,0\n1,h2,h1,1.25e9,0\n".utf8)
      .write(to: flows)
    let out = dir.appendingPathComponent("fct.csv")
    let ok = try CommandLineTests.run(["flows", fabric.path, flows.path, "--out", out.path])
    #expect(ok.status == 0, "\(ok.err)")
    let fct = try String(contentsOf: out, encoding: .utf8)
    #expect(
      fct
        == "id,sender,receiver,bytes,start_s,end_s\n0,h0,h1,1.25e9,0,0.20000000000000001\n"
        + "1,h2,h1,1.25e9,0,0.20000000000000001\n")
    let bad = dir.appendingPathComponent("bad.csv")
    try Data("id,sender,receiver,bytes,start_s\n0,h0,h7,1,0\n".utf8).write(to: bad)
    let failed = try CommandLineTests.run(["flows", fabric.path, bad.path, "--out", out.path])
    #expect(failed.status == 1)
    #expect(
      failed.err == "racksim: \(bad.path):2:6: receiver: unknown host 'h7'; the fabric has h0..h3\n"
    )
  }
}
