import SimKernel

extension RunResult {
  /// The run's files, encoded: names and contents, sorted by name. The streamed files are
  /// here only when the run streamed to memory (`Simulation(scenario:)` without sinks). Pure
  /// and deterministic: the same run gives the same bytes on every machine.
  public func files() -> [(name: String, contents: String)] {
    var files = streamed
    files.append(("jobs.csv", jobsCSV()))
    files.append(("summary.json", summaryJSON()))
    return files.sorted { $0.0 < $1.0 }
  }

  /// `timeseries.csv`, when the run streamed to memory (else empty).
  public func timeseriesCSV() -> String {
    streamed.first { $0.name == "timeseries.csv" }?.contents ?? ""
  }

  /// `racks.csv`, when the run streamed to memory and recorded racks (else empty).
  public func racksCSV() -> String {
    streamed.first { $0.name == "racks.csv" }?.contents ?? ""
  }

  /// `jobs.csv`: text fields (names, users) quoted by RFC 4180 where needed.
  public func jobsCSV() -> String {
    var out: [UInt8] = []
    let header = (OutputColumns.jobs + modelJobColumns).map(\.name)
    out.append(contentsOf: (header.joined(separator: ",") + "\n").utf8)
    let extra = modelJobColumns.count
    var next = 0
    func time(_ t: SimTime?) {
      if let t { FixedDecimal.append(t.seconds, decimals: 3, to: &out) }
    }
    func span(_ d: SimDuration?) {
      if let d { FixedDecimal.append(d.seconds, decimals: 3, to: &out) }
    }
    let comma = UInt8(ascii: ",")
    for row in jobRows {
      CSVText.append(row.name, to: &out)
      out.append(comma)
      CSVText.append(row.user, to: &out)
      out.append(comma)
      time(row.submit)
      out.append(comma)
      time(row.start)
      out.append(comma)
      time(row.end)
      out.append(comma)
      out.append(contentsOf: String(row.gpus).utf8)
      out.append(comma)
      out.append(contentsOf: String(row.nodes).utf8)
      out.append(comma)
      span(row.wait)
      out.append(comma)
      span(row.jct)
      out.append(comma)
      if let x = row.slowdown { FixedDecimal.append(x, decimals: 4, to: &out) }
      out.append(comma)
      if let x = row.boundedSlowdown { FixedDecimal.append(x, decimals: 4, to: &out) }
      out.append(comma)
      FixedDecimal.append(row.gpuSeconds, decimals: 3, to: &out)
      out.append(comma)
      out.append(contentsOf: String(row.restarts).utf8)
      out.append(comma)
      out.append(contentsOf: row.state.name.utf8)
      out.append(comma)
      out.append(contentsOf: String(row.preemptions).utf8)
      out.append(comma)
      FixedDecimal.append(row.lostGPUSeconds, decimals: 3, to: &out)
      for k in 0..<extra {
        out.append(comma)
        let v = modelJobValues[next]
        next += 1
        guard v.isFinite else { continue }
        FixedDecimal.append(v, decimals: modelJobColumns[k].decimals ?? 0, to: &out)
      }
      out.append(UInt8(ascii: "\n"))
    }
    return String(decoding: out, as: UTF8.self)
  }

  public func summaryJSON() -> String {
    var lines: [String] = []
    for (key, value) in summary {
      let encoded: String
      switch value {
      case .text(let t): encoded = RunResult.jsonString(t)
      case .integer(let i): encoded = String(i)
      case .unsigned(let u): encoded = String(u)
      case .number(let x, let decimals):
        encoded = x.isFinite ? FixedDecimal.format(x, decimals: decimals) : "null"
      }
      lines.append("  \(RunResult.jsonString(key)): \(encoded)")
    }
    return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
  }

  static func jsonString(_ s: String) -> String { JSONText.string(s) }
}
