// The regularised incomplete beta function, in portable arithmetic.
//
// Model:
// - I_x(a, b) = B(x; a, b) / B(a, b), by the continued fraction of Abramowitz & Stegun 26.5.8,
//     I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))),
//     d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
//     d_{2m}   = m (b − m) x / ((a + 2m − 1)(a + 2m)),
//   evaluated by the modified Lentz method (Thompson & Barnett 1986). It converges quickly for
//   x < (a + 1)/(a + b + 2); above that we use I_x(a, b) = 1 − I_{1−x}(b, a).
// - B(a, b) enters through ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), with
//   `PortableMath.logGamma`. For large a the difference cancels: about 1e−10 relative at
//   a = 5·10⁵.
//
// Portability: only +, −, ×, ÷ (correctly rounded by IEEE 754) and `PortableMath`, so every
// machine computes the same bits (DESIGN.md principle 1). No libm.
import SimKernel

/// Special functions needed by `StudentT`, computed with `PortableMath` only.
///
/// ln Γ lives in `SimKernel.PortableMath.logGamma`.
public enum SpecialFunctions {
  /// The regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
  ///
  /// - Parameters:
  ///   - x: The upper limit of integration, in [0, 1].
  ///   - a: The first shape parameter, > 0.
  ///   - b: The second shape parameter, > 0.
  /// - Returns: A probability in [0, 1], increasing in `x`.
  /// - Complexity: O(√max(a, b)) continued-fraction terms in the worst case, usually a few.
  public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    precondition(0 <= x && x <= 1, "x must be in [0, 1], got \(x)")
    return regularizedIncompleteBeta(x: x, complement: 1 - x, a: a, b: b)
  }

  // MARK: - Internal

  /// I_x(a, b), with the complement y = 1 − x passed separately so a caller that knows it more
  /// precisely than `1 - x` (e.g. y = t²/(ν + t²) for small t) keeps that precision.
  static func regularizedIncompleteBeta(
    x: Double, complement y: Double, a: Double, b: Double
  ) -> Double {
    precondition(a > 0 && b > 0, "shape parameters must be positive, got a = \(a), b = \(b)")
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // ln of x^a y^b / B(a, b).
    let logFront =
      PortableMath.logGamma(a + b) - PortableMath.logGamma(a) - PortableMath.logGamma(b)
      + a * PortableMath.log(x) + b * PortableMath.log(y)
    let front = PortableMath.exp(logFront)
    if x < (a + 1) / (a + b + 2) {
      return front * betaContinuedFraction(x, a: a, b: b) / a
    }
    return 1 - front * betaContinuedFraction(y, a: b, b: a) / b
  }

  // MARK: - Private

  /// The continued fraction 1/(1 + d₁/(1 + d₂/…)) by the modified Lentz method.
  ///
  /// - Complexity: O(√max(a, b)) iterations at most; stops when a step changes the value by
  ///   less than one part in 1e16, or after 100,000 iterations.
  private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300  // keeps a zero denominator from dividing by zero (Lentz)
    func nonZero(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
    var c = 1.0
    var d = 1 / nonZero(1 - (a + b) * x / (a + 1))
    var h = d
    for m in 1...100_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 / nonZero(1 + even * d)
      c = nonZero(1 + even / c)
      h *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 / nonZero(1 + odd * d)
      c = nonZero(1 + odd / c)
      let step = d * c
      h *= step
      if abs(step - 1) <= 1e-16 { break }
    }
    return h
  }
}
