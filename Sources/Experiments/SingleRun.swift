import Foundation
import Racksim
import ScenarioFile

/// Progress of a running simulation, as the command line shows it.
public typealias RunProgress = Racksim.RunProgress

/// One `racksim run`: load the scenario (or the built-in quickstart), run it, write its
/// folder. The command-line tool is a thin shell around this.
public struct SingleRun {
  public var scenarioPath: String?
  public var seed: UInt64?
  public var overrides: [String]
  public var outputPath: String?
  public var force: Bool

  public init(
    scenarioPath: String?, seed: UInt64? = nil, overrides: [String] = [],
    outputPath: String? = nil, force: Bool = false
  ) {
    self.scenarioPath = scenarioPath
    self.seed = seed
    self.overrides = overrides
    self.outputPath = outputPath
    self.force = force
  }

  /// The simulator's version.
  public static let version = RacksimVersion.current

  /// What a finished run reports.
  public struct Outcome: Sendable {
    public var folder: String
    public var result: RunResult

    /// One line for the terminal: jobs, JCT, utilisation, energy, PUE, events.
    public var summaryLine: String {
      func v(_ key: String) -> String {
        switch result[summary: key] {
        case .text(let t): t
        case .integer(let i): String(i)
        case .number(let x, let d): FixedDecimal.format(x, decimals: d)
        case nil: "-"
        }
      }
      return
        "jobs \(v("jobs_finished"))/\(v("jobs_submitted")) finished, mean JCT \(v("mean_jct_s")) s, "
        + "GPU util \(v("gpu_util")), IT energy \(v("it_energy_kwh")) kWh, PUE \(v("pue")), "
        + "\(v("events_processed")) events"
    }
  }

  /// A problem that stops a run, already phrased for the user (one line per problem).
  public struct Failure: Error, CustomStringConvertible {
    public var lines: [String]
    public var description: String { lines.joined(separator: "\n") }
  }

  /// The scenario this run uses.
  public func loadScenario() throws(Failure) -> Scenario {
    do {
      if let path = scenarioPath {
        return try ScenarioLoader.load(path: path, overrides: overrides)
      }
      return try BuiltInScenarios.quickstart(overrides: overrides)
    } catch {
      throw Failure(lines: error.diagnostics.map(\.description))
    }
  }

  /// The folder a run of `scenario` with `seed` writes to: `--out`, or
  /// `Results/<scenario>-seed<seed>`.
  public func folder(for scenario: Scenario, seed: UInt64) -> String {
    outputPath ?? "Results/\(scenario.name)-seed\(seed)"
  }

  /// Loads, runs and writes. `progress` is called between slices of the run.
  public func execute(progress: ((RunProgress) -> Void)? = nil) throws(Failure) -> Outcome {
    let scenario = try loadScenario()
    let runSeed = seed ?? scenario.seed
    let folder = folder(for: scenario, seed: runSeed)
    do {
      try RunFolder.checkWritable(folder, force: force)
      var simulation = try Simulation(scenario: scenario, seed: runSeed)
      let result = try simulation.run(progress: progress)
      try RunFolder.write(result.files(), to: folder, force: force)
      return Outcome(folder: folder, result: result)
    } catch let error as SimulationError {
      throw Failure(lines: error.description.split(separator: "\n").map(String.init))
    } catch {
      throw Failure(lines: ["\(error)"])
    }
  }
}
