import Racksim

/// One run of a sweep, as `racksim run-index SWEEP INDEX` does it: on a local worker and in a
/// Slurm array task alike, so that both write the same folder.
public enum SweepWorker {
  /// What `run(…)` did.
  public enum Outcome: Sendable {
    /// The run ran and its folder was written.
    case ran(SingleRun.Outcome)
    /// The run's folder was already complete (a resumed sweep, or a requeued array task), or
    /// another process completed it while this one ran; nothing was written.
    case alreadyComplete(folder: String)
  }

  /// Runs run `index` of `plan` into `<folder>/<run folderName>`.
  ///
  /// The folder must have been prepared for this sweep (`SweepFolder.open`, done by
  /// `racksim sweep` before the first worker starts): its marker is checked for this run's
  /// seed, scenario hash and folder name. The run folder is written through `RunFolder`, so it
  /// is complete or absent.
  /// - Throws: `SweepError`: an index out of range, a folder of another sweep, or the run's
  ///   own failure.
  public static func run(
    plan: SweepPlan, index: Int, folder path: String,
    progress: ((RunProgress) -> Void)? = nil
  ) throws(SweepError) -> Outcome {
    _ = try SweepFolder.checkRun(plan, index: index, at: path)
    return try execute(plan: plan, index: index, folder: path, progress: progress)
  }

  /// Runs run `index` of a folder this process opened (`SweepFolder.open`, which checked or
  /// wrote its marker and computed every run's scenario hash): what a local sweep's
  /// in-process workers do, without reading the marker again.
  /// - Throws: `SweepError`: an index out of range, or the run's own failure.
  public static func run(in folder: SweepFolder, index: Int) throws(SweepError) -> Outcome {
    guard folder.plan.runs.indices.contains(index) else {
      throw SweepError("run index \(index) is out of range")
    }
    return try execute(plan: folder.plan, index: index, folder: folder.path, progress: nil)
  }

  private static func execute(
    plan: SweepPlan, index: Int, folder path: String, progress: ((RunProgress) -> Void)?
  ) throws(SweepError) -> Outcome {
    let run = plan.runs[index]
    let runPath = SweepFolder.join(path, run.folderName)
    if RunFolder.isRunFolder(runPath) { return .alreadyComplete(folder: runPath) }
    let single = SingleRun(
      scenarioPath: plan.basePath, seed: run.seed, overrides: run.overrides,
      outputPath: runPath, force: false)
    do {
      return .ran(try single.execute(progress: progress))
    } catch {
      // A process of an earlier, killed sweep may have finished the same run meanwhile; the
      // run is deterministic, so its folder is the one this process would have written.
      if RunFolder.isRunFolder(runPath) { return .alreadyComplete(folder: runPath) }
      throw SweepError(lines: error.lines)
    }
  }
}
