import Foundation
import RacksimTestSupport
import Testing

/// Runs the built `racksim` executable as a user would: exit codes and one-line errors.
@Suite struct CommandLineTests {
  /// The `racksim` binary beside the test bundle in the build folder.
  static var executable: URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("racksim").path)
      && dir.path != "/"
    {
      dir.deleteLastPathComponent()
    }
    return dir.appendingPathComponent("racksim")
  }

  /// Runs the binary with `arguments` (and, when given, only `path` as its PATH).
  static func run(_ arguments: [String], path: String? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let path { process.environment = ["PATH": path] }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: o, as: UTF8.self),
      String(decoding: e, as: UTF8.self)
    )
  }

  /// A valid file prints "ok" and what it describes. Scenarios/fabric-two-pods.yaml: 8 racks
  /// of 4 DGX H100 nodes (32 nodes, 256 GPUs), a leaf per rack (8 leaves of 4 hosts), 2 pods of
  /// 4 leaves. Leaf: 4 hosts · 3,200 Gb/s / (1 spine · 12,800 Gb/s) = 1.00; spine: 4 leaves ·
  /// 12,800 Gb/s / (1 super-spine · 3,200 Gb/s) = 16.00.
  @Test func validatePrintsWhatAValidFileDescribes() throws {
    let file = TestSupport.repositoryRoot.appendingPathComponent("Scenarios/fabric-two-pods.yaml")
    let r = try Self.run(["validate", file.path])
    #expect(r.status == 0)
    #expect(
      r.out.split(separator: "\n").dropFirst().map(String.init) == [
        "  site: 1 hall, 8 racks, 32 nodes, 256 GPUs",
        "  fabric: 32 hosts, 8 leaves, 1 spine per pod, 2 pods; leaf oversubscription 1.00:1, "
          + "spine 16.00:1",
      ])
  }

  /// A file with three errors reports all three as file:line:column lines and exits 1:
  ///   line 2 "horizon: 7 days"   → the value at column 10 is not a duration;
  ///   line 3 "rows: 0"           → rows must be >= 1;
  ///   line 5 "policies: {shceduler" → unknown key at column 12 (after the 11 characters
  ///   "policies: {"), suggesting "scheduler".
  @Test func validateReportsEveryErrorAndExitsOne() throws {
    let dir = TestSupport.temporaryFolder()
    let file = dir.appendingPathComponent("broken.yaml")
    let yaml = """
      name: broken
      horizon: 7 days
      site: {halls: [{name: h, rows: 0, racks_per_row: 2, rack_type: dgx-h100-rack}]}
      workloads: [{name: w, type: poisson, mean_interarrival: 10m, gpus: {1: 1}, duration: {distribution: exponential, mean: 1h}}]
      policies: {shceduler: fifo}

      """
    try Data(yaml.utf8).write(to: file)
    let r = try Self.run(["validate", file.path])
    #expect(r.status == 1)
    let lines = r.err.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(r.err)")
    #expect(lines.allSatisfy { $0.hasPrefix("racksim: \(file.path):") })
    #expect(lines.contains { $0.contains("broken.yaml:2:10:") })
    #expect(lines.contains { $0.contains("broken.yaml:3:") && $0.contains("rows") })
    #expect(lines.contains { $0.contains("broken.yaml:5:12:") && $0.contains("scheduler") })
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try Self.run(["run", "--seed", "not-a-number"]).status == 2)
    #expect(try Self.run(["frobnicate"]).status == 2)
  }

  /// A seed outside 0...2^64 − 1 says what is valid (never a wrapped value); the largest one
  /// runs and is written as it is.
  @Test func seedsOutsideTheirRangeAreRefused() throws {
    for bad in ["-1", "18446744073709551616"] {
      let r = try Self.run(["run", "--seed", bad, "--set", "horizon=1h"])
      #expect(r.status == 2)
      #expect(
        r.err.contains(
          "--seed must be a whole number from 0 to 18446744073709551615 (2^64 - 1), got '\(bad)'"))
    }
    let out = TestSupport.temporaryFolder().appendingPathComponent("max")
    let r = try Self.run([
      "run", "--quiet", "--seed", "18446744073709551615", "--set", "horizon=1h", "--out", out.path,
    ])
    #expect(r.status == 0, "\(r.err)")
    let summary = try String(
      contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(summary.contains("\"seed\": 18446744073709551615,"))
  }

  /// `--force` never destroys what a run did not write: the current folder, an empty path (an
  /// unset shell variable), a scenario file, a folder of the user's. Each is one line, exit 1,
  /// and the place is untouched.
  @Test func forceRefusesWhatNoRunWrote() throws {
    let dir = TestSupport.temporaryFolder()
    let scenario = dir.appendingPathComponent("x.yaml")
    try Data("name: x\n".utf8).write(to: scenario)
    let mine = dir.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: mine.appendingPathComponent("notes.txt"))
    let cases: [(String, String)] = [
      (".", "is the current folder or one of its parents"),
      ("", "the output path is empty"),
      (scenario.path, "is a file, not a run folder"),
      (mine.path, "was not written by a racksim run"),
    ]
    for (place, message) in cases {
      let r = try Self.run(["run", "--set", "horizon=1h", "--out", place, "--force"])
      #expect(r.status == 1, "\(place)")
      #expect(r.err.contains(message), "\(place): \(r.err)")
      #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
    }
    #expect(try String(contentsOf: scenario, encoding: .utf8) == "name: x\n")
    #expect(
      try String(contentsOf: mine.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["mine", "x.yaml"])
  }

  /// A scenario name cannot send the default folder outside Results/: "../../x" becomes
  /// "_._.._x" under Results/ (each "/" becomes "_", and so does the leading dot).
  @Test func aScenarioNameStaysInsideResults() throws {
    let dir = TestSupport.temporaryFolder()
    let file = dir.appendingPathComponent("s.yaml")
    let yaml = """
      name: ../../x
      horizon: 1h
      site: {halls: [{name: h, rows: 1, racks_per_row: 1, rack_type: dgx-h100-rack}]}
      workloads: [{name: w, type: poisson, mean_interarrival: 10m, gpus: {1: 1}, duration: {distribution: exponential, mean: 1h}}]

      """
    try Data(yaml.utf8).write(to: file)
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = ["run", "--quiet", file.path]
    process.currentDirectoryURL = dir
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: dir.appendingPathComponent("Results/_._.._x-seed1/summary.json").path))
    #expect(
      !FileManager.default.fileExists(
        atPath: dir.deletingLastPathComponent().appendingPathComponent("x-seed1").path))
  }

  /// `catalog columns` documents every column of timeseries.csv with its unit.
  @Test func catalogListsColumns() throws {
    let r = try Self.run(["catalog", "columns"])
    #expect(r.status == 0)
    #expect(r.out.contains("it_power_kw") && r.out.contains("kW"))
    #expect(try Self.run(["catalog", "nonsense"]).status == 2)
  }

  /// A short run writes a complete folder and refuses to overwrite it without --force.
  @Test func runWritesAFolderAndRefusesToOverwrite() throws {
    let out = TestSupport.temporaryFolder().appendingPathComponent("q")
    let first = try Self.run(["run", "--set", "horizon=6h", "--out", out.path])
    #expect(first.status == 0, "\(first.err)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    let again = try Self.run(["run", "--set", "horizon=6h", "--out", out.path])
    #expect(again.status == 1)
    #expect(again.err.contains("already exists; use --force"))
    #expect(
      try Self.run(["run", "--set", "horizon=6h", "--out", out.path, "--force", "--quiet"]).status
        == 0)
  }
}

/// A run killed with SIGKILL part way leaves no folder that looks complete; the next run into
/// the same place succeeds and removes what the killed one left.
@Suite struct KilledRunTests {
  @Test func aKilledRunLeavesNothingThatLooksComplete() throws {
    let dir = TestSupport.temporaryFolder()
    let out = dir.appendingPathComponent("run")
    // A year at one-second sampling: far longer than the half second before the kill.
    let process = Process()
    process.executableURL = CommandLineTests.executable
    process.arguments = [
      "run", "--quiet", "--out", out.path, "--set", "horizon=365d", "--set", "sample_interval=1s",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the run has started writing (its hidden partial folder exists).
    var partial: [String] = []
    for _ in 0..<200 {
      partial = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0.hasPrefix(".run.partial-") }
      if !partial.isEmpty { break }
      usleep(20_000)
    }
    usleep(300_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(partial.count == 1)
    #expect(!FileManager.default.fileExists(atPath: out.path))
    // The next run into the same place works and cleans the killed run's partial folder.
    let next = try CommandLineTests.run([
      "run", "--quiet", "--out", out.path, "--set", "horizon=1h",
    ])
    #expect(next.status == 0, "\(next.err)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(names == ["run"])
  }
}
