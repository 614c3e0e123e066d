import DataCenter
import Racksim
import SimKernel

/// Converts a merged YAML tree into a `Scenario`, collecting every problem instead of stopping
/// at the first.
///
/// Each reader reports a value it cannot read at the value's location and records the value's
/// key path in `failedPaths`; the caller then uses a harmless placeholder so the rest of the
/// file is still checked. `Scenario.validate()` runs on the result, and an issue at (or above,
/// or below) a path that already failed is dropped as a consequence of the first error.
struct ScenarioDecoder {
  /// Problems found so far.
  var diagnostics: [ScenarioDiagnostic] = []
  /// Key paths (`site.halls[0].rows`) of values that were missing or could not be read.
  var failedPaths = FailedPaths()
  /// The folder each file name was read from, to resolve trace paths written in it.
  let directories: [String: String]
  /// The scenario's own file name: paths given with `--set` are relative to its folder.
  let mainFile: String
  /// Trace jobs dropped under `invalid_jobs: drop`, and a warning per trace and reason.
  var traceJobsDropped = 0
  var traceWarnings: [String] = []

  init(directories: [String: String], mainFile: String) {
    self.directories = directories
    self.mainFile = mainFile
  }

  static let rootKeys = [
    "name", "seed", "horizon", "sample_interval", "site", "facility", "workloads", "policies",
    "output", "hardware", "include", "thermal", "power_caps",
    "fabric",  // the network fabric: ScenarioDecoder+Fabric.swift
    "power", "cooling", "weather", "carbon",  // the plant: ScenarioDecoder+Facility.swift
    "energy",  // energy strategies' parameters: ScenarioDecoder+Energy.swift
  ]

  /// The scenario described by `root` (complete, with placeholders where values failed).
  mutating func decode(_ root: YAMLNode) -> Scenario {
    let required = ["name", "horizon", "site", "workloads"]
    let m = mapping(root, "", keys: Self.rootKeys, required: required)
    if let include = m?["include"] {
      report(include.location, "include", "includes are resolved before --set and cannot be set")
    }
    let hardware = decodeHardware(m?["hardware"], "hardware")
    let site = decodeSite(m?["site"], "site")
    // A trace job wider than the site is an error at its line; only for a site that can be
    // built (its own problems are reported by `validate()`).
    let siteGPUs =
      site.validate(against: hardware).isEmpty
      ? try? site.counts(against: hardware).get().gpus : nil
    var scenario = Scenario(
      name: text(m?["name"], "name") ?? "",
      seed: seed(m?["seed"], "seed") ?? 1,
      horizon: read(m?["horizon"], "horizon", Units.duration) ?? .seconds(1),
      sampleInterval: read(m?["sample_interval"], "sample_interval", Units.duration)
        ?? .minutes(15),
      hardware: hardware,
      site: site,
      facility: withPlant(decodeFacility(m?["facility"], "facility"), root: m),
      workloads: decodeWorkloads(m?["workloads"], "workloads", clusterGPUs: siteGPUs),
      policies: decodePolicies(m?["policies"], "policies"),
      output: decodeOutput(m?["output"], "output"),
      thermal: decodeThermal(m?["thermal"], "thermal"),
      powerCaps: decodePowerCaps(m?["power_caps"], "power_caps"),
      energy: decodeEnergy(m?["energy"], "energy"),
      fabric: decodeFabric(m?["fabric"], "fabric"))
    if traceJobsDropped > 0 {
      scenario.traceJobsDropped = traceJobsDropped
      scenario.traceWarnings = traceWarnings
    }
    return scenario
  }

  /// Whether an issue at `path` may be a consequence of a value that already failed.
  /// - Complexity: O(depth of `path`) set look-ups.
  func isConsequenceOfFailure(_ path: String) -> Bool {
    failedPaths.related(to: path)
  }

  // MARK: - Structure

  /// `path.key`, or `key` at the top level.
  static func child(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }

  /// Checks that `node` is a mapping with only `keys` and all of `required`.
  /// - Returns: The mapping (an empty one for a null value), or nil when it is something else.
  mutating func mapping(
    _ node: YAMLNode?, _ path: String, keys: [String], required: [String] = []
  ) -> YAMLNode? {
    guard let node else { return nil }
    let entries: [YAMLNode.Entry]
    switch node.kind {
    case .mapping(let e): entries = e
    case .scalar(_, isNull: true): entries = []
    default:
      fail(node.location, path, "expected a mapping, got \(node.summary)")
      return nil
    }
    for entry in entries where !keys.contains(entry.key) {
      let valid = keys.sorted()
      var message = "unknown key '\(entry.key)'"
      if !path.isEmpty { message += " in \(path)" }
      if let near = Suggestions.nearest(to: entry.key, in: valid) {
        message += "; did you mean '\(near)'?"
      }
      message +=
        (message.hasSuffix("?") ? " " : "; ") + "valid keys: "
        + valid.joined(separator: ", ")
      diagnostics.append(.init(entry.keyLocation, message))
    }
    for key in required where !entries.contains(where: { $0.key == key }) {
      diagnostics.append(.init(node.location, prefixed(path, "missing required key '\(key)'")))
      failedPaths.append(Self.child(path, key))
    }
    return YAMLNode(kind: .mapping(entries), location: node.location)
  }

  /// The items of a list (empty for a null value); nil, reported, for anything else.
  mutating func sequence(_ node: YAMLNode?, _ path: String) -> [YAMLNode]? {
    guard let node else { return nil }
    switch node.kind {
    case .sequence(let items): return items
    case .scalar(_, isNull: true): return []
    default:
      fail(node.location, path, "expected a list, got \(node.summary)")
      return nil
    }
  }

  // MARK: - Scalars

  /// Reads a scalar with `parse`; nil when absent, or reported and nil when it fails.
  mutating func read<T>(
    _ node: YAMLNode?, _ path: String, _ parse: (String) throws(UnitError) -> T
  ) -> T? {
    guard let node else { return nil }
    guard case .scalar(let text, let isNull) = node.kind else {
      do {
        _ = try parse("")
      } catch {
        // The parser's message says what it expects; say what was found instead of ''.
        let expected = error.message.range(of: ", got '").map { error.message[..<$0.lowerBound] }
        fail(node.location, path, "\(expected ?? "expected a single value"), got \(node.summary)")
        return nil
      }
      fail(node.location, path, "expected a single value, got \(node.summary)")
      return nil
    }
    do {
      return try parse(isNull ? "" : text)
    } catch {
      var message = error.message
      if isNull, let range = message.range(of: "got ''") {
        message.replaceSubrange(range, with: "got nothing")
      }
      fail(node.location, path, message)
      return nil
    }
  }

  mutating func text(_ node: YAMLNode?, _ path: String) -> String? {
    read(node, path) { (s: String) throws(UnitError) -> String in
      guard !s.isEmpty else { throw UnitError("expected text, got ''") }
      return s
    }
  }

  mutating func integer(_ node: YAMLNode?, _ path: String) -> Int? {
    read(node, path, Self.parseInteger)
  }

  mutating func number(_ node: YAMLNode?, _ path: String) -> Double? {
    read(node, path, Self.parseNumber)
  }

  mutating func bool(_ node: YAMLNode?, _ path: String) -> Bool? {
    read(node, path) { (s: String) throws(UnitError) -> Bool in
      switch s {
      case "true", "True", "TRUE": return true
      case "false", "False", "FALSE": return false
      default: throw UnitError("expected true or false, got '\(s)'")
      }
    }
  }

  mutating func seed(_ node: YAMLNode?, _ path: String) -> UInt64? {
    read(node, path) { (s: String) throws(UnitError) -> UInt64 in
      guard let v = UInt64(s.filter { $0 != "_" }) else {
        throw UnitError("expected a non-negative integer, got '\(s)'")
      }
      return v
    }
  }

  static func parseInteger(_ s: String) throws(UnitError) -> Int {
    guard let v = Int(s.filter { $0 != "_" }) else {
      throw UnitError("expected an integer, got '\(s)'")
    }
    return v
  }

  static func parseNumber(_ s: String) throws(UnitError) -> Double {
    let plain = s.filter { $0 != "_" }
    guard plain.allSatisfy({ "0123456789+-.eE".contains($0) }), let v = Double(plain), v.isFinite
    else { throw UnitError("expected a number, got '\(s)'") }
    return v
  }

  // MARK: - Reporting

  /// Reports a problem at `location` without marking the value as failed.
  mutating func report(_ location: SourceLocation, _ path: String, _ message: String) {
    diagnostics.append(.init(location, prefixed(path, message)))
  }

  /// Reports a value that could not be read and remembers its path.
  mutating func fail(_ location: SourceLocation, _ path: String, _ message: String) {
    report(location, path, message)
    failedPaths.append(path)
  }

  // MARK: - Private

  private func prefixed(_ path: String, _ message: String) -> String {
    path.isEmpty ? message : "\(path): \(message)"
  }
}

/// The key paths of values that failed, with every proper ancestor of each, so that "is this
/// path, an ancestor or a descendant of a failed one" costs O(depth) set look-ups instead of a
/// scan of every failure (which made a file with thousands of errors quadratic).
struct FailedPaths {
  private var failed = Set<String>()
  /// Every proper ancestor of a failed path (`site` and `site.halls[0]` of `site.halls[0].x`).
  private var ancestors = Set<String>()
  /// How many paths were appended (a reader compares it before and after).
  private(set) var count = 0

  mutating func append(_ path: String) {
    count += 1
    guard failed.insert(path).inserted else { return }
    for a in Self.properAncestors(of: path) where !ancestors.insert(a).inserted { break }
  }

  /// Whether `path` failed, is below a failed path, or is above one.
  func related(to path: String) -> Bool {
    if failed.contains(path) || ancestors.contains(path) { return true }
    return Self.properAncestors(of: path).contains { failed.contains($0) }
  }

  /// `a.b[0].c` → `a.b[0]`, `a.b`, `a`, and "" (the root), nearest first.
  static func properAncestors(of path: String) -> [String] {
    var result: [String] = []
    var end = path.endIndex
    while let cut = path[..<end].lastIndex(where: { $0 == "." || $0 == "[" }) {
      result.append(String(path[..<cut]))
      end = cut
    }
    if !path.isEmpty { result.append("") }
    return result
  }
}
