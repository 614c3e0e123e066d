/// Which input of a trace a problem is in: the trace itself, or a second table that a format
/// joins to it (the Alibaba PAI task table).
public enum TraceFile: Sendable, Equatable {
  case main
  case tasks
}

/// A problem in a job trace, at a 1-based line and column of the file.
public struct TraceIssue: Error, Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var message: String
  /// The input the line and column refer to.
  public var file: TraceFile
  public init(line: Int, column: Int, message: String, file: TraceFile = .main) {
    self.line = line
    self.column = column
    self.message = message
    self.file = file
  }
}

/// Every problem found in one trace file.
public struct TraceErrors: Error, Sendable, Equatable {
  public var issues: [TraceIssue]
  public init(_ issues: [TraceIssue]) { self.issues = issues }
}
