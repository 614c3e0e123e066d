import Foundation
import Testing

@testable import Experiments

/// The report's chart writer: scales, downsampling, bins, series counts and escaping, each
/// expected value worked out by hand in the comment next to it.
@Suite struct ReportChartTests {
  /// Heckbert's nice numbers: 23 = 2.3 × 10¹ → 5 × 10¹; 0.9 → 1; 1.5 → 2; 0.07 → 0.1.
  @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(ChartScale.niceStep(23) == 50)
    #expect(ChartScale.niceStep(0.9) == 1)
    #expect(ChartScale.niceStep(1.5) == 2)
    #expect(abs(ChartScale.niceStep(0.07) - 0.1) < 1e-12)
  }

  /// [0, 7.3] with 6 ticks: raw step 7.3 / 5 = 1.46 → 2, domain widened to [0, 8], ticks
  /// 0 2 4 6 8. Tight: the domain stays [0.5, 7.3] and the ticks are 2, 4, 6 (and 0.5 … 1.46
  /// has no whole step of 2 but none below 0.5, so the first is 2).
  @Test func linearScalesWidenToWholeStepsUnlessTight() {
    let wide = ChartScale(linear: [0, 7.3], pixels: 0, 100)
    #expect(wide.ticks == [0, 2, 4, 6, 8])
    #expect(wide.low == 0 && wide.high == 8)
    #expect(wide.pixel(4) == 50)  // half of [0, 8] onto [0, 100]
    let tight = ChartScale(linear: [0.5, 7.3], pixels: 0, 100, tight: true)
    #expect(tight.ticks == [2, 4, 6])
    #expect(tight.low == 0.5 && tight.high == 7.3)
  }

  /// A log scale over 3 … 4,500: 10⁰ … 10⁴ (log10 3 = 0.48 down to 0, log10 4500 = 3.65 up
  /// to 4), one tick per power of ten; 100 is half way (2 of 4 decades).
  @Test func logScalesTickEveryPowerOfTen() {
    let s = ChartScale(log: [3, 4500, 0], pixels: 0, 400)
    #expect(s.ticks == [1, 10, 100, 1000, 10000])
    #expect(abs(s.pixel(100) - 200) < 1e-9)
    #expect(s.pixel(0) == 0)  // non-positive values sit at the left end
  }

  /// 10 points, limit 4: 2 buckets, indices 0 … 4 and 5 … 9; y = i, so each keeps its first
  /// (minimum) and last (maximum): 0, 4, 5, 9. A series no longer than the limit is kept whole.
  @Test func minMaxBucketsKeepEachBucketsExtremes() {
    let y = (0..<10).map(Double.init)
    #expect(Downsample.minMax(y, limit: 4) == [0, 4, 5, 9])
    #expect(Downsample.minMax(y, limit: 10) == Array(0..<10))
    // A spike survives: y = 0 except 7 at index 6; bucket 5 … 9 keeps its min (5, the first
    // of the equal zeros) and its max (6).
    var spike = [Double](repeating: 0, count: 10)
    spike[6] = 7
    #expect(Downsample.minMax(spike, limit: 4) == [0, 5, 6])
  }

  /// A 30-day run sampled every 15 min has 2,880 samples; the chart keeps at most 2,000.
  @Test func aMonthOfSamplesIsBoundedToTheLimit() {
    let y = (0..<2_880).map { Double(($0 * 7919) % 1000) }
    let keep = Downsample.minMax(y)
    #expect(keep.count <= Downsample.pointLimit)
    #expect(keep == keep.sorted())  // time order
    #expect(keep.contains(y.firstIndex(of: 999) ?? -1))  // the global maximum survives
  }

  /// CDF of [3, 1, 2] with 2 points: sorted 1 2 3; points k = 0, 1 are order statistics
  /// i = 0 and i = 1 · 2 / 1 = 2: (1, 1/3) and (3, 3/3).
  @Test func cdfPointsAreOrderStatistics() {
    let (x, y) = Downsample.cdf([3, 1, 2], limit: 2)
    #expect(x == [1, 3])
    #expect(y == [1.0 / 3, 1])
  }

  /// 0 … 9: ⌈√10⌉ = 4 bins, raised to the minimum of 10; width 0.9, so v lands in ⌊v / 0.9⌋
  /// = v for v < 9 and 9 goes to the last bin: one value per bin.
  @Test func histogramBinsAreEqualWidth() {
    let h = Histogram(title: "t", xLabel: "x", name: "n", values: (0..<10).map(Double.init))
    let (edges, counts) = h.bins
    #expect(counts == [Int](repeating: 1, count: 10))
    #expect(edges.count == 11)
    #expect(edges.first == 0 && edges.last == 9)
  }

  /// Coordinates have one decimal: 1.25 → 12.5 tenths → 13 (half away from zero) → "1.3";
  /// −0.04 rounds to 0 (no "-0"); −0.5 stays; 12 has no decimal.
  @Test func coordinatesHaveOneDecimal() {
    #expect(SVG.coordinate(1.25) == "1.3")
    #expect(SVG.coordinate(-0.04) == "0")
    #expect(SVG.coordinate(-0.5) == "-0.5")
    #expect(SVG.coordinate(12) == "12")
    #expect(SVG.coordinate(-12.34) == "-12.3")
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// Three series: `data-series="3"` and three `<g class="series"` groups.
  @Test func aLineChartCarriesItsSeriesCount() {
    let series = (0..<3).map {
      LineChart.Series(name: "s\($0)", x: [0, 1, 2], y: [0, Double($0), 1])
    }
    let svg = LineChart(title: "t", xLabel: "x", yLabel: "y", series: series).node.render()
    #expect(svg.contains("data-series=\"3\""))
    #expect(Self.count("<g class=\"series\"", in: svg) == 3)
    #expect(Self.count("<polyline", in: svg) == 3)
  }

  /// User data in names is escaped in attributes and text: `<` `&` `"` never appear raw, so a
  /// value such as `<script>` cannot become an element.
  @Test func namesAreEscaped() {
    #expect(SVG.escaped("a<b&\"c\">") == "a&lt;b&amp;&quot;c&quot;&gt;")
    let chart = BarChart(
      title: "t", xLabel: "x", yLabel: "y", groups: ["<script>"],
      series: [.init(name: "a\"b", bars: [.init(value: 1, halfWidth: 0.5)])])
    let svg = chart.node.render()
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;"))
    #expect(svg.contains("data-name=\"a&quot;b\""))
    #expect(Self.count("class=\"interval\"", in: svg) == 1)
  }

  /// The fast decimal reader agrees exactly with `Double(String)` on random decimals of up to
  /// 15 significant digits (the form every run CSV uses).
  @Test func fastDecimalsMatchTheStandardParser() {
    let seed: UInt64 = 20_261_201
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    for _ in 0..<5_000 {
      let intDigits = Int(next() % 8)
      let fracDigits = Int(next() % (15 - UInt64(intDigits)))
      var text = next() % 4 == 0 ? "-" : ""
      text += intDigits == 0 ? "0" : String(next() % UInt64(pow(10.0, Double(intDigits))))
      if fracDigits > 0 {
        text += "." + (0..<fracDigits).map { _ in String(next() % 10) }.joined()
      }
      let bytes = Array(text.utf8)
      let fast = bytes.withUnsafeBufferPointer { CSVScanner.fastDecimal($0, 0..<$0.count) }
      #expect(fast == Double(text), "seed \(seed): \(text)")
    }
  }
}
