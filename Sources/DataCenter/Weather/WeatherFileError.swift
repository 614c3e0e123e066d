/// One problem in a weather or carbon file, with the line (and column) it is on.
public struct WeatherProblem: Sendable, Equatable, CustomStringConvertible {
  /// One-based line number in the file.
  public var line: Int
  /// One-based character column of the offending field, when one field is at fault.
  public var column: Int?
  /// What is wrong and what was expected.
  public var message: String

  public init(line: Int, column: Int? = nil, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line N, column M: message`; the caller prefixes the file name (`file:line:column`).
  public var description: String {
    if let column { return "line \(line), column \(column): \(message)" }
    return "line \(line): \(message)"
  }
}

/// Every problem found in one weather or carbon file (at most `limit`, then a count).
public struct WeatherFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// How many problems are kept; the rest are only counted in `omitted`.
  public static let limit = 20
  /// The problems in line order.
  public var problems: [WeatherProblem]
  /// Problems found beyond `limit`.
  public var omitted: Int

  public init(problems: [WeatherProblem], omitted: Int = 0) {
    self.problems = problems
    self.omitted = omitted
  }

  public var description: String {
    var lines = problems.map(\.description)
    if omitted > 0 { lines.append("… and \(omitted) more problems") }
    return lines.joined(separator: "\n")
  }
}

/// Collects problems while a reader runs, up to `WeatherFileError.limit`.
struct WeatherProblemList {
  private(set) var problems: [WeatherProblem] = []
  private(set) var omitted = 0

  var isEmpty: Bool { problems.isEmpty }

  mutating func add(line: Int, column: Int? = nil, _ message: String) {
    if problems.count < WeatherFileError.limit {
      problems.append(WeatherProblem(line: line, column: column, message: message))
    } else {
      omitted += 1
    }
  }

  var error: WeatherFileError { WeatherFileError(problems: problems, omitted: omitted) }
}
