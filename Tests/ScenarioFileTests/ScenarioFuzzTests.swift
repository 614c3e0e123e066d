import Foundation
import Racksim
import ScenarioFile
import SimKernel
import Testing
import Workloads

/// Mutates the shipped scenarios and a small trace and checks that loading, and a one-day run
/// of what loads, either succeed or give located errors: never a crash or a hang.
///
/// Seeded (`RandomStream`); a failing case prints its seed, case number and text. Each chunk
/// is its own seed, so a failure is replayed by running that chunk. Mutations: delete,
/// duplicate or swap lines, swap keys, shift indentation, replace values with extremes
/// (1e308, -1, 9.3e18, 10^7 days, huge integers, nothing, random characters, deep nesting,
/// anchors and aliases), insert random characters, `--set` overrides with extremes, and for the
/// trace: extreme fields, CRLF, a byte-order mark, quotes, random bytes.
///
/// Bounded: 4 chunks of 600 cases; a case that loads is run for one day (horizon set to 1 d
/// with `--set`) when its expected job count, site and sample count are small (with
/// `output.racks` off when racks × samples is large), at most 40 runs a chunk.
@Suite struct ScenarioFuzzTests {
  static let casesPerChunk = 600
  static let runsPerChunk = 40

  /// The base texts: every shipped scenario, sorted by path, and the trace scenario.
  static let bases: [(file: String, text: String)] = {
    let folder = ScenarioTestHelpers.repositoryRoot().appendingPathComponent("Scenarios")
    let names =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    let shipped = names.compactMap { name -> (String, String)? in
      guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      else { return nil }
      return (name, text)
    }
    return shipped + [("trace.yaml", traceScenario)]
  }()

  static let traceScenario = """
    name: replay
    horizon: 1d
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
      - name: replay
        type: trace
        file: jobs.csv
    output: {racks: false}
    """
  static let trace = "id,submit_s,gpus,duration_s\na,0,8,3600\nb,60,16,7200\nc,120,64,60\n"

  static let extremes = [
    "1e308", "-1e308", "-1", "0", "-0", "9.3e18", "9300000000000000000", "9223372036854775807",
    "-9223372036854775808", "18446744073709551616", "99999999999999999999999999", "10000000d",
    "1000000d", "36526d", "1ns", "0ns", "-1s", "1e-300", "nan", ".inf", "-.inf", "", "~", "[]",
    "{}", "''", "\"\"", "'unterminated", "[1, [2, [3]]]", "{a: {b: {c: 1}}}", "*nowhere", "&x",
    "x: y", "- a", "\t", "1.5.5", "0x10", "1_000_000", "true", "🙂", "\u{0}", "\u{FEFF}x",
    "{8: 1e308, 1: 1e308}", "{9300000000000000000: 1}",
    "{distribution: weibull, shape: 0.01, scale: 1h}",
    "{distribution: lognormal, median: 1h, sigma: 10}",
    "{distribution: normal, mean: 1h, sd: 100000d}",
    "{distribution: gamma, shape: 1e-300, scale: 1h}", "{distribution: empirical, samples: []}",
    "{distribution: uniform, low: 2h, high: 1h}",
    "{process: mmpp, mean_interarrivals: [10m, 1h], mean_sojourns: [1ns, 1ns]}",
    "{process: diurnal, mean_interarrival: 1ns, profile: [1e308, 1]}",
    "{process: mmpp, mean_interarrivals: [1ns, 1ns], mean_sojourns: [1h, 1h]}",
  ]

  static let overrideSamples = [
    "horizon=1e308", "site.halls[0].rows=9223372036854775807", "site.halls[0].racks_per_row=-1",
    "facility.pue=1e300", "sample_interval=1ns", "workloads[0].mean_interarrival=1ns",
    "x=", "=", "horizon=[", "site.halls[99].rows=1", "seed=-1", "seed=18446744073709551616",
    "workloads[0].gpus={4096: 1}", "output.racks=maybe", "policies.scheduler=", "a..b=1",
    "site.halls[0]=x", "workloads[0].duration={distribution: weibull, shape: 1e-300, scale: 1h}",
    "workloads[0].arrivals={process: mmpp, mean_interarrivals: [10m, 1h], mean_sojourns: [1ns, 1ns]}",
    "workloads[0].arrivals={process: diurnal, profile: [1e308, 1e-300]}",
  ]

  @Test(arguments: 0..<4)
  func mutatedScenariosLoadOrGiveLocatedErrors(chunk: Int) throws {
    let seed = UInt64(0x5CE7_A210 + chunk)
    var random = RandomStream(seed: seed, name: "scenario-fuzz")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("racksim-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var runs = 0
    for n in 0..<Self.casesPerChunk {
      let base = Self.bases[random.nextInt(below: Self.bases.count)]
      var text = base.text
      for _ in 0...random.nextInt(below: 3) { text = Self.mutate(text, &random) }
      var overrides = ["horizon=1d"]
      if random.nextInt(below: 5) == 0 {
        overrides.append(Self.overrideSamples[random.nextInt(below: Self.overrideSamples.count)])
      }
      var traceBytes = Array(Self.trace.utf8)
      if base.file == "trace.yaml" {
        traceBytes = Self.mutateTrace(traceBytes, &random)
        try Data(traceBytes).write(to: folder.appendingPathComponent("jobs.csv"))
      }
      let label =
        "seed \(seed) case \(n) (\(base.file), --set \(overrides))\n--- text ---\n\(text)"
        + (base.file == "trace.yaml"
          ? "\n--- jobs.csv ---\n\(String(decoding: traceBytes, as: UTF8.self))" : "")
      do {
        var scenario = try ScenarioLoader.load(
          yaml: text, file: base.file, baseDirectory: folder.path, overrides: overrides)
        guard runs < Self.runsPerChunk, Self.isCheapToRun(&scenario) else { continue }
        runs += 1
        var simulation = try Simulation(scenario: scenario)
        _ = try simulation.run()
        #expect(simulation.now.nanoseconds == scenario.horizon.nanoseconds, "\(label)")
      } catch let error as ScenarioLoadError {
        #expect(!error.diagnostics.isEmpty, "no diagnostics: \(label)")
        for d in error.diagnostics {
          let known = [base.file, "--set", "jobs.csv"].contains(d.file)
          #expect(
            known && d.line >= 1 && d.column >= 1 && !d.message.isEmpty,
            "not located: \(d.description)\n\(label)")
        }
      } catch {
        Issue.record("a scenario that loaded failed to run: \(error)\n\(label)")
      }
    }
  }

  // MARK: - Private

  /// Whether a one-day run is quick; turns `racks.csv` off when racks × samples is large.
  static func isCheapToRun(_ scenario: inout Scenario) -> Bool {
    guard let counts = try? scenario.site.counts(against: scenario.hardware).get(),
      counts.nodes <= 5_000
    else { return false }
    let samples = scenario.horizon.nanoseconds / max(scenario.sampleInterval.nanoseconds, 1)
    guard samples <= 2_000 else { return false }
    if Int(samples) * counts.racks > 20_000 { scenario.output.racks = false }
    var jobs = 0.0
    for w in scenario.workloads {
      switch w {
      case .poisson(let source): jobs += source.expectedJobCount(horizon: scenario.horizon) ?? 1e9
      case .trace(_, _, let list): jobs += Double(list.count)
      case .constantLoad: jobs += Double(counts.nodes)
      }
    }
    return jobs <= 2_000
  }

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  static func mutate(_ text: String, _ random: inout RandomStream) -> String {
    var lines = Self.lines(text)
    guard !lines.isEmpty else { return text }
    let i = random.nextInt(below: lines.count)
    let j = random.nextInt(below: lines.count)
    switch random.nextInt(below: 10) {
    case 0: lines.remove(at: i)
    case 1: lines.insert(lines[i], at: j)
    case 2: lines.swapAt(i, j)
    case 3:  // swap the keys of two lines
      if let a = lines[i].firstIndex(of: ":"), let b = lines[j].firstIndex(of: ":") {
        let keyA = String(lines[i][..<a])
        let keyB = String(lines[j][..<b])
        lines[i] = keyB + lines[i][a...]
        lines[j] = keyA + lines[j][b...]
      }
    case 4: lines[i] = (random.nextInt(below: 2) == 0 ? "  " : "") + String(lines[i].dropFirst(2))
    case 5:  // insert random characters
      var s = Array(lines[i].unicodeScalars)
      let pool: [Unicode.Scalar] = [
        "\t", "\u{0}", ":", "-", "[", "{", "&", "*", "#", "'", "\"", "|",
        ">", "!", "%", "@", "`", "é", "\u{FFFD}", " ", "\r",
      ]
      for _ in 0...random.nextInt(below: 4) {
        s.insert(pool[random.nextInt(below: pool.count)], at: random.nextInt(below: s.count + 1))
      }
      lines[i] = String(String.UnicodeScalarView(s))
    case 6:  // deep nesting
      let depth = [10, 500, 999, 1_001, 3_000][random.nextInt(below: 5)]
      lines[i] = replaceValue(
        lines[i], with: String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    case 7:  // an anchor on one value and aliases to it on others
      lines[i] = replaceValue(lines[i], with: "&fz " + Self.value(of: lines[i]))
      for k in [j, random.nextInt(below: lines.count)] where k > i {
        lines[k] = replaceValue(lines[k], with: "*fz")
      }
    default:
      lines[i] = replaceValue(
        lines[i], with: Self.extremes[random.nextInt(below: Self.extremes.count)])
    }
    return lines.joined(separator: "\n")
  }

  static func value(of line: String) -> String {
    guard let colon = line.range(of: ": ") else { return "x" }
    return String(line[colon.upperBound...])
  }

  /// `line` with the text after its first ": " (or after "- ") replaced.
  static func replaceValue(_ line: String, with value: String) -> String {
    if let colon = line.range(of: ": ") { return String(line[..<colon.upperBound]) + value }
    if let dash = line.range(of: "- ") { return String(line[..<dash.upperBound]) + value }
    return line + value
  }

  static func mutateTrace(_ bytes: [UInt8], _ random: inout RandomStream) -> [UInt8] {
    var lines = Self.lines(String(decoding: bytes, as: UTF8.self))
    let i = 1 + random.nextInt(below: max(lines.count - 2, 1))
    switch random.nextInt(below: 7) {
    case 0: lines.remove(at: i)
    case 1: lines.insert(lines[i], at: i)
    case 2:  // an extreme field
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if !fields.isEmpty {
        let values = ["1e10", "9.3e18", "-1", "1e308", "nan", "", "\"a,b\"", "\"", "0", "4096"]
        fields[random.nextInt(below: fields.count)] = values[random.nextInt(below: values.count)]
      }
      lines[i] = fields.joined(separator: ",")
    case 3: return Array(lines.joined(separator: "\r\n").utf8)
    case 4: return [0xEF, 0xBB, 0xBF] + bytes
    case 5:  // random bytes, not necessarily UTF-8
      var out = bytes
      for _ in 0...random.nextInt(below: 3) {
        out.insert(
          UInt8(truncatingIfNeeded: random.next()), at: random.nextInt(below: out.count + 1))
      }
      return out
    default: lines[i] = lines[0]
    }
    return Array(lines.joined(separator: "\n").utf8)
  }
}
