import RacksimTestSupport
import SimKernel
import Testing

@testable import Racksim

/// The allocation-free formatter against a plain String reference of the documented rule:
/// scale by 10^d, round half away from zero, print integer part, '.', d zero-padded digits;
/// '-' only when the rounded value is not zero.
@Suite struct FixedDecimalTests {
  static func reference(_ x: Double, _ d: Int) -> String {
    guard x.isFinite else { return "" }
    var p = 1.0
    for _ in 0..<d { p *= 10 }
    let scaled = (abs(x) * p).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e18 else { return x.description }
    let n = UInt64(scaled)
    var q: UInt64 = 1
    for _ in 0..<d { q *= 10 }
    let sign = x < 0 && n != 0 ? "-" : ""
    guard d > 0 else { return sign + String(n) }
    let fraction = String(n % q)
    return sign + String(n / q) + "." + String(repeating: "0", count: d - fraction.count) + fraction
  }

  @Test func handPickedValues() {
    #expect(FixedDecimal.format(0, decimals: 3) == "0.000")
    #expect(FixedDecimal.format(1.0005, decimals: 3) == "1.001")
    #expect(FixedDecimal.format(-0.0004, decimals: 3) == "0.000")
    #expect(FixedDecimal.format(-2.5, decimals: 0) == "-3")
    #expect(FixedDecimal.format(604800, decimals: 3) == "604800.000")
    #expect(FixedDecimal.format(.nan, decimals: 3) == "")
    #expect(FixedDecimal.format(1e300, decimals: 3) == "1e+300")
  }

  @Test func agreesWithTheReferenceOnRandomValues() {
    var random = RandomStream(seed: 5, name: "fixed-decimal")
    for k in 0..<20_000 {
      let magnitude = random.nextDouble() * 16 - 4
      var x = (random.nextDouble() - 0.3) * Double.pow10(magnitude)
      if k % 7 == 0 { x = (x * 1000).rounded() / 1000 }
      let d = random.nextInt(below: 10)
      #expect(
        FixedDecimal.format(x, decimals: d) == Self.reference(x, d), "value \(x), \(d) decimals")
    }
  }
}

extension Double {
  fileprivate static func pow10(_ e: Double) -> Double {
    var r = 1.0
    let whole = Int(e.rounded(.down))
    for _ in 0..<abs(whole) { r = whole > 0 ? r * 10 : r / 10 }
    return r * (1 + (e - Double(whole)) * 9)
  }
}
