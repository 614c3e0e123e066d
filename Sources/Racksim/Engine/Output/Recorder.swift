import DataCenter
import SimKernel

/// Streams `timeseries.csv` and `racks.csv` as they are sampled: each row is encoded into a
/// buffer with the allocation-free number formatter and the buffer goes to its sink a
/// megabyte at a time, so memory does not grow with samples × racks (STYLE.md §4 rule 9: no
/// formatting per event; a sample is not an event of the hot path).
struct Recorder {
  let timeseriesColumns: [ColumnSpec]
  let rackColumns: [ColumnSpec]
  let rackNames: [String]
  /// Each rack's name as its CSV field (quoted where needed), encoded once.
  let rackFields: [[UInt8]]
  var timeseries: CSVBuffer
  var racks: CSVBuffer?
  var events: CSVBuffer?
  /// Per-sample values, reused.
  var row: [Double] = []
  var rackRow: [Double] = []
  /// Files that models stream themselves (`links.csv`), finished with the others.
  var modelFiles: [ModelFile] = []

  init(
    timeseriesColumns: [ColumnSpec], rackColumns: [ColumnSpec], rackNames: [String],
    timeseries: any ByteSink, racks: (any ByteSink)?, events: (any ByteSink)? = nil
  ) {
    self.timeseriesColumns = timeseriesColumns
    self.rackColumns = rackColumns
    self.rackNames = rackNames
    self.rackFields = rackNames.map { name in
      var field: [UInt8] = []
      CSVText.append(name, to: &field)
      field.append(UInt8(ascii: ","))
      return field
    }
    self.timeseries = CSVBuffer(sink: timeseries)
    self.racks = racks.map { CSVBuffer(sink: $0) }
    self.events = events.map { CSVBuffer(sink: $0) }
    if self.events != nil {
      self.events!.append(OutputColumns.events.map(\.name).joined(separator: ","))
      self.events!.newline()
    }
    self.timeseries.append(timeseriesColumns.map(\.name).joined(separator: ","))
    self.timeseries.newline()
    if self.racks != nil {
      self.racks!.append(rackColumns.map(\.name).joined(separator: ","))
      self.racks!.newline()
    }
  }

  /// Writes one timeseries row: `time_s` then `row` (one value per further column).
  mutating func writeTimeseries(at time: SimTime) throws(SimulationError) {
    timeseries.number(time.seconds, decimals: timeseriesColumns[0].decimals ?? 3)
    for (k, value) in row.enumerated() {
      timeseries.comma()
      timeseries.number(value, decimals: timeseriesColumns[k + 1].decimals ?? 3)
    }
    timeseries.newline()
    try timeseries.flushIfFull()
  }

  /// Writes one row per rack: `time_s`, `rack`, then the rack's values from `rackRow`
  /// (`rackColumns.count - 2` per rack, rack by rack).
  mutating func writeRacks(at time: SimTime) throws(SimulationError) {
    guard var out = racks else { return }
    racks = nil
    defer { racks = out }
    let width = rackColumns.count - 2
    let decimals = rackColumns.dropFirst(2).map { $0.decimals ?? 3 }
    // The time field once, reused for every rack's row.
    var stamp: [UInt8] = []
    FixedDecimal.append(time.seconds, decimals: rackColumns[0].decimals ?? 3, to: &stamp)
    stamp.append(UInt8(ascii: ","))
    for r in 0..<rackNames.count {
      out.bytes.append(contentsOf: stamp)
      out.bytes.append(contentsOf: rackFields[r])
      let base = r * width
      for k in 0..<width {
        if k > 0 { out.comma() }
        out.number(rackRow[base + k], decimals: decimals[k])
      }
      out.newline()
      try out.flushIfFull()
    }
  }

  /// Writes the events models recorded.
  mutating func writeEvents(_ rows: [EventRow], modelNames: [String]) throws(SimulationError) {
    guard var out = events else { return }
    events = nil
    defer { events = out }
    for row in rows {
      out.number(row.time.seconds, decimals: 3)
      out.comma()
      out.field(row.model.map { modelNames[$0.index] } ?? "engine")
      out.comma()
      out.field(row.kind)
      out.comma()
      out.field(row.subject)
      out.comma()
      out.number(row.value, decimals: 3)
      out.newline()
    }
    try out.flushIfFull()
  }

  /// Flushes and closes every file.
  mutating func finish() throws(SimulationError) {
    try timeseries.finish()
    try racks?.finish()
    try events?.finish()
    for file in modelFiles {
      if let error = file.error { throw error }
      try file.buffer.finish()
    }
  }
}

/// A file that a model writes itself (the fabric's `links.csv`, issue 9): the model appends
/// rows to `buffer` and hands full chunks to the sink when it samples (keeping the first write
/// error in `error`); the recorder finishes it with the run's other files and reports the
/// error then. A class so that the model and the recorder share it.
final class ModelFile {
  var buffer: CSVBuffer
  var error: SimulationError?
  init(sink: any ByteSink) { buffer = CSVBuffer(sink: sink) }
}
