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

  /// 1,000 runs with --array-max 50: chunks of ⌈1000 / 50⌉ = 20 runs, indices 0 … 49; task i
  /// runs 20·i … 20·i + 19, the last clamped to 999. The quote in the folder's name is written
  /// '\'' inside single quotes, as sh reads it.
  @Test func moreRunsThanArrayMaxAreChunkedInOneScript() throws {
    let script = try Self.array(folder: "/data/it's").script
    #expect(
      script == """
        #!/bin/sh
        # racksim sweep 'big': 1000 runs in 50 array tasks of up to 20 runs (task i runs 20·i … 20·i + 19).
        # Each task writes one run folder in the sweep folder (complete or absent); merge with
        #   racksim sweep '/sweeps/big.yaml' --collect --out '/data/it'\\''s'
        #SBATCH --job-name=racksim-big
        #SBATCH --array=0-49
        #SBATCH --ntasks=1
        #SBATCH --output=/data/it's/slurm/%A_%a.log
        #SBATCH --partition=gpu
        set -u
        first=$((SLURM_ARRAY_TASK_ID * 20))
        last=$((first + 19))
        [ "$last" -lt 1000 ] || last=999
        status=0
        i=$first
        while [ "$i" -le "$last" ]; do
          '/opt/bin/racksim' run-index '/sweeps/big.yaml' "$i" --out '/data/it'\\''s' --quiet || status=1
          i=$((i + 1))
        done
        exit $status

        """)
  }

  /// 1,000 runs without --array-max fit Slurm's default MaxArraySize of 1001 (indices 0 …
  /// 1000): one task per run, indices 0 … 999, each exec'ing its own run.
  @Test func runsThatFitTheArrayRunOneTaskEach() throws {
    let plain = try Self.array(partition: nil, arrayMax: nil, folder: "/d")
    #expect(plain.chunkSize == 1)
    #expect(plain.script.contains("#SBATCH --array=0-999\n"))
    #expect(
      plain.script.contains(
        "exec '/opt/bin/racksim' run-index '/sweeps/big.yaml' \"$SLURM_ARRAY_TASK_ID\" --out '/d'"))
    #expect(!plain.script.contains("--partition"))
    #expect(plain.runs(forArrayIndex: 999) == 999..<1000)
  }

  /// The index → runs mapping, by hand for 1,000 runs:
  /// - K = 50: c = 20, 50 indices, index 49 → 980 … 999;
  /// - K = 300: c = ⌈1000/300⌉ = 4, ⌈1000/4⌉ = 250 indices, index 249 → 996 … 999;
  /// - K = 999: c = 2, 500 indices, index 1 → 2, 3;
  /// - no K, cluster MaxArraySize 400: c = ⌈2.5⌉ = 3, ⌈1000/3⌉ = 334 indices, the last (333)
  ///   → 999 alone; K = 100 with MaxArraySize 400 → the smaller, 100: c = 10.
  @Test func arrayIndicesMapToConsecutiveRuns() throws {
    let k50 = try Self.array(arrayMax: 50, folder: "/d")
    #expect((k50.chunkSize, k50.arrayIndices) == (20, 50))
    #expect(k50.runs(forArrayIndex: 49) == 980..<1000)
    let k300 = try Self.array(arrayMax: 300, folder: "/d")
    #expect((k300.chunkSize, k300.arrayIndices) == (4, 250))
    #expect(k300.runs(forArrayIndex: 249) == 996..<1000)
    let k999 = try Self.array(arrayMax: 999, folder: "/d")
    #expect((k999.chunkSize, k999.arrayIndices) == (2, 500))
    #expect(k999.runs(forArrayIndex: 1) == 2..<4)
    var cluster = try Self.array(arrayMax: nil, folder: "/d")
    cluster.clusterMaxArraySize = 400
    #expect((cluster.chunkSize, cluster.arrayIndices) == (3, 334))
    #expect(cluster.runs(forArrayIndex: 333) == 999..<1000)
    #expect(cluster.script.contains("#SBATCH --array=0-333\n"))
    cluster.arrayMax = 100
    #expect(cluster.chunkSize == 10)
    // Every run is in exactly one index's range.
    for a in [k50, k300, k999, cluster] {
      let all = (0..<a.arrayIndices).flatMap { Array(a.runs(forArrayIndex: $0)) }
      #expect(all == Array(0..<1000))
    }
  }

  @Test func maxArraySizeIsReadFromScontrolsConfig() {
    let text =
      "Configuration data as of 2026-01-01T00:00:00\nMaxArraySize            = 4001\n"
      + "MaxJobCount             = 10000\n"
    #expect(SlurmArray.maxArraySize(fromConfig: text) == 4001)
    #expect(SlurmArray.maxArraySize(fromConfig: "MaxJobCount = 1\n") == nil)
    #expect(SlurmArray.maxArraySize(fromConfig: "MaxArraySize = 0\n") == nil)
  }

  /// The chunked script, run by sh as Slurm would (SLURM_ARRAY_TASK_ID = 0 … 3) with a fake
  /// racksim that records its index: 10 runs, --array-max 4 → c = ⌈10/4⌉ = 3, tasks run
  /// 0 1 2 | 3 4 5 | 6 7 8 | 9. Run 4 fails: task 1 still runs 5 and exits 1, the others 0.
  @Test func theChunkedScriptRunsEachRunOnceAndReportsAFailure() throws {
    let dir = TestSupport.temporaryFolder()
    let fake = dir.appendingPathComponent("racksim").path
    let log = dir.appendingPathComponent("ran").path
    try Data(
      "#!/bin/sh\necho \"$3\" >> '\(log)'\n[ \"$3\" != 4 ]\n".utf8
    ).write(to: URL(fileURLWithPath: fake))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let plan = try SweepPlan.parse(yaml: "name: ten\nbase: b.yaml\nseeds: 10\n", file: "s.yaml")
    let array = SlurmArray(
      folder: SweepFolder(
        path: dir.path, plan: plan, scenarioHashes: Array(repeating: "h", count: 10)),
      sweepPath: "/s.yaml", executable: fake, arrayMax: 4)
    let script = dir.appendingPathComponent("array.sh")
    try Data(array.script.utf8).write(to: script)
    var statuses: [Int32] = []
    for task in 0..<array.arrayIndices {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = [script.path]
      p.environment = ["SLURM_ARRAY_TASK_ID": String(task), "PATH": "/usr/bin:/bin"]
      try p.run()
      p.waitUntilExit()
      statuses.append(p.terminationStatus)
    }
    #expect(array.arrayIndices == 4)
    #expect(statuses == [0, 1, 0, 0])
    let ran = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(ran == (0..<10).map { Substring(String($0)) })
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
