import Foundation

/// Writes a run folder so that it is complete or absent (DESIGN.md "Inputs and outputs").
///
/// The files go into a hidden sibling folder, `.<name>.partial-<pid>`, which is renamed to the
/// final name only once every file is written; an interrupted run leaves only the hidden
/// folder. An existing folder is never replaced unless `force` is set, and then the old one
/// is moved aside before the rename and deleted after it.
public enum RunFolder {
  public enum WriteError: Error, CustomStringConvertible {
    case exists(String)
    case io(String)

    public var description: String {
      switch self {
      case .exists(let path):
        "\(path) already exists; use --force to replace it, or --out to choose another folder"
      case .io(let message): message
      }
    }
  }

  /// Fails early when `path` exists and `force` is not set (before a long run starts).
  public static func checkWritable(_ path: String, force: Bool) throws(WriteError) {
    if !force && FileManager.default.fileExists(atPath: path) { throw .exists(path) }
  }

  /// Writes `files` as the folder `path`.
  public static func write(
    _ files: [(name: String, contents: String)], to path: String, force: Bool
  ) throws(WriteError) {
    let fm = FileManager.default
    let final = URL(fileURLWithPath: path).standardizedFileURL
    let parent = final.deletingLastPathComponent()
    let pid = ProcessInfo.processInfo.processIdentifier
    let partial = parent.appendingPathComponent(".\(final.lastPathComponent).partial-\(pid)")
    let old = parent.appendingPathComponent(".\(final.lastPathComponent).old-\(pid)")
    try checkWritable(final.path, force: force)
    do {
      try fm.createDirectory(at: parent, withIntermediateDirectories: true)
      if fm.fileExists(atPath: partial.path) { try fm.removeItem(at: partial) }
      try fm.createDirectory(at: partial, withIntermediateDirectories: false)
      for (name, contents) in files {
        try Data(contents.utf8).write(to: partial.appendingPathComponent(name))
      }
      let replacing = fm.fileExists(atPath: final.path)
      if replacing { try fm.moveItem(at: final, to: old) }
      try fm.moveItem(at: partial, to: final)
      if replacing { try fm.removeItem(at: old) }
    } catch {
      try? fm.removeItem(at: partial)
      throw .io("could not write \(final.path): \(error.localizedDescription)")
    }
  }
}
