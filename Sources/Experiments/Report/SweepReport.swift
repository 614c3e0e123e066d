import Foundation
import SimMath

/// The report of a sweep: per metric, a bar chart of the mean over replications of every
/// configuration with its 95 % Student-t interval (`ReplicationSummary`), and a table of the
/// same numbers.
///
/// **Grouping.** The axes are the `sweep.csv` columns between `index` and `replication`
/// (`SweepMerge`'s layout). With two or more axes, the bars of one group share the values of
/// every axis but the last, and the series are the last axis's values; with one axis, each
/// value is a group of one series; with none (seeds only), all runs are one bar.
struct SweepReport {
  var folder: String
  var rows: [ResultRow]
  var axes: [String]

  /// The metrics charted when the sweep has them, in this order.
  static let preferredMetrics = [
    "mean_wait_s", "p95_wait_s", "mean_jct_s", "p95_jct_s", "gpu_util", "pue",
    "it_energy_kwh", "facility_energy_kwh", "mean_it_power_kw", "jobs_finished",
    "mean_slowdown", "power_cap_actions",
  ]

  init(folder: String) throws(ReportError) {
    self.folder = folder
    let path = folder + "/sweep.csv"
    do {
      guard case .sweep(let rows) = try Results.load(path) else {
        throw ReportError("\(path): not a sweep")
      }
      self.rows = rows
    } catch let error as ResultsError {
      throw ReportError(error.description)
    } catch {
      throw ReportError("\(error)")
    }
    axes = ComparisonTable.axisColumns(of: rows)
  }

  /// The metrics shown: the preferred ones every row has, else every shared numeric column.
  var metrics: [String] {
    guard let first = rows.first else { return [] }
    let numeric = Set(first.metricNames).subtracting(["index", "replication", "seed"])
    let shared = numeric.filter { m in rows.allSatisfy { $0.number(m) != nil } }
    let preferred = Self.preferredMetrics.filter(shared.contains)
    return preferred.isEmpty ? shared.sorted() : preferred
  }

  /// The groups (values of every axis but the last, joined) and the series (last axis's
  /// values), each in first-appearance (run-index) order.
  var layout: (groups: [String], series: [String], key: (ResultRow) -> (String, String)) {
    let groupAxes = axes.count >= 2 ? Array(axes.dropLast()) : axes
    let seriesAxis = axes.count >= 2 ? axes.last : nil
    let key = { (row: ResultRow) -> (String, String) in
      let g =
        groupAxes.isEmpty
        ? "all runs" : groupAxes.map { "\($0)=\(row.text($0) ?? "")" }.joined(separator: ", ")
      let s = seriesAxis.map { "\($0)=\(row.text($0) ?? "")" } ?? ""
      return (g, s)
    }
    var groups: [String] = []
    var series: [String] = []
    for row in rows {
      let (g, s) = key(row)
      if !groups.contains(g) { groups.append(g) }
      if !series.contains(s) { series.append(s) }
    }
    return (groups, series, key)
  }

  /// One chart per metric.
  var charts: [(metric: String, node: ReportNode)] {
    let (groups, series, key) = layout
    return metrics.map { metric in
      var samples: [String: [Double]] = [:]
      for row in rows {
        let (g, s) = key(row)
        if let x = row.number(metric) { samples[g + "\u{1F}" + s, default: []].append(x) }
      }
      let chartSeries = series.map { s in
        BarChart.Series(
          name: s.isEmpty ? metric : s,
          bars: groups.map { g in
            guard let xs = samples[g + "\u{1F}" + s], let summary = ReplicationSummary(xs)
            else { return nil }
            return BarChart.Bar(value: summary.mean, halfWidth: summary.interval?.halfWidth)
          })
      }
      let xLabel =
        axes.isEmpty ? "" : (axes.count >= 2 ? axes.dropLast() : axes[...]).joined(separator: ", ")
      return (
        metric,
        BarChart(
          title: "\(metric) by \(axes.isEmpty ? "sweep" : axes.joined(separator: " × "))"
            + " (mean, 95 % interval)",
          xLabel: xLabel, yLabel: metric, groups: groups, series: chartSeries
        ).node
      )
    }
  }

  var html: String {
    let (groups, series, key) = layout
    let metrics = metrics
    var tableRows: [[String]] = []
    for g in groups {
      for s in series {
        let members = rows.filter { key($0) == (g, s) }
        guard !members.isEmpty else { continue }
        var cells = [s.isEmpty ? g : (g == "all runs" ? s : "\(g), \(s)"), String(members.count)]
        for m in metrics {
          cells.append(ComparisonTable.describe(members.compactMap { $0.number(m) }))
        }
        tableRows.append(cells)
      }
    }
    let sections = [
      ReportPage.section("Metrics by configuration", charts.map(\.node)),
      ReportPage.section(
        "Table", [ReportPage.table(["configuration", "runs"] + metrics, tableRows)]),
    ]
    let seeds = Set(rows.compactMap { $0.text("seed") }).count
    return ReportPage.document(
      title: "Sweep report: \((folder as NSString).lastPathComponent)",
      subtitle: "\(rows.count) runs · axes: \(axes.isEmpty ? "none" : axes.joined(separator: ", "))"
        + " · \(seeds) seeds · intervals: 95 % Student-t over replications",
      sections: sections)
  }
}
