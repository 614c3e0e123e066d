import Foundation

/// Writes a run folder so that it is complete or absent (DESIGN.md "Inputs and outputs").
///
/// - Before the run, `prepare` checks the output place and creates a hidden sibling folder,
///   `.<name>.partial-<pid>`, that the run streams its files into. A place that cannot be
///   written is reported here, before any simulated time passes.
/// - At the end, `Draft.commit` writes the last files and a marker (`.racksim-run`, listing
///   the files) and renames the partial folder to the final name. A failed run calls
///   `discard`, which removes it; a killed run leaves only a hidden partial folder, which the
///   next run into the same parent removes (its process is gone).
/// - `--force` replaces only a folder that a run wrote: one with the marker (or, from before
///   markers, a `summary.json` with `racksim_version` and nothing but run files). Anything
///   else (`.`, an empty path, a scenario file, a folder of other files) is refused.
/// - The replace is crash-safe: the old folder is renamed to `.<name>.old-<pid>`, the new one
///   to the final name, then the old one is deleted. If the process dies between the two
///   renames, the final name is missing and the old folder is complete under the hidden
///   name; the next run into the same place renames it back before anything else.
public enum RunFolder {
  /// The marker file of a run folder.
  public static let markerName = ".racksim-run"
  /// Files a run folder may hold (a folder with anything else is not replaced by `--force`).
  public static let runFileNames: Set<String> = [
    "timeseries.csv", "racks.csv", "jobs.csv", "summary.json", "events.csv", "links.csv",
    "services.csv", "report.html", markerName,
  ]

  public enum WriteError: Error, CustomStringConvertible, Equatable {
    case exists(String)
    case refused(String)
    case io(String)

    public var description: String {
      switch self {
      case .exists(let path):
        "\(path) already exists; use --force to replace it, or --out to choose another folder"
      case .refused(let message): message
      case .io(let message): message
      }
    }
  }

  /// A run folder being written: the hidden partial folder and the final place.
  public final class Draft {
    public let finalPath: String
    public let partialPath: String
    let force: Bool
    var done = false

    init(finalPath: String, partialPath: String, force: Bool) {
      self.finalPath = finalPath
      self.partialPath = partialPath
      self.force = force
    }

    /// A sink for one file of the folder.
    public func sink(named name: String) throws(SimulationError) -> FileSink {
      try FileSink(path: partialPath + "/" + name)
    }

    /// Writes the last files and the marker, and moves the folder into place.
    public func commit(_ files: [(name: String, contents: String)]) throws(WriteError) {
      let fm = FileManager.default
      do {
        for (name, contents) in files {
          try Data(contents.utf8).write(to: URL(fileURLWithPath: partialPath + "/" + name))
        }
        let names = try fm.contentsOfDirectory(atPath: partialPath).sorted()
        let marker = "racksim run folder\n" + names.map { $0 + "\n" }.joined()
        try Data(marker.utf8).write(to: URL(fileURLWithPath: partialPath + "/" + markerName))
      } catch {
        discard()
        throw .io("could not write \(finalPath): \(error.localizedDescription)")
      }
      let parent = (finalPath as NSString).deletingLastPathComponent
      let name = (finalPath as NSString).lastPathComponent
      let old = RunFolder.join(
        parent, ".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
      if fm.fileExists(atPath: finalPath) {
        // Checked again: the place may have changed while the run ran.
        if let problem = RunFolder.replaceProblem(finalPath, force: force) {
          discard()
          throw problem
        }
        do {
          try fm.moveItem(atPath: finalPath, toPath: old)
        } catch {
          discard()
          throw .io("could not move the old \(finalPath) aside: \(error.localizedDescription)")
        }
      }
      do {
        try fm.moveItem(atPath: partialPath, toPath: finalPath)
      } catch {
        let restored = (try? fm.moveItem(atPath: old, toPath: finalPath)) != nil
        discard()
        throw .io(
          "could not move the new run into \(finalPath): \(error.localizedDescription)"
            + (restored ? "" : "; the previous folder is kept as \(old)"))
      }
      try? fm.removeItem(atPath: old)
      done = true
    }

    /// Removes the partial folder (a failed run).
    public func discard() {
      guard !done else { return }
      try? FileManager.default.removeItem(atPath: partialPath)
      done = true
    }
  }

  /// Checks the output place and creates the partial folder the run streams into.
  /// - Parameters:
  ///   - path: The final folder.
  ///   - force: Replace an existing run folder.
  ///   - createParent: Create missing parent folders (the default `Results/`); a parent that
  ///     the user named must exist.
  public static func prepare(_ path: String, force: Bool, createParent: Bool = false)
    throws(WriteError) -> Draft
  {
    let fm = FileManager.default
    guard !path.isEmpty else {
      throw .refused("the output path is empty (an unset shell variable?); name a folder")
    }
    let final = URL(fileURLWithPath: path).standardizedFileURL.path
    let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path
    if final == "/" || cwd == final || cwd.hasPrefix(final + "/") {
      throw .refused("\(path) is the current folder or one of its parents; name a new folder")
    }
    let parent = (final as NSString).deletingLastPathComponent
    let name = (final as NSString).lastPathComponent
    var isDirectory: ObjCBool = false
    if !fm.fileExists(atPath: parent, isDirectory: &isDirectory) {
      guard createParent else { throw .refused("the folder \(parent) does not exist") }
      do {
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
      } catch {
        throw .refused("cannot create \(parent): \(error.localizedDescription)")
      }
    } else if !isDirectory.boolValue {
      throw .refused("\(parent) is a file, not a folder")
    }
    recoverAndClean(parent: parent, name: name)
    if fm.fileExists(atPath: final), let problem = replaceProblem(final, force: force) {
      throw problem
    }
    let partial = join(parent, ".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)")
    try? fm.removeItem(atPath: partial)
    do {
      try fm.createDirectory(atPath: partial, withIntermediateDirectories: false)
    } catch {
      throw .refused("cannot write in \(parent): \(error.localizedDescription)")
    }
    return Draft(finalPath: final, partialPath: partial, force: force)
  }

  /// Whether `path` is a folder that a run wrote.
  public static func isRunFolder(_ path: String) -> Bool {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
      let names = try? fm.contentsOfDirectory(atPath: path)
    else { return false }
    guard names.allSatisfy(runFileNames.contains) else { return false }
    if names.contains(markerName) { return true }
    // A folder from before markers: its summary names the simulator.
    guard let summary = try? String(contentsOfFile: path + "/summary.json", encoding: .utf8)
    else { return false }
    return summary.contains("\"racksim_version\"")
  }

  // MARK: - Private

  /// Why an existing `path` may not be replaced, or nil when it may.
  static func replaceProblem(_ path: String, force: Bool) -> WriteError? {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    guard isDirectory.boolValue else {
      return .refused("\(path) is a file, not a run folder; it is never replaced")
    }
    guard isRunFolder(path) else {
      return .refused(
        "\(path) exists and was not written by a racksim run; it is never replaced, even with --force"
      )
    }
    return force ? nil : .exists(path)
  }

  /// Puts back an old folder that a killed replace left hidden, and removes the hidden
  /// partial and old folders of runs whose process is gone.
  static func recoverAndClean(parent: String, name: String) {
    let fm = FileManager.default
    guard let entries = try? fm.contentsOfDirectory(atPath: parent) else { return }
    let final = join(parent, name)
    for entry in entries.sorted() {
      for kind in ["partial", "old"] {
        let prefix = ".\(name).\(kind)-"
        guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)),
          !isAlive(pid)
        else { continue }
        let path = join(parent, entry)
        if kind == "old" && !fm.fileExists(atPath: final) && isRunFolder(path) {
          try? fm.moveItem(atPath: path, toPath: final)
        } else {
          try? fm.removeItem(atPath: path)
        }
      }
    }
  }

  static func isAlive(_ pid: Int32) -> Bool {
    pid == ProcessInfo.processInfo.processIdentifier || kill(pid, 0) == 0 || errno == EPERM
  }

  static func join(_ parent: String, _ name: String) -> String {
    parent.hasSuffix("/") ? parent + name : parent + "/" + name
  }
}
