import SimMath
import Testing

@Suite struct StudentTTests {
  /// Whether `actual` is within `relative` of `expected`, relatively.
  func isRelativelyClose(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    abs(actual - expected) <= relative * abs(expected)
  }

  // Critical values from the NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2
  // "Critical Values of the Student's t Distribution" (upper-tail α = 1 − p), three decimals,
  // so the computed quantile must be within 0.0005. ν = 10⁶ stands in for the table's ∞ row.
  static let table: [(p: Double, nu: Double, t: Double)] = [
    (0.975, 1, 12.706), (0.975, 10, 2.228), (0.975, 30, 2.042), (0.995, 5, 4.032),
    (0.90, 1, 3.078), (0.90, 5, 1.476), (0.95, 1, 6.314), (0.95, 10, 1.812),
    (0.99, 30, 2.457), (0.995, 100, 2.626), (0.975, 9, 2.262), (0.975, 1_000_000, 1.960),
  ]

  @Test(arguments: table)
  func quantileMatchesTheTextbookTable(_ row: (p: Double, nu: Double, t: Double)) {
    let t = StudentT.quantile(row.p, degreesOfFreedom: row.nu)
    #expect(abs(t - row.t) <= 0.0005, "t(\(row.p), \(row.nu)) = \(t), table \(row.t)")
  }

  @Test func quantileForOneDegreeOfFreedomIsTheCauchyQuantile() {
    // ν = 1 is the Cauchy distribution, F(t) = ½ + atan(t)/π, so t_p = tan(π(p − ½)):
    //   t_0.75 = tan(π/4) = 1;  t_0.975 = tan(0.475π) = cot(π/40) = 12.70620473617470464…
    //   (30 digits from mpmath 1.3 `cot(pi/40)`).
    #expect(isRelativelyClose(StudentT.quantile(0.75, degreesOfFreedom: 1), 1, relative: 1e-13))
    #expect(
      isRelativelyClose(
        StudentT.quantile(0.975, degreesOfFreedom: 1), 12.706_204_736_174_704_6, relative: 1e-13))
  }

  @Test(arguments: [0.6, 0.75, 0.9, 0.975, 0.995, 0.999_999])
  func quantileForTwoDegreesOfFreedomMatchesTheClosedForm(_ p: Double) {
    // ν = 2: F(t) = ½ + t/(2√(2 + t²)) (A&S 26.7.3). With α = 2p − 1, solving
    // α = t/√(2 + t²) gives t² = 2α²/(1 − α²), t_p = α·√(2/(1 − α²)).
    // E.g. p = 0.75: α = ½, t = √(2/3) = 0.8165 (table 0.816).
    let alpha = 2 * p - 1
    let expected = alpha * (2 / (1 - alpha * alpha)).squareRoot()
    let t = StudentT.quantile(p, degreesOfFreedom: 2)
    #expect(isRelativelyClose(t, expected, relative: 1e-11), "p = \(p): \(t) vs \(expected)")
  }

  @Test func lowerQuantilesAreNegatedUpperQuantiles() {
    // The t distribution is symmetric about 0: t_{1−p} = −t_p, and t_{½} = 0.
    for nu in [1.0, 3, 12.5, 200] {
      let upper = StudentT.quantile(0.975, degreesOfFreedom: nu)
      let lower = StudentT.quantile(0.025, degreesOfFreedom: nu)
      #expect(isRelativelyClose(lower, -upper, relative: 1e-12), "ν = \(nu)")
      #expect(StudentT.quantile(0.5, degreesOfFreedom: nu) == 0)
    }
  }

  @Test func criticalValueIsTheUpperQuantileOfHalfTheRest() {
    // Two-sided c = 0.95 leaves 0.025 in each tail: the 0.975 quantile (table ν = 10: 2.228).
    let critical = StudentT.criticalValue(confidence: 0.95, degreesOfFreedom: 10)
    let quantile = StudentT.quantile(0.975, degreesOfFreedom: 10)
    #expect(isRelativelyClose(critical, quantile, relative: 1e-12))
  }

  @Test func cumulativeProbabilityByHand() {
    // ν = 1: F(1) = ½ + atan(1)/π = ½ + ¼ = 0.75, and F(−1) = 0.25 by symmetry.
    // ν = 2: F(2) = ½ + 2/(2√6) = ½ + 1/√6 = 0.908248290463863…
    #expect(isClose(StudentT.cumulativeProbability(1, degreesOfFreedom: 1), 0.75))
    #expect(isClose(StudentT.cumulativeProbability(-1, degreesOfFreedom: 1), 0.25))
    #expect(isClose(StudentT.cumulativeProbability(0, degreesOfFreedom: 7), 0.5))
    #expect(
      isClose(
        StudentT.cumulativeProbability(2, degreesOfFreedom: 2), 0.5 + 1 / 6.0.squareRoot()))
    #expect(StudentT.cumulativeProbability(.infinity, degreesOfFreedom: 3) == 1)
  }

  @Test(arguments: [1.0, 2.5, 7, 50, 1_000])
  func cumulativeProbabilityInvertsTheQuantile(_ nu: Double) {
    // F(t_p) = p: checks the root finder stops at the root, in the tails too (compared as
    // upper-tail probabilities 1 − p, where the relative error matters).
    for p in [0.51, 0.6, 0.9, 0.95, 0.99, 0.999, 0.999_999, 1 - 1e-10] {
      let t = StudentT.quantile(p, degreesOfFreedom: nu)
      let tail = 1 - StudentT.cumulativeProbability(t, degreesOfFreedom: nu)
      #expect(isRelativelyClose(tail, 1 - p, relative: 1e-9), "ν = \(nu), p = \(p): t = \(t)")
    }
  }
}
