/// What every chart shares: the `<svg>` element with its `data-series` count, the title, the
/// axes with ticks, grid lines and labels, and the legend.
///
/// **Layout** (pixels, the SVG's own units): the plot area is `plot` inside a `width` ×
/// `height` canvas; the title sits above it, the y label left of the ticks, the x label under
/// them and the legend (one row of swatches, wrapping) under the x label.
struct ChartFrame {
  /// The canvas.
  var width: Double = 700
  var height: Double
  /// The plot area.
  var left: Double = 70
  var top: Double = 34
  var right: Double = 684
  var bottom: Double

  /// A frame with room for `legendItems` names of at most `longest` characters.
  init(plotHeight: Double = 220, legend names: [String]) {
    bottom = top + plotHeight
    let rows = Self.legendRows(names, width: right - left).count
    height = bottom + 48 + Double(rows) * 18
  }

  /// The chart: `<svg class="chart" data-series="N">` holding a title and `content`.
  /// - Parameter series: The number of `<g class="series">` groups in `content`.
  func svg(title: String, series: Int, _ content: [ReportNode]) -> ReportNode {
    SVG.element(
      "svg",
      [
        ("class", "chart"), ("data-series", String(series)), ("role", "img"),
        ("aria-label", title), ("xmlns", "http://www.w3.org/2000/svg"),
        ("viewBox", "0 0 \(SVG.coordinate(width)) \(SVG.coordinate(height))"),
        ("width", SVG.coordinate(width)), ("height", SVG.coordinate(height)),
      ],
      [
        SVG.element("title", [], [.text(title)]),
        SVG.text(title, [("x", SVG.coordinate(left)), ("y", "20"), ("class", "chart-title")]),
      ] + content)
  }

  /// The x axis along the bottom of the plot: a line, ticks with labels and the axis label.
  func xAxis(_ scale: ChartScale, label: String) -> ReportNode {
    var nodes = [line(left, bottom, right, bottom, "axis")]
    for t in scale.ticks {
      let x = scale.pixel(t)
      nodes.append(line(x, bottom, x, bottom + 5, "axis"))
      nodes.append(line(x, top, x, bottom, "grid"))
      nodes.append(
        SVG.text(
          scale.label(t),
          [
            ("x", SVG.coordinate(x)), ("y", SVG.coordinate(bottom + 18)),
            ("text-anchor", "middle"), ("class", "tick"),
          ]))
    }
    nodes.append(xLabel(label))
    return SVG.element("g", [("class", "x-axis")], nodes)
  }

  /// Category names under the plot, centred at `centres`.
  func categoryAxis(_ names: [String], centres: [Double], label: String) -> ReportNode {
    var nodes = [line(left, bottom, right, bottom, "axis")]
    for (name, x) in zip(names, centres) {
      nodes.append(
        SVG.text(
          name,
          [
            ("x", SVG.coordinate(x)), ("y", SVG.coordinate(bottom + 18)),
            ("text-anchor", "middle"), ("class", "tick"),
          ]))
    }
    nodes.append(xLabel(label))
    return SVG.element("g", [("class", "x-axis")], nodes)
  }

  /// The y axis along the left of the plot.
  func yAxis(_ scale: ChartScale, label: String) -> ReportNode {
    var nodes = [line(left, top, left, bottom, "axis")]
    for t in scale.ticks {
      let y = scale.pixel(t)
      nodes.append(line(left - 5, y, left, y, "axis"))
      nodes.append(line(left, y, right, y, "grid"))
      nodes.append(
        SVG.text(
          scale.label(t),
          [
            ("x", SVG.coordinate(left - 8)), ("y", SVG.coordinate(y + 4)),
            ("text-anchor", "end"), ("class", "tick"),
          ]))
    }
    let middle = (top + bottom) / 2
    nodes.append(
      SVG.text(
        label,
        [
          ("x", "14"), ("y", SVG.coordinate(middle)), ("text-anchor", "middle"),
          ("transform", "rotate(-90 14 \(SVG.coordinate(middle)))"), ("class", "axis-label"),
        ]))
    return SVG.element("g", [("class", "y-axis")], nodes)
  }

  /// One swatch and name per series, under the x label.
  func legend(_ names: [String]) -> ReportNode {
    var nodes: [ReportNode] = []
    var i = 0
    for (r, row) in Self.legendRows(names, width: right - left).enumerated() {
      let y = bottom + 52 + Double(r) * 18
      var x = left
      for name in row {
        nodes.append(
          SVG.element(
            "rect",
            [
              ("x", SVG.coordinate(x)), ("y", SVG.coordinate(y - 9)), ("width", "12"),
              ("height", "12"), ("fill", SVG.colour(i)),
            ]))
        nodes.append(
          SVG.text(
            name, [("x", SVG.coordinate(x + 16)), ("y", SVG.coordinate(y + 1)), ("class", "tick")]
          ))
        x += Self.legendWidth(name)
        i += 1
      }
    }
    return SVG.element("g", [("class", "legend")], nodes)
  }

  // MARK: - Private

  func xLabel(_ label: String) -> ReportNode {
    SVG.text(
      label,
      [
        ("x", SVG.coordinate((left + right) / 2)), ("y", SVG.coordinate(bottom + 36)),
        ("text-anchor", "middle"), ("class", "axis-label"),
      ])
  }

  func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String) -> ReportNode {
    SVG.element(
      "line",
      [
        ("x1", SVG.coordinate(x1)), ("y1", SVG.coordinate(y1)), ("x2", SVG.coordinate(x2)),
        ("y2", SVG.coordinate(y2)), ("class", cls),
      ])
  }

  /// An item's width: swatch, gap, about 7 px per character of 12 px text, and a margin.
  static func legendWidth(_ name: String) -> Double { 16 + 7 * Double(name.count) + 20 }

  static func legendRows(_ names: [String], width: Double) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var used = 0.0
    for name in names {
      let w = legendWidth(name)
      if !row.isEmpty && used + w > width {
        rows.append(row)
        row = []
        used = 0
      }
      row.append(name)
      used += w
    }
    if !row.isEmpty { rows.append(row) }
    return rows
  }
}
