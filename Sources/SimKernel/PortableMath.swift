// Portable elementary functions: the same bits on every machine.
//
// Why: libm's `log`/`exp`/`pow` may differ in the last bit between platforms and library
// versions, and one different bit in a random variate changes every later event (DESIGN.md
// principle 1). Everything below uses only IEEE-754 double operations that are correctly
// rounded by definition (+, -, *, /, `squareRoot()`, comparisons, `rounded()`), and bit
// manipulation of `Double`. Swift never contracts `a * b + c` into a fused multiply-add, so the
// evaluation order written here is the order executed.
//
// Building block: double-double arithmetic. A value is carried as an unevaluated sum hi + lo
// with |lo| ≤ ulp(hi)/2. `twoSum` (Knuth) and `twoProd` (Dekker's splitting by 2²⁷+1) return
// the exact rounding error of one addition or multiplication, so intermediate results keep
// about 100 bits until the final `hi + lo`.
//
// log(x) (fdlibm-style reduction, series from the definition of atanh):
//   x = 2^k · m with m in (√2/2, √2], f = m − 1 (exact), s = f/(2 + f), |s| ≤ 3 − 2√2 ≈ 0.1716.
//   log m = 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + … + s²⁴/25), truncation < 2⁻⁷⁰ relative.
//   s, s² and s²/3 are carried as double-doubles; the higher terms (≤ 2⁻¹² of the total) in
//   plain doubles. log x = k·ln2 + log m, with ln2 split so k·ln2_hi is exact.
//   Relative error of the double-double ≈ 2⁻⁶⁴, so the rounded result is within ~0.5 ulp.
//
// exp(x) (fdlibm's method with Taylor coefficients):
//   x = k·ln2 + r with k = round(x/ln2), |r| ≤ ln2/2 (r carried as a double-double).
//   With R(r) = r·(eʳ + 1)/(eʳ − 1) = r·coth(r/2) = 2 + Σ 2·B₂ₙ·r²ⁿ/(2n)!
//            = 2 + r²/6 − r⁴/360 + r⁶/15120 − r⁸/604800 + r¹⁰/23950080
//              − 691·r¹²/653837184000 + r¹⁴/37362124800 + O(r¹⁶)   (B₂ₙ Bernoulli numbers),
//   c = r − (R − 2) and eʳ = 1 + r + r·c/(2 − c) exactly; truncating after r¹⁴ errs by
//   < 2⁻⁷⁰. The result is 2^k · eʳ, scaled through the exponent bits.
//
// pow(x, y) = exp(y · log x), where log x is kept as a double-double, y·log x is formed with an
//   exact product and passed to exp as a double-double, so |y·log x| up to 745 loses no bits.
//
// log1p, expm1: the same kernels, with 1 + x and eˣ − 1 formed exactly as double-doubles.
//
// gamma, logGamma (x > 0): shift up with Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1)) until z = x + n ≥ 10
//   (the product and z as double-doubles), then Stirling's series
//   ln Γ(z) = (z − ½)·ln z − z + ½·ln(2π) + Σₙ B₂ₙ/(2n(2n − 1)·z²ⁿ⁻¹), n = 1…8
//   (1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, −3617/122400; the first omitted
//   term is < 2⁻⁶² of ln Γ(10)). Γ(x) = exp(ln Γ(x)) through the double-double exp.
//
// Constants (hexadecimal, so no decimal conversion is involved) were computed to 300 bits:
//   ln2 = 0x1.62e42fefa39ef35793c…p-1, split as ln2Hi42 (its top 42 bits, so k·ln2Hi42 is exact
//   for |k| < 2¹¹) + ln2Lo42; ln2 rounded = 0x1.62e42fefa39efp-1;
//   ½·ln(2π) = 0x1.d67f1c864beb5p-1 − 0x1.65b5a1b7ff5dfp-55;
//   overflow threshold ln(DBL_MAX) rounded down = 0x1.62e42fefa39efp+9 (709.78…);
//   underflow threshold ln(2⁻¹⁰⁷⁵) = −0x1.74910d52d3052p+9 (−745.13…).
// Methods: P. H. Sterbenz, T. J. Dekker (1971), fdlibm e_log.c / e_exp.c (Sun, 1993) for the
// reductions; the series coefficients here follow directly from the atanh and coth expansions.

/// Portable, bit-reproducible elementary functions for random variates and statistics.
///
/// Every function is built only from correctly rounded IEEE operations, so it returns the same
/// bits on every machine. Accuracy (measured against glibc over the whole range; see
/// `PortableMathTests`): `log`, `exp`, `log1p`, `expm1` within 1 ulp, `pow` within 1 ulp for
/// |y·ln x| ≤ 745, `gamma` within a few ulp, `logGamma` within a few ulp away from its zeros at 1
/// and 2 (absolute error below 1e-17 near them).
public enum PortableMath {
  // MARK: - Logarithms

  /// The natural logarithm of `x`.
  ///
  /// Returns −∞ for ±0, NaN for negative `x` and NaN, +∞ for +∞. Subnormal inputs are exact.
  @inlinable public static func log(_ x: Double) -> Double {
    guard x > 0, x < .infinity else {
      if x == 0 { return -.infinity }
      if x == .infinity { return x }
      return .nan
    }
    let (hi, lo) = logDD(x)
    return hi + lo
  }

  /// ln(1 + x), accurate for tiny `x`.
  ///
  /// Returns −∞ for x = −1, NaN for x < −1 and NaN, +∞ for +∞; keeps the sign of ±0.
  @inlinable public static func log1p(_ x: Double) -> Double {
    guard x > -1 else { return x == -1 ? -.infinity : .nan }
    if x == .infinity { return x }
    if x.magnitude < 0x1p-54 { return x }  // ln(1 + x) = x − x²/2 + …, and x²/2 < ulp(x)/4.
    let (u, v) = twoSum(1, x)  // u + v = 1 + x exactly, u > 0.
    let (hi, lo) = logDD(u)
    return hi + (lo + v / u)  // ln(u + v) = ln u + v/u + O((v/u)²), with v/u ≤ 2⁻⁵³.
  }

  // MARK: - Exponentials

  /// e raised to `x`.
  ///
  /// Returns +∞ above ln(DBL_MAX) ≈ 709.78, 0 below ln(2⁻¹⁰⁷⁵) ≈ −745.13 (subnormal results in
  /// between), and NaN for NaN.
  @inlinable public static func exp(_ x: Double) -> Double {
    if !(x <= overflowThreshold) { return x.isNaN ? .nan : .infinity }
    if x < underflowThreshold { return 0 }
    let (k, hi, lo) = expReduced(x, 0)
    return scaled(hi + lo, byPowerOfTwo: k)
  }

  /// eˣ − 1, accurate for tiny `x`.
  ///
  /// Returns −1 for x < −40 (where eˣ < ulp(1)/2) and +∞ above ln(DBL_MAX).
  @inlinable public static func expm1(_ x: Double) -> Double {
    if !(x <= overflowThreshold) { return x.isNaN ? .nan : .infinity }
    if x < -40 { return -1 }
    if x.magnitude < 0x1p-54 { return x }  // eˣ − 1 = x + x²/2 + …, and x²/2 < ulp(x)/4.
    if x.magnitude <= 0x1.62e42fefa39efp-2 {
      // No reduction needed: eˣ − 1 = x + x·c/(2 − c), the small term rounded once.
      let c = x - expSeries(x * x)
      return x + x * c / (2 - c)
    }
    let (k, hi, lo) = expReduced(x, 0)
    if k > 60 { return scaled(hi + lo, byPowerOfTwo: k) }  // The −1 is below half an ulp.
    let twoToK = powerOfTwo(k)  // k in −58...60, so 2^k and the products are exact.
    let (sHi, sLo) = twoSum(hi * twoToK, -1)
    return sHi + (sLo + lo * twoToK)
  }

  /// `x` raised to `y`, for x ≥ 0.
  ///
  /// Negative `x` is not supported and returns NaN. Special cases follow IEEE 754 `pow`:
  /// x⁰ = 1 and 1ʸ = 1 (even for NaN), 0ʸ = 0 for y > 0 and +∞ for y < 0, (+∞)ʸ = +∞ or 0, and
  /// for y = ±∞ the result is +∞ or 0 by whether x > 1. y = 1, 2, ½ and −1 return x, x·x,
  /// √x and 1/x (correctly rounded). Otherwise within 1 ulp.
  @inlinable public static func pow(_ x: Double, _ y: Double) -> Double {
    if y == 0 || x == 1 { return 1 }
    if x.isNaN || y.isNaN || x < 0 { return .nan }
    if x == 0 { return y > 0 ? 0 : .infinity }
    if x == .infinity { return y > 0 ? .infinity : 0 }
    if y.isInfinite { return (x > 1) == (y > 0) ? .infinity : 0 }
    if y == 1 { return x }
    if y == 2 { return x * x }
    if y == 0.5 { return x.squareRoot() }
    if y == -1 { return 1 / x }
    let (lHi, lLo) = logDD(x)
    let estimate = y * lHi
    // The margins (0.007 and 0.07) dwarf the 2⁻⁵² relative error of `estimate`.
    if estimate > 709.79 { return .infinity }
    if estimate < -745.2 { return 0 }
    let (pHi, pLo) = twoProd(y, lHi)
    let (zHi, zLo) = fastTwoSum(pHi, pLo + y * lLo)
    let (k, hi, lo) = expReduced(zHi, zLo)
    return scaled(hi + lo, byPowerOfTwo: k)
  }

  // MARK: - Gamma function

  /// Γ(x) for x ≥ 0.
  ///
  /// Γ(±0) = ±∞, Γ(+∞) = +∞, overflows to +∞ above x ≈ 171.62. Negative `x` is not supported
  /// and returns NaN (the simulator only needs Γ for distribution moments). Within a few ulp.
  public static func gamma(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x == 0 { return 1 / x }
    if x < 0 { return .nan }
    if x > 171.7 { return .infinity }
    if x < 0x1p-60 { return 1 / x }  // Γ(x) = 1/x − γ + O(x); γ·x is below half an ulp.
    let (wHi, wLo) = logGammaDD(x)
    let (k, hi, lo) = expReduced(wHi, wLo)
    return scaled(hi + lo, byPowerOfTwo: k)
  }

  /// ln Γ(x) for x ≥ 0.
  ///
  /// logGamma(1) = logGamma(2) = 0 exactly; +∞ at 0 and +∞; NaN for negative `x` (not
  /// supported). Near the zeros at 1 and 2 the error is absolute (below 1e-17), elsewhere
  /// within a few ulp.
  public static func logGamma(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x <= 0 { return x == 0 ? .infinity : .nan }
    if x == .infinity { return x }
    if x == 1 || x == 2 { return 0 }
    if x < 0x1p-60 { return -log(x) }  // ln Γ(x) = −ln x − γ·x + O(x²).
    if x >= 0x1p52 {
      // Stirling without the series (1/(12x) < 2⁻⁵⁵); z − ½ is no longer exact here.
      let l = log(x)
      return x * (l - 1) - 0.5 * l + halfLogTwoPiHi
    }
    let (hi, lo) = logGammaDD(x)
    return hi + lo
  }

  // MARK: - Constants

  @inlinable static var ln2Hi42: Double { 0x1.62e42fefa38p-1 }  // 42 significant bits.
  @inlinable static var ln2Lo42: Double { 0x1.ef35793c7673p-45 }  // ln2 − ln2Hi42, rounded.
  @inlinable static var invLn2: Double { 0x1.71547652b82fep0 }
  @inlinable static var sqrt2: Double { 0x1.6a09e667f3bcdp0 }
  @inlinable static var overflowThreshold: Double { 0x1.62e42fefa39efp9 }
  @inlinable static var underflowThreshold: Double { -0x1.74910d52d3052p9 }
  static var halfLogTwoPiHi: Double { 0x1.d67f1c864beb5p-1 }
  static var halfLogTwoPiLo: Double { -0x1.65b5a1b7ff5dfp-55 }

  // MARK: - Double-double kernels

  /// hi + lo = a + b exactly, given |a| ≥ |b| or a = 0 (Dekker's Fast2Sum).
  @inlinable static func fastTwoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
    let s = a + b
    return (s, b - (s - a))
  }

  /// hi + lo = a + b exactly, for any order of magnitude (Knuth's TwoSum).
  @inlinable static func twoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
    let s = a + b
    let bVirtual = s - a
    return (s, (a - (s - bVirtual)) + (b - bVirtual))
  }

  /// hi + lo = a · b exactly, for |a|, |b| < 2⁹⁹⁶ and no underflow (Dekker's TwoProduct).
  @inlinable static func twoProd(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
    let p = a * b
    let ca = 134_217_729.0 * a  // 2²⁷ + 1: splits a into two 26-bit halves.
    let aHi = ca - (ca - a)
    let aLo = a - aHi
    let cb = 134_217_729.0 * b
    let bHi = cb - (cb - b)
    let bLo = b - bHi
    return (p, ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo)
  }

  /// 2^k for −1022 ≤ k ≤ 1023, built from the exponent bits.
  @inlinable static func powerOfTwo(_ k: Int) -> Double {
    Double(bitPattern: UInt64(k + 1023) << 52)
  }

  /// y · 2^k with one rounding, for 0.5 ≤ y < 2 and −1076 ≤ k ≤ 1024 (overflows to +∞).
  @inlinable static func scaled(_ y: Double, byPowerOfTwo k: Int) -> Double {
    if k > 1023 { return y * 2 * powerOfTwo(k - 1) }
    if k >= -1022 { return y * powerOfTwo(k) }
    // Exact scaling into the normal range, then one rounding into the subnormals.
    return y * powerOfTwo(k + 1000) * 0x1p-1000
  }

  /// ln x as a double-double, for finite x > 0; relative error about 2⁻⁶⁴.
  @inlinable static func logDD(_ x: Double) -> (hi: Double, lo: Double) {
    var bits = x.bitPattern
    var k = 0
    if bits < 0x0010_0000_0000_0000 {  // Subnormal: scale into the normal range first.
      bits = (x * 0x1p54).bitPattern
      k = -54
    }
    k += Int(bits >> 52) - 1023
    var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
    if m > sqrt2 {
      m *= 0.5
      k += 1
    }
    let f = m - 1  // Exact (Sterbenz), in (−0.293, 0.415].
    // s = f / (2 + f) as sHi + sLo.
    let (uHi, uLo) = fastTwoSum(2, f)
    let sHi = f / uHi
    let (tHi, tLo) = twoProd(sHi, uHi)
    // 1/(2 + f) = (1 − s)/2, so the correction needs no second division.
    let sLo = (((f - tHi) - tLo) - sHi * uLo) * (0.5 - 0.5 * sHi)
    // z = s² and q = z/3 as double-doubles.
    let (zHi0, zLo0) = twoProd(sHi, sHi)
    let (zHi, zLo) = fastTwoSum(zHi0, zLo0 + 2 * sHi * sLo)
    let qHi = zHi * (1.0 / 3.0)
    let (rHi, rLo) = twoProd(qHi, 3)
    let qLo = (((zHi - rHi) - rLo) + zLo) * (1.0 / 3.0)
    // A = 1 + z/3 + z²·(1/5 + z/7 + … + z¹⁰/25); the tail is below 2⁻¹² of A.
    let tail =
      zHi * zHi
      * (1.0 / 5.0 + zHi
        * (1.0 / 7.0 + zHi
          * (1.0 / 9.0 + zHi
            * (1.0 / 11.0 + zHi
              * (1.0 / 13.0 + zHi
                * (1.0 / 15.0 + zHi
                  * (1.0 / 17.0 + zHi
                    * (1.0 / 19.0 + zHi
                      * (1.0 / 21.0 + zHi * (1.0 / 23.0 + zHi * (1.0 / 25.0)))))))))))
    let (aHi, aLo0) = fastTwoSum(1, qHi)
    let aLo = aLo0 + (qLo + tail)
    // ln m = 2·s·A.
    let (pHi, pLo0) = twoProd(sHi, aHi)
    let pLo = pLo0 + (sHi * aLo + sLo * aHi)
    // ln x = k·ln2 + ln m; k·ln2Hi42 is exact.
    let kd = Double(k)
    let (hi, lo0) = twoSum(kd * ln2Hi42, 2 * pHi)
    return fastTwoSum(hi, lo0 + (kd * ln2Lo42 + 2 * pLo))
  }

  /// R(r) − 2 as a function of t = r²: the Taylor series of r·coth(r/2) − 2 through r¹⁴.
  @inlinable static func expSeries(_ t: Double) -> Double {
    t
      * (1.0 / 6.0 + t
        * (-1.0 / 360.0 + t
          * (1.0 / 15120.0 + t
            * (-1.0 / 604800.0 + t
              * (1.0 / 23950080.0 + t
                * (-691.0 / 653837184000.0 + t * (1.0 / 37362124800.0)))))))
  }

  /// Reduces z = zHi + zLo to 2^k · (hi + lo) with hi + lo ≈ eʳ, |r| ≤ ln2/2 + tiny.
  ///
  /// Requires −745.2 ≤ zHi ≤ 709.8 (so −1076 ≤ k ≤ 1024) and |zLo| ≤ ulp(zHi).
  @inlinable static func expReduced(
    _ zHi: Double, _ zLo: Double
  ) -> (k: Int, hi: Double, lo: Double) {
    let kd = (zHi * invLn2).rounded()
    // zHi − k·ln2Hi42 is exact: both are multiples of ulp(zHi)/2 and the difference is < 0.35.
    let (rHi, rLo) = twoSum(zHi - kd * ln2Hi42, zLo - kd * ln2Lo42)
    let c = rHi - expSeries(rHi * rHi)
    let (hi, lo0) = fastTwoSum(1, rHi)
    // e^(rHi + rLo) = e^rHi · (1 + rLo + …), and e^rHi ≈ 1 + rHi to first order.
    let lo = lo0 + ((rLo + rLo * rHi) + rHi * c / (2 - c))
    return (Int(kd), hi, lo)
  }

  /// Stirling's series for ln Γ(z), z = zHi + zLo ≥ 10 with |zLo| ≤ ulp(zHi), zHi < 2⁵².
  static func logGammaStirling(_ zHi: Double, _ zLo: Double) -> (hi: Double, lo: Double) {
    let (lHi, lLo) = logDD(zHi)
    let a = zHi - 0.5  // Exact for 10 ≤ z < 2⁵².
    let (pHi, pLo) = twoProd(a, lHi)
    let r = 1 / zHi
    let r2 = r * r
    let series =
      r
      * (1.0 / 12.0 + r2
        * (-1.0 / 360.0 + r2
          * (1.0 / 1260.0 + r2
            * (-1.0 / 1680.0 + r2
              * (1.0 / 1188.0 + r2
                * (-691.0 / 360360.0 + r2 * (1.0 / 156.0 + r2 * (-3617.0 / 122400.0))))))))
    // ψ(z) ≈ ln z − 1/(2z) − 1/(12z²) carries the tiny zLo: ln Γ(z + δ) = ln Γ(z) + ψ(z)·δ.
    let digamma = lHi - 0.5 * r - r2 * (1.0 / 12.0)
    let (s1, e1) = twoSum(pHi, -zHi)
    let (s2, e2) = twoSum(s1, halfLogTwoPiHi)
    let lo = (e1 + e2) + (pLo + a * lLo) + (halfLogTwoPiLo + series + digamma * zLo)
    return fastTwoSum(s2, lo)
  }

  /// ln Γ(x) as a double-double for 2⁻⁶⁰ ≤ x < 2⁵².
  static func logGammaDD(_ x: Double) -> (hi: Double, lo: Double) {
    if x >= 10 { return logGammaStirling(x, 0) }
    // Γ(x) = Γ(x + n) / (x(x+1)…(x+n−1)), with x + n in [10, 11).
    let n = Int((10 - x).rounded(.up))
    var pHi = 1.0
    var pLo = 0.0
    for i in 0..<n {
      let (fHi, fLo) = twoSum(x, Double(i))
      let (h, l) = twoProd(pHi, fHi)
      (pHi, pLo) = fastTwoSum(h, l + (pHi * fLo + pLo * fHi))
    }
    let (zHi, zLo) = twoSum(x, Double(n))
    let (gHi, gLo) = logGammaStirling(zHi, zLo)
    let (lHi, lLo) = logDD(pHi)
    let (s, e) = twoSum(gHi, -lHi)
    return fastTwoSum(s, e + (gLo - (lLo + pLo / pHi)))
  }
}
