import Foundation
import Racksim
import RacksimTestSupport
import Testing

/// `--force` replaces only what a run wrote; every other place is refused with one line and
/// nothing is deleted (issue "Engine for many models", item 8).
@Suite struct RunFolderTests {
  /// A folder holding `names`, each file containing "mine".
  func folder(with names: [String]) throws -> URL {
    let dir = TestSupport.temporaryFolder().appendingPathComponent("place")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for name in names { try Data("mine".utf8).write(to: dir.appendingPathComponent(name)) }
    return dir
  }

  func refusal(_ path: String, force: Bool = true) -> String? {
    do {
      let draft = try RunFolder.prepare(path, force: force)
      draft.discard()
      return nil
    } catch {
      return error.description
    }
  }

  @Test func theCurrentFolderIsRefused() {
    let message = refusal(".")
    #expect(message?.contains("is the current folder or one of its parents") == true)
    #expect(refusal("..")?.contains("is the current folder or one of its parents") == true)
  }

  @Test func anEmptyPathIsRefused() {
    #expect(refusal("")?.contains("the output path is empty") == true)
  }

  @Test func aFileIsNeverReplaced() throws {
    let dir = try folder(with: ["x.yaml"])
    let file = dir.appendingPathComponent("x.yaml").path
    #expect(refusal(file)?.contains("is a file, not a run folder") == true)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
  }

  @Test func aFolderNoRunWroteIsNeverReplaced() throws {
    // Even one whose files have run-like names but no marker and no racksim summary.
    let dir = try folder(with: ["notes.txt", "timeseries.csv"])
    #expect(refusal(dir.path)?.contains("was not written by a racksim run") == true)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == ["notes.txt", "timeseries.csv"])
    // Nothing was created beside it either.
    let siblings = try FileManager.default.contentsOfDirectory(
      atPath: dir.deletingLastPathComponent().path)
    #expect(siblings == ["place"])
  }

  @Test func aMissingParentIsReportedBeforeTheRun() throws {
    let dir = TestSupport.temporaryFolder().appendingPathComponent("no/such/parent/run").path
    #expect(refusal(dir, force: false)?.contains("does not exist") == true)
  }

  @Test func anExistingRunFolderNeedsForce() throws {
    let dir = TestSupport.temporaryFolder().appendingPathComponent("run").path
    let draft = try RunFolder.prepare(dir, force: false)
    try draft.commit([("summary.json", "{}\n")])
    #expect(RunFolder.isRunFolder(dir))
    #expect(refusal(dir, force: false)?.contains("already exists; use --force") == true)
    #expect(refusal(dir, force: true) == nil)
  }

  /// A replace that died between its two renames left the old folder hidden and no final
  /// folder: the next run into the same place puts it back first (a process id that cannot be
  /// alive stands for the dead process).
  @Test func aHalfDoneReplaceIsRecovered() throws {
    let parent = TestSupport.temporaryFolder()
    let dir = parent.appendingPathComponent("run").path
    let draft = try RunFolder.prepare(dir, force: false)
    try draft.commit([("summary.json", "{}\n")])
    let hidden = parent.appendingPathComponent(".run.old-999999999").path
    try FileManager.default.moveItem(atPath: dir, toPath: hidden)
    #expect(refusal(dir, force: false)?.contains("already exists") == true)
    #expect(RunFolder.isRunFolder(dir))
    #expect(!FileManager.default.fileExists(atPath: hidden))
  }
}
