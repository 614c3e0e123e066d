import Plot

/// A node of the report's body: HTML elements and the SVG elements inside a chart.
public typealias ReportNode = Node<HTML.BodyContext>

/// The small SVG vocabulary the charts are drawn with, on top of Plot's custom elements.
///
/// Plot escapes text nodes but writes attribute values as given, so every attribute value
/// passes through `escaped(_:)` here; user data (axis values, rack names) can hold `<`, `&` or
/// `"`. Coordinates are written with one decimal (a tenth of a pixel), which keeps a
/// 2,000-point polyline near 20 kB.
enum SVG {
  /// An element with attributes (name, value) in order, then children.
  static func element(
    _ name: String, _ attributes: [(String, String)] = [], _ children: [ReportNode] = []
  ) -> ReportNode {
    .element(
      named: name,
      nodes: attributes.map { ReportNode.attribute(named: $0.0, value: escaped($0.1)) } + children)
  }

  /// Text in an element, escaped by Plot.
  static func text(
    _ content: String, _ attributes: [(String, String)]
  ) -> ReportNode {
    element("text", attributes, [.text(content)])
  }

  /// `s` safe inside a double-quoted attribute.
  static func escaped(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A coordinate with one decimal, `-0` written `0`.
  static func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let tenths = (x * 10).rounded()
    if tenths == 0 { return "0" }
    let whole = Int(tenths / 10)
    let frac = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
    let sign = tenths < 0 && whole == 0 ? "-" : ""
    return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
  }

  /// The colours of series 0, 1, …, repeating after eight (Okabe–Ito, readable by people
  /// with the common colour-vision deficiencies).
  static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
  ]

  static func colour(_ i: Int) -> String { palette[i % palette.count] }
}
