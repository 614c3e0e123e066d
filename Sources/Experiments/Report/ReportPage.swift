import Foundation
import Plot
import Racksim

/// `racksim report`: one self-contained HTML page with SVG charts of a run or a sweep.
///
/// The page has no script, no external style sheet, font or image and makes no request: the
/// CSS is inline, the charts are inline SVG (drawn by `LineChart`, `Heatmap`, `Histogram` and
/// `BarChart`), and it reads the same with JavaScript off. Every chart is an
/// `<svg class="chart" data-series="N">` with N `<g class="series">` inside. Time series keep at
/// most `Downsample.pointLimit` points per series, heatmaps at most 100 × 240 cells.
public enum ReportPage {
  /// The page for `path`: a sweep folder (it holds `sweep.csv`) or a run folder.
  /// - Throws: `ReportError` naming what is missing or malformed.
  public static func html(for path: String) throws(ReportError) -> String {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw ReportError("\(path): no such folder (give a run folder or a sweep folder)")
    }
    if FileManager.default.fileExists(atPath: path + "/sweep.csv") {
      return try SweepReport(folder: path).html
    }
    if FileManager.default.fileExists(atPath: path + "/summary.json") {
      return try RunReport(folder: path).html
    }
    throw ReportError(
      "\(path): neither summary.json (a run) nor sweep.csv (a sweep) is in this folder")
  }

  /// Writes the page for `path` to `output` (default `<path>/report.html`) atomically: the
  /// page is written under a hidden name and renamed into place. When the target folder is a
  /// run folder, the hidden file is written beside that folder, not in it, so the run folder
  /// never holds a partial file (a folder is complete or absent).
  /// - Returns: The file written.
  /// - Throws: `ReportError`.
  @discardableResult
  public static func write(for path: String, to output: String? = nil) throws(ReportError)
    -> String
  {
    let html = try html(for: path)
    let target = output ?? (path.hasSuffix("/") ? path : path + "/") + "report.html"
    let dir = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let pid = ProcessInfo.processInfo.processIdentifier
    let scratchDir =
      RunFolder.isRunFolder(dir.isEmpty ? "." : dir)
      ? ((dir as NSString).deletingLastPathComponent) : dir
    let scratch =
      (scratchDir.isEmpty ? "" : scratchDir + "/")
      + ".\((dir as NSString).lastPathComponent)-\(name).partial-\(pid)"
    do {
      try Data(html.utf8).write(to: URL(fileURLWithPath: scratch))
    } catch {
      throw ReportError("could not write \(target): \(error.localizedDescription)")
    }
    if rename(scratch, target) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: scratch)
      throw ReportError("could not write \(target): \(reason)")
    }
    return target
  }

  // MARK: - Page shell

  /// The document: inline CSS, a header, the sections and a footer.
  static func document(title: String, subtitle: String, sections: [ReportNode]) -> String {
    let page = HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .title(title),
        .style(css)
      ),
      .body(
        .header(.h1(.text(title)), .p(.class("subtitle"), .text(subtitle))),
        .main(.group(sections)),
        .footer(
          .p(
            .text(
              "Written by racksim \(RacksimVersion.current). Time series keep at most "
                + "\(Downsample.pointLimit) points per series (the minimum and maximum of "
                + "each bucket of consecutive samples); heatmaps at most 100 rows × 240 "
                + "columns (means of consecutive racks and samples).")))
      )
    )
    return page.render(indentedBy: nil) + "\n"
  }

  /// A section with a heading and charts.
  static func section(_ heading: String, _ nodes: [ReportNode]) -> ReportNode {
    .section(.h2(.text(heading)), .div(.class("charts"), .group(nodes)))
  }

  /// A two-column table of names and values.
  static func table(_ header: [String], _ rows: [[String]]) -> ReportNode {
    .table(
      .tr(.group(header.map { Node<HTML.TableRowContext>.th(.text($0)) })),
      .group(rows.map { row in .tr(.group(row.map { Node<HTML.TableRowContext>.td(.text($0)) })) }))
  }

  static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
    margin:0 auto;max-width:1500px;padding:0 24px 24px;color:#222;background:#fff}
    h1{font-size:24px;margin:20px 0 4px}h2{font-size:18px;margin:24px 0 8px;\
    border-bottom:1px solid #ddd}.subtitle{color:#555;margin:0}
    .charts{display:flex;flex-wrap:wrap;gap:16px}
    svg.chart{background:#fff;border:1px solid #e4e4e4;max-width:100%;height:auto}
    .chart-title{font-size:14px;font-weight:600}.tick{font-size:11px;fill:#444}
    .axis-label{font-size:12px;fill:#222}.axis{stroke:#444;stroke-width:1}
    .grid{stroke:#eee;stroke-width:1}.interval{stroke:#222;stroke-width:1.5;fill:none}
    table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;\
    padding:3px 8px;text-align:left}td{font-variant-numeric:tabular-nums}th{background:#f4f4f4}
    footer{color:#666;font-size:12px;margin-top:24px}
    """
}
