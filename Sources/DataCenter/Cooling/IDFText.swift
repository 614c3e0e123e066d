// A reader for EnergyPlus IDF text, enough to paste objects from EnergyPlus's data sets
// (EnergyPlus Input-Output Reference, "IDF syntax"):
//
// - `!` starts a comment that runs to the end of the line;
// - an object is a list of fields separated by `,` and ended by `;`;
// - the first field is the object type (`Chiller:Electric:EIR`), compared case-insensitively,
//   as EnergyPlus compares object types and names;
// - spaces around a field are not part of it; an empty field means "use the default".
//
// Every field keeps the line and column (1-based) where it starts, so an error names the spot.

/// One field of an IDF object and where it is.
public struct IDFField: Sendable, Equatable {
  public var text: String
  public var line: Int
  public var column: Int
}

/// One IDF object: its type, its fields (the type excluded) and where it starts.
public struct IDFObject: Sendable, Equatable {
  public var type: String
  public var fields: [IDFField]
  public var line: Int
  public var column: Int

  /// Field `index` (0 = the object's name), or nil when absent or empty.
  public func field(_ index: Int) -> IDFField? {
    index < fields.count && !fields[index].text.isEmpty ? fields[index] : nil
  }
}

/// A problem in IDF text at a line and column.
public struct IDFError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }
  public var description: String { "\(line):\(column): \(message)" }
}

/// Every problem found in one IDF text, in text order.
public struct IDFErrors: Error, Sendable, Equatable {
  public var errors: [IDFError]
  public init(_ errors: [IDFError]) { self.errors = errors }
}

/// Parsed IDF text: its objects in order.
public struct IDFText: Sendable, Equatable {
  public var objects: [IDFObject]

  /// Splits `text` into objects.
  /// - Throws: `IDFErrors` if the text ends inside an object (a missing `;`).
  /// - Complexity: O(n) in the length of the text.
  public init(parsing text: String) throws(IDFErrors) {
    var objects: [IDFObject] = []
    var fields: [IDFField] = []
    var current = ""
    var fieldLine = 0
    var fieldColumn = 0
    var line = 1
    var column = 1
    var inComment = false
    var sawContent = false

    func closeField(_ atLine: Int, _ atColumn: Int) {
      var t = Substring(current)
      while let f = t.first, f == " " || f == "\t" || f == "\r" { t.removeFirst() }
      while let l = t.last, l == " " || l == "\t" || l == "\r" { t.removeLast() }
      let hasStart = fieldLine > 0
      fields.append(
        IDFField(
          text: String(t), line: hasStart ? fieldLine : atLine,
          column: hasStart ? fieldColumn : atColumn))
      current = ""
      fieldLine = 0
    }

    for ch in text {
      defer {
        if ch.isNewline {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
      if inComment {
        if ch.isNewline { inComment = false }
        continue
      }
      switch ch {
      case "!": inComment = true
      case ",":
        closeField(line, column)
      case ";":
        closeField(line, column)
        let type = fields.removeFirst()
        objects.append(
          IDFObject(type: type.text, fields: fields, line: type.line, column: type.column))
        fields = []
        sawContent = false
      case _ where ch.isNewline:
        if fieldLine > 0 { current.append(" ") }
      case " ", "\t":
        if fieldLine > 0 { current.append(ch) }
      default:
        if fieldLine == 0 {
          fieldLine = line
          fieldColumn = column
        }
        if !sawContent { sawContent = true }
        current.append(ch)
      }
    }
    if sawContent || !fields.isEmpty {
      let start = fields.first ?? IDFField(text: current, line: fieldLine, column: fieldColumn)
      throw IDFErrors([
        IDFError(
          line: start.line, column: start.column,
          message: "object '\(start.text.isEmpty ? current : start.text)' is not ended by ';'")
      ])
    }
    self.objects = objects
  }

  /// Objects of `type` (case-insensitive), in text order.
  public func objects(ofType type: String) -> [IDFObject] {
    let t = type.lowercased()
    return objects.filter { $0.type.lowercased() == t }
  }

  /// The first object named `name` (field 0, case-insensitive) among `types`.
  public func object(named name: String, types: [String]) -> IDFObject? {
    let n = name.lowercased()
    let ts = types.map { $0.lowercased() }
    return objects.first {
      ts.contains($0.type.lowercased()) && $0.field(0)?.text.lowercased() == n
    }
  }
}
