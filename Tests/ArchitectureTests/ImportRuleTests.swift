import Foundation
import Testing

/// STYLE.md §1: every target imports only what the dependency table allows. The compiler's
/// `--explicit-target-dependency-import-check` catches imports that Package.swift does not
/// declare; this test catches declared edges that the table forbids (an upward import).
@Suite struct ImportRuleTests {
  static let allowed: [String: Set<String>] = [
    "SimKernel": [],
    "SimMath": ["SimKernel", "CLapack"],
    "DataCenter": ["SimKernel", "SimMath"],
    "Workloads": ["SimKernel", "SimMath", "DataCenter"],
    // HeapModule (swift-collections, standard library only): the schedulers' queues.
    "Policies": ["SimKernel", "DataCenter", "Workloads", "HeapModule"],
    "Racksim": ["SimKernel", "SimMath", "DataCenter", "Workloads", "Policies", "Foundation"],
    "ScenarioFile": ["Racksim", "SimKernel", "DataCenter", "Workloads", "Yams", "Foundation"],
    // DataCenter: `racksim catalog hardware` lists the built-in catalog's types.
    // SimMath: statistics over replications for `check` and `compare` (issue 11).
    // SimMath: replication statistics for check and compare; GRDB: a sweep's sweep.sqlite.
    "Experiments": [
      "ScenarioFile", "Racksim", "DataCenter", "SimMath", "Foundation", "GRDB", "GRDBSQLite",
      "Plot",
    ],
    "RacksimCLI": ["Experiments", "ScenarioFile", "ArgumentParser", "Foundation"],
  ]

  static var sourcesRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources")
  }

  /// The modules imported by the Swift files under `Sources/<target>/`.
  static func imports(of target: String) throws -> [(file: String, module: String)] {
    let dir = sourcesRoot.appendingPathComponent(target)
    let files = (try FileManager.default.subpathsOfDirectory(atPath: dir.path))
      .filter { $0.hasSuffix(".swift") }.sorted()
    var found: [(String, String)] = []
    for file in files {
      let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        var words = line.split(separator: " ").map(String.init)
        while let w = words.first,
          w.hasPrefix("@") || ["public", "internal", "package"].contains(w)
        {
          words.removeFirst()
        }
        guard words.count >= 2, words[0] == "import" else { continue }
        let module = words[1].split(separator: ".").first.map(String.init) ?? words[1]
        found.append((file, module))
      }
    }
    return found
  }

  @Test(arguments: allowed.keys.sorted())
  func targetImportsOnlyWhatTheTableAllows(target: String) throws {
    let imports = try Self.imports(of: target)
    let sources = try FileManager.default.subpathsOfDirectory(
      atPath: Self.sourcesRoot.appendingPathComponent(target).path)
    #expect(sources.contains { $0.hasSuffix(".swift") }, "no Swift files found for \(target)")
    for (file, module) in imports {
      #expect(Self.allowed[target]!.contains(module), "\(target)/\(file) imports \(module)")
    }
  }

  /// The model targets keep wall clocks and locale formatting out of results (STYLE.md §1).
  @Test func modelTargetsDoNotImportFoundation() throws {
    for target in ["SimKernel", "SimMath", "DataCenter", "Workloads", "Policies"] {
      for (file, module) in try Self.imports(of: target) {
        #expect(
          !["Foundation", "Glibc", "Darwin", "FoundationEssentials"].contains(module),
          "\(target)/\(file)")
      }
    }
  }
}
