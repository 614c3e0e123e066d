import ArgumentParser
import Experiments

/// One run of a sweep by its index: what each local worker and each Slurm array task runs.
struct RunIndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run-index",
    abstract: "Run one run of a sweep, by index, into its folder in the sweep folder.",
    discussion: """
      The sweep folder must have been prepared by racksim sweep (it checks which sweep the \
      folder holds). A run whose folder is already complete is not run again.
      """)

  @Argument(help: "The sweep YAML file.")
  var sweep: String

  @Argument(help: "The run index, 0-based (SLURM_ARRAY_TASK_ID in an array task).")
  var index: Int

  @Option(help: "Sweep folder (default: Results/<sweep name>).")
  var out: String?

  @Flag(help: "No progress bar and no closing summary.")
  var quiet = false

  func run() throws {
    do throws(SweepError) {
      let plan = try loadPlan()
      let bar = (!quiet && Terminal.stderrIsTerminal) ? ProgressBar() : nil
      let outcome: SweepWorker.Outcome
      do throws(SweepError) {
        outcome = try SweepWorker.run(
          plan: plan, index: index, folder: out ?? SweepFolder.defaultPath(for: plan),
          progress: bar.map { bar in { bar.update($0) } })
        bar?.finish()
      } catch {
        bar?.finish()
        throw error
      }
      guard !quiet else { return }
      switch outcome {
      case .ran(let run):
        print("wrote \(run.folder)")
        print("  " + run.summaryLine)
      case .alreadyComplete(let folder):
        print("\(folder) is already complete")
      }
    } catch {
      throw UserFacingFailure(lines: error.lines)
    }
  }

  private func loadPlan() throws(SweepError) -> SweepPlan {
    do {
      return try SweepPlan.loadForWorker(path: sweep)
    } catch {
      throw SweepError(lines: error.diagnostics.map(\.description))
    }
  }
}
