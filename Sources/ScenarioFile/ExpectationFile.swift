import Foundation
import Racksim

/// An expectations file for `racksim check`: metrics with bounds, and comparisons.
///
/// The file is a mapping, or a list whose items are one-entry mappings or comparison strings:
/// ```yaml
/// - summary.mean_jct_s: {max: 36000}
/// - summary.pue: {approx: 1.25, rel: 0.02}       # |x − 1.25| ≤ max(rel · 1.25, abs)
/// - summary.gpu_util: {min: 0.5, max: 0.9}
/// - sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s significantly
/// ```
/// In the mapping form a comparison is a key whose value is `significantly`, `true` or empty:
/// `sweep[scheduler=sjf].mean_wait_s < sweep[scheduler=fifo].mean_wait_s: significantly`.
///
/// This type reads the YAML structure only; what a subject or a comparison means is decided by
/// `Experiments` (`Expectation`). Every problem is reported as `file:line:column: message`.
public struct ExpectationFile: Sendable, Equatable {
  /// Bounds on one metric; at least one of `min`, `max` or `approx` is set.
  public struct Bounds: Sendable, Equatable {
    /// The smallest allowed value (inclusive).
    public var min: Double?
    /// The largest allowed value (inclusive).
    public var max: Double?
    /// The expected value, with `relative` and/or `absolute` tolerance.
    public var approx: Double?
    /// Relative tolerance of `approx`, as a fraction (0.02 = 2 %).
    public var relative: Double?
    /// Absolute tolerance of `approx`, in the metric's unit.
    public var absolute: Double?
  }

  /// One expectation as written.
  public struct Entry: Sendable, Equatable {
    /// The subject (`summary.pue`) or, for a comparison, the whole comparison text without a
    /// trailing `significantly`.
    public var text: String
    /// Where it was written, `file:line:column`.
    public var location: String
    /// The bounds; nil for a comparison.
    public var bounds: Bounds?
    /// For a comparison: whether it must hold significantly (the interval of the difference
    /// excludes 0).
    public var significantly: Bool
  }

  /// The expectations, in file order.
  public var entries: [Entry]

  /// Reads an expectations file.
  /// - Throws: `ScenarioLoadError` with every problem found.
  public static func load(path: String) throws(ScenarioLoadError) -> ExpectationFile {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"
      throw ScenarioLoadError(diagnostics: [
        ScenarioDiagnostic(file: path, line: 1, column: 1, message: "\(reason): \(path)")
      ])
    }
    return try parse(yaml: text, file: path)
  }

  /// Parses an expectations file's text; `file` names it in messages.
  /// - Throws: `ScenarioLoadError` with every problem found.
  public static func parse(yaml: String, file: String) throws(ScenarioLoadError) -> ExpectationFile
  {
    var parser = ExpectationParser()
    let entries = parser.parse(yaml, file: file)
    guard parser.diagnostics.isEmpty else {
      throw ScenarioLoadError(diagnostics: parser.diagnostics)
    }
    return ExpectationFile(entries: entries)
  }
}

// MARK: - Private

private struct ExpectationParser {
  static let boundKeys = ["abs", "approx", "max", "min", "rel"]
  var diagnostics: [ScenarioDiagnostic] = []

  mutating func fail(_ location: SourceLocation, _ message: String) {
    diagnostics.append(ScenarioDiagnostic(location, message))
  }

  static func describe(_ l: SourceLocation) -> String { "\(l.file):\(l.line):\(l.column)" }

  mutating func parse(_ text: String, file: String) -> [ExpectationFile.Entry] {
    let root: YAMLNode
    switch YAMLNode.parse(text, file: file) {
    case .failure(let d):
      diagnostics.append(d)
      return []
    case .success(nil):
      fail(SourceLocation(file: file, line: 1, column: 1), "the expectations file is empty")
      return []
    case .success(let node?):
      root = node
    }
    var entries: [ExpectationFile.Entry] = []
    switch root.kind {
    case .mapping(let pairs):
      for pair in pairs { entry(pair, into: &entries) }
    case .sequence(let items):
      for item in items {
        switch item.kind {
        case .scalar(let t, isNull: false):
          comparison(t, at: item.location, into: &entries)
        case .mapping(let pairs) where pairs.count == 1:
          entry(pairs[0], into: &entries)
        default:
          fail(
            item.location,
            "expected 'metric: {min/max/approx: …}' or a comparison 'a < b', got "
              + item.summary)
        }
      }
    default:
      fail(root.location, "expected a list or mapping of expectations, got \(root.summary)")
    }
    return entries
  }

  mutating func comparison(
    _ text: String, at location: SourceLocation, significantly: Bool = false,
    into entries: inout [ExpectationFile.Entry]
  ) {
    var t = text.trimmingCharacters(in: .whitespaces)
    var significant = significantly
    if t.hasSuffix(" significantly") {
      t.removeLast(" significantly".count)
      t = t.trimmingCharacters(in: .whitespaces)
      significant = true
    }
    entries.append(
      .init(
        text: t, location: Self.describe(location), bounds: nil, significantly: significant))
  }

  mutating func entry(_ pair: YAMLNode.Entry, into entries: inout [ExpectationFile.Entry]) {
    let value = pair.value
    switch value.kind {
    case .scalar(let t, let isNull):
      guard isNull || t == "true" || t == "significantly" else {
        fail(
          value.location,
          "\(pair.key): expected bounds like {max: 36000} or, after a comparison, "
            + "'significantly', got \(value.summary)")
        return
      }
      comparison(
        pair.key, at: pair.keyLocation, significantly: t == "significantly", into: &entries)
    case .mapping(let items):
      var bounds = ExpectationFile.Bounds()
      for item in items {
        guard Self.boundKeys.contains(item.key) else {
          var message = "\(pair.key): unknown key '\(item.key)'"
          if let near = Suggestions.nearest(to: item.key, in: Self.boundKeys) {
            message += "; did you mean '\(near)'?"
          }
          fail(item.keyLocation, message + " (valid: abs, approx, max, min, rel)")
          continue
        }
        guard case .scalar(let t, isNull: false) = item.value.kind, let x = Double(t), x.isFinite
        else {
          fail(
            item.value.location,
            "\(pair.key).\(item.key): expected a number, got \(item.value.summary)")
          continue
        }
        switch item.key {
        case "min": bounds.min = x
        case "max": bounds.max = x
        case "approx": bounds.approx = x
        case "rel": bounds.relative = x
        default: bounds.absolute = x
        }
        if (item.key == "rel" || item.key == "abs") && x < 0 {
          fail(item.value.location, "\(pair.key).\(item.key): a tolerance must be ≥ 0")
        }
      }
      if bounds.min == nil && bounds.max == nil && bounds.approx == nil {
        fail(value.location, "\(pair.key): give min, max or approx")
      }
      if bounds.approx != nil && bounds.relative == nil && bounds.absolute == nil {
        fail(value.location, "\(pair.key): approx needs a tolerance, rel or abs")
      }
      if bounds.approx == nil && (bounds.relative != nil || bounds.absolute != nil) {
        fail(value.location, "\(pair.key): rel and abs are tolerances of approx, which is missing")
      }
      if let lo = bounds.min, let hi = bounds.max, lo > hi {
        fail(value.location, "\(pair.key): min \(lo) is above max \(hi)")
      }
      entries.append(
        .init(
          text: pair.key, location: Self.describe(pair.keyLocation), bounds: bounds,
          significantly: false))
    case .sequence:
      fail(value.location, "\(pair.key): expected bounds like {max: 36000}, got a list")
    }
  }
}
