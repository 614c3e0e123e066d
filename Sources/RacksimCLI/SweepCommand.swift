import ArgumentParser
import Experiments
import Foundation

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run every run of a sweep file on all cores (or as a Slurm job array) and merge.",
    discussion: """
      Each run writes DIR/<run folder> (complete or absent); runs are threads of this process \
      (--processes: one racksim run-index process each). A restarted sweep skips the runs \
      whose folders are complete. The runs are merged in run-index order, each as soon as it \
      and the runs before it are complete, into DIR/sweep.csv, sweep.json and sweep.sqlite.
      """)

  @Argument(help: "A sweep YAML file (base scenario, axes, seeds).")
  var sweep: String

  @Option(help: "Runs at once (default: all cores).")
  var workers: Int?

  @Flag(
    help:
      "Run each run in its own racksim process (run-index), so that a crashing run takes only itself down; by default runs are threads of this process."
  )
  var processes = false

  @Option(help: "Sweep folder (default: Results/<sweep name>).")
  var out: String?

  @Flag(help: "Only merge the complete runs of DIR into sweep.csv, sweep.json and sweep.sqlite.")
  var collect = false

  @Flag(help: "Submit the runs as one Slurm job array (sbatch) instead of running them here.")
  var slurm = false

  @Option(help: "With --slurm: the Slurm partition.")
  var partition: String?

  @Option(
    help:
      "With --slurm: the most array indices (also capped by the cluster's MaxArraySize); more runs are chunked, several per index, still one script."
  )
  var arrayMax: Int?

  @Flag(help: "No progress bar and no closing summary.")
  var quiet = false

  func validate() throws {
    if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    if collect && slurm { throw ValidationError("--collect and --slurm do not go together") }
    if processes && (collect || slurm) {
      throw ValidationError("--processes is for a local sweep, not with --collect or --slurm")
    }
    if !slurm && (partition != nil || arrayMax != nil) {
      throw ValidationError("--partition and --array-max need --slurm")
    }
    if let arrayMax, arrayMax < 1 { throw ValidationError("--array-max must be at least 1") }
  }

  func run() throws {
    do throws(SweepError) {
      try execute()
    } catch {
      throw UserFacingFailure(lines: error.lines)
    }
  }

  private func execute() throws(SweepError) {
    let plan: SweepPlan
    do {
      plan = try SweepPlan.load(path: sweep)
    } catch {
      throw SweepError(lines: error.diagnostics.map(\.description))
    }
    let path = out ?? SweepFolder.defaultPath(for: plan)
    let folder = try SweepFolder.open(
      plan, at: path, createParent: out == nil, create: !collect)
    if collect {
      let merged = try SweepMerge.collect(folder)
      if !quiet { print("merged \(merged.runs) runs into \(merged.files.joined(separator: ", "))") }
      return
    }
    if slurm {
      let array = SlurmArray(
        folder: folder, sweepPath: sweep, executable: Self.executable, partition: partition,
        arrayMax: arrayMax)
      let id = try array.submit()
      print(
        "submitted job array \(id): \(plan.runs.count) runs in \(array.arrayIndices) array tasks "
          + "(\(array.scriptPath)); when it has "
          + "finished: racksim sweep \(sweep) --collect --out \(path)")
      return
    }
    let local = LocalSweep(
      sweepPath: sweep, folder: folder,
      workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
      executable: processes ? Self.executable : nil)
    let bar = (!quiet && Terminal.stderrIsTerminal) ? SweepProgressBar() : nil
    var report: (@Sendable (LocalSweep.Progress) -> Void)? = nil
    if let bar {
      report = { p in
        bar.update(p)
        if p.done == p.total { bar.note("merging the last runs into sweep.sqlite") }
      }
    }
    let outcome: LocalSweep.Outcome
    do throws(SweepError) {
      outcome = try local.run(progress: report)
      bar?.finish()
    } catch {
      bar?.finish()
      throw error
    }
    if !quiet {
      let p = outcome.progress
      print(
        "wrote \(path): \(p.total) runs (\(p.finished) ran, \(p.skipped) already complete)")
      print("  merged: \(outcome.merged?.files.joined(separator: ", ") ?? "-")")
    }
  }

  /// This executable, which the workers and array tasks run.
  static var executable: String {
    Bundle.main.executablePath ?? CommandLine.arguments[0]
  }
}

/// One line on stderr for the whole sweep: runs done out of the total and an ETA from the runs
/// this sweep finished so far. Wall-clock time is used here only, never in results.
final class SweepProgressBar: @unchecked Sendable {
  private let started = ContinuousClock.now
  private let lock = NSLock()

  func update(_ p: LocalSweep.Progress) {
    lock.withLock {
      let elapsed = ContinuousClock.now - started
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let width = 30
      let fraction = p.total > 0 ? Double(p.done) / Double(p.total) : 1
      let filled = Int((fraction * Double(width)).rounded(.down))
      let bar =
        String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      let remaining = p.total - p.done
      let eta =
        p.finished > 0
        ? "ETA \(Int((seconds / Double(p.finished) * Double(remaining)).rounded(.up)))s" : "ETA -"
      var line = "\r[\(bar)] \(p.done)/\(p.total) runs  \(eta)"
      if p.skipped > 0 { line += "  \(p.skipped) already complete" }
      if p.failed > 0 { line += "  \(p.failed) failed" }
      FileHandle.standardError.write(Data((line + "  ").utf8))
    }
  }

  /// Shows `text` in place of the bar (until `finish()`).
  func note(_ text: String) {
    FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
