import Foundation
import Racksim

/// Runs a sweep on this machine: one worker process per run, at most `workers` at a time.
///
/// **Processes, not tasks.** Each run is `racksim run-index SWEEP INDEX --out DIR --quiet` in
/// its own process. A simulation is single-threaded and not `Sendable` (STYLE.md §4 rule 10);
/// a process per run keeps runs from sharing anything (a crash or an out-of-memory kill takes
/// one run, not the sweep), makes a local run exactly what a Slurm array task does, and costs
/// one process start per run (measured in the report of issue 11, small next to a run).
///
/// **Foundation's `Process`, not swift-subprocess.** The pool is `workers` plain threads, each
/// taking the next index and waiting for its process; `Process` does that with no extra
/// package to build, while swift-subprocess is async-only and would add a dependency (and its
/// build time) to save a few lines here.
///
/// **Resumable.** Runs whose folder is complete are skipped before any process starts; a run
/// folder is written through `RunFolder` (complete or absent), so a killed sweep leaves only
/// complete folders and hidden partial ones, which the next attempt at that run removes. A
/// worker that finds its run completed meanwhile (by a process of an earlier, killed sweep that
/// was still running) reports success without writing.
public struct LocalSweep: Sendable {
  /// The sweep file as given on the command line (passed on to every worker).
  public var sweepPath: String
  /// The prepared folder (`SweepFolder.open`).
  public var folder: SweepFolder
  /// The most processes at once (at least 1).
  public var workers: Int
  /// The `racksim` executable the workers run.
  public var executable: String

  /// A sweep to run.
  public init(sweepPath: String, folder: SweepFolder, workers: Int, executable: String) {
    self.sweepPath = sweepPath
    self.folder = folder
    self.workers = max(1, workers)
    self.executable = executable
  }

  /// How far a sweep is.
  public struct Progress: Sendable, Equatable {
    /// Runs in the sweep.
    public var total: Int
    /// Runs that were already complete when the sweep started.
    public var skipped: Int
    /// Runs finished by this sweep (successfully or not).
    public var finished: Int
    /// Runs that failed.
    public var failed: Int

    /// Runs complete or failed, out of `total`.
    public var done: Int { skipped + finished }
  }

  /// What a sweep did.
  public struct Outcome: Sendable {
    /// The last progress.
    public var progress: Progress
  }

  /// The worker arguments for run `index` (after the executable).
  public func arguments(index: Int) -> [String] {
    ["run-index", sweepPath, String(index), "--out", folder.path, "--quiet"]
  }

  /// Runs every incomplete run. `progress` is called (on some worker thread, one call at a
  /// time) after each run.
  /// - Throws: `SweepError` listing every failed run with its first error lines; the runs that
  ///   succeeded keep their folders, so running the sweep again retries only the failed ones.
  public func run(progress: (@Sendable (Progress) -> Void)? = nil) throws(SweepError) -> Outcome {
    let pending = folder.incompleteRuns
    let state = PoolState(
      pending: pending,
      progress: Progress(
        total: folder.plan.runs.count, skipped: folder.plan.runs.count - pending.count,
        finished: 0, failed: 0))
    progress?(state.progress)
    let group = DispatchGroup()
    let me = self
    for _ in 0..<min(workers, pending.count) {
      group.enter()
      let thread = Thread {
        while let index = state.next() {
          let failure = me.runOne(index)
          state.finish(index, failure: failure) { progress?($0) }
        }
        group.leave()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    group.wait()
    let failures = state.failures.sorted { $0.0 < $1.0 }
    guard failures.isEmpty else {
      var lines = ["\(failures.count) of \(pending.count) runs failed:"]
      for (index, message) in failures {
        lines.append("run \(index) (\(folder.plan.runs[index].folderName)): \(message)")
      }
      throw SweepError(lines: lines)
    }
    return Outcome(progress: state.progress)
  }

  // MARK: - Private

  /// Runs one worker process; nil on success, else what went wrong.
  func runOne(_ index: Int) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments(index: index)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    do {
      try process.run()
    } catch {
      return "could not start \(executable): \(error.localizedDescription)"
    }
    let bytes = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationReason == .exit && process.terminationStatus == 0 { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n").map {
      $0.hasPrefix("racksim: ") ? String($0.dropFirst("racksim: ".count)) : String($0)
    }
    let how =
      process.terminationReason == .uncaughtSignal
      ? "killed by signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
    return lines.isEmpty ? how : lines.prefix(5).joined(separator: "; ")
  }
}

/// The shared queue of run indices and the tally, behind one lock.
private final class PoolState: @unchecked Sendable {
  private let lock = NSLock()
  private var pending: [Int]
  private var cursor = 0
  private var current: LocalSweep.Progress
  private var failed: [(Int, String)] = []

  init(pending: [Int], progress: LocalSweep.Progress) {
    self.pending = pending
    self.current = progress
  }

  var progress: LocalSweep.Progress { lock.withLock { current } }
  var failures: [(Int, String)] { lock.withLock { failed } }

  /// The next run to start, in index order.
  func next() -> Int? {
    lock.withLock {
      guard cursor < pending.count else { return nil }
      defer { cursor += 1 }
      return pending[cursor]
    }
  }

  /// Counts a finished run and reports the new progress, under the lock (so reports come one
  /// at a time and in order).
  func finish(_ index: Int, failure: String?, report: (LocalSweep.Progress) -> Void) {
    lock.withLock {
      current.finished += 1
      if let failure {
        current.failed += 1
        failed.append((index, failure))
      }
      report(current)
    }
  }
}
