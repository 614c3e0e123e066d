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
        case .unsigned(let u): String(u)
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
  /// `Results/<scenario>-seed<seed>`, where the name keeps only letters, digits, `-`, `_` and
  /// `.` (others become `_`, and a leading dot too), so that a name such as `../../x` cannot
  /// send the folder outside `Results/`.
  public func folder(for scenario: Scenario, seed: UInt64) -> String {
    outputPath ?? "Results/\(Self.safeName(scenario.name))-seed\(seed)"
  }

  /// `name` as one safe path component.
  public static func safeName(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars {
      let ok =
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_" || scalar == "."
      out.unicodeScalars.append(ok ? scalar : "_")
    }
    if out.hasPrefix(".") { out = "_" + out.dropFirst() }
    return out.isEmpty ? "_" : String(out.prefix(200))
  }

  /// Loads, runs and writes. `progress` is called between slices of the run. The output place
  /// is checked (and the hidden partial folder created) before the run starts; the folder
  /// appears under its final name only when complete.
  public func execute(progress: ((RunProgress) -> Void)? = nil) throws(Failure) -> Outcome {
    let scenario = try loadScenario()
    let runSeed = seed ?? scenario.seed
    let folder = folder(for: scenario, seed: runSeed)
    let draft: RunFolder.Draft
    do {
      draft = try RunFolder.prepare(folder, force: force, createParent: outputPath == nil)
    } catch {
      throw Failure(lines: [error.description])
    }
    do {
      let series = try draft.sink(named: "timeseries.csv")
      let racks = scenario.output.racks ? try draft.sink(named: "racks.csv") : nil
      var simulation = try Simulation(
        scenario: scenario, seed: runSeed,
        sinks: RunSinks(
          timeseries: series, racks: racks, events: try draft.sink(named: "events.csv"),
          links: scenario.fabric?.recordLinks == true ? try draft.sink(named: "links.csv") : nil))
      let result = try simulation.run(progress: progress)
      try draft.commit([("jobs.csv", result.jobsCSV()), ("summary.json", result.summaryJSON())])
      return Outcome(folder: folder, result: result)
    } catch let error as SimulationError {
      draft.discard()
      throw Failure(lines: error.description.split(separator: "\n").map(String.init))
    } catch {
      draft.discard()
      throw Failure(lines: ["\(error)"])
    }
  }
}
