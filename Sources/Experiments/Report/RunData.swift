import Foundation

/// What a run report shows, read from a run folder: the facility time series, the racks'
/// long-format series as grids, the jobs' waits and JCTs, and the summary.
struct RunData {
  /// `timeseries.csv` by column name.
  var series: [String: [Double]] = [:]
  /// Its header, in file order.
  var seriesColumns: [String] = []
  /// `racks.csv` as grids, nil when the run wrote none.
  var racks: RackGrid?
  /// Waits (`wait_s`) of started jobs and JCTs (`jct_s`) of finished jobs.
  var waits: [Double] = []
  var jcts: [Double] = []
  /// Whether `jobs.csv` was there.
  var hasJobs = false
  /// `summary.json`, entries in file order.
  var summary: SummaryFile

  /// Reads `folder`.
  /// - Throws: `ReportError` when `summary.json` or `timeseries.csv` is missing or malformed.
  init(folder: String) throws(ReportError) {
    let fm = FileManager.default
    let summaryPath = folder + "/summary.json"
    guard let text = try? String(contentsOfFile: summaryPath, encoding: .utf8) else {
      throw ReportError("\(folder): no summary.json; is it a run folder?")
    }
    do {
      summary = try SummaryFile.parse(text, file: summaryPath)
    } catch {
      throw ReportError(error.lines.joined(separator: "; "))
    }
    let seriesPath = folder + "/timeseries.csv"
    guard fm.fileExists(atPath: seriesPath) else {
      throw ReportError("\(folder): no timeseries.csv; is it a run folder?")
    }
    var columns: [[Double]] = []
    let header = try CSVScanner.scan(seriesPath) { line in
      if columns.isEmpty { columns = Array(repeating: [], count: line.ranges.count) }
      for c in columns.indices { columns[c].append(line.value(c)) }
    }
    seriesColumns = header
    for (c, name) in header.enumerated() { series[name] = c < columns.count ? columns[c] : [] }
    let jobsPath = folder + "/jobs.csv"
    if fm.fileExists(atPath: jobsPath) {
      hasJobs = true
      let jobHeader = try CSVScanner.header(jobsPath)
      let waitColumn = jobHeader.firstIndex(of: "wait_s")
      let jctColumn = jobHeader.firstIndex(of: "jct_s")
      var w: [Double] = []
      var j: [Double] = []
      _ = try CSVScanner.scan(jobsPath) { line in
        if let waitColumn { w.append(line.value(waitColumn)) }
        if let jctColumn { j.append(line.value(jctColumn)) }
      }
      waits = w.filter(\.isFinite)
      jcts = j.filter(\.isFinite)
    }
    let racksPath = folder + "/racks.csv"
    if fm.fileExists(atPath: racksPath) { racks = try RackGrid(path: racksPath) }
  }
}
