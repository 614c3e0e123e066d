import SimKernel
import Testing

@testable import Workloads

/// Seeded mutations of the sample traces: every reader either returns jobs within the limits
/// or reports located errors, never a trap (a trap would end the test process).
@Suite struct TraceFuzzTests {
  static let fragments: [[UInt8]] = [
    Array("\"".utf8), Array(",".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("-".utf8),
    Array("9223372036854775808".utf8), Array("1e999".utf8), Array("9.3e18".utf8),
    Array("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".utf8), Array("{\"".utf8), Array("\\u".utf8),
    Array("NaN".utf8), Array(";".utf8), Array("2099-13-40 25:61:61".utf8), [0xFF, 0xFE],
    [0xEF, 0xBB, 0xBF],
  ]

  static func mutate(_ text: String, _ random: inout RandomStream) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + random.nextInt(below: 3)) {
      let at = bytes.isEmpty ? 0 : random.nextInt(below: bytes.count)
      switch random.nextInt(below: 4) {
      case 0:
        let n = Swift.min(bytes.count - at, 1 + random.nextInt(below: 20))
        bytes.removeSubrange(at..<(at + n))
      case 1:
        bytes.insert(contentsOf: fragments[random.nextInt(below: fragments.count)], at: at)
      case 2:
        bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
      default:
        let n = Swift.min(bytes.count - at, 40)
        bytes.insert(contentsOf: bytes[at..<(at + n)], at: at)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func check(_ result: () throws(TraceErrors) -> ParsedTrace, seed: UInt64) {
    do {
      let trace = try result()
      for job in trace.jobs {
        #expect(job.gpus >= 1, "seed \(seed)")
        #expect(
          job.submit >= .zero && job.submit.nanoseconds <= WorkloadLimits.maxDuration.nanoseconds,
          "seed \(seed)")
        #expect(job.work >= .zero && job.work <= WorkloadLimits.maxDuration, "seed \(seed)")
      }
    } catch {
      #expect(!error.issues.isEmpty, "seed \(seed)")
      #expect(error.issues.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "seed \(seed)")
    }
  }

  @Test(arguments: [
    "jobs.csv", "sample.swf", "philly_cluster_job_log.json", "helios_cluster_log.csv", "pai",
  ])
  func mutatedSamplesNeverTrap(_ name: String) throws {
    let main = try TraceSampleTests.sample(name == "pai" ? "pai_job_table.csv" : name)
    let tasks = name == "pai" ? try TraceSampleTests.sample("pai_task_table.csv") : ""
    for seed: UInt64 in 0..<400 {
      var random = RandomStream(seed: seed, name: "fuzz/\(name)")
      let a = Self.mutate(main, &random)
      let b = Self.mutate(tasks, &random)
      switch name {
      case "jobs.csv": Self.check({ () throws(TraceErrors) in try JobTraceCSV.read(a) }, seed: seed)
      case "sample.swf": Self.check({ () throws(TraceErrors) in try SWFTrace.read(a) }, seed: seed)
      case "helios_cluster_log.csv":
        Self.check({ () throws(TraceErrors) in try HeliosTrace.read(a) }, seed: seed)
      case "pai":
        Self.check({ () throws(TraceErrors) in try PAITrace.read(jobs: a, tasks: b) }, seed: seed)
      default: Self.check({ () throws(TraceErrors) in try PhillyTrace.read(a) }, seed: seed)
      }
    }
  }
}
