import SimKernel

/// A problem in a job trace, at a 1-based line and column of the file.
public struct TraceIssue: Error, Sendable, Equatable {
  public var line: Int
  public var column: Int
  public var message: String
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }
}

/// Every problem found in one trace file.
public struct TraceErrors: Error, Sendable, Equatable {
  public var issues: [TraceIssue]
  public init(_ issues: [TraceIssue]) { self.issues = issues }
}

/// Reads the simple job-trace CSV: a header naming the columns, then one job per line.
///
/// Required columns: `id,submit_s,gpus,duration_s`; optional: `priority,user,gpu_utilization`.
/// Columns may come in any order. `submit_s` and `duration_s` are seconds (decimals allowed);
/// `gpus` and `priority` are integers. Blank lines and lines starting with `#` are skipped.
/// Fields are plain (no quoting); a comma inside a field is not supported.
public enum JobTraceCSV {
  public static let requiredColumns = ["id", "submit_s", "gpus", "duration_s"]
  public static let optionalColumns = ["priority", "user", "gpu_utilization"]

  /// Parses `text`. Returns the jobs sorted by submit time (stable: file order breaks ties).
  /// - Throws: `TraceErrors` with every problem found in the file.
  public static func parse(_ text: String) throws(TraceErrors) -> [TrainingJob] {
    var issues: [TraceIssue] = []
    var jobs: [TrainingJob] = []
    var header: [String]? = nil
    var index: [String: Int] = [:]
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      let fields = splitFields(line)
      guard let columns = header else {
        header = fields.map { $0.text }
        for (i, f) in fields.enumerated() {
          let name = f.text
          if requiredColumns.contains(name) || optionalColumns.contains(name) {
            if index[name] != nil {
              issues.append(
                .init(line: lineNumber, column: f.column, message: "column '\(name)' appears twice")
              )
            }
            index[name] = i
          } else {
            issues.append(
              .init(
                line: lineNumber, column: f.column,
                message: "unknown column '\(name)'; valid columns: "
                  + (requiredColumns + optionalColumns).joined(separator: ", ")))
          }
        }
        for name in requiredColumns where index[name] == nil {
          issues.append(
            .init(line: lineNumber, column: 1, message: "missing required column '\(name)'"))
        }
        if !issues.isEmpty { throw TraceErrors(issues) }
        continue
      }
      if fields.count != columns.count {
        issues.append(
          .init(
            line: lineNumber, column: 1,
            message: "expected \(columns.count) fields, found \(fields.count)"))
        continue
      }
      func field(_ name: String) -> (text: String, column: Int)? {
        index[name].map { (fields[$0].text, fields[$0].column) }
      }
      var ok = true
      func number(_ name: String, min: Double) -> Double {
        guard let f = field(name) else { return 0 }
        guard let v = Double(f.text), v.isFinite, v >= min else {
          issues.append(
            .init(
              line: lineNumber, column: f.column,
              message: "\(name) must be a number >= \(min.formatted), got '\(f.text)'"))
          ok = false
          return 0
        }
        return v
      }
      func integer(_ name: String, min: Int) -> Int {
        guard let f = field(name) else { return 0 }
        guard let v = Int(f.text), v >= min else {
          issues.append(
            .init(
              line: lineNumber, column: f.column,
              message: "\(name) must be an integer >= \(min), got '\(f.text)'"))
          ok = false
          return 0
        }
        return v
      }
      let id = field("id")!.text
      let submit = number("submit_s", min: 0)
      let gpus = integer("gpus", min: 1)
      let duration = number("duration_s", min: 0)
      let priority = index["priority"] == nil ? 0 : integer("priority", min: Int.min)
      let user = field("user")?.text ?? ""
      var utilization = 1.0
      if let u = field("gpu_utilization") {
        if let v = Double(u.text), v > 0, v <= 1 {
          utilization = v
        } else {
          issues.append(
            .init(
              line: lineNumber, column: u.column,
              message: "gpu_utilization must be in (0, 1], got '\(u.text)'"))
          ok = false
        }
      }
      if id.isEmpty {
        issues.append(.init(line: lineNumber, column: field("id")!.column, message: "id is empty"))
        ok = false
      }
      guard ok else { continue }
      jobs.append(
        TrainingJob(
          name: id, submit: SimTime(seconds: submit), gpus: gpus,
          work: .ceiling(seconds: duration), priority: priority, user: user,
          gpuUtilization: utilization))
    }
    if header == nil {
      issues.append(
        .init(line: 1, column: 1, message: "the trace is empty: expected a header line"))
    }
    if !issues.isEmpty { throw TraceErrors(issues) }
    // A stable sort: enumerate so equal submit times keep file order.
    let sorted = jobs.enumerated().sorted {
      ($0.element.submit, $0.offset) < ($1.element.submit, $1.offset)
    }.map(\.element)
    return sorted
  }

  // MARK: - Private

  private static func splitFields(_ line: Substring) -> [(text: String, column: Int)] {
    var result: [(String, Int)] = []
    var column = 1
    for part in line.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = part.drop { $0 == " " }
      let leading = part.count - trimmed.count
      var text = String(trimmed)
      while text.hasSuffix(" ") { text.removeLast() }
      result.append((text, column + leading))
      column += part.count + 1
    }
    return result
  }
}

extension Double {
  fileprivate var formatted: String {
    self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
  }
}
