/// Grouped bars with interval bars: for a sweep, one group per configuration of the other
/// axes, one series per value of the last axis, each bar the mean over replications with its
/// 95 % Student-t interval drawn as a whisker.
///
/// Each series is one `<g class="series">`; the `<svg>` carries `data-series` = their number.
public struct BarChart: Sendable {
  /// One bar: a mean and the interval's half-width (nil for a single replication).
  public struct Bar: Sendable, Equatable {
    /// The bar's height.
    public var value: Double
    /// The whisker's half-width, nil when there is none.
    public var halfWidth: Double?

    /// A bar of `value` ± `halfWidth`.
    public init(value: Double, halfWidth: Double?) {
      self.value = value
      self.halfWidth = halfWidth
    }
  }

  /// One series: its name and one bar per group (nil where the group has no value).
  public struct Series: Sendable, Equatable {
    /// The legend's name.
    public var name: String
    /// One bar per group.
    public var bars: [Bar?]

    /// A series.
    public init(name: String, bars: [Bar?]) {
      self.name = name
      self.bars = bars
    }
  }

  /// The chart's title.
  public var title: String
  /// The group axis's label.
  public var xLabel: String
  /// The value's label (with its unit).
  public var yLabel: String
  /// The groups' names, in order.
  public var groups: [String]
  /// The series, in legend order.
  public var series: [Series]

  /// A chart of `series` over `groups`.
  public init(title: String, xLabel: String, yLabel: String, groups: [String], series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.groups = groups
    self.series = series
  }

  /// The chart as an `<svg>` node.
  public var node: ReportNode {
    let frame = ChartFrame(legend: series.map(\.name))
    var extent: [Double] = []
    for s in series {
      for case let bar? in s.bars {
        extent.append(bar.value)
        if let h = bar.halfWidth { extent += [bar.value - h, bar.value + h] }
      }
    }
    let y = ChartScale(linear: extent, pixels: frame.bottom, frame.top, includeZero: true)
    let slot = (frame.right - frame.left) / Double(max(groups.count, 1))
    let barWidth = slot * 0.8 / Double(max(series.count, 1))
    let centres = groups.indices.map { frame.left + (Double($0) + 0.5) * slot }
    var content = [frame.categoryAxis(groups, centres: centres, label: xLabel)]
    content.append(frame.yAxis(y, label: yLabel))
    let zero = y.pixel(0)
    for (i, s) in series.enumerated() {
      var nodes: [ReportNode] = []
      for (g, bar) in s.bars.enumerated() where g < groups.count {
        guard let bar, bar.value.isFinite else { continue }
        let x0 = frame.left + Double(g) * slot + slot * 0.1 + Double(i) * barWidth
        let top = y.pixel(bar.value)
        let tip =
          "\(s.name) @ \(groups[g]): \(NumberText.format(bar.value))"
          + (bar.halfWidth.map { " ± \(NumberText.format($0))" } ?? "")
        nodes.append(
          SVG.element(
            "rect",
            [
              ("x", SVG.coordinate(x0)), ("y", SVG.coordinate(min(top, zero))),
              ("width", SVG.coordinate(max(barWidth - 2, 1))),
              ("height", SVG.coordinate(abs(zero - top))), ("fill", SVG.colour(i)),
            ], [SVG.element("title", [], [.text(tip)])]))
        if let h = bar.halfWidth, h.isFinite {
          let cx = x0 + (barWidth - 2) / 2
          let lo = y.pixel(bar.value - h)
          let hi = y.pixel(bar.value + h)
          let d =
            "M\(SVG.coordinate(cx)) \(SVG.coordinate(lo))V\(SVG.coordinate(hi))"
            + "M\(SVG.coordinate(cx - 5)) \(SVG.coordinate(lo))h10"
            + "M\(SVG.coordinate(cx - 5)) \(SVG.coordinate(hi))h10"
          nodes.append(SVG.element("path", [("d", d), ("class", "interval")]))
        }
      }
      content.append(SVG.element("g", [("class", "series"), ("data-name", s.name)], nodes))
    }
    content.append(frame.legend(series.map(\.name)))
    return frame.svg(title: title, series: series.count, content)
  }
}
