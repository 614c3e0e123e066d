import Foundation
import Racksim
import ScenarioFile
import SimKernel
import Testing

/// Every overflow-sized or malformed input of issue 7 item 7 and its "Bad input" section, each
/// with the exact message it gives. Columns are derived from the text (`column(of:in:)`).
@Suite struct InputLimitTests {
  typealias H = ScenarioTestHelpers

  /// `minimal` with the line starting with `prefix` replaced by `line` (nil: removed).
  static func minimal(replacing prefix: String, with line: String?) -> String {
    H.minimal.split(separator: "\n", omittingEmptySubsequences: false).compactMap { l in
      l.hasPrefix(prefix) ? line : String(l)
    }.joined(separator: "\n")
  }

  /// The 1-based column of the first `needle` in `line`.
  static func column(of needle: String, in line: String) -> Int {
    line.distance(from: line.startIndex, to: line.range(of: needle)!.lowerBound) + 1
  }

  // MARK: - Time

  @Test func horizonOfTenMillionDaysDoesNotFitNanoseconds() {
    // 10^7 d · 86,400 s · 10^9 ns = 8.64e20 ns > Int64.max ≈ 9.22e18. "horizon: " is 9
    // characters, so the value is at column 10 of line 2.
    let yaml = Self.minimal(replacing: "horizon:", with: "horizon: 10000000d")
    #expect(
      H.problems(yaml) == [
        "s.yaml:2:10: horizon: 10000000d is too long: durations must be under 292 years"
      ])
  }

  @Test func horizonAboveOneHundredYearsIsRefused() {
    // 36,526 d · 86,400 = 3,155,846,400 s > 100 Julian years = 3,155,760,000 s. Jobs every 10 min
    // give 36,526 · 144 = 5,259,744 < 10^7 jobs and 15-min samples 3,506,496 < 10^8: no other
    // limit is reached.
    let yaml = Self.minimal(replacing: "horizon:", with: "horizon: 36526d")
    #expect(
      H.problems(yaml) == [
        "s.yaml:2:10: horizon: must be at most 100 years (3155760000 s), got 3155846400 s"
      ])
  }

  @Test func durationMedianOfAMillionDaysDoesNotFitNanoseconds() {
    // 10^6 d = 8.64e19 ns > Int64.max.
    let line = "    duration: {distribution: lognormal, median: 1000000d, sigma: 1}"
    let yaml = Self.minimal(replacing: "    duration:", with: line)
    let c = Self.column(of: "1000000d", in: line)
    #expect(
      H.problems(yaml) == [
        "s.yaml:11:\(c): workloads[0].duration.median: 1000000d is too long: "
          + "durations must be under 292 years"
      ])
  }

  @Test func sampleCountAloneIsLimited() {
    // 1 d / 100 ns = 86,400e9 / 100 = 864,000,000,000 samples > 10^8. `sample_interval` is the
    // new line 3; its value starts at column 18 ("sample_interval: " is 17 characters).
    let yaml = Self.minimal(replacing: "horizon:", with: "horizon: 1d\nsample_interval: 100ns")
    #expect(
      H.problems(yaml) == [
        "s.yaml:3:18: sample_interval: gives 864000000000 samples over the horizon "
          + "(horizon / sample_interval); the limit is 100000000 samples (timeseries.csv rows)"
      ])
  }

  @Test func rackRowsAreLimitedOnlyWhenRacksAreWritten() throws {
    // 100 rows × 100 racks = 10,000 racks; 1 d / 0.5 s = 172,800 samples; 172,800 × 10,000 =
    // 1,728,000,000 racks.csv rows > 10^9.
    let yaml = Self.minimal(replacing: "horizon:", with: "horizon: 1d\nsample_interval: 500ms")
      .replacingOccurrences(
        of: "rows: 1, racks_per_row: 2", with: "rows: 100, racks_per_row: 100")
    let written = yaml.replacingOccurrences(
      of: "output: {racks: false}", with: "output: {racks: true}")
    #expect(
      H.problems(written) == [
        "s.yaml:3:18: sample_interval: gives 1728000000 racks.csv rows (172800 samples × 10000 "
          + "racks); the limit is 1000000000 rows (about 60 GB of CSV): sample less often, or "
          + "set output.racks: false"
      ])
    // Without racks.csv only the sample count counts: 172,800 < 10^8.
    #expect(H.problems(yaml) == [])
  }

  // MARK: - Site size

  static func site(_ hall: String) -> String {
    Self.minimal(replacing: "    - {name: hall-1", with: "    - {name: hall-1, \(hall)}")
  }

  @Test func siteWhoseRackCountOverflowsIsRefusedBeforeBuilding() {
    // (2^63 − 1) rows × 2 racks overflows Int64 at the first product.
    let yaml = Self.site("rows: 9223372036854775807, racks_per_row: 2, rack_type: dgx-h100-rack")
    #expect(
      H.problems(yaml) == [
        "s.yaml:5:7: site.halls[0]: the site would have more than 9223372036854775807 racks "
          + "(the count overflows) by this hall (rows × racks_per_row × nodes_per_rack × "
          + "gpus_per_node, summed over halls); the limit is 10000000 racks"
      ])
  }

  @Test func siteBeyondTheNodeLimit() {
    // 2,000,000 × 2 = 4,000,000 racks (≤ 10^7) × 4 nodes (dgx-h100-rack) = 16,000,000 > 10^7.
    let yaml = Self.site("rows: 2000000, racks_per_row: 2, rack_type: dgx-h100-rack")
    #expect(
      H.problems(yaml) == [
        "s.yaml:5:7: site.halls[0]: the site would have 16000000 nodes by this hall (rows × "
          + "racks_per_row × nodes_per_rack × gpus_per_node, summed over halls); the limit is "
          + "10000000 nodes"
      ])
  }

  @Test func siteBeyondTheGPULimit() {
    // 500,000 × 2 = 10^6 racks × 4 nodes = 4·10^6 nodes × 64 GPUs = 256,000,000 > 10^8.
    // The two halls are summed: 1 × 2 × 4 × 64 = 512 more GPUs in hall-2, but hall-1 already
    // passes the limit, so the problem is at hall-1 (line 5).
    let yaml =
      Self.site("rows: 500000, racks_per_row: 2, rack_type: dgx-h100-rack")
      + "\nhardware: {nodes: [{name: dgx-h100, gpus_per_node: 64}]}"
    #expect(
      H.problems(yaml) == [
        "s.yaml:5:7: site.halls[0]: the site would have 256000000 GPUs by this hall (rows × "
          + "racks_per_row × nodes_per_rack × gpus_per_node, summed over halls); the limit is "
          + "100000000 GPUs"
      ])
  }

  // MARK: - Factors

  @Test func pueIsBounded() {
    // "facility: {pue: " is 16 characters → the value at column 17 of the new line 14.
    for (written, shown) in [("11", "11.0"), ("1e300", "1e+300")] {
      let yaml = H.minimal + "\nfacility: {pue: \(written)}"
      #expect(
        H.problems(yaml) == [
          "s.yaml:14:17: facility.pue: must be <= 10 (facility power / IT power; real sites are "
            + "1.05 to 3), got \(shown)"
        ])
    }
  }

  @Test func devicePowerIsBounded() {
    // 2 MW = 2,000,000 W > 1 MW. "hardware: {gpus: [{name: h100-sxm, tdp: " → the value.
    let line = "hardware: {gpus: [{name: h100-sxm, tdp: 2MW}]}"
    let c = Self.column(of: "2MW", in: line)
    #expect(
      H.problems(H.minimal + "\n" + line) == [
        "s.yaml:14:\(c): hardware.gpus[0].tdp: must be at most 1 MW (1000000 W), got 2000000.0 W"
      ])
  }

  @Test func gpuWeightsMustHaveAFiniteTotal() {
    // 1e308 + 1e308 = +inf in binary64.
    let line = "    gpus: {8: 1e308, 4: 1e308}"
    #expect(
      H.problems(Self.minimal(replacing: "    gpus:", with: line)) == [
        "s.yaml:10:\(Self.column(of: "{", in: line)): workloads[0].gpus: weights must sum to a "
          + "finite total, got inf"
      ])
  }

  @Test func jobLargerThanTheSiteIsAnError() {
    // minimal's site: 2 racks × 4 nodes × 8 GPUs = 64 GPUs < 128.
    let line = "    gpus: {8: 1, 128: 1}"
    #expect(
      H.problems(Self.minimal(replacing: "    gpus:", with: line)) == [
        "s.yaml:10:\(Self.column(of: "{", in: line)): workloads[0].gpus: job size 128 GPUs is "
          + "larger than the site (64 GPUs)"
      ])
  }

  // MARK: - Workloads wired from the Workloads layer

  @Test func poissonJobCountLimitAppliesToYAML() {
    // 30 d / 1 ns = 2,592,000 s · 10^9 = 2,592,000,000,000,000 jobs > 10^7.
    var yaml = Self.minimal(replacing: "horizon:", with: "horizon: 30d")
    yaml = yaml.replacingOccurrences(of: "mean_interarrival: 10m", with: "mean_interarrival: 1ns")
    #expect(
      H.problems(yaml) == [
        "s.yaml:9:24: workloads[0].mean_interarrival: would generate about 2592000000000000 "
          + "jobs before the horizon ((horizon - start) / mean interarrival); the limit is "
          + "10000000 jobs per workload (about 1 GB of job records)"
      ])
  }

  @Test func markovPhasesThatChangeEveryNanosecondAreRefused() {
    // Equal sojourns: each phase half the time, so λ = 0.5/600 + 0.5/3600 = 7/7200 jobs/s and
    // 1/λ = 7200/7 s. Changes: 2 · (86,400 + 7200/7) s / (2 ns) = (86,400 + 7200/7) · 10^9.
    let line =
      "    arrivals: {process: mmpp, mean_interarrivals: [10m, 1h], mean_sojourns: [1ns, 1ns]}"
    let yaml = Self.minimal(replacing: "    mean_interarrival:", with: line)
    let changes = Int64(((86_400 + 7_200.0 / 7) * 1e9).rounded())
    #expect(
      H.problems(yaml) == [
        "s.yaml:9:\(Self.column(of: "[1ns", in: line)): workloads[0].arrivals.mean_sojourns: "
          + "the arrival phases would change about \(changes) times before the first arrival "
          + "after the horizon (2 · (horizon - start + mean gap) / sum of the mean sojourns); "
          + "the limit is 100000000 phase changes"
      ])
  }

  @Test func traceJobWiderThanTheSiteIsAtItsLine() throws {
    // TraceWorkloadTests' site: 2 racks of 32 GPUs = 64 < 100. Job b is on line 3, column 1.
    let csv = "id,submit_s,gpus,duration_s\na,0,8,3600\nb,60,100,7200\n"
    let problems = try H.withFolder(["traces/jobs.csv": csv]) { folder in
      H.problems(TraceWorkloadTests.scenario, directory: folder)
    }
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasSuffix("job 'b' asks for 100 GPUs but the site has only 64") == true)
    #expect(problems.first?.hasPrefix("traces/jobs.csv:3:") == true)
  }

  @Test func duplicateTraceIDsReachTheUserWithTheTraceName() throws {
    let csv = "id,submit_s,gpus,duration_s\na,0,8,3600\na,60,8,7200\n"
    let problems = try H.withFolder(["traces/jobs.csv": csv]) { folder in
      H.problems(TraceWorkloadTests.scenario, directory: folder)
    }
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("traces/jobs.csv:3:") == true)
    #expect(
      problems.first?.hasSuffix("job id 'a' appears twice: on line 2 and on line 3") == true)
  }

  // MARK: - Heavy tails, end to end

  @Test(arguments: [
    "{distribution: lognormal, median: 1h, sigma: 10}",
    "{distribution: weibull, shape: 0.01, scale: 1h}",
    "{distribution: normal, mean: 1h, sd: 100000d}",
    "{distribution: gamma, shape: 1e-300, scale: 100000d}",
    "{distribution: gamma, shape: 1e308, scale: 1h}",
    "{distribution: exponential, mean: 100000d}",
  ])
  func heavyTailedDurationsRunADay(_ distribution: String) throws {
    let yaml = Self.minimal(replacing: "    duration:", with: "    duration: \(distribution)")
    let scenario = try H.load(yaml)
    var simulation = try Simulation(scenario: scenario)
    _ = try simulation.run()
    // The run reaches its horizon: 1 d = 86,400 s = 8.64e13 ns.
    #expect(simulation.now.nanoseconds == 86_400_000_000_000)
  }

  // MARK: - YAML

  @Test func aliasBombIsReportedAtTheAliasThatCrossesTheLimit() {
    // Expanded sizes: a = 1 + 10 = 11 nodes, b = 1 + 10·11 = 111, c = 1111, d = 11111,
    // e = 111111. Walking in order: root 1, each key 1: after a 13, b 125, c 1237, d 12349,
    // e 123461; key f 123462, its list 123463, then each *e adds 111111: the 8th makes
    // 123463 + 8·111111 = 1012351 > 10^6 (the 7th: 901240). "f: [" is 4 characters and each
    // "*e, " 4 more, so the 8th *e is at column 5 + 4·7 = 33 of line 6.
    func list(_ item: String) -> String {
      "[" + Array(repeating: item, count: 10).joined(separator: ", ") + "]"
    }
    let yaml = [
      "a: &a \(list("x"))", "b: &b \(list("*a"))", "c: &c \(list("*b"))", "d: &d \(list("*c"))",
      "e: &e \(list("*d"))", "f: \(list("*e"))",
    ].joined(separator: "\n")
    #expect(
      H.problems(yaml) == [
        "s.yaml:6:33: aliases expand the document to more than 1000000 YAML nodes at this '*e' "
          + "(which stands for 111111 nodes); the limit is 1000000 nodes, aliases included"
      ])
  }

  @Test func billionLaughsIsRefusedWithoutExpanding() {
    // Nine levels of nine aliases: 9^9 ≈ 3.9e8 "lol"s if expanded.
    var lines = ["a: &a [" + Array(repeating: "lol", count: 9).joined(separator: ", ") + "]"]
    let names = Array("abcdefghi").map(String.init)
    for k in 1..<names.count {
      let items = Array(repeating: "*\(names[k - 1])", count: 9).joined(separator: ", ")
      lines.append("\(names[k]): &\(names[k]) [\(items)]")
    }
    let problems = H.problems(lines.joined(separator: "\n"))
    #expect(problems.count == 1)
    #expect(problems.first?.contains("aliases expand the document to more than 1000000") == true)
  }

  @Test func denseListIsRefusedBeforeItIsComposed() {
    // "x: [" counts ": " and "[" (2); then each "1," one comma. The count passes 2 · 10^6 at
    // the 1,999,999th comma, at column 4 + 2 · 1,999,999 = 4,000,002.
    let yaml = "x: [" + String(repeating: "1,", count: 2_100_000) + "1]"
    #expect(
      H.problems(yaml) == [
        "s.yaml:1:4000002: the document has more than 1000000 YAML nodes by here (counted from "
          + "its commas, colons and list dashes); the limit is 1000000 nodes"
      ])
  }

  @Test func nestingDeeperThanTheLimitIsOneError() {
    let deep = "x: " + String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
    let problems = H.problems(deep)
    #expect(problems.count == 1)
    #expect(
      problems.first?.hasSuffix(
        ": the YAML nests deeper than 1000 levels of mappings and lists") == true)
    #expect(problems.first?.hasPrefix("s.yaml:1:") == true)
    // 990 levels are parsed (and then `x` is an unknown key, at line 14, column 1).
    let fine = "x: " + String(repeating: "[", count: 990) + String(repeating: "]", count: 990)
    let loaded = H.problems(H.minimal + "\n" + fine)
    #expect(loaded.count == 1)
    #expect(loaded.first?.hasPrefix("s.yaml:14:1: unknown key 'x'") == true)
  }

  @Test func includeChainTenThousandFilesDeepStopsAtTheDepthLimit() throws {
    // main.yaml includes f0, f0 includes f1, … f9999. The chain main, f0 … f30 is 32 files, so
    // f30's include (line 1, column 10: "include: " is 9 characters) is the one refused.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-chain-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var names: [String] = []
    defer {
      // unlink(2) each file: Foundation's recursive remove of 10,000 files takes seconds here.
      for name in names { unlink(folder + "/" + name) }
      rmdir(folder)
    }
    func write(_ name: String, _ text: String) {
      names.append(name)
      guard let file = fopen(folder + "/" + name, "w") else { return }
      fputs(text, file)
      fclose(file)
    }
    write("main.yaml", "include: f0.yaml\n" + H.minimal)
    for i in 0..<10_000 { write("f\(i).yaml", "include: f\(i + 1).yaml\n") }
    write("f10000.yaml", "seed: 1\n")
    let problems = (
      folder, ScenarioLoader.diagnostics(path: folder + "/main.yaml").map(\.description)
    )
    let f = { (name: String) in "\(problems.0)/\(name)" }
    let chain = [f("main.yaml"), f("f0.yaml"), f("f1.yaml"), "...", f("f29.yaml"), f("f30.yaml")]
    #expect(
      problems.1 == [
        "\(f("f30.yaml")):1:10: includes nest more than 32 files deep ("
          + (chain + [f("f31.yaml")]).joined(separator: " -> ") + "); the limit is 32"
      ])
  }

  @Test func fiftyMegabyteFileIsRefusedWithItsSize() throws {
    // 50 · 2^20 = 52,428,800 bytes, 50.0 MiB; the limit is 16 · 2^20 = 16,777,216 bytes.
    let body = H.minimal + "\n" + String(repeating: "#", count: 50 << 20 - H.minimal.utf8.count - 1)
    let problems = try H.withFolder(["big.yaml": body]) { folder in
      (folder, ScenarioLoader.diagnostics(path: folder + "/big.yaml").map(\.description))
    }
    #expect(
      problems.1 == [
        "\(problems.0)/big.yaml:1:1: the scenario file is 52428800 bytes (50.0 MiB); the limit "
          + "is 16 MiB (16777216 bytes)"
      ])
  }

  /// The diagnostics of a file written with exactly `bytes`.
  static func problems(ofBytes bytes: [UInt8]) throws -> [String] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-limits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(bytes).write(to: folder.appendingPathComponent("s.yaml"))
    return ScenarioLoader.diagnostics(path: folder.path + "/s.yaml").map {
      "\($0.line):\($0.column): \($0.message)"
    }
  }

  @Test func latin1FileSaysSoAtTheFirstBadByte() throws {
    // "name: t" is 7 characters; é in Latin-1 is the single byte 0xE9, at column 8.
    var bytes = Array(H.minimal.utf8)
    bytes.insert(0xE9, at: 7)
    #expect(
      try Self.problems(ofBytes: bytes) == [
        "1:8: the file is not UTF-8 text: byte 0xE9 here is not valid UTF-8; it looks like "
          + "Latin-1 (ISO-8859-1) or Windows-1252; save it as UTF-8"
      ])
  }

  @Test func utf16FilesSaySo() throws {
    let units = Array(H.minimal.utf16)
    let little = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(
      try Self.problems(ofBytes: [0xFF, 0xFE] + little) == [
        "1:1: the file is UTF-16 (little-endian) text (it starts with a UTF-16 (little-endian) "
          + "byte-order mark), not UTF-8; save it as UTF-8"
      ])
    // Without a mark: "n" then a NUL byte, the second character of line 1; half the bytes are 0.
    #expect(
      try Self.problems(ofBytes: little) == [
        "1:2: the file is not UTF-8 text: byte 0x00 here is a NUL; it looks like UTF-16 without "
          + "a byte-order mark; save it as UTF-8"
      ])
    // A UTF-8 byte-order mark is dropped and the file loads.
    #expect(try Self.problems(ofBytes: [0xEF, 0xBB, 0xBF] + Array(H.minimal.utf8)) == [])
  }

  @Test func controlCharacterIsLocated() {
    // "name: t" is 7 characters; U+0001 after it is at column 8 of line 1.
    let yaml = "name: t\u{1}\n" + H.minimal.drop { $0 != "\n" }.dropFirst()
    #expect(
      H.problems(yaml) == [
        "s.yaml:1:8: cannot read the text: control characters are not allowed (U+1)"
      ])
  }

  @Test func tabIndentationSaysTab() {
    let message =
      "a tab is used for indentation here; YAML indents with spaces only (replace the tab "
      + "with spaces)"
    // Line 4 is "  halls:": a tab in place of the two spaces is at column 1; after them, at 3.
    #expect(
      H.problems(Self.minimal(replacing: "  halls:", with: "\thalls:")) == [
        "s.yaml:4:1: \(message)"
      ])
    #expect(
      H.problems(Self.minimal(replacing: "  halls:", with: "  \thalls:"))
        == ["s.yaml:4:3: \(message)"])
  }

  @Test func duplicateKeyPointsAtTheDuplicate() {
    // Block: horizon on line 2 and again on line 3.
    let block = Self.minimal(replacing: "horizon:", with: "horizon: 1d\nhorizon: 2d")
    #expect(
      H.problems(block) == [
        "s.yaml:3:1: duplicate key 'horizon': it is already set at line 2, column 1 of this "
          + "mapping"
      ])
    // Flow: the first 8 and the second 8 of one line.
    let line = "    gpus: {8: 1, 4: 2, 8: 3}"
    let first = Self.column(of: "8:", in: line)
    let second = Self.column(of: ", 8:", in: line) + 2
    #expect(
      H.problems(Self.minimal(replacing: "    gpus:", with: line)) == [
        "s.yaml:10:\(second): duplicate key '8': it is already set at line 10, column \(first) "
          + "of this mapping"
      ])
  }

  @Test func includedFileThatIsNotAMappingIsReportedAtTheInclude() throws {
    // "include: " is 9 characters → the name at column 10 of line 1.
    let text = String(repeating: "just some text ", count: 200)
    let files = [
      "main.yaml": "include: list.yaml\n" + H.minimal, "list.yaml": "- a\n- b\n",
    ]
    let problems = try H.withFolder(files) { folder in
      (folder, ScenarioLoader.diagnostics(path: folder + "/main.yaml").map(\.description))
    }
    #expect(
      problems.1 == [
        "\(problems.0)/main.yaml:1:10: cannot include 'list.yaml': it holds a list, not a "
          + "mapping of scenario keys"
      ])
    let textFiles = ["main.yaml": "include: text.yaml\n" + H.minimal, "text.yaml": text]
    let shown = try H.withFolder(textFiles) { folder in
      ScenarioLoader.diagnostics(path: folder + "/main.yaml").map(\.message)
    }
    // The plain scalar is the text without its trailing space (2,999 characters), shortened
    // to its first 40.
    #expect(
      shown == [
        "cannot include 'text.yaml': it holds text starting '\(text.prefix(40))...' (2999 "
          + "characters), not a mapping of scenario keys"
      ])
  }

  @Test func setErrorsNameTheArgumentByPosition() {
    // #2 "horizon=" is 8 characters → the value at column 9; #3 "x=[1, 2" is 7 characters and
    // ends early, so the problem is just past its end, column 8.
    #expect(
      H.problems(H.minimal, overrides: ["seed=3", "horizon=", "x=[1, 2"]) == [
        "--set #2 'horizon=', column 9: horizon: expected a duration like 90s, 15m, 6h, 7d, got "
          + "nothing",
        "--set #3 'x=[1, 2', column 8: invalid YAML: did not find expected ',' or ']' (while "
          + "parsing a flow sequence)",
      ])
  }
}
