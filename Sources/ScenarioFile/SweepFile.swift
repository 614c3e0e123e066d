import Foundation
import SimKernel

/// A sweep file: a base scenario, axes of `--set` overrides, zip groups and seeds.
///
/// ```yaml
/// name: scheduler-comparison      # optional; default: the file name without .yaml
/// base: ../quickstart.yaml        # required; relative to this file's folder
/// axes:                           # key path -> values, each applied as --set key=value
///   policies.scheduler: [fifo, sjf]
///   policies.placement: [first-fit, best-fit]
///   horizon: [1d, 2d]
/// zip:                            # optional: axes that vary together (equal lengths)
///   - [policies.placement, horizon]
/// seeds: 10                       # optional: a count (default 1) or a list [1, 2, 3]
/// seed: 7                         # optional: the sweep seed (default 0)
/// ```
///
/// **Dimensions.** Every axis not in a zip group is one dimension; a zip group is one dimension
/// whose i-th position sets the i-th value of each of its axes, placed where its first-listed
/// key stands among the axes. Dimensions keep the order of the axes in the file; the seeds are
/// one more dimension after them.
///
/// **Seeds.** With a list, the listed numbers are the run seeds. With a count N, replication
/// r ∈ 0 … N − 1 runs with seed `RandomStream(seed: sweepSeed, name: "sweep/replication/<r>")
/// .next()` (the kernel's stream derivation, `RandomStream`): the first 64-bit output of the
/// stream named by the replication. The seed depends on the replication, not on the axis
/// values, so every configuration sees the same seeds (common random numbers), which is what
/// makes paired comparisons possible.
///
/// Every problem is reported with `file:line:column`, as for scenarios.
public struct SweepFile: Sendable, Equatable {
  /// One axis: a scenario key path and the values it takes.
  public struct Axis: Sendable, Equatable {
    /// The key path as written, e.g. `policies.scheduler` or `site.halls[0].rows`.
    public var keyPath: String
    /// The short name for columns, folder names and `sweep[label=value]` selectors: the last
    /// key of the path, or the whole path when that is shared with another axis or is one of
    /// `index`, `seed`, `replication`.
    public var label: String
    /// Each value as YAML flow text (`sjf`, `20MW`, `{8: 1}`), so that
    /// `"\(keyPath)=\(value)"` is the `--set` override that applies it.
    public var values: [String]

    var keyLocation: SourceLocation
    var valueLocations: [SourceLocation]

    /// The `--set` override that applies value `i`.
    public func override(_ i: Int) -> String { "\(keyPath)=\(values[i])" }
  }

  /// The replications.
  public enum Seeds: Sendable, Equatable {
    /// N replications with seeds derived from the sweep seed.
    case count(Int)
    /// Explicit run seeds.
    case list([UInt64])
  }

  /// The sweep's name.
  public var name: String
  /// The sweep file, as named when loaded.
  public var file: String
  /// The base scenario, resolved against the sweep file's folder.
  public var basePath: String
  /// The axes, in file order.
  public var axes: [Axis]
  /// The expansion dimensions, in order: each lists the indices into `axes` that vary
  /// together (one index for a plain axis, several for a zip group).
  public var dimensions: [[Int]]
  /// The replications as written.
  public var seeds: Seeds

  /// The most runs a sweep may have (axes × seeds): a folder each.
  public static let maxRuns = 1_000_000
  /// The sweep seed (default 0).
  public var seed: UInt64

  /// The run seed of every replication, in replication order (see the type's discussion).
  public var replicationSeeds: [UInt64] {
    switch seeds {
    case .list(let list): list
    case .count(let n): (0..<n).map { Self.derivedSeed(sweepSeed: seed, replication: $0) }
    }
  }

  /// The run seed of replication `r` for `seeds: N`: the first output of
  /// `RandomStream(seed: sweepSeed, name: "sweep/replication/<r>")`.
  public static func derivedSeed(sweepSeed: UInt64, replication r: Int) -> UInt64 {
    var stream = RandomStream(seed: sweepSeed, name: "sweep/replication/\(r)")
    return stream.next()
  }

  /// Reads and checks a sweep file, including every axis value against the base scenario.
  ///
  /// - Parameter path: The sweep file; messages name it as written here.
  /// - Throws: `ScenarioLoadError` with every problem: in the sweep file itself, in the base
  ///   scenario, and each axis value the base scenario's schema rejects (located at the value
  ///   in the sweep file, or at the axis key for an unknown key, with a did-you-mean).
  public static func load(path: String) throws(ScenarioLoadError) -> SweepFile {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"
      throw ScenarioLoadError(diagnostics: [
        ScenarioDiagnostic(file: path, line: 1, column: 1, message: "\(reason): \(path)")
      ])
    }
    let sweep = try parse(
      yaml: text, file: path, baseDirectory: IncludeResolver.directory(of: path))
    let problems = sweep.checkAgainstBase()
    guard problems.isEmpty else { throw ScenarioLoadError(diagnostics: problems) }
    return sweep
  }
}
