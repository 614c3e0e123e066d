import DataCenter
import Foundation
import Racksim
import SimKernel
import Workloads

/// Builders and golden-file helpers shared by the test targets.
public enum TestSupport {
  /// The repository root, found from this file's path.
  public static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// A hand-checkable catalog: one GPU type "test-gpu" (idle 100 W, TDP 500 W), one node type
  /// "test-node" with `gpusPerNode` of them and a host of 200 W idle to 400 W at full load,
  /// and one rack type "test-rack" of `nodesPerRack` nodes.
  ///
  /// Node power: P(U) = host(ū) + n·gpu(ū) with ū = U/n; for n = 4:
  /// (200 + 200·U/4) + 4·(100 + 400·U/4) = 600 + 450·U W, U = sum of GPU utilisations.
  public static func catalog(gpusPerNode: Int = 4, nodesPerRack: Int = 2) -> HardwareCatalog {
    HardwareCatalog(
      gpus: [
        GPUType(
          name: "test-gpu", peakTFLOPS: 100, memoryBytes: 80e9, memoryBandwidthBytesPerS: 1e12,
          tdpW: 500, idleW: 100, thermalLimitC: 85, source: "test figures")
      ],
      nodes: [
        NodeType(
          name: "test-node", gpu: "test-gpu", gpusPerNode: gpusPerNode, hostIdleW: 200,
          hostMaxW: 400, maxSystemW: 3000, nvlinkBytesPerS: 1e11, source: "test figures")
      ],
      racks: [
        RackType(
          name: "test-rack", node: "test-node", nodesPerRack: nodesPerRack, pduRatingW: 10_000,
          cooling: .air, source: "test figures")
      ])
  }

  /// A scenario on `racks` test racks in one row that replays `jobs`.
  public static func traceScenario(
    jobs: [TrainingJob], racks: Int = 1, horizon: SimDuration, sample: SimDuration,
    pue: Double = 1.5, gpusPerNode: Int = 4, nodesPerRack: Int = 2
  ) -> Scenario {
    Scenario(
      name: "hand", seed: 1, horizon: horizon, sampleInterval: sample,
      hardware: catalog(gpusPerNode: gpusPerNode, nodesPerRack: nodesPerRack),
      site: SiteLayout(halls: [
        HallLayout(name: "h", rows: 1, racksPerRow: racks, rackType: "test-rack")
      ]),
      facility: FacilitySpec(pue: pue),
      workloads: [.trace(name: "hand", file: "", jobs: jobs)])
  }

  /// A generated workload on built-in H100 racks, for determinism and invariant checks.
  public static func poissonScenario(racks: Int = 4, days: Double = 2) -> Scenario {
    Scenario(
      name: "poisson", seed: 11, horizon: .days(days), sampleInterval: .minutes(30),
      site: SiteLayout(halls: [
        HallLayout(name: "h", rows: 1, racksPerRow: racks, rackType: "dgx-h100-rack")
      ]),
      workloads: [
        .poisson(
          PoissonJobSource(
            name: "train", meanInterarrival: .minutes(10),
            gpuWeights: [
              GPURequestWeight(gpus: 1, weight: 2), GPURequestWeight(gpus: 4, weight: 1),
              GPURequestWeight(gpus: 8, weight: 1), GPURequestWeight(gpus: 12, weight: 0.5),
              GPURequestWeight(gpus: 32, weight: 0.3),
            ],
            duration: .exponential(mean: 3 * 3600), users: 5, gpuUtilization: 0.9))
      ])
  }

  /// Compares `actual` with the golden file at `Results/reference/<relativePath>`; with
  /// RECORD_SNAPSHOTS=1 in the environment, rewrites it and reports "recorded new baseline".
  /// - Returns: nil when equal, else a message with the first differing line.
  public static func compareGolden(_ actual: String, relativePath: String) -> String? {
    let url = repositoryRoot.appendingPathComponent("Results/reference").appendingPathComponent(
      relativePath)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(actual.utf8).write(to: url)
      return "recorded new baseline at \(url.path); unset RECORD_SNAPSHOTS and review the diff"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "missing golden file \(relativePath); run the tests with RECORD_SNAPSHOTS=1"
    }
    if expected == actual { return nil }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
      let x = i < a.count ? String(a[i]) : "<end of output>"
      let y = i < e.count ? String(e[i]) : "<end of golden file>"
      if x != y {
        return "\(relativePath) differs at line \(i + 1):\n  expected: \(y)\n  actual:   \(x)"
      }
    }
    return "\(relativePath) differs"
  }

  /// A fresh empty temporary folder.
  public static func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// A small RFC 4180 reader for checking the CSV files a run writes (quoted fields with commas,
/// doubled quotes and line breaks), independent of the writer's code.
public struct CSVTable {
  public var header: [String]
  public var rows: [[String]]

  public init(_ text: String) {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)
    if chars.last != "\n" { chars.append("\n") }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field)
        field = ""
      } else if c == "\n" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else if c != "\r" {
        field.append(c)
      }
      i += 1
    }
    header = records.first ?? []
    rows = Array(records.dropFirst())
  }

  /// The values of column `name` as numbers (empty fields are nil).
  public func numbers(_ name: String) -> [Double?] {
    guard let k = header.firstIndex(of: name) else { return [] }
    return rows.map { Double($0[k]) }
  }

  /// The values of column `name`.
  public func column(_ name: String) -> [String] {
    guard let k = header.firstIndex(of: name) else { return [] }
    return rows.map { $0[k] }
  }
}
