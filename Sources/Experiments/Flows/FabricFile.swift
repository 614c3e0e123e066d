import DataCenter
import ScenarioFile

/// Reads the fabric file of `racksim flows`: a flat YAML mapping with exactly the keys
/// `hosts`, `hosts_per_leaf`, `spines`, `host_link`, `uplink`, `routing` and, optionally,
/// `latency` (issue 9), so that other tools can write it:
///
/// ```yaml
/// hosts: 128
/// hosts_per_leaf: 16
/// spines: 4
/// host_link: 100Gbps   # each direction
/// uplink: 400Gbps      # each leaf-spine link, each direction
/// routing: modulo      # or hash
/// latency: 0ns         # per hop (optional, default 0)
/// ```
///
/// The reader takes the block form above: one `key: value` per line, `#` comments, blank lines,
/// values optionally in single or double quotes. It does not use a general YAML parser
/// because Experiments keeps to its dependency table (STYLE.md §1); anything else (nesting,
/// lists, flow style) is an error at its line and column. Bandwidths and durations use the
/// scenario units (`Units`).
public enum FabricFile {
  /// The keys, in the order problems about missing ones are reported.
  public static let keys = [
    "hosts", "hosts_per_leaf", "spines", "host_link", "uplink", "routing", "latency",
  ]

  /// Parses `text` (named `file` in messages) into a fabric spec, reporting every problem.
  public static func parse(_ text: String, file: String) throws(FlowInputError) -> FabricSpec {
    var errors: [ScenarioDiagnostic] = []
    func fail(_ line: Int, _ column: Int, _ message: String) {
      errors.append(ScenarioDiagnostic(file: file, line: line, column: column, message: message))
    }
    // Pass 1: key/value pairs with their positions.
    var entries: [(key: String, value: String, line: Int, keyColumn: Int, valueColumn: Int)] = []
    for (n, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = n + 1
      let chars = Array(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
      guard let entry = splitEntry(chars) else { continue }
      switch entry {
      case .failure(let column, let message): fail(line, column, message)
      case .success(let key, let keyColumn, let value, let valueColumn):
        if !keys.contains(key) {
          fail(
            line, keyColumn, "unknown key '\(key)'; valid: \(keys.sorted().joined(separator: ", "))"
          )
        } else if let first = entries.first(where: { $0.key == key }) {
          fail(line, keyColumn, "duplicate key '\(key)' (first on line \(first.line))")
        } else {
          entries.append((key, value, line, keyColumn, valueColumn))
        }
      }
    }
    // Pass 2: values.
    func entry(_ key: String) -> (value: String, line: Int, column: Int)? {
      entries.first { $0.key == key }.map { ($0.value, $0.line, $0.valueColumn) }
    }
    // A misspelt or malformed key line is reported once, not again as a missing key.
    let hadLineErrors = !errors.isEmpty
    func required(_ key: String) -> (value: String, line: Int, column: Int)? {
      if let e = entry(key) { return e }
      if !hadLineErrors { fail(1, 1, "missing key '\(key)'") }
      return nil
    }
    func integer(_ key: String) -> Int? {
      guard let e = required(key) else { return nil }
      guard let n = Int(e.value) else {
        fail(e.line, e.column, "\(key): expected a whole number, got '\(e.value)'")
        return nil
      }
      return n
    }
    func bandwidth(_ key: String) -> Double? {
      guard let e = required(key) else { return nil }
      do throws(UnitError) {
        return try Units.bandwidth(e.value)
      } catch {
        fail(e.line, e.column, "\(key): \(error.message)")
        return nil
      }
    }
    let hosts = integer("hosts")
    let perLeaf = integer("hosts_per_leaf")
    let spines = integer("spines")
    let hostLink = bandwidth("host_link")
    let uplink = bandwidth("uplink")
    var routing: FabricSpec.Routing? = nil
    if let e = required("routing") {
      routing = FabricSpec.Routing(rawValue: e.value)
      if routing == nil {
        let valid = FabricSpec.Routing.allCases.map(\.rawValue).joined(separator: ", ")
        fail(e.line, e.column, "routing: unknown routing '\(e.value)'; valid: \(valid)")
      }
    }
    var spec = FabricSpec(
      hosts: 0, hostsPerLeaf: 0, spines: 0, hostLinkBytesPerSecond: 0,
      uplinkBytesPerSecond: 0)
    if let e = entry("latency") {
      do throws(UnitError) {
        spec.hopLatency = try Units.duration(e.value)
        // A path has at most four hops here; a second each is far beyond any switch.
        if spec.hopLatency > .seconds(1) {
          fail(e.line, e.column, "latency: at most 1s per hop, got '\(e.value)'")
        }
      } catch {
        fail(e.line, e.column, "latency: \(error.message)")
      }
    }
    guard errors.isEmpty, let hosts, let perLeaf, let spines, let hostLink, let uplink,
      let routing
    else { throw FlowInputError(sorting: errors) }
    spec.hosts = hosts
    spec.hostsPerLeaf = perLeaf
    spec.spines = spines
    spec.hostLinkBytesPerSecond = hostLink
    spec.uplinkBytesPerSecond = uplink
    spec.routing = routing
    for problem in spec.validate() {
      let at = entry(problem.key)
      fail(at?.line ?? 1, at?.column ?? 1, "\(problem.key): \(problem.message)")
    }
    if !errors.isEmpty { throw FlowInputError(sorting: errors) }
    return spec
  }

  // MARK: - Private

  enum Line {
    case success(key: String, keyColumn: Int, value: String, valueColumn: Int)
    case failure(column: Int, message: String)
  }

  /// One line as `key: value`; nil for a blank or comment line (1-based columns).
  static func splitEntry(_ chars: [Character]) -> Line? {
    var i = 0
    while i < chars.count && chars[i] == " " { i += 1 }
    if i == chars.count || chars[i] == "#" { return nil }
    if i > 0 {
      return .failure(column: 1, message: "the fabric file is a flat mapping: no indentation")
    }
    if chars[i] == "\t" { return .failure(column: 1, message: "tabs are not allowed") }
    guard let colon = chars.firstIndex(of: ":") else {
      return .failure(column: 1, message: "expected 'key: value'")
    }
    let key = String(chars[0..<colon]).trimmingSpaces
    guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
      return .failure(column: 1, message: "expected a plain key before ':', got '\(key)'")
    }
    var j = colon + 1
    while j < chars.count && chars[j] == " " { j += 1 }
    let valueColumn = j + 1
    var value: String
    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
      let quote = chars[j]
      guard let close = chars[(j + 1)...].firstIndex(of: quote) else {
        return .failure(column: valueColumn, message: "unterminated quoted value")
      }
      value = String(chars[(j + 1)..<close])
      let rest = String(chars[(close + 1)...]).trimmingSpaces
      if !rest.isEmpty && !rest.hasPrefix("#") {
        return .failure(column: close + 2, message: "unexpected text after the quoted value")
      }
    } else {
      var end = j
      while end < chars.count && !(chars[end] == "#" && end > j && chars[end - 1] == " ") {
        end += 1
      }
      value = String(chars[j..<end]).trimmingSpaces
      if let first = value.first, "[{&*!|>".contains(first) {
        return .failure(
          column: valueColumn, message: "expected a plain value (the fabric file is flat)")
      }
    }
    if value.isEmpty { return .failure(column: valueColumn, message: "'\(key)' has no value") }
    return .success(key: key, keyColumn: 1, value: value, valueColumn: valueColumn)
  }
}

/// Problems in the input files of `racksim flows`, each as `file:line:column: message`.
public struct FlowInputError: Error, CustomStringConvertible {
  public var diagnostics: [ScenarioDiagnostic]
  public init(diagnostics: [ScenarioDiagnostic]) { self.diagnostics = diagnostics }
  /// The diagnostics in file order (line, then column).
  init(sorting diagnostics: [ScenarioDiagnostic]) {
    self.diagnostics = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
  }
  /// One line per problem.
  public var lines: [String] { diagnostics.map(\.description) }
  public var description: String { lines.joined(separator: "\n") }
}
