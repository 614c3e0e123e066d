/// The report of one run: its summary, then charts of the facility (power, PUE), the GPUs and
/// the queue, temperatures when the run has them, the racks (power and inlet heatmaps from
/// `racks.csv`) and the jobs (wait and JCT histograms and CDFs from `jobs.csv`).
///
/// Each chart appears only when its columns are in the files, so a run without racks.csv or
/// without a thermal model gets a shorter page, never an empty chart.
struct RunReport {
  var data: RunData
  var folder: String

  init(folder: String) throws(ReportError) {
    self.folder = folder
    data = try RunData(folder: folder)
  }

  /// The charts the run has data for, each with its title, in page order.
  var charts: [(title: String, node: ReportNode)] {
    var out: [(String, ReportNode)] = []
    let hours = (data.series["time_s"] ?? []).map { $0 / 3600 }
    func lines(_ title: String, _ yLabel: String, _ columns: [(String, String)]) {
      let present = columns.filter { data.series[$0.0] != nil }
      guard !present.isEmpty, !hours.isEmpty else { return }
      let series = present.map { column, name in
        Downsample.series(name: name, x: hours, y: data.series[column] ?? [])
      }
      out.append(
        (title, LineChart(title: title, xLabel: "time (h)", yLabel: yLabel, series: series).node))
    }
    lines(
      "Facility power", "power (kW)",
      [
        ("it_power_kw", "IT"), ("cooling_power_kw", "cooling"),
        ("facility_power_kw", "facility"),
      ])
    lines("PUE", "PUE", [("pue", "PUE")])
    lines("GPU utilisation", "busy GPUs / all GPUs", [("gpu_util", "GPU utilisation")])
    lines(
      "Jobs running and queued", "jobs", [("running_jobs", "running"), ("queued_jobs", "queued")])
    lines(
      "Temperatures", "°C", [("outside_temp_c", "outside"), ("max_inlet_c", "hottest inlet")])
    if let racks = data.racks {
      if let map = racks.heatmap("power_kw", title: "Rack power", valueLabel: "rack power (kW)") {
        out.append(("Rack power", map.node))
      }
      if let map = racks.heatmap(
        "inlet_c", title: "Rack inlet temperature", valueLabel: "inlet (°C)")
      {
        out.append(("Rack inlet temperature", map.node))
      }
    }
    if data.hasJobs {
      if !data.waits.isEmpty {
        out.append(
          (
            "Job wait",
            Histogram(
              title: "Job wait", xLabel: "wait (s)", name: "started jobs", values: data.waits
            ).node
          ))
      }
      if !data.jcts.isEmpty {
        out.append(
          (
            "Job completion time",
            Histogram(
              title: "Job completion time", xLabel: "JCT (s)", name: "finished jobs",
              values: data.jcts
            ).node
          ))
      }
      var cdfs: [LineChart.Series] = []
      for (name, values) in [("wait", data.waits), ("JCT", data.jcts)] where !values.isEmpty {
        // A log axis: waits of 0 s are drawn at the axis's left end (1 s or less).
        let (x, y) = Downsample.cdf(values)
        cdfs.append(LineChart.Series(name: name, x: x, y: y))
      }
      if !cdfs.isEmpty {
        out.append(
          (
            "Wait and JCT distributions",
            LineChart(
              title: "Wait and JCT distributions (CDF)", xLabel: "seconds (log scale)",
              yLabel: "fraction of jobs ≤ x", series: cdfs, logX: true
            ).node
          ))
      }
    }
    return out
  }

  var html: String {
    let summary = data.summary
    let name = summary["scenario"]?.text ?? folder
    let subtitle = ["seed", "scenario_hash", "horizon_s", "racksim_version"].compactMap { key in
      summary[key].map { "\(key) \($0.text)" }
    }.joined(separator: " · ")
    let all = charts
    let byTitle = Dictionary(all.map { ($0.title, $0.node) }, uniquingKeysWith: { a, _ in a })
    func group(_ heading: String, _ titles: [String]) -> ReportNode? {
      let nodes = titles.compactMap { byTitle[$0] }
      return nodes.isEmpty ? nil : ReportPage.section(heading, nodes)
    }
    let rows = summary.entries.map { [$0.key, $0.value.text] }
    let sections: [ReportNode] = [
      group("Facility", ["Facility power", "PUE", "Temperatures"]),
      group("GPUs and queue", ["GPU utilisation", "Jobs running and queued"]),
      group("Racks", ["Rack power", "Rack inlet temperature"]),
      group("Jobs", ["Job wait", "Job completion time", "Wait and JCT distributions"]),
      ReportPage.section("Summary", [ReportPage.table(["metric", "value"], rows)]),
    ].compactMap { $0 }
    return ReportPage.document(
      title: "Run report: \(name)", subtitle: subtitle, sections: sections)
  }
}
