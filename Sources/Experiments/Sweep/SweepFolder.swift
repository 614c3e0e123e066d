import Foundation
import Racksim
import ScenarioFile

/// A sweep's output folder: one run folder per run (`<folder>/<run folderName>`, each complete
/// or absent through `RunFolder`), the merged files, and a marker that says which sweep the
/// folder belongs to.
///
/// **The marker** (`.racksim-sweep`, written before the first run, atomically) holds the sweep
/// name and, per run, its index, seed, scenario hash and folder name:
/// ```
/// racksim sweep
/// name "load-seeds"
/// runs 20
/// 0 1234567 3f2a…(32 hex digits) 0000-mean_interarrival=30m-rep=0
/// ```
/// **Why a folder is refused.** A restarted sweep skips every run whose folder is complete. If
/// the folder held runs of another sweep (or of an earlier version of this one, with other
/// axes, seeds or base scenario), those runs would be skipped as if they were this sweep's and
/// merged into its results under the wrong axis values. So a folder is used only when it is new,
/// empty, or holds this very marker; anything else is refused with the reason, and nothing is
/// written into it.
public struct SweepFolder: Sendable {
  /// The marker file's name.
  public static let markerName = ".racksim-sweep"

  /// The folder, as given.
  public let path: String
  /// The sweep.
  public let plan: SweepPlan
  /// Each run's scenario hash (`Scenario.hash` of the base with the run's overrides), by index.
  public let scenarioHashes: [String]

  /// The default folder of a sweep: `Results/<name>`, the name as one safe path component.
  public static func defaultPath(for plan: SweepPlan) -> String {
    "Results/" + SingleRun.safeName(plan.name)
  }

  /// Computes every run's scenario hash (each configuration's scenario is loaded once), then
  /// creates the folder and its marker, or checks that an existing folder belongs to this sweep.
  /// - Parameters:
  ///   - createParent: Create missing parent folders (for the default `Results/<name>`); a
  ///     parent that the user named must exist.
  ///   - create: Create the folder and marker when missing; false (to merge a sweep that ran
  ///     elsewhere) requires the folder to exist with this sweep's marker.
  /// - Throws: `SweepError`: a run whose scenario does not load, or a folder that is refused
  ///   (see the type's discussion).
  public static func open(
    _ plan: SweepPlan, at path: String, createParent: Bool = false, create: Bool = true
  ) throws(SweepError) -> SweepFolder {
    let hashes = try scenarioHashes(of: plan)
    let folder = SweepFolder(path: path, plan: plan, scenarioHashes: hashes)
    if !create && !FileManager.default.fileExists(atPath: join(path, markerName)) {
      throw SweepError(
        "\(path) holds no runs of sweep '\(plan.name)' (no \(markerName)); run the sweep first")
    }
    try folder.claim(createParent: createParent)
    return folder
  }

  /// Checks, for one run (`racksim run-index`), that the folder's marker is this sweep's and
  /// that the run's seed, scenario hash and folder name are the ones it records.
  /// - Returns: The run's scenario hash.
  /// - Throws: `SweepError` when the marker is missing, another sweep's, or differs for the run.
  public static func checkRun(_ plan: SweepPlan, index: Int, at path: String)
    throws(SweepError) -> String
  {
    guard plan.runs.indices.contains(index) else {
      throw SweepError(
        "run index \(index) is out of range: sweep '\(plan.name)' has runs 0 to \(plan.runs.count - 1)"
      )
    }
    let run = plan.runs[index]
    let hash = try scenarioHash(plan, run)
    let markerPath = join(path, markerName)
    guard let text = try? String(contentsOfFile: markerPath, encoding: .utf8) else {
      throw SweepError(
        "\(path) is not prepared for sweep '\(plan.name)' (no \(markerName)); "
          + "start the sweep with racksim sweep, which prepares the folder")
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.count > 3, lines[0] == "racksim sweep", lines[1] == nameLine(plan.name),
      lines[2] == "runs \(plan.runs.count)"
    else {
      throw SweepError(
        "\(path) holds \(describe(lines)), not sweep '\(plan.name)' with \(plan.runs.count) runs; "
          + "use the --out of this sweep")
    }
    guard index + 3 < lines.count, lines[index + 3] == runLine(run, hash: hash) else {
      throw SweepError(
        "\(path) was prepared for another version of sweep '\(plan.name)': run \(index)'s seed, "
          + "scenario or folder differs from \(markerName); use a new --out")
    }
    return hash
  }

  /// The folder of run `index`.
  public func runPath(_ index: Int) -> String { Self.join(path, plan.runs[index].folderName) }

  /// Whether run `index` has a complete folder (one `RunFolder` committed).
  public func isComplete(_ index: Int) -> Bool { RunFolder.isRunFolder(runPath(index)) }

  /// The indices of the runs without a complete folder, in order.
  public var incompleteRuns: [Int] { plan.runs.indices.filter { !isComplete($0) } }

  /// The marker text of this sweep.
  public var marker: String {
    var lines = ["racksim sweep", Self.nameLine(plan.name), "runs \(plan.runs.count)"]
    for run in plan.runs { lines.append(Self.runLine(run, hash: scenarioHashes[run.index])) }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Private

  init(path: String, plan: SweepPlan, scenarioHashes: [String]) {
    self.path = path
    self.plan = plan
    self.scenarioHashes = scenarioHashes
  }

  static func scenarioHashes(of plan: SweepPlan) throws(SweepError) -> [String] {
    var byOverrides: [[String]: String] = [:]
    var hashes: [String] = []
    hashes.reserveCapacity(plan.runs.count)
    for run in plan.runs {
      if let known = byOverrides[run.overrides] {
        hashes.append(known)
        continue
      }
      let hash = try scenarioHash(plan, run)
      byOverrides[run.overrides] = hash
      hashes.append(hash)
    }
    return hashes
  }

  static func scenarioHash(_ plan: SweepPlan, _ run: SweepRun) throws(SweepError) -> String {
    do {
      return try ScenarioLoader.load(path: plan.basePath, overrides: run.overrides).hash
    } catch {
      throw SweepError(lines: error.diagnostics.map { "run \(run.index): \($0.description)" })
    }
  }

  static func nameLine(_ name: String) -> String { "name " + JSONText.string(name) }

  static func runLine(_ run: SweepRun, hash: String) -> String {
    "\(run.index) \(run.seed) \(hash) \(run.folderName)"
  }

  /// "sweep 'x' with N runs" from a marker's lines, or what the file is.
  static func describe(_ lines: [String]) -> String {
    guard lines.count > 2, lines[0] == "racksim sweep", lines[1].hasPrefix("name ") else {
      return "an unreadable \(markerName)"
    }
    let name = lines[1].dropFirst("name ".count)
    return "sweep \(name) (\(lines[2]))"
  }

  /// Creates the folder and the marker, or checks the existing marker.
  func claim(createParent: Bool) throws(SweepError) {
    let fm = FileManager.default
    let expected = marker
    let markerPath = Self.join(path, Self.markerName)
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw SweepError("\(path) is a file, not a sweep folder; choose another --out")
      }
      if let text = try? String(contentsOfFile: markerPath, encoding: .utf8) {
        guard text != expected else { return }
        throw refusal(existing: text)
      }
      let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? [])
        .filter { !$0.hasPrefix(".\(Self.markerName).") }
      guard entries.isEmpty else {
        throw SweepError(
          "\(path) exists and is not a sweep folder (it has no \(Self.markerName)); a sweep "
            + "writes only into a new or empty folder or its own, so choose another --out")
      }
    } else {
      if !createParent {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && !fm.fileExists(atPath: parent) {
          throw SweepError("the folder \(parent) does not exist")
        }
      }
      do {
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw SweepError("cannot create \(path): \(error.localizedDescription)")
      }
    }
    try Self.writeAtomically(expected, to: markerPath)
  }

  func refusal(existing text: String) -> SweepError {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let why =
      "a sweep folder holds one sweep, so that a resumed sweep never skips or merges runs that "
      + "are not its own; choose another --out"
    if lines.count > 1, lines[0] == "racksim sweep", lines[1] == Self.nameLine(plan.name) {
      let mine = marker.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      var detail = "\(lines.count > 2 ? lines[2] : "?") there, \(mine[2]) now"
      if lines.count > 2, lines[2] == mine[2],
        let i = (3..<min(lines.count, mine.count)).first(where: { lines[$0] != mine[$0] })
      {
        detail = "run \(i - 3)'s seed, scenario hash or folder differs"
      }
      return SweepError(
        "\(path) holds runs of another version of sweep '\(plan.name)' (\(detail)); " + why)
    }
    return SweepError(
      "\(path) holds the runs of \(Self.describe(lines)), not of sweep '\(plan.name)'; " + why)
  }

  /// Writes `text` to a hidden sibling and renames it into place (a reader sees all or nothing).
  static func writeAtomically(_ text: String, to path: String) throws(SweepError) {
    let dir = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = join(dir, ".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)")
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
      if rename(temporary, path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: temporary)
        throw SweepError("could not write \(path): \(reason)")
      }
    } catch let error as SweepError {
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw SweepError("could not write \(path): \(error.localizedDescription)")
    }
  }

  static func join(_ parent: String, _ name: String) -> String {
    parent.isEmpty ? name : parent.hasSuffix("/") ? parent + name : parent + "/" + name
  }
}
