// Parameters of a model chosen by name, as plain data (STYLE.md §3 "one registry").
//
// A scenario section such as
//
//   ups: { model: quadratic, rated: 500kW, no_load: 0.01, proportional: 0.02, square_law: 0.01 }
//
// reaches DataCenter as a name ("quadratic") and a flat list of (key, value) entries; nested
// maps are flattened to dotted keys ("tower.approach_k"). A factory reads the keys it knows
// through `ParameterReader`, which records every missing, mistyped, out-of-range or unknown key
// as one `ModelParameterError` naming the key, so ScenarioFile can add file:line:column and
// report them all together. Numbers are SI (W, °C, K, m³/s, Pa) after ScenarioFile's units.

/// One value of a model parameter.
public enum ModelParameterValue: Sendable, Equatable {
  case number(Double)
  case numbers([Double])
  case text(String)
}

/// The parameters of one model, in the order the scenario wrote them.
public struct ModelParameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  public struct Entry: Sendable, Equatable {
    public var key: String
    public var value: ModelParameterValue
    public init(key: String, value: ModelParameterValue) {
      self.key = key
      self.value = value
    }
  }
  public var entries: [Entry]

  public init(_ entries: [Entry] = []) { self.entries = entries }
  public init(dictionaryLiteral elements: (String, ModelParameterValue)...) {
    entries = elements.map { Entry(key: $0.0, value: $0.1) }
  }

  /// The value of `key`, or nil; the last entry wins if a key repeats.
  public subscript(key: String) -> ModelParameterValue? {
    entries.last { $0.key == key }?.value
  }
}

/// One problem with one parameter; `key` is the dotted key ("" for the model as a whole).
public struct ModelParameterError: Error, Sendable, Equatable, CustomStringConvertible {
  public var key: String
  public var message: String
  public init(key: String, message: String) {
    self.key = key
    self.message = message
  }
  public var description: String { key.isEmpty ? message : "\(key): \(message)" }
}

/// Every problem found while building a model from its parameters.
public struct ModelParameterErrors: Error, Sendable, Equatable {
  public var errors: [ModelParameterError]
  public init(_ errors: [ModelParameterError]) { self.errors = errors }
}

/// A range check on a number parameter; `text` completes "must be ...".
public struct ParameterRequirement: Sendable {
  public var text: String
  public var test: @Sendable (Double) -> Bool
  public init(_ text: String, _ test: @escaping @Sendable (Double) -> Bool) {
    self.text = text
    self.test = test
  }
  /// x > 0.
  public static let positive = ParameterRequirement("> 0") { $0 > 0 }
  /// x ≥ 0.
  public static let nonNegative = ParameterRequirement(">= 0") { $0 >= 0 }
  /// 0 < x ≤ 1 (efficiencies).
  public static let efficiency = ParameterRequirement("in (0, 1]") { $0 > 0 && $0 <= 1 }
  /// 0 ≤ x ≤ 1 (fractions).
  public static let fraction = ParameterRequirement("in [0, 1]") { $0 >= 0 && $0 <= 1 }
  /// 0 ≤ x < 1 (loss coefficients).
  public static let lossCoefficient = ParameterRequirement("in [0, 1)") { $0 >= 0 && $0 < 1 }
}

/// Reads typed values out of `ModelParameters`, gathering every error instead of stopping.
public struct ParameterReader {
  public let parameters: ModelParameters
  /// Key prefix for nested sections ("tower." while reading the tower).
  public var prefix: String = ""
  public private(set) var errors: [ModelParameterError] = []
  private var used: Set<String> = []

  public init(_ parameters: ModelParameters) { self.parameters = parameters }

  /// A number, or `defaultValue` when absent; records an error when absent without a default
  /// or when it fails `check` (whose message completes "must be ...").
  public mutating func number(
    _ key: String, default defaultValue: Double? = nil,
    mustBe requirement: ParameterRequirement? = nil
  ) -> Double {
    let full = prefix + key
    used.insert(full)
    guard let value = parameters[full] else {
      if let d = defaultValue { return d }
      errors.append(ModelParameterError(key: full, message: "is required (a number)"))
      return .nan
    }
    guard case .number(let x) = value else {
      errors.append(ModelParameterError(key: full, message: "must be a number"))
      return defaultValue ?? .nan
    }
    if let r = requirement, !r.test(x) {
      errors.append(ModelParameterError(key: full, message: "must be \(r.text), got \(x)"))
    }
    return x
  }

  /// A list of numbers, or nil when absent.
  public mutating func numbers(_ key: String) -> [Double]? {
    let full = prefix + key
    used.insert(full)
    switch parameters[full] {
    case nil: return nil
    case .numbers(let xs): return xs
    case .number(let x): return [x]
    case .text:
      errors.append(ModelParameterError(key: full, message: "must be a list of numbers"))
      return nil
    }
  }

  /// A text value, or `defaultValue` when absent.
  public mutating func text(_ key: String, default defaultValue: String? = nil) -> String? {
    let full = prefix + key
    used.insert(full)
    switch parameters[full] {
    case nil: return defaultValue
    case .text(let s): return s
    default:
      errors.append(ModelParameterError(key: full, message: "must be text"))
      return defaultValue
    }
  }

  /// Records an error found by the caller (a cross-field check).
  public mutating func fail(_ key: String, _ message: String) {
    errors.append(ModelParameterError(key: prefix + key, message: message))
  }

  /// Adds an error for every key that was never read, listing the keys the model knows.
  public mutating func rejectUnknownKeys() {
    let known = used.sorted().joined(separator: ", ")
    for e in parameters.entries where !used.contains(e.key) {
      errors.append(ModelParameterError(key: e.key, message: "unknown key (known: \(known))"))
    }
  }

  /// Throws every gathered error, or returns `value` when there were none.
  public func result<T>(_ value: T) throws(ModelParameterErrors) -> T {
    if errors.isEmpty { return value }
    throw ModelParameterErrors(errors)
  }
}

/// A model family's built-ins, by scenario name (STYLE.md §3 "one registry").
public struct ModelRegistry<Model>: Sendable {
  /// One built-in: its scenario name, a one-line summary and how to build it.
  public struct Entry: Sendable {
    public var name: String
    public var summary: String
    public var make: @Sendable (ModelParameters) throws(ModelParameterErrors) -> Model
    public init(
      name: String, summary: String,
      make: @escaping @Sendable (ModelParameters) throws(ModelParameterErrors) -> Model
    ) {
      self.name = name
      self.summary = summary
      self.make = make
    }
  }

  /// Family name used in messages ("psu", "ups", "cooling plant").
  public var family: String
  public var entries: [Entry]

  public init(family: String, entries: [Entry]) {
    self.family = family
    self.entries = entries.sorted { $0.name < $1.name }
  }

  /// Valid names, sorted.
  public var names: [String] { entries.map(\.name) }

  /// Builds the model `name` from `parameters`; an unknown name lists the valid ones.
  public func make(_ name: String, _ parameters: ModelParameters = [:])
    throws(ModelParameterErrors) -> Model
  {
    guard let entry = entries.first(where: { $0.name == name }) else {
      throw ModelParameterErrors([
        ModelParameterError(
          key: "model",
          message: "unknown \(family) model '\(name)' (valid: \(names.joined(separator: ", ")))")
      ])
    }
    return try entry.make(parameters)
  }
}
