/// `racks.csv` (long format: `time_s`, `rack`, then one column per quantity) as one
/// time × rack grid per quantity, reduced for a heatmap.
///
/// **Reading.** Rows come in blocks of one sample time, racks in the same order in every
/// block; a rack's index is its position in the first block where it appears. The rack field
/// is compared byte for byte with the name expected at that position, so a 9-million-row file
/// (site-100k) needs no dictionary look-up per row; a rack out of place is looked up by name.
///
/// **Reduction** (`heatmap`): at most `maxRows` rows (consecutive racks grouped, each row the
/// mean of its racks, labelled with the first and last rack) and `maxColumns` columns
/// (consecutive samples grouped, the mean); a rack without a value at a time is left out of
/// the mean.
struct RackGrid {
  /// The rack names, by index.
  var racks: [String] = []
  /// The sample times, ascending.
  var times: [Double] = []
  /// The quantity columns (`power_kw`, `inlet_c`, …), in file order.
  var quantities: [String] = []
  /// `values[q][t][r]`, NaN where absent.
  var values: [[[Float]]] = []

  /// Reads `path`.
  /// - Throws: `ReportError` when the file lacks `time_s` or `rack`.
  init(path: String) throws(ReportError) {
    let header = try CSVScanner.header(path)
    guard let timeColumn = header.firstIndex(of: "time_s"),
      let rackColumn = header.firstIndex(of: "rack")
    else {
      throw ReportError("\(path): expected the columns time_s and rack")
    }
    let quantityColumns = header.indices.filter { $0 != timeColumn && $0 != rackColumn }
    quantities = quantityColumns.map { header[$0] }
    var names: [[UInt8]] = []
    var index: [[UInt8]: Int] = [:]
    var times: [Double] = []
    var values = [[[Float]]](repeating: [], count: quantityColumns.count)
    var position = 0
    _ = try CSVScanner.scan(path) { line in
      let t = line.value(timeColumn)
      if times.last != t || times.isEmpty {
        times.append(t)
        for q in values.indices {
          values[q].append([Float](repeating: .nan, count: names.count))
        }
        position = 0
      }
      let r: Int
      if position < names.count && line.field(rackColumn, equals: names[position]) {
        r = position
      } else {
        let name = line.fieldBytes(rackColumn)
        if let known = index[name] {
          r = known
        } else {
          r = names.count
          names.append(name)
          index[name] = r
        }
      }
      position = r + 1
      let last = times.count - 1
      for (q, column) in quantityColumns.enumerated() {
        if values[q][last].count <= r {
          values[q][last] += [Float](repeating: .nan, count: r + 1 - values[q][last].count)
        }
        values[q][last][r] = Float(line.value(column))
      }
    }
    self.racks = names.map { String(decoding: $0, as: UTF8.self) }
    self.times = times
    self.values = values
  }

  /// Quantity `name` reduced to a heatmap of at most `maxRows` × `maxColumns` cells, nil when
  /// the file has no such column or no rows.
  func heatmap(
    _ name: String, title: String, valueLabel: String, maxRows: Int = 100, maxColumns: Int = 240
  ) -> Heatmap? {
    guard let q = quantities.firstIndex(of: name), !racks.isEmpty, !times.isEmpty else {
      return nil
    }
    let rows = min(racks.count, maxRows)
    let columns = min(times.count, maxColumns)
    var sums = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
    var counts = [[Int]](repeating: [Int](repeating: 0, count: columns), count: rows)
    for (t, sample) in values[q].enumerated() {
      let c = t * columns / times.count
      for (r, v) in sample.enumerated() where v.isFinite {
        let g = r * rows / racks.count
        sums[g][c] += Double(v)
        counts[g][c] += 1
      }
    }
    let grid = (0..<rows).map { g in
      (0..<columns).map { c in counts[g][c] > 0 ? sums[g][c] / Double(counts[g][c]) : .nan }
    }
    let labels = (0..<rows).map { g -> String in
      let first = (g * racks.count + rows - 1) / rows
      let last = ((g + 1) * racks.count + rows - 1) / rows - 1
      return first == last ? racks[first] : "\(racks[first]) … \(racks[last])"
    }
    let starts = (0..<columns).map { times[($0 * times.count + columns - 1) / columns] }
    let step = times.count > 1 ? times[times.count - 1] - times[times.count - 2] : 1
    return Heatmap(
      title: title, xLabel: "time (h)", valueLabel: valueLabel, rows: labels,
      columnStarts: starts.map { $0 / 3600 }, columnEnd: (times[times.count - 1] + step) / 3600,
      values: grid)
  }
}
