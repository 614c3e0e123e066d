/// A line chart: one polyline per series over a shared x axis, with a legend.
///
/// Each series is one `<g class="series">` and the `<svg>` carries `data-series` = the number
/// of series, so a test (or a reader of the page's source) can count them. Series are drawn
/// as given; callers bound their length with `Downsample.minMax` (at most 2,000 points).
public struct LineChart: Sendable {
  /// One named line.
  public struct Series: Sendable, Equatable {
    /// The legend's name.
    public var name: String
    /// The x values, ascending.
    public var x: [Double]
    /// The y values, one per x.
    public var y: [Double]

    /// A series of the points `(x[i], y[i])`.
    public init(name: String, x: [Double], y: [Double]) {
      self.name = name
      self.x = x
      self.y = y
    }
  }

  /// The chart's title.
  public var title: String
  /// The x axis label (with its unit).
  public var xLabel: String
  /// The y axis label (with its unit).
  public var yLabel: String
  /// The lines, in legend order.
  public var series: [Series]
  /// A log₁₀ x axis (for distributions over several orders of magnitude).
  public var logX: Bool
  /// Whether the y axis starts at zero (or below, for negative values).
  public var yFromZero: Bool

  /// A chart of `series`.
  public init(
    title: String, xLabel: String, yLabel: String, series: [Series], logX: Bool = false,
    yFromZero: Bool = true
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.logX = logX
    self.yFromZero = yFromZero
  }

  /// The chart as an `<svg>` node.
  public var node: ReportNode {
    let frame = ChartFrame(legend: series.map(\.name))
    let xs = series.flatMap(\.x)
    let x =
      logX
      ? ChartScale(log: xs, pixels: frame.left, frame.right)
      : ChartScale(linear: xs, pixels: frame.left, frame.right, tight: true)
    let y = ChartScale(
      linear: series.flatMap(\.y), pixels: frame.bottom, frame.top, includeZero: yFromZero)
    var content = [frame.xAxis(x, label: xLabel), frame.yAxis(y, label: yLabel)]
    for (i, s) in series.enumerated() {
      var points = ""
      points.reserveCapacity(s.x.count * 12)
      for (px, py) in zip(s.x, s.y) where px.isFinite && py.isFinite {
        if !points.isEmpty { points += " " }
        points += SVG.coordinate(x.pixel(px)) + "," + SVG.coordinate(y.pixel(py))
      }
      content.append(
        SVG.element(
          "g", [("class", "series"), ("data-name", s.name)],
          [
            SVG.element(
              "polyline",
              [
                ("points", points), ("fill", "none"), ("stroke", SVG.colour(i)),
                ("stroke-width", "1.5"),
              ])
          ]))
    }
    content.append(frame.legend(series.map(\.name)))
    return frame.svg(title: title, series: series.count, content)
  }
}
