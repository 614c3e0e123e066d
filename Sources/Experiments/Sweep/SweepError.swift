/// A problem that stops a sweep, already phrased for the user: one line per problem.
public struct SweepError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The lines, each a complete message.
  public var lines: [String]

  /// One problem.
  public init(_ line: String) { lines = [line] }

  /// Several problems, in order.
  public init(lines: [String]) { self.lines = lines }

  public var description: String { lines.joined(separator: "\n") }
}
