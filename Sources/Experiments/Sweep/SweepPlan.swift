import ScenarioFile

/// The runs of a sweep, in run-index order: what a runner executes and a merge writes.
///
/// **Index order.** The dimensions of the sweep file (each axis, or a zip group in place of
/// its first key) form a cartesian product with the first dimension slowest, and the
/// replications are the fastest dimension. With dimension sizes n₀ … n_{k−1} and R
/// replications, the run with positions (i₀, …, i_{k−1}) and replication r has index
/// `((i₀ · n₁ + i₁) · n₂ + … + i_{k−1}) · R + r`. Example: `scheduler: [fifo, sjf]`,
/// `seeds: 2` gives 0 fifo/rep 0, 1 fifo/rep 1, 2 sjf/rep 0, 3 sjf/rep 1.
///
/// **Folder names.** `<index>-<label>=<value>-…-rep=<r>` for `seeds: N`, or `…-seed=<seed>`
/// for an explicit list: the index zero-padded to at least 4 digits (more when the sweep has
/// more than 10,000 runs), then each axis in file order. Values keep letters, digits and
/// `._+-`; any other character becomes `_`, and a value is cut to 40 characters. The index
/// makes every name unique; nothing depends on the clock.
///
/// **Seeds.** `SweepFile.replicationSeeds[r]`: an explicit seed, or the seed derived from
/// (sweep seed, replication) with `RandomStream`. The same replication has the same seed in
/// every configuration (common random numbers).
public struct SweepPlan: Sendable, Equatable {
  /// The sweep's name.
  public var name: String
  /// The base scenario, resolved against the sweep file's folder.
  public var basePath: String
  /// The sweep seed.
  public var sweepSeed: UInt64
  /// The axes' labels, in file order (the axis columns of `sweep.csv`).
  public var axisLabels: [String]
  /// The axes' key paths, in file order.
  public var axisKeyPaths: [String]
  /// Every run, `runs[i].index == i`.
  public var runs: [SweepRun]

  /// Expands a parsed sweep file.
  /// - Complexity: O(runs × axes).
  public init(_ file: SweepFile) {
    name = file.name
    basePath = file.basePath
    sweepSeed = file.seed
    axisLabels = file.axes.map(\.label)
    axisKeyPaths = file.axes.map(\.keyPath)
    let seeds = file.replicationSeeds
    let explicitSeeds: Bool
    if case .list = file.seeds { explicitSeeds = true } else { explicitSeeds = false }
    let sizes = file.dimensions.map { file.axes[$0[0]].values.count }
    let configurations = sizes.reduce(1, *)
    let total = configurations * seeds.count
    let width = max(4, String(max(total - 1, 0)).count)
    var runs: [SweepRun] = []
    runs.reserveCapacity(total)
    for c in 0..<configurations {
      // Mixed radix, last dimension fastest: position of each dimension for configuration c.
      var positions = [Int](repeating: 0, count: sizes.count)
      var rest = c
      for d in sizes.indices.reversed() {
        positions[d] = rest % sizes[d]
        rest /= sizes[d]
      }
      var valueIndex = [Int](repeating: 0, count: file.axes.count)
      for (d, members) in file.dimensions.enumerated() {
        for a in members { valueIndex[a] = positions[d] }
      }
      let values = file.axes.indices.map { a in
        SweepRun.AxisValue(
          label: file.axes[a].label, keyPath: file.axes[a].keyPath,
          value: file.axes[a].values[valueIndex[a]])
      }
      let overrides = file.axes.indices.map { file.axes[$0].override(valueIndex[$0]) }
      for (r, seed) in seeds.enumerated() {
        let index = runs.count
        var parts = [Self.padded(index, width)]
        parts += values.map { "\(Self.safe($0.label))=\(Self.safe($0.value))" }
        parts.append(explicitSeeds ? "seed=\(seed)" : "rep=\(r)")
        runs.append(
          SweepRun(
            index: index, folderName: parts.joined(separator: "-"), seed: seed, replication: r,
            overrides: overrides, axisValues: values))
      }
    }
    self.runs = runs
  }

  /// Reads a sweep file, checks it against its base scenario and expands it.
  /// - Throws: `ScenarioLoadError` with every problem, each `file:line:column: message`.
  public static func load(path: String) throws(ScenarioLoadError) -> SweepPlan {
    SweepPlan(try SweepFile.load(path: path))
  }

  /// Parses and expands a sweep file's text without reading its base scenario.
  /// - Throws: `ScenarioLoadError` with every structural problem of the sweep file.
  public static func parse(
    yaml: String, file: String, baseDirectory: String = ""
  ) throws(ScenarioLoadError) -> SweepPlan {
    SweepPlan(try SweepFile.parse(yaml: yaml, file: file, baseDirectory: baseDirectory))
  }

  // MARK: - Private

  static func padded(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Letters, digits and `._+-` kept, anything else `_`, at most 40 characters.
  static func safe(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars.prefix(40) {
      let keep =
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
        || s == "." || s == "_" || s == "+" || s == "-"
      out.unicodeScalars.append(keep ? s : "_")
    }
    return out.isEmpty ? "_" : out
  }
}

/// One run of a sweep.
public struct SweepRun: Sendable, Equatable {
  /// One axis's value for this run.
  public struct AxisValue: Sendable, Equatable {
    /// The axis's short name (`scheduler`).
    public var label: String
    /// The scenario key path (`policies.scheduler`).
    public var keyPath: String
    /// The value as YAML flow text (`sjf`).
    public var value: String
  }

  /// The run index, 0-based, in the documented order.
  public var index: Int
  /// The run's folder name inside the sweep folder (no timestamps, filesystem-safe).
  public var folderName: String
  /// The run seed, passed to the simulation in place of the scenario's seed.
  public var seed: UInt64
  /// The replication (position in the seeds), 0-based.
  public var replication: Int
  /// The `--set` overrides applied to the base scenario, in axis order.
  public var overrides: [String]
  /// Each axis's value, in axis order.
  public var axisValues: [AxisValue]
}
