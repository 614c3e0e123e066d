import Foundation
import RacksimTestSupport
import Testing

@testable import Experiments

/// The Slurm job array: one script whatever the number of runs, and sbatch's answers.
@Suite struct SlurmArrayTests {
  /// A 1,000-run sweep (seeds: 1000) in a folder whose path holds a quote.
  static func array(partition: String? = "gpu", arrayMax: Int? = 50, folder: String) throws
    -> SlurmArray
  {
    let plan = try SweepPlan.parse(yaml: "name: big\nbase: b.yaml\nseeds: 1000\n", file: "s.yaml")
    let sweepFolder = SweepFolder(
      path: folder, plan: plan, scenarioHashes: Array(repeating: "h", count: 1000))
    return SlurmArray(
      folder: sweepFolder, sweepPath: "/sweeps/big.yaml", executable: "/opt/bin/racksim",
      partition: partition, arrayMax: arrayMax)
  }

  /// Indices 0 … 999 (1,000 runs), at most 50 at once; the quote in the folder's name is
  /// written '\'' inside single quotes, as sh reads it.
  @Test func theScriptRunsOneArrayTaskPerRun() throws {
    let script = try Self.array(folder: "/data/it's").script
    #expect(
      script == """
        #!/bin/sh
        # racksim sweep 'big': one array task per run, 1000 runs.
        # Each task writes one run folder in the sweep folder (complete or absent); merge with
        #   racksim sweep '/sweeps/big.yaml' --collect --out '/data/it'\\''s'
        #SBATCH --job-name=racksim-big
        #SBATCH --array=0-999%50
        #SBATCH --ntasks=1
        #SBATCH --output=/data/it's/slurm/%A_%a.log
        #SBATCH --partition=gpu
        set -eu
        exec '/opt/bin/racksim' run-index '/sweeps/big.yaml' "$SLURM_ARRAY_TASK_ID" --out '/data/it'\\''s' --quiet

        """)
    let plain = try Self.array(partition: nil, arrayMax: nil, folder: "/d").script
    #expect(plain.contains("#SBATCH --array=0-999\n"))
    #expect(!plain.contains("--partition"))
  }

  /// A fake sbatch that answers like the real one: `--parsable` prints "jobid;cluster".
  static func fakeSbatch(_ dir: URL, _ body: String) throws -> String {
    let path = dir.appendingPathComponent("sbatch").path
    try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }

  /// Submitting writes exactly one file (the script) for 1,000 runs, passes it to sbatch
  /// with --parsable, and returns the job id before the ';'.
  @Test func submitWritesOneScriptAndReturnsTheJobID() throws {
    let dir = TestSupport.temporaryFolder()
    let out = dir.appendingPathComponent("out")
    let array = try Self.array(folder: out.path)
    let sbatch = try Self.fakeSbatch(
      dir, "echo \"$@\" > '\(dir.path)/args'; echo '4242;cluster'")
    #expect(try array.submit(sbatch: sbatch) == "4242")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out.path + "/slurm") == [
        "racksim-array.sbatch"
      ])
    let args = try String(contentsOfFile: dir.path + "/args", encoding: .utf8)
    #expect(args == "--parsable \(out.path)/slurm/racksim-array.sbatch\n")
  }

  /// sbatch's refusal is shown as it said it, after one line saying sbatch refused.
  @Test func aRefusedSubmissionShowsSbatchsMessage() throws {
    let dir = TestSupport.temporaryFolder()
    let array = try Self.array(folder: dir.appendingPathComponent("out").path)
    let sbatch = try Self.fakeSbatch(
      dir, "echo 'sbatch: error: invalid partition specified: gpu' >&2; exit 1")
    do {
      _ = try array.submit(sbatch: sbatch)
      Issue.record("a refused submission succeeded")
    } catch {
      #expect(
        error.lines == [
          "sbatch refused the job array (exit 1):",
          "sbatch: error: invalid partition specified: gpu",
        ])
    }
  }
}
