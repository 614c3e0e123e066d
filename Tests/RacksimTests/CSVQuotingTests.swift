import DataCenter
import Foundation
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// Text fields are RFC 4180: names with a comma, a quote or a newline are quoted, quotes
/// doubled, and every row reads back with the same number of fields.
@Suite struct CSVQuotingTests {
  static let awkward = "a,\"b\"\nc"

  func result() throws -> RunResult {
    var scenario = TestSupport.traceScenario(
      jobs: [
        TrainingJob(
          name: Self.awkward, submit: .zero, gpus: 1, work: .seconds(10), user: "u,1"),
        TrainingJob(name: "plain", submit: .zero, gpus: 1, work: .seconds(10), user: "v"),
      ], horizon: .seconds(20), sample: .seconds(10))
    scenario.site.halls[0].name = "hall \"A\", east"
    var simulation = try Simulation(scenario: scenario)
    return try simulation.run()
  }

  @Test func jobsAndRacksReadBackFieldByField() throws {
    let r = try result()
    let jobs = CSVTable(r.jobsCSV())
    #expect(jobs.rows.count == 2)
    #expect(jobs.rows.allSatisfy { $0.count == jobs.header.count })
    #expect(jobs.column("id") == [Self.awkward, "plain"])
    #expect(jobs.column("user") == ["u,1", "v"])
    // The raw text: quoted, with the quotes doubled.
    #expect(r.jobsCSV().contains("\"a,\"\"b\"\"\nc\",\"u,1\","))
    let racks = CSVTable(r.racksCSV())
    #expect(racks.rows.count == 2)
    #expect(racks.column("rack") == ["hall \"A\", east/r1/k1", "hall \"A\", east/r1/k1"])
    #expect(racks.rows.allSatisfy { $0.count == racks.header.count })
  }

  /// Python's csv module (an independent reader) sees the same fields on every row.
  @Test func pythonsCSVModuleReadsJobsCSV() throws {
    let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    try #require(python != nil, "python3 is needed for this check")
    let file = TestSupport.temporaryFolder().appendingPathComponent("jobs.csv")
    try Data(try result().jobsCSV().utf8).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python!)
    process.arguments = [
      "-c",
      "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=''))); "
        + "print(len(rows), sorted(set(len(r) for r in rows)), rows[1][0] == 'a,\"b\"\\nc')",
      file.path,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    // 3 rows (header + 2 jobs), all with 16 fields (OutputColumns.jobs), and the awkward name
    // intact.
    #expect(text == "3 [16] True\n")
  }
}
