import Foundation
import Racksim

/// Runs a sweep on this machine, at most `workers` runs at a time, and merges the runs into
/// `sweep.csv`, `sweep.json` and `sweep.sqlite` while they run.
///
/// **Threads in this process, by default.** Each worker is a thread that takes the next run
/// index and runs it with `SweepWorker.run(in:index:)`, the code `racksim run-index` runs in a
/// Slurm array task, so both write the same folder. This is safe: a simulation has no globals
/// and is confined to the thread that made it (STYLE.md §4 rule 10: one task per run, nothing
/// shared but the read-only plan), and the Swift 6 language mode checks that the worker closures
/// capture only `Sendable` values. It is also much cheaper than a process per run: starting
/// `racksim` costs about 18 ms (dynamic loading of Foundation and the Swift runtime), more than
/// a quickstart run itself (about 15 ms), and each process loads the sweep and base scenario
/// again. **Processes** remain (`executable`, `racksim sweep --processes`) for runs that could
/// crash or exhaust memory: a process per run (`racksim run-index SWEEP INDEX --out DIR
/// --quiet`) takes only its own run down, where a crashing thread ends the sweep (which a
/// restart then resumes). Processes are started with Foundation's `Process`: the pool is plain
/// threads that each wait for their process, which `Process` does with no extra package, while
/// swift-subprocess is async-only and would add a dependency and its build time.
///
/// **Merged while running.** The calling thread merges run 0, 1, 2, … into the merged files as
/// soon as each one is complete (`SweepMerge.collect(_:waitingFor:)`), so the merge, the
/// slowest part of a short sweep, overlaps the runs instead of following them; it is the same
/// merge in the same order as `racksim sweep --collect`, so the bytes are the same whatever the
/// number of workers.
///
/// **Resumable.** Runs whose folder is complete are skipped before any worker starts; a run
/// folder is written through `RunFolder` (complete or absent), so a killed sweep leaves only
/// complete folders and hidden partial ones, which the next attempt at that run removes. A
/// worker that finds its run completed meanwhile (by a process of an earlier, killed sweep that
/// was still running) reports success without writing.
public struct LocalSweep: Sendable {
  /// The sweep file as given on the command line (passed on to every worker process).
  public var sweepPath: String
  /// The prepared folder (`SweepFolder.open`).
  public var folder: SweepFolder
  /// The most runs at once (at least 1).
  public var workers: Int
  /// The `racksim` executable that worker processes run; nil runs every run in this process.
  public var executable: String?

  /// A sweep to run: in this process when `executable` is nil, else one process per run.
  public init(sweepPath: String, folder: SweepFolder, workers: Int, executable: String? = nil) {
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
    /// The merged files, when the sweep merged.
    public var merged: SweepMerge.Outcome?
  }

  /// The worker process arguments for run `index` (after the executable).
  public func arguments(index: Int) -> [String] {
    ["run-index", sweepPath, String(index), "--out", folder.path, "--quiet"]
  }

  /// Runs every incomplete run and, with `merge`, merges all runs while they run.
  /// `progress` is called (on some worker thread, one call at a time) after each run.
  /// - Throws: `SweepError` listing every failed run with its first error lines (nothing is
  ///   merged then); the runs that succeeded keep their folders, so running the sweep again
  ///   retries only the failed ones. Or the merge's own error, once every run has finished.
  public func run(merge: Bool = true, progress: (@Sendable (Progress) -> Void)? = nil)
    throws(SweepError) -> Outcome
  {
    let pending = folder.incompleteRuns
    let state = PoolState(
      runs: folder.plan.runs.count, pending: pending,
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
      // A run is a whole simulation (scenario parsing included), not a wait for a process.
      thread.stackSize = executable == nil ? 64 << 20 : 1 << 20
      thread.start()
    }
    var merged: SweepMerge.Outcome? = nil
    var mergeError: SweepError? = nil
    if merge {
      do {
        merged = try SweepMerge.collect(
          folder,
          waitingFor: { i throws(SweepError) in
            try state.wait(for: i)
          })
      } catch {
        mergeError = error
      }
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
    if let mergeError { throw mergeError }
    return Outcome(progress: state.progress, merged: merged)
  }

  // MARK: - Private

  /// Runs one run; nil on success, else what went wrong.
  func runOne(_ index: Int) -> String? {
    guard let executable else {
      do {
        _ = try SweepWorker.run(in: folder, index: index)
        return nil
      } catch {
        return error.lines.prefix(5).joined(separator: "; ")
      }
    }
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

/// The shared queue of run indices, each run's state and the tally, behind one condition lock.
private final class PoolState: @unchecked Sendable {
  private enum RunState { case pending, succeeded, failed }

  private let condition = NSCondition()
  private var pending: [Int]
  private var cursor = 0
  private var states: [RunState]
  private var current: LocalSweep.Progress
  private var failed: [(Int, String)] = []

  init(runs: Int, pending: [Int], progress: LocalSweep.Progress) {
    self.pending = pending
    self.current = progress
    states = Array(repeating: .succeeded, count: runs)
    for index in pending { states[index] = .pending }
  }

  var progress: LocalSweep.Progress { condition.withLock { current } }
  var failures: [(Int, String)] { condition.withLock { failed } }

  /// The next run to start, in index order.
  func next() -> Int? {
    condition.withLock {
      guard cursor < pending.count else { return nil }
      defer { cursor += 1 }
      return pending[cursor]
    }
  }

  /// Counts a finished run and reports the new progress, under the lock (so reports come one
  /// at a time and in order), then wakes the merge.
  func finish(_ index: Int, failure: String?, report: (LocalSweep.Progress) -> Void) {
    condition.withLock {
      current.finished += 1
      states[index] = failure == nil ? .succeeded : .failed
      if let failure {
        current.failed += 1
        failed.append((index, failure))
      }
      report(current)
      condition.broadcast()
    }
  }

  /// Waits until run `index` has finished (at once when it was complete before the sweep).
  /// - Throws: `SweepError` when that run, or any run, failed: the sweep will not merge.
  func wait(for index: Int) throws(SweepError) {
    let failedRun: Bool = condition.withLock {
      while states[index] == .pending && failed.isEmpty { condition.wait() }
      return !failed.isEmpty
    }
    if failedRun { throw SweepError("a run failed; not merging") }
  }
}
