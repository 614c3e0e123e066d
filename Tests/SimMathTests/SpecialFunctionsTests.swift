import SimMath
import Testing

@Suite struct SpecialFunctionsTests {
  @Test func incompleteBetaWithIntegerShapesIsABinomialTail() {
    // For integer a, b: I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a) (A&S 26.5.24).
    // a = 2, b = 3, x = ¼ (below (a+1)/(a+b+2) = 3/7, the direct continued fraction):
    //   C(4,2)(¼)²(¾)² + C(4,3)(¼)³(¾) + (¼)⁴ = (54 + 12 + 1)/256 = 67/256.
    // x = ¾ (above 3/7, the 1 − I_{1−x}(b, a) branch): 1 − P(0) − P(1)
    //   = 1 − (¼)⁴ − 4(¾)(¼)³ = 1 − 1/256 − 12/256 = 243/256.
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(0.25, a: 2, b: 3), 67.0 / 256))
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(0.75, a: 2, b: 3), 243.0 / 256))
  }

  @Test func incompleteBetaClosedForms() {
    // I_x(1, 1) = x (uniform CDF). I_x(a, 1) = xᵃ: I_0.5(3, 1) = 1/8.
    // I_x(½, ½) = (2/π) asin √x (arcsine law): x = ¼ → (2/π)(π/6) = 1/3.
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(0.3, a: 1, b: 1), 0.3))
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 3, b: 1), 0.125))
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(0.25, a: 0.5, b: 0.5), 1.0 / 3))
    #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
    #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
  }
}
