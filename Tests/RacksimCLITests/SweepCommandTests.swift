import Foundation
import RacksimTestSupport
import Testing

/// `racksim sweep` through the built binary: worker counts, a real kill, Slurm submission
/// errors, and `check` on the shipped sweep.
@Suite struct SweepCommandTests {
  static let shippedSweep = TestSupport.repositoryRoot
    .appendingPathComponent("Scenarios/sweeps/load-seeds.yaml").path
  static let shippedExpect = TestSupport.repositoryRoot
    .appendingPathComponent("Scenarios/sweeps/load-seeds.expect.yaml").path
  static let shippedBase = TestSupport.repositoryRoot
    .appendingPathComponent("Scenarios/sweeps/bases/small-site.yaml").path

  static func run(_ arguments: [String], path: String? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    try CommandLineTests.run(arguments, path: path)
  }

  /// A sweep of the shipped base: 2 arrival rates × `seeds` replications.
  static func sweepFile(_ dir: URL, name: String, seeds: Int) throws -> String {
    let file = dir.appendingPathComponent("\(name).yaml")
    let yaml = """
      name: \(name)
      base: \(shippedBase)
      axes:
        workloads[0].mean_interarrival: [30m, 10m]
      seeds: \(seeds)

      """
    try Data(yaml.utf8).write(to: file)
    return file.path
  }

  static func bytes(_ folder: URL, _ name: String) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent(name))
  }

  /// The shipped sweep (2 rates × 10 seeds = 20 runs) gives the same sweep.csv, sweep.json and
  /// sweep.sqlite bytes with 1 worker thread and with 4 worker processes (`--processes`), and
  /// its expectations hold (exit 0). An
  /// expectation it violates exits 1 and prints the failing row: the 30 min rate offers
  /// 2/h · 3.3 GPUs · 2 h / 64 GPUs ≈ 0.2 of the site (Scenarios/sweeps/load-seeds.expect.yaml),
  /// more than the 0.1 asked.
  @Test func shippedSweepIsTheSameOnOneAndFourWorkersAndPassesItsChecks() throws {
    let dir = TestSupport.temporaryFolder()
    let one = dir.appendingPathComponent("one")
    let four = dir.appendingPathComponent("four")
    let r1 = try Self.run(["sweep", Self.shippedSweep, "--workers", "1", "--out", one.path])
    #expect(r1.status == 0, "\(r1.err)")
    #expect(r1.out.contains("20 runs (20 ran, 0 already complete)"), "\(r1.out)")
    let r4 = try Self.run([
      "sweep", Self.shippedSweep, "--workers", "4", "--processes", "--out", four.path,
    ])
    #expect(r4.status == 0, "\(r4.err)")
    for name in ["sweep.csv", "sweep.json", "sweep.sqlite"] {
      #expect(try Self.bytes(one, name) == Self.bytes(four, name), "\(name)")
    }
    let csv = try String(contentsOf: one.appendingPathComponent("sweep.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 21)  // a header and 2 × 10 runs
    #expect(FileManager.default.fileExists(atPath: one.appendingPathComponent("sweep.sqlite").path))

    let passed = try Self.run(["check", one.path, "--expect", Self.shippedExpect])
    #expect(passed.status == 0, "\(passed.out)\(passed.err)")
    #expect(passed.out.contains("7 of 7 expectations hold"))

    let strict = dir.appendingPathComponent("strict.yaml")
    try Data("- sweep[mean_interarrival=30m].gpu_util: {max: 0.1}\n".utf8).write(to: strict)
    let failed = try Self.run(["check", one.path, "--expect", strict.path])
    #expect(failed.status == 1)
    let row = failed.out.split(separator: "\n").first {
      $0.hasPrefix("sweep[mean_interarrival=30m].gpu_util")
    }
    #expect(row?.hasSuffix("FAIL") == true, "\(failed.out)")
    #expect(failed.err.contains("check failed: 1 of 1 expectations do not hold"))
  }

  static func completeRuns(_ folder: URL) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter {
      !$0.hasPrefix(".")
        && FileManager.default.fileExists(
          atPath: folder.appendingPathComponent($0).appendingPathComponent(".racksim-run").path)
    }.count
  }

  /// A sweep killed with SIGKILL after 2 of its 8 runs are complete, then restarted with the
  /// same command, skips the complete runs and merges the same bytes as an uninterrupted sweep,
  /// removing the killed merge's partial database.
  @Test func aKilledSweepRestartsToTheSameBytes() throws {
    let dir = TestSupport.temporaryFolder()
    let sweep = try Self.sweepFile(dir, name: "killed", seeds: 4)
    let reference = dir.appendingPathComponent("reference")
    let r = try Self.run(["sweep", sweep, "--workers", "2", "--out", reference.path, "--quiet"])
    #expect(r.status == 0, "\(r.err)")

    let out = dir.appendingPathComponent("out")
    let process = Process()
    process.executableURL = CommandLineTests.executable
    process.arguments = ["sweep", sweep, "--workers", "1", "--out", out.path, "--quiet"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Poll until two runs are complete, then kill at once (at most 6 s of waiting).
    var polls = 0
    while Self.completeRuns(out) < 2 && polls < 3000 {
      usleep(2_000)
      polls += 1
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    let before = Self.completeRuns(out)
    #expect(before >= 2 && before < 8, "complete runs when killed: \(before)")
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sweep.csv").path))

    let again = try Self.run(["sweep", sweep, "--workers", "2", "--out", out.path])
    #expect(again.status == 0, "\(again.err)")
    #expect(again.out.contains("already complete"), "\(again.out)")
    #expect(Self.completeRuns(out) == 8)
    for name in ["sweep.csv", "sweep.json", "sweep.sqlite"] {
      #expect(try Self.bytes(reference, name) == Self.bytes(out, name), "\(name)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(left.filter { $0.hasPrefix(".sweep.sqlite.partial-") } == [], "\(left)")
  }

  /// `--slurm` with no sbatch on PATH says what is missing; a refusing sbatch's message is
  /// shown; a folder prepared for one sweep is refused to another. Each exits 1.
  @Test func slurmSubmissionErrorsAndAnotherSweepsFolder() throws {
    let dir = TestSupport.temporaryFolder()
    let sweep = try Self.sweepFile(dir, name: "cluster", seeds: 2)
    let out = dir.appendingPathComponent("out").path
    let empty = dir.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let absent = try Self.run(["sweep", sweep, "--slurm", "--out", out], path: empty.path)
    #expect(absent.status == 1)
    #expect(absent.err.contains("sbatch was not found on PATH"), "\(absent.err)")

    let bin = dir.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let sbatch = bin.appendingPathComponent("sbatch")
    try Data("#!/bin/sh\necho 'sbatch: error: invalid partition specified: gpu' >&2\nexit 1\n".utf8)
      .write(to: sbatch)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sbatch.path)
    let refused = try Self.run(
      ["sweep", sweep, "--slurm", "--partition", "gpu", "--out", out], path: bin.path)
    #expect(refused.status == 1)
    #expect(
      refused.err == """
        racksim: sbatch refused the job array (exit 1):
        racksim: sbatch: error: invalid partition specified: gpu

        """)

    let other = try Self.sweepFile(dir, name: "other", seeds: 2)
    let mixed = try Self.run(["sweep", other, "--out", out])
    #expect(mixed.status == 1)
    #expect(mixed.err.contains("holds the runs of sweep \"cluster\""), "\(mixed.err)")
    #expect(mixed.err.split(separator: "\n").count == 1)
  }
}
