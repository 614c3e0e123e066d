import SimKernel

extension RunResult {
  /// The run folder's files, encoded: names and contents, in a fixed order. Pure and
  /// deterministic: the same run gives the same bytes on every machine.
  public func files() -> [(name: String, contents: String)] {
    var files = [("timeseries.csv", timeseriesCSV()), ("jobs.csv", jobsCSV())]
    if scenario.output.racks { files.append(("racks.csv", racksCSV())) }
    files.append(("summary.json", summaryJSON()))
    return files.sorted { $0.0 < $1.0 }
  }

  public func timeseriesCSV() -> String {
    let columns = OutputColumns.timeseries
    var out = columns.map(\.name).joined(separator: ",") + "\n"
    let width = columns.count - 1
    for (i, t) in sampleTimes.enumerated() {
      out += FixedDecimal.format(t.seconds, decimals: columns[0].decimals!)
      for c in 0..<width {
        out += ","
        out += FixedDecimal.format(siteValues[i * width + c], decimals: columns[c + 1].decimals!)
      }
      out += "\n"
    }
    return out
  }

  public func racksCSV() -> String {
    let columns = OutputColumns.racks
    var out = columns.map(\.name).joined(separator: ",") + "\n"
    let racks = rackNames.count
    for (i, t) in sampleTimes.enumerated() {
      let time = FixedDecimal.format(t.seconds, decimals: columns[0].decimals!)
      for r in 0..<racks {
        let base = (i * racks + r) * 2
        out += time + "," + rackNames[r] + ","
        out += FixedDecimal.format(rackValues[base], decimals: columns[2].decimals!) + ","
        out += FixedDecimal.format(rackValues[base + 1], decimals: columns[3].decimals!) + "\n"
      }
    }
    return out
  }

  public func jobsCSV() -> String {
    var out = OutputColumns.jobs.map(\.name).joined(separator: ",") + "\n"
    func s(_ t: SimTime?) -> String { t.map { FixedDecimal.format($0.seconds, decimals: 3) } ?? "" }
    func d(_ t: SimDuration?) -> String {
      t.map { FixedDecimal.format($0.seconds, decimals: 3) } ?? ""
    }
    for row in jobRows {
      let fields = [
        row.name, row.user, s(row.submit), s(row.start), s(row.end), String(row.gpus),
        String(row.nodes), d(row.wait), d(row.jct), row.state.name,
      ]
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  public func summaryJSON() -> String {
    var lines: [String] = []
    for (key, value) in summary {
      let encoded: String
      switch value {
      case .text(let t): encoded = RunResult.jsonString(t)
      case .integer(let i): encoded = String(i)
      case .number(let x, let decimals):
        encoded = x.isFinite ? FixedDecimal.format(x, decimals: decimals) : "null"
      }
      lines.append("  \(RunResult.jsonString(key)): \(encoded)")
    }
    return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
  }

  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
