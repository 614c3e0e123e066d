/// A histogram of one sample: equal-width bins over [min, max], one bar per bin.
///
/// **Bins.** k = ⌈√n⌉ clamped to 10 … 40 bins of width (max − min) / k; a value v falls in bin
/// ⌊(v − min) / width⌋, the maximum in the last bin. The chart is one series
/// (`<g class="series">`, `data-series="1"`) whose bars' heights are the counts.
public struct Histogram: Sendable {
  /// The chart's title.
  public var title: String
  /// The x axis label (with its unit).
  public var xLabel: String
  /// The sample's name (the legend).
  public var name: String
  /// The sample.
  public var values: [Double]

  /// A histogram of `values` (non-finite values are left out).
  public init(title: String, xLabel: String, name: String, values: [Double]) {
    self.title = title
    self.xLabel = xLabel
    self.name = name
    self.values = values.filter(\.isFinite)
  }

  /// The bin counts and the edges (`counts.count + 1` edges).
  public var bins: (edges: [Double], counts: [Int]) {
    guard let lo = values.min(), let hi = values.max() else { return ([0, 1], [0]) }
    var k = 1
    while k * k < values.count { k += 1 }
    k = min(max(k, 10), 40)
    let width = hi > lo ? (hi - lo) / Double(k) : 1
    var counts = [Int](repeating: 0, count: k)
    for v in values {
      let b = hi > lo ? Int((v - lo) / width) : 0
      counts[min(max(b, 0), k - 1)] += 1
    }
    return ((0...k).map { lo + Double($0) * width }, counts)
  }

  /// The chart as an `<svg>` node.
  public var node: ReportNode {
    let frame = ChartFrame(legend: [name])
    let (edges, counts) = bins
    let x = ChartScale(
      linear: [edges[0], edges[edges.count - 1]], pixels: frame.left, frame.right,
      tight: true)
    let y = ChartScale(
      linear: counts.map(Double.init), pixels: frame.bottom, frame.top, includeZero: true)
    var bars: [ReportNode] = []
    for (b, c) in counts.enumerated() where c > 0 {
      let x0 = x.pixel(edges[b])
      let x1 = x.pixel(edges[b + 1])
      let top = y.pixel(Double(c))
      bars.append(
        SVG.element(
          "rect",
          [
            ("x", SVG.coordinate(x0)), ("y", SVG.coordinate(top)),
            ("width", SVG.coordinate(max(x1 - x0 - 1, 0.5))),
            ("height", SVG.coordinate(y.pixel(0) - top)), ("fill", SVG.colour(0)),
          ],
          [
            SVG.element(
              "title", [], [.text("\(c) in [\(x.label(edges[b])), \(x.label(edges[b + 1])))")])
          ]))
    }
    let content = [
      frame.xAxis(x, label: xLabel), frame.yAxis(y, label: "count"),
      SVG.element("g", [("class", "series"), ("data-name", name)], bars),
      frame.legend([name]),
    ]
    return frame.svg(title: title, series: 1, content)
  }
}
