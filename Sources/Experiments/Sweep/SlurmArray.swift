import Foundation

/// A sweep as one Slurm job array: one script, one array task per run, each task running
/// `racksim run-index SWEEP $SLURM_ARRAY_TASK_ID --out DIR`, which writes the same folder a
/// local worker writes. `racksim sweep SWEEP --collect` merges once the array has finished.
///
/// Exactly one file is written (`DIR/slurm/racksim-array.sbatch`), whatever the number of runs;
/// Slurm writes each task's log to `DIR/slurm/<job>_<task>.log`. Paths in the script are
/// absolute, since a task starts on another node, possibly in another folder. The array's
/// indices are the run indices `0 … N−1`, so N must not exceed the cluster's `MaxArraySize`
/// (1001 by default).
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
  /// The most array tasks running at once (`--array=0-N%K`), if given.
  public var arrayMax: Int?

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

  /// The job-array script.
  public var script: String {
    let q = Self.shellQuoted
    var lines = [
      "#!/bin/sh",
      "# racksim sweep '\(Self.comment(sweepName))': one array task per run, \(runs) runs.",
      "# Each task writes one run folder in the sweep folder (complete or absent); merge with",
      "#   racksim sweep \(q(sweepPath)) --collect --out \(q(folderPath))",
      "#SBATCH --job-name=racksim-\(SingleRun.safeName(sweepName))",
      "#SBATCH --array=0-\(max(runs - 1, 0))" + (arrayMax.map { "%\($0)" } ?? ""),
      "#SBATCH --ntasks=1",
      "#SBATCH --output=\(slurmFolder)/%A_%a.log",
    ]
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    lines += [
      "set -eu",
      "exec \(q(executable)) run-index \(q(sweepPath)) \"$SLURM_ARRAY_TASK_ID\" --out "
        + "\(q(folderPath)) --quiet",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the script and submits it with `sbatch --parsable`.
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
    try SweepFolder.writeAtomically(script, to: scriptPath)
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

  // MARK: - Private

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
