import Foundation
import ScenarioFile
import SimKernel
import Testing

/// Sweep files: structure, located errors, and axis values checked against the base scenario.
@Suite struct SweepFileTests {
  static func problems(_ yaml: String) -> [String] {
    do {
      _ = try SweepFile.parse(yaml: yaml, file: "s.yaml", baseDirectory: "dir")
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test func parsesEveryKey() throws {
    let sweep = try SweepFile.parse(
      yaml: """
        name: cmp
        base: ../q.yaml
        axes:
          policies.scheduler: [fifo, sjf]
          horizon: [1d, "2d"]
        seeds: [3, 1]
        seed: 9
        """, file: "s.yaml", baseDirectory: "sweeps")
    #expect(sweep.name == "cmp")
    #expect(sweep.basePath == "sweeps/../q.yaml")  // relative to the sweep file's folder
    #expect(sweep.axes.map(\.keyPath) == ["policies.scheduler", "horizon"])
    #expect(sweep.axes.map(\.label) == ["scheduler", "horizon"])
    #expect(sweep.axes[1].values == ["1d", "2d"])
    #expect(sweep.axes[0].override(1) == "policies.scheduler=sjf")
    #expect(sweep.dimensions == [[0], [1]])
    #expect(sweep.seeds == .list([3, 1]))
    #expect(sweep.replicationSeeds == [3, 1])  // explicit seeds are used as they are
    #expect(sweep.seed == 9)
  }

  @Test func defaultsNameSeedsAndSweepSeed() throws {
    let sweep = try SweepFile.parse(
      yaml: "base: q.yaml\n", file: "sweeps/my-sweep.yaml", baseDirectory: "sweeps")
    #expect(sweep.name == "my-sweep")
    #expect(sweep.axes.isEmpty)
    #expect(sweep.seeds == .count(1))
    #expect(sweep.seed == 0)
  }

  @Test func countedSeedsComeFromTheKernelStreamOfEachReplication() throws {
    // The documented rule: replication r's seed is the first output of the RandomStream named
    // "sweep/replication/<r>" of the sweep seed.
    let sweep = try SweepFile.parse(
      yaml: "base: q.yaml\nseeds: 3\nseed: 7\n", file: "s.yaml", baseDirectory: "")
    let expected = (0..<3).map { r -> UInt64 in
      var stream = RandomStream(seed: 7, name: "sweep/replication/\(r)")
      return stream.next()
    }
    #expect(sweep.replicationSeeds == expected)
    #expect(Set(expected).count == 3)
    // Another sweep seed gives other run seeds.
    let other = try SweepFile.parse(
      yaml: "base: q.yaml\nseeds: 3\nseed: 8\n", file: "s.yaml", baseDirectory: "")
    #expect(other.replicationSeeds != expected)
  }

  @Test func zipGroupIsOneDimensionAtItsFirstKey() throws {
    // Axes 0 a, 1 b, 2 c; zip [c, b]: dimensions are [a] then the group [c, b], placed where c
    // (the group's first key) stands; b's own place is taken by nothing.
    let sweep = try SweepFile.parse(
      yaml: """
        base: q.yaml
        axes: {x.a: [1, 2], x.b: [u, v, w], x.c: [p, q, r]}
        zip: [[x.c, x.b]]
        """, file: "s.yaml", baseDirectory: "")
    #expect(sweep.dimensions == [[0], [2, 1]])
    // A single flat list is one group.
    let flat = try SweepFile.parse(
      yaml: "base: q.yaml\naxes: {x.a: [1, 2], x.b: [u, v]}\nzip: [x.a, x.b]\n", file: "s.yaml",
      baseDirectory: "")
    #expect(flat.dimensions == [[0, 1]])
  }

  @Test func labelsFallBackToTheKeyPathWhenAmbiguousOrReserved() throws {
    let sweep = try SweepFile.parse(
      yaml: """
        base: q.yaml
        axes:
          site.halls[0].rows: [1, 2]
          site.halls[1].rows: [1, 2]
          x.seed: [1]
          workloads[0].gpus: [{8: 1}, "a b"]
        """, file: "s.yaml", baseDirectory: "")
    #expect(
      sweep.axes.map(\.label) == ["site.halls[0].rows", "site.halls[1].rows", "x.seed", "gpus"])
    // Values travel as flow YAML: a mapping in braces, text with a space quoted.
    #expect(sweep.axes[3].values == ["{8: 1}", "\"a b\""])
  }

  @Test func structuralErrorsAreLocated() {
    let problems = Self.problems(
      """
      name: x
      axis: {}
      axes:
        policies.scheduler: fifo
        horizon: []
        a.b: [1, 2]
        c.d: [1]
      zip: [[a.b, c.d], [a.bb, horizon], [c.d]]
      seeds: 0
      seed: -3
      """)
    #expect(
      problems
        == [
          "s.yaml:1:1: missing required key 'base' (the scenario the axes override)",
          "s.yaml:2:1: unknown key 'axis'; did you mean 'axes'? valid keys: axes, base, name, "
            + "seed, seeds, zip",
          "s.yaml:4:23: axes.policies.scheduler: expected a list of values, got 'fifo'",
          "s.yaml:5:12: axes.horizon: the list of values is empty",
          "s.yaml:8:7: zip: zipped axes need the same number of values, but a.b has 2, c.d has 1",
          // Column 20 is 'a.bb'; horizon (26) was rejected above, so it is no axis either.
          "s.yaml:8:20: zip: 'a.bb' is not one of the axes; did you mean 'a.b'?",
          "s.yaml:8:26: zip: 'horizon' is not one of the axes",
          "s.yaml:8:36: zip: a group needs at least 2 axis keys",
          "s.yaml:9:8: seeds: expected a number of replications ≥ 1 or a list of seeds, got '0'",
          "s.yaml:10:7: seed: expected a whole number ≥ 0, got '-3'",
        ].sorted(by: Self.byLocation))
  }

  /// A sweep of more than a million runs is refused at `seeds` before anything is expanded:
  /// 1,000 × 1,000 × 2 = 2,000,000 runs (line 3, value at column 8 after "seeds: "), and a
  /// seed count of 2^63 − 1, whose plan would not fit in memory (its product is counted
  /// without overflow).
  @Test func sweepsOfMoreThanAMillionRunsAreRefused() {
    let values = "[" + (1...1000).map(String.init).joined(separator: ", ") + "]"
    let wide = "base: q.yaml\naxes: {a.b: \(values), c.d: \(values)}\nseeds: 2\n"
    #expect(
      Self.problems(wide) == [
        "s.yaml:3:8: seeds: the sweep has 2000000 runs (axes × seeds), more than the 1000000 a "
          + "sweep may have; split it into several sweeps"
      ])
    let many = Self.problems("base: q.yaml\nseeds: 9223372036854775807\n")
    #expect(many.count == 1 && many[0].hasPrefix("s.yaml:2:8: seeds: the sweep has at least"))
  }

  @Test func duplicateSeedsAndSyntaxErrorsAreLocated() {
    #expect(
      Self.problems("base: q.yaml\nseeds: [4, 4]\n") == [
        "s.yaml:2:12: seeds: 4 is listed twice (its runs would be identical)"
      ])
    let syntax = Self.problems("base: q.yaml\naxes: [\n")
    #expect(
      syntax.count == 1 && syntax[0].hasPrefix("s.yaml:") && syntax[0].contains("invalid YAML"))
  }

  // MARK: - Against the base scenario

  static let base = """
    name: t
    horizon: 1d
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
      - name: w
        type: poisson
        mean_interarrival: 10m
        gpus: {8: 1}
        duration: {distribution: exponential, mean: 1h}
    policies: {scheduler: fifo, placement: first-fit}
    output: {racks: false}
    """

  static func withSweep(_ sweep: String, _ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-sweepfile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sweeps"), withIntermediateDirectories: true)
    try base.write(
      to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("sweeps/s.yaml").path
    try sweep.write(toFile: path, atomically: true, encoding: .utf8)
    try body(path)
  }

  @Test func aValidSweepLoadsAgainstItsBase() throws {
    try Self.withSweep(
      """
      base: ../base.yaml
      axes:
        policies.placement: [first-fit]
        horizon: [1d, 2d]
      seeds: 2
      """
    ) { path in
      let sweep = try SweepFile.load(path: path)
      #expect(sweep.axes.count == 2)
    }
  }

  @Test func unknownKeyWrongTypeAndUnknownNameAreLocatedInTheSweepFile() throws {
    try Self.withSweep(
      """
      base: ../base.yaml
      axes:
        policies.schedular: [fifo]
        horizon: [1d, banana]
      """
    ) { path in
      let lines = Self.loadProblems(path)
      #expect(lines.count == 2, "\(lines)")
      // Line 3 `  policies.schedular: [fifo]`: the key starts at column 3, and 'schedular'
      // at column 3 + len("policies.") = 12.
      #expect(lines.first?.hasPrefix("\(path):3:12: axes: ") == true, "\(lines)")
      #expect(lines.first?.contains("did you mean 'scheduler'") == true, "\(lines)")
      // Line 4 `  horizon: [1d, banana]`: banana at column 17.
      #expect(lines.last?.hasPrefix("\(path):4:17: axes.horizon: ") == true, "\(lines)")
    }
  }

  @Test func aBrokenBaseIsReportedInTheBase() throws {
    try Self.withSweep("base: ../nothing.yaml\naxes: {horizon: [1d]}\n") { path in
      let lines = Self.loadProblems(path)
      #expect(lines.count == 1 && lines[0].contains("no such file"), "\(lines)")
    }
  }

  static func loadProblems(_ path: String) -> [String] {
    do {
      _ = try SweepFile.load(path: path)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  static func byLocation(_ a: String, _ b: String) -> Bool {
    func key(_ s: String) -> (Int, Int) {
      let parts = s.split(separator: ":")
      return (Int(parts[1]) ?? 0, Int(parts[2]) ?? 0)
    }
    return key(a) < key(b)
  }
}
