import Racksim

// The structure of a sweep file: keys, types, zip groups and seeds. Values are checked against
// the base scenario in `SweepFile+Validation.swift`.

extension SweepFile {
  /// The keys a sweep file may hold.
  static let keys = ["axes", "base", "name", "seed", "seeds", "zip"]
  /// Labels that would clash with the run index and seed columns.
  static let reservedLabels: Set<String> = ["index", "seed", "replication"]

  /// Parses a sweep file's text without reading the base scenario.
  ///
  /// - Parameters:
  ///   - yaml: The sweep file's text.
  ///   - file: The name used in messages.
  ///   - baseDirectory: The folder against which `base` is resolved.
  /// - Throws: `ScenarioLoadError` with every structural problem found.
  public static func parse(
    yaml: String, file: String, baseDirectory: String
  ) throws(ScenarioLoadError) -> SweepFile {
    var parser = Parser(file: file)
    let sweep = parser.parse(yaml, baseDirectory: baseDirectory)
    guard let sweep, parser.diagnostics.isEmpty else {
      throw ScenarioLoadError(diagnostics: parser.diagnostics)
    }
    return sweep
  }
}

// MARK: - Private

private struct Parser {
  let file: String
  var diagnostics: [ScenarioDiagnostic] = []

  init(file: String) { self.file = file }

  mutating func fail(_ location: SourceLocation, _ message: String) {
    diagnostics.append(ScenarioDiagnostic(location, message))
  }

  mutating func parse(_ text: String, baseDirectory: String) -> SweepFile? {
    let start = SourceLocation(file: file, line: 1, column: 1)
    let root: YAMLNode
    switch YAMLNode.parse(text, file: file) {
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return nil
    case .success(nil):
      fail(start, "the sweep file is empty")
      return nil
    case .success(let node?):
      root = node
    }
    guard case .mapping(let entries) = root.kind else {
      fail(root.location, "expected a mapping of sweep keys, got \(root.summary)")
      return nil
    }
    for entry in entries where !SweepFile.keys.contains(entry.key) {
      var message = "unknown key '\(entry.key)'"
      if let near = Suggestions.nearest(to: entry.key, in: SweepFile.keys) {
        message += "; did you mean '\(near)'?"
      }
      message +=
        (message.hasSuffix("?") ? " " : "; ") + "valid keys: "
        + SweepFile.keys.joined(separator: ", ")
      fail(entry.keyLocation, message)
    }

    let name = plainText(root["name"], "name") ?? defaultName
    var basePath = ""
    if let base = root["base"] {
      basePath = plainText(base, "base").map { IncludeResolver.join(baseDirectory, $0) } ?? ""
    } else {
      fail(root.location, "missing required key 'base' (the scenario the axes override)")
    }
    let axes = parseAxes(root["axes"])
    let dimensions = parseZip(root["zip"], axes: axes)
    let seeds = parseSeeds(root["seeds"])
    checkRunCount(axes: axes, dimensions: dimensions, seeds: seeds, root: root)
    let seed = root["seed"].flatMap { unsigned($0, "seed") } ?? 0
    return SweepFile(
      name: name, file: file, basePath: basePath, axes: axes, dimensions: dimensions,
      seeds: seeds, seed: seed)
  }

  var defaultName: String {
    var name = file.split(separator: "/").last.map(String.init) ?? file
    for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
      name.removeLast(suffix.count)
    }
    return name
  }

  mutating func plainText(_ node: YAMLNode?, _ key: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let t, isNull: false) = node.kind, !t.isEmpty else {
      fail(node.location, "\(key): expected text, got \(node.summary)")
      return nil
    }
    return t
  }

  mutating func unsigned(_ node: YAMLNode, _ what: String) -> UInt64? {
    guard case .scalar(let t, isNull: false) = node.kind, let n = UInt64(t) else {
      fail(node.location, "\(what): expected a whole number ≥ 0, got \(node.summary)")
      return nil
    }
    return n
  }

  mutating func parseAxes(_ node: YAMLNode?) -> [SweepFile.Axis] {
    guard let node else { return [] }
    let entries: [YAMLNode.Entry]
    switch node.kind {
    case .mapping(let e): entries = e
    case .scalar(_, isNull: true): entries = []
    default:
      fail(
        node.location,
        "axes: expected a mapping of key path to values (policies.scheduler: [fifo, sjf]), "
          + "got \(node.summary)")
      return []
    }
    var axes: [SweepFile.Axis] = []
    for entry in entries {
      guard let path = YAMLNode.parsePath(entry.key),
        path.contains(where: { if case .key = $0 { true } else { false } })
      else {
        fail(
          entry.keyLocation,
          "axes: '\(entry.key)' is not a key path like policies.scheduler or site.halls[0].rows")
        continue
      }
      guard case .sequence(let items) = entry.value.kind else {
        fail(
          entry.value.location,
          "axes.\(entry.key): expected a list of values, got \(entry.value.summary)")
        continue
      }
      guard !items.isEmpty else {
        fail(entry.value.location, "axes.\(entry.key): the list of values is empty")
        continue
      }
      var lastKey = entry.key
      for case .key(let k, _) in path { lastKey = k }
      axes.append(
        SweepFile.Axis(
          keyPath: entry.key, label: lastKey, values: items.map(\.flowText),
          keyLocation: entry.keyLocation, valueLocations: items.map(\.location)))
    }
    let lastKeys = axes.map(\.label)
    for i in axes.indices {
      let label = lastKeys[i]
      let shared = lastKeys.indices.contains { $0 != i && lastKeys[$0] == label }
      if shared || SweepFile.reservedLabels.contains(label) { axes[i].label = axes[i].keyPath }
    }
    return axes
  }

  /// The dimensions: each axis alone, except zip groups, placed at their first key.
  mutating func parseZip(_ node: YAMLNode?, axes: [SweepFile.Axis]) -> [[Int]] {
    var groups: [[Int]] = []
    var groupOf: [Int: Int] = [:]
    if let node {
      var groupNodes: [YAMLNode] = []
      switch node.kind {
      case .scalar(_, isNull: true): break
      case .sequence(let items):
        let allScalars = items.allSatisfy { if case .scalar = $0.kind { true } else { false } }
        groupNodes = allScalars && !items.isEmpty ? [node] : items
      default:
        fail(
          node.location,
          "zip: expected a list of groups of axis keys ([[a, b]]), got \(node.summary)")
      }
      for groupNode in groupNodes {
        guard case .sequence(let keyNodes) = groupNode.kind else {
          fail(
            groupNode.location,
            "zip: expected a group of axis keys like [policies.scheduler, horizon], "
              + "got \(groupNode.summary)")
          continue
        }
        var members: [Int] = []
        for keyNode in keyNodes {
          guard case .scalar(let key, isNull: false) = keyNode.kind else {
            fail(keyNode.location, "zip: expected an axis key, got \(keyNode.summary)")
            continue
          }
          guard let a = axes.firstIndex(where: { $0.keyPath == key }) else {
            var message = "zip: '\(key)' is not one of the axes"
            if let near = Suggestions.nearest(to: key, in: axes.map(\.keyPath)) {
              message += "; did you mean '\(near)'?"
            }
            fail(keyNode.location, message)
            continue
          }
          if members.contains(a) || groupOf[a] != nil {
            fail(keyNode.location, "zip: '\(key)' is already in a zip group")
            continue
          }
          members.append(a)
        }
        if keyNodes.count < 2 {
          fail(groupNode.location, "zip: a group needs at least 2 axis keys")
          continue
        }
        let counts = members.map { axes[$0].values.count }
        if let first = counts.first, counts.contains(where: { $0 != first }) {
          let sizes = members.map { "\(axes[$0].keyPath) has \(axes[$0].values.count)" }
          fail(
            groupNode.location,
            "zip: zipped axes need the same number of values, but "
              + sizes.joined(separator: ", "))
          continue
        }
        for a in members { groupOf[a] = groups.count }
        groups.append(members)
      }
    }
    var dimensions: [[Int]] = []
    for a in axes.indices {
      if let g = groupOf[a] {
        if groups[g].first == a { dimensions.append(groups[g]) }
      } else {
        dimensions.append([a])
      }
    }
    return dimensions
  }

  /// Refuses a sweep of more than `SweepFile.maxRuns` runs (counted without overflow), which
  /// would otherwise allocate its plan (or start a billion runs) before saying anything.
  mutating func checkRunCount(
    axes: [SweepFile.Axis], dimensions: [[Int]], seeds: SweepFile.Seeds, root: YAMLNode
  ) {
    var runs = 1
    let replications: Int
    switch seeds {
    case .count(let n): replications = n
    case .list(let list): replications = list.count
    }
    var sizes = dimensions.compactMap { $0.first.map { axes[$0].values.count } }
    sizes.append(replications)
    for size in sizes {
      let (product, overflow) = runs.multipliedReportingOverflow(by: max(size, 1))
      runs = overflow ? Int.max : product
    }
    guard runs > SweepFile.maxRuns else { return }
    let node = root["seeds"] ?? root["axes"] ?? root
    let shown = runs == Int.max ? "at least 2^63 − 1" : String(runs)
    fail(
      node.location,
      "seeds: the sweep has \(shown) runs (axes × seeds), more than the \(SweepFile.maxRuns) a "
        + "sweep may have; split it into several sweeps")
  }

  mutating func parseSeeds(_ node: YAMLNode?) -> SweepFile.Seeds {
    guard let node else { return .count(1) }
    switch node.kind {
    case .scalar(let t, isNull: false):
      guard let n = Int(t), n >= 1 else {
        fail(
          node.location,
          "seeds: expected a number of replications ≥ 1 or a list of seeds, got \(node.summary)")
        return .count(1)
      }
      return .count(n)
    case .sequence(let items):
      guard !items.isEmpty else {
        fail(node.location, "seeds: the list of seeds is empty")
        return .count(1)
      }
      var list: [UInt64] = []
      for item in items {
        guard let s = unsigned(item, "seeds") else { continue }
        if list.contains(s) {
          fail(item.location, "seeds: \(s) is listed twice (its runs would be identical)")
          continue
        }
        list.append(s)
      }
      return .list(list)
    default:
      fail(
        node.location,
        "seeds: expected a number of replications ≥ 1 or a list of seeds, got \(node.summary)")
      return .count(1)
    }
  }
}
