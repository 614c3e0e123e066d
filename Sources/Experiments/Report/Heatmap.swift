import Foundation

/// A heatmap: one row per rack (or group of racks), one column per time bucket, each cell's
/// colour the value on a sequential scale from the smallest to the largest value, with a
/// colour bar under the plot.
///
/// Each row is one `<g class="series">` and `data-series` is the number of rows. Missing
/// cells (NaN) are left blank; neighbouring cells of one colour are drawn as one rect.
public struct Heatmap: Sendable {
  /// The chart's title.
  public var title: String
  /// The x axis label (with its unit).
  public var xLabel: String
  /// The value's label (with its unit), shown on the colour bar.
  public var valueLabel: String
  /// The rows' names, top to bottom.
  public var rows: [String]
  /// Each column's start on the x axis, ascending; `columnEnd` is the last column's end.
  public var columnStarts: [Double]
  /// The end of the last column.
  public var columnEnd: Double
  /// `values[row][column]`.
  public var values: [[Double]]

  /// A heatmap of `values`.
  public init(
    title: String, xLabel: String, valueLabel: String, rows: [String], columnStarts: [Double],
    columnEnd: Double, values: [[Double]]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.valueLabel = valueLabel
    self.rows = rows
    self.columnStarts = columnStarts
    self.columnEnd = columnEnd
    self.values = values
  }

  /// The chart as an `<svg>` node.
  public var node: ReportNode {
    var frame = ChartFrame(legend: [])
    let rowHeight = max(2, min(16, 240 / Double(max(rows.count, 1))))
    // Room for the longest row label (about 6.2 px per character of 11 px text).
    let longest = rows.map(\.count).max() ?? 0
    frame.left = min(300, max(90, 16 + 6.2 * Double(longest)))
    frame.bottom = frame.top + rowHeight * Double(rows.count)
    frame.height = frame.bottom + 80
    let x = ChartScale(
      linear: [columnStarts.first ?? 0, columnEnd], pixels: frame.left, frame.right, tight: true)
    var lo = Double.infinity
    var hi = -Double.infinity
    for row in values { for v in row where v.isFinite { (lo, hi) = (min(lo, v), max(hi, v)) } }
    if !lo.isFinite { (lo, hi) = (0, 1) }
    var content = [frame.xAxis(x, label: xLabel)]
    let labelEvery = Int((12 / rowHeight).rounded(.up))
    for (r, name) in rows.enumerated() {
      let y0 = frame.top + Double(r) * rowHeight
      var cells: [ReportNode] = []
      // Neighbouring cells of the same colour are one rect (a saturated row is a few rects).
      var run: (x0: Double, x1: Double, fill: String)? = nil
      func flush() {
        guard let r = run else { return }
        cells.append(
          SVG.element(
            "rect",
            [
              ("x", SVG.coordinate(r.x0)), ("y", SVG.coordinate(y0)),
              ("width", SVG.coordinate(max(r.x1 - r.x0, 0.3))),
              ("height", SVG.coordinate(rowHeight)), ("fill", r.fill),
            ]))
        run = nil
      }
      for (c, v) in values[r].enumerated() where c < columnStarts.count {
        guard v.isFinite else {
          flush()
          continue
        }
        let x0 = x.pixel(columnStarts[c])
        let x1 = x.pixel(c + 1 < columnStarts.count ? columnStarts[c + 1] : columnEnd)
        let fill = Self.colour(hi > lo ? (v - lo) / (hi - lo) : 0.5)
        if let current = run, current.fill == fill, abs(current.x1 - x0) < 1e-9 {
          run?.x1 = x1
        } else {
          flush()
          run = (x0, x1, fill)
        }
      }
      flush()
      if r % labelEvery == 0 {
        cells.append(
          SVG.text(
            name,
            [
              ("x", SVG.coordinate(frame.left - 6)), ("y", SVG.coordinate(y0 + rowHeight / 2 + 4)),
              ("text-anchor", "end"), ("class", "tick"),
            ]))
      }
      content.append(SVG.element("g", [("class", "series"), ("data-name", name)], cells))
    }
    content.append(colourBar(frame, lo: lo, hi: hi))
    return frame.svg(title: title, series: rows.count, content)
  }

  // MARK: - Private

  /// A colour bar of 50 steps under the x label, labelled at both ends.
  func colourBar(_ frame: ChartFrame, lo: Double, hi: Double) -> ReportNode {
    let y = frame.bottom + 48
    let width = 300.0
    var nodes: [ReportNode] = []
    for k in 0..<50 {
      nodes.append(
        SVG.element(
          "rect",
          [
            ("x", SVG.coordinate(frame.left + Double(k) * width / 50)), ("y", SVG.coordinate(y)),
            ("width", SVG.coordinate(width / 50 + 0.5)), ("height", "10"),
            ("fill", Self.colour(Double(k) / 49)),
          ]))
    }
    let text = { (s: String, x: Double, anchor: String) in
      SVG.text(
        s,
        [
          ("x", SVG.coordinate(x)), ("y", SVG.coordinate(y + 24)), ("text-anchor", anchor),
          ("class", "tick"),
        ])
    }
    nodes.append(text(NumberText.format(Self.rounded(lo)), frame.left, "start"))
    nodes.append(text(valueLabel, frame.left + width / 2, "middle"))
    nodes.append(text(NumberText.format(Self.rounded(hi)), frame.left + width, "end"))
    return SVG.element("g", [("class", "colour-bar")], nodes)
  }

  static func rounded(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }

  /// A sequential colour for `t` in [0, 1]: linear between five stops of viridis (dark blue
  /// → teal → green → yellow), so that value order is lightness order.
  static func colour(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [
      (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]
    let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
    let i = min(Int(u), stops.count - 2)
    let f = u - Double(i)
    let (a, b) = (stops[i], stops[i + 1])
    func hex(_ x: Double, _ y: Double) -> String {
      String(format: "%02x", Int((x + (y - x) * f).rounded()))
    }
    return "#" + hex(a.0, b.0) + hex(a.1, b.1) + hex(a.2, b.2)
  }
}
