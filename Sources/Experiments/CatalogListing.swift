import DataCenter
import Racksim

/// The text of `racksim catalog`: what ships, as aligned plain-text tables.
public enum CatalogListing {
  public enum Topic: String, CaseIterable, Sendable {
    case hardware, policies, columns
  }

  public static func text(_ topic: Topic) -> String {
    switch topic {
    case .hardware: hardware(HardwareCatalog.builtIn)
    case .policies: policies()
    case .columns: columns()
    }
  }

  public static func hardware(_ catalog: HardwareCatalog) -> String {
    var out = "GPU types\n"
    out += table(
      ["name", "tdp_w", "idle_w", "bf16_tflops", "hbm_gb", "hbm_tb_s", "throttle_c", "source"],
      catalog.gpus.map {
        [
          $0.name, num($0.tdpW), num($0.idleW), num($0.peakTFLOPS), num($0.memoryBytes / 1e9),
          num($0.memoryBandwidthBytesPerS / 1e12), num($0.thermalLimitC), $0.source,
        ]
      })
    out += "\nGPU DVFS states (power at utilisation u = idle + (max_power_w - idle_w) * u)\n"
    out += table(
      ["gpu", "state", "sm_clock_mhz", "rel_throughput", "max_power_w"],
      catalog.gpus.flatMap { gpu in
        gpu.effectiveDVFSStates.enumerated().map { i, s in
          [
            gpu.name, String(i), num(s.smClockMHz), num(rounded(s.relativeThroughput, 3)),
            num(rounded(s.maxPowerW, 1)),
          ]
        }
      })
    out += "\nNode types\n"
    out += table(
      [
        "name", "gpu", "gpus", "host_idle_w", "host_max_w", "max_system_w", "nvlink_gb_s", "source",
      ],
      catalog.nodes.map {
        [
          $0.name, $0.gpu, String($0.gpusPerNode), num($0.hostIdleW), num($0.hostMaxW),
          num($0.maxSystemW), num($0.nvlinkBytesPerS / 1e9), $0.source,
        ]
      })
    out += "\nRack types\n"
    out += table(
      ["name", "node", "nodes", "pdu_rating_w", "cooling", "source"],
      catalog.racks.map {
        [
          $0.name, $0.node, String($0.nodesPerRack), num($0.pduRatingW), $0.cooling.rawValue,
          $0.source,
        ]
      })
    return out
  }

  public static func policies() -> String {
    var rows: [[String]] = []
    for e in PolicyCatalog.schedulers.sorted(by: { $0.name < $1.name }) {
      rows.append(["scheduler", e.name, e.summary])
    }
    for e in PolicyCatalog.backfills.sorted(by: { $0.name < $1.name }) {
      rows.append(["backfill", e.name, e.summary])
    }
    for e in PolicyCatalog.placements.sorted(by: { $0.name < $1.name }) {
      rows.append(["placement", e.name, e.summary])
    }
    for e in PolicyCatalog.energies.sorted(by: { $0.name < $1.name }) {
      rows.append(["energy", e.name, e.summary])
    }
    return table(["family", "name", "what it does"], rows)
  }

  public static func columns() -> String {
    var out = ""
    let files: [(String, [ColumnSpec])] = [
      ("timeseries.csv", OutputColumns.timeseries), ("racks.csv", OutputColumns.racks),
      ("jobs.csv", OutputColumns.jobs), ("summary.json", OutputColumns.summary),
      ("timeseries.csv, with thermal:", OutputColumns.thermalTimeseries),
      ("racks.csv, with thermal:", OutputColumns.thermalRacks),
      ("summary.json, with thermal:", OutputColumns.thermalSummary),
      ("timeseries.csv, with cooling:", OutputColumns.facilityPlant),
      ("summary.json, with cooling:", OutputColumns.facilityPlantSummary),
      ("summary.json, with power_caps:", OutputColumns.powerCapSummary),
      ("timeseries.csv, with energy power-down", OutputColumns.powerDownTimeseries),
      ("summary.json, with energy power-down", OutputColumns.powerDownSummary),
      ("summary.json, with energy dvfs", OutputColumns.dvfsSummary),
      ("timeseries.csv, with energy cooling-setpoint", OutputColumns.coolingSetpointTimeseries),
      ("summary.json, with energy cooling-setpoint", OutputColumns.coolingSetpointSummary),
      ("summary.json, with energy carbon-aware", OutputColumns.carbonAwareSummary),
      ("timeseries.csv, with fabric:", OutputColumns.fabricTimeseries),
      ("summary.json, with fabric:", OutputColumns.fabricSummary),
      ("jobs.csv, with fabric:", OutputColumns.fabricJobs),
      ("links.csv, with fabric:", OutputColumns.links),
    ]
    for (i, (file, columns)) in files.enumerated() {
      if i > 0 { out += "\n" }
      out += file + "\n"
      out += table(
        ["column", "unit", "decimals", "meaning"],
        columns.map { [$0.name, $0.unit, $0.decimals.map(String.init) ?? "-", $0.meaning] })
    }
    return out
  }

  // MARK: - Private

  static func rounded(_ x: Double, _ decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    return (x * scale).rounded() / scale
  }

  static func num(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
  }

  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
      var s = ""
      for (i, cell) in cells.enumerated() {
        let last = i == cells.count - 1
        s += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
      }
      return s + "\n"
    }
    return line(header) + rows.map(line).joined()
  }
}
