import Foundation

/// A sweep as one Slurm job array: one script, each array task running
/// `racksim run-index SWEEP INDEX --out DIR` for its runs, which writes the same folder a
/// local worker writes. `racksim sweep SWEEP --collect` merges once the array has finished.
///
/// Exactly one file is written (`DIR/slurm/racksim-array.sbatch`), whatever the number of runs;
/// Slurm writes each task's log to `DIR/slurm/<job>_<task>.log`. Paths in the script are
/// absolute, since a task starts on another node, possibly in another folder.
///
/// **Chunks.** The array has at most L indices, L = min(`--array-max`, the cluster's
/// `MaxArraySize`, read with `scontrol show config` at submission; 1001, Slurm's default,
/// when it cannot be read). With N ≤ L runs, array index i runs run i. With N > L, each index
/// runs a chunk of c = ⌈N / L⌉ consecutive runs: index i runs `c·i … min(c·i + c, N) − 1`, and
/// there are ⌈N / c⌉ ≤ L indices. A chunk goes on after a failed run and exits 1 at the end, so
/// one bad run neither hides nor stops the others.
public struct SlurmArray: Sendable, Equatable {
  /// The sweep's name (the job name is `racksim-<name>`).
  public var sweepName: String
  /// The number of runs (array indices `0 … runs − 1`).
  public var runs: Int
  /// The `racksim` executable, absolute.
  public var executable: String
  /// The sweep file, absolute.
  public var sweepPath: String
  /// The sweep folder, absolute.
  public var folderPath: String
  /// `--partition`, if given.
  public var partition: String?
  /// The most array indices (`--array-max`), if given; more runs are chunked.
  public var arrayMax: Int?
  /// The cluster's `MaxArraySize`, when known (set by `submit` from `scontrol show config`).
  public var clusterMaxArraySize: Int?

  /// Slurm's default `MaxArraySize`: indices 0 … 1000.
  public static let defaultMaxArraySize = 1001

  /// An array for `folder`'s sweep; relative paths are made absolute against the current folder.
  public init(
    folder: SweepFolder, sweepPath: String, executable: String, partition: String? = nil,
    arrayMax: Int? = nil
  ) {
    sweepName = folder.plan.name
    runs = folder.plan.runs.count
    self.executable = Self.absolute(executable)
    self.sweepPath = Self.absolute(sweepPath)
    folderPath = Self.absolute(folder.path)
    self.partition = partition
    self.arrayMax = arrayMax
  }

  /// The folder of the script and the tasks' logs.
  public var slurmFolder: String { folderPath + "/slurm" }
  /// The script's path.
  public var scriptPath: String { slurmFolder + "/racksim-array.sbatch" }

  /// The most array indices this array may have (see the type's discussion).
  public var indexLimit: Int {
    max(1, min(arrayMax ?? Int.max, clusterMaxArraySize ?? Self.defaultMaxArraySize))
  }

  /// Runs per array index: 1, or ⌈runs / indexLimit⌉ when there are more runs than indices.
  public var chunkSize: Int {
    runs <= indexLimit ? 1 : (runs + indexLimit - 1) / indexLimit
  }

  /// The number of array indices, ⌈runs / chunkSize⌉.
  public var arrayIndices: Int { (runs + chunkSize - 1) / chunkSize }

  /// The run indices that array index `i` runs.
  public func runs(forArrayIndex i: Int) -> Range<Int> {
    let c = chunkSize
    return min(i * c, runs)..<min(i * c + c, runs)
  }

  /// The job-array script.
  public var script: String {
    let q = Self.shellQuoted
    let c = chunkSize
    let what =
      c == 1
      ? "one array task per run, \(runs) runs."
      : "\(runs) runs in \(arrayIndices) array tasks of up to \(c) runs (task i runs \(c)·i … \(c)·i + \(c - 1))."
    var lines = [
      "#!/bin/sh",
      "# racksim sweep '\(Self.comment(sweepName))': " + what,
      "# Each task writes one run folder in the sweep folder (complete or absent); merge with",
      "#   racksim sweep \(q(sweepPath)) --collect --out \(q(folderPath))",
      "#SBATCH --job-name=racksim-\(SingleRun.safeName(sweepName))",
      "#SBATCH --array=0-\(max(arrayIndices - 1, 0))",
      "#SBATCH --ntasks=1",
      "#SBATCH --output=\(slurmFolder)/%A_%a.log",
    ]
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    let command =
      "\(q(executable)) run-index \(q(sweepPath)) \"$%@\" --out \(q(folderPath)) --quiet"
    if c == 1 {
      lines += [
        "set -eu",
        "exec " + command.replacingOccurrences(of: "%@", with: "SLURM_ARRAY_TASK_ID"),
      ]
    } else {
      lines += [
        "set -u",
        "first=$((SLURM_ARRAY_TASK_ID * \(c)))",
        "last=$((first + \(c - 1)))",
        "[ \"$last\" -lt \(runs) ] || last=\(runs - 1)",
        "status=0",
        "i=$first",
        "while [ \"$i\" -le \"$last\" ]; do",
        "  " + command.replacingOccurrences(of: "%@", with: "i") + " || status=1",
        "  i=$((i + 1))",
        "done",
        "exit $status",
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the script and submits it with `sbatch --parsable`. Unless `clusterMaxArraySize`
  /// is set, it is read first with the `scontrol` beside `sbatch` (`scontrol show config`).
  /// - Parameter sbatch: The `sbatch` to run; nil looks it up on `PATH`.
  /// - Returns: The job id that sbatch printed.
  /// - Throws: `SweepError`: no `sbatch` (with what to install), or sbatch's own message when
  ///   it refuses the job.
  public func submit(sbatch: String? = nil) throws(SweepError) -> String {
    guard let sbatch = sbatch ?? Self.onPath("sbatch") else {
      throw SweepError(
        "sbatch was not found on PATH: --slurm submits through a Slurm client (Debian package "
          + "slurm-client); run the sweep without --slurm to use this machine's cores")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: slurmFolder, withIntermediateDirectories: true)
    } catch {
      throw SweepError("cannot create \(slurmFolder): \(error.localizedDescription)")
    }
    var array = self
    if array.clusterMaxArraySize == nil {
      // The scontrol beside this sbatch (the same Slurm client), if there is one.
      let scontrol = (sbatch as NSString).deletingLastPathComponent + "/scontrol"
      if FileManager.default.isExecutableFile(atPath: scontrol) {
        array.clusterMaxArraySize = Self.readMaxArraySize(scontrol: scontrol)
      }
    }
    try SweepFolder.writeAtomically(array.script, to: scriptPath)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sbatch)
    process.arguments = ["--parsable", scriptPath]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw SweepError("could not start \(sbatch): \(error.localizedDescription)")
    }
    let outBytes = out.fileHandleForReading.readDataToEndOfFile()
    let errBytes = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let said = String(decoding: errBytes, as: UTF8.self).split(separator: "\n").map(String.init)
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw SweepError(
        lines: ["sbatch refused the job array (exit \(process.terminationStatus)):"]
          + (said.isEmpty ? ["(sbatch printed nothing)"] : said))
    }
    // --parsable prints "jobid" or "jobid;cluster".
    let text = String(decoding: outBytes, as: UTF8.self)
    let id = text.split(whereSeparator: { $0 == ";" || $0.isNewline }).first.map(String.init)
    return id ?? text
  }

  /// `MaxArraySize` from the text of `scontrol show config` (`MaxArraySize = 1001`), nil when
  /// the line is missing or not a positive number.
  public static func maxArraySize(fromConfig text: String) -> Int? {
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      guard parts.count == 2,
        parts[0].trimmingCharacters(in: .whitespaces) == "MaxArraySize",
        let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n > 0
      else { continue }
      return n
    }
    return nil
  }

  // MARK: - Private

  /// Runs `scontrol show config` and reads `MaxArraySize`; nil when that fails.
  static func readMaxArraySize(scontrol: String) -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: scontrol)
    process.arguments = ["show", "config"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
    return maxArraySize(fromConfig: String(decoding: bytes, as: UTF8.self))
  }

  /// `s` in single quotes for sh (a quote inside becomes `'\''`).
  static func shellQuoted(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  static func comment(_ s: String) -> String {
    String(s.map { $0.isNewline ? " " : $0 })
  }

  static func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// The first executable `name` on `PATH`.
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") where !dir.isEmpty {
      let candidate = String(dir) + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
