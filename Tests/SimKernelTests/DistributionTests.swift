import SimKernel
import Testing

/// Sample moments at fixed seeds against closed forms, the exact draw contract of each case,
/// determinism, and validation messages.
///
/// Tolerances: with n = 200,000 draws, the sample mean has standard error σ/√n and the sample
/// variance √((μ₄ − σ⁴)/n), where μ₄ is the fourth central moment, μ₄ = E[X⁴] − 4μE[X³] +
/// 6μ²E[X²] − 3μ⁴. Both must lie within 5 standard errors (a false alarm once in ~1.7 million
/// runs at a given seed; the seeds are fixed, so a pass is reproducible). A proportion p has
/// standard error √(p(1 − p)/n).
@Suite struct DistributionTests {
  static let count = 200_000

  /// `count` draws of `distribution` from the stream ("tests/distribution/<name>", seed 2024).
  static func draws(_ distribution: Distribution, name: String) -> [Double] {
    var random = RandomStream(seed: 2024, name: "tests/distribution/\(name)")
    return (0..<count).map { _ in distribution.sample(using: &random) }
  }

  /// Expects the sample mean and variance of `samples` within 5 standard errors of `mean` and
  /// `variance`, given the fourth central moment `fourthCentralMoment`.
  static func expectMoments(
    _ samples: [Double], mean: Double, variance: Double, fourthCentralMoment: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let n = Double(samples.count)
    let sampleMean = samples.reduce(0, +) / n
    let sampleVariance = samples.reduce(0) { $0 + ($1 - sampleMean) * ($1 - sampleMean) } / n
    let meanTolerance = 5 * (variance / n).squareRoot()
    let varianceTolerance = 5 * ((fourthCentralMoment - variance * variance) / n).squareRoot()
    #expect(
      abs(sampleMean - mean) <= meanTolerance,
      "mean \(sampleMean), expected \(mean) ± \(meanTolerance)", sourceLocation: sourceLocation)
    #expect(
      abs(sampleVariance - variance) <= varianceTolerance,
      "variance \(sampleVariance), expected \(variance) ± \(varianceTolerance)",
      sourceLocation: sourceLocation)
  }

  /// Expects the fraction of `samples` satisfying `predicate` within 5 standard errors of `p`.
  static func expectProportion(
    _ samples: [Double], _ p: Double, sourceLocation: SourceLocation = #_sourceLocation,
    where predicate: (Double) -> Bool
  ) {
    let n = Double(samples.count)
    let fraction = Double(samples.count(where: predicate)) / n
    let tolerance = 5 * (p * (1 - p) / n).squareRoot()
    #expect(
      abs(fraction - p) <= tolerance, "fraction \(fraction), expected \(p) ± \(tolerance)",
      sourceLocation: sourceLocation)
  }

  // MARK: - Moments of every case

  @Test func constantIsConstant() {
    let d = Distribution.constant(3.5)
    #expect(Self.draws(d, name: "constant").allSatisfy { $0 == 3.5 })
    #expect(d.mean == 3.5)
    #expect(d.variance == 0)
  }

  @Test func uniformMoments() {
    // U[2, 5): mean (2 + 5)/2 = 3.5, variance (5 − 2)²/12 = 0.75, μ₄ = (b − a)⁴/80 = 81/80.
    let d = Distribution.uniform(low: 2, high: 5)
    #expect(d.mean == 3.5)
    #expect(d.variance == 0.75)
    let samples = Self.draws(d, name: "uniform")
    Self.expectMoments(samples, mean: 3.5, variance: 0.75, fourthCentralMoment: 1.0125)
    #expect(samples.allSatisfy { $0 >= 2 && $0 < 5 })
    // P(X < 2.75) = (2.75 − 2)/(5 − 2) = 1/4.
    Self.expectProportion(samples, 0.25) { $0 < 2.75 }
  }

  @Test func exponentialMoments() {
    // Mean m = 2.5, variance m² = 6.25, μ₄ = 9m⁴ = 351.5625; P(X > m) = e⁻¹.
    let d = Distribution.exponential(mean: 2.5)
    #expect(d.mean == 2.5)
    #expect(d.variance == 6.25)
    let samples = Self.draws(d, name: "exponential")
    Self.expectMoments(samples, mean: 2.5, variance: 6.25, fourthCentralMoment: 351.5625)
    Self.expectProportion(samples, 0.367_879_441_171_442_3) { $0 > 2.5 }  // e⁻¹
    #expect(samples.allSatisfy { $0 >= 0 && $0.sign == .plus })
  }

  @Test func normalMoments() {
    // Mean −1, σ = 3: variance 9, μ₄ = 3σ⁴ = 243; P(|X − μ| < σ) = erf(1/√2) = 0.682689492…,
    // and P(X < μ) = 1/2 by symmetry.
    let d = Distribution.normal(mean: -1, standardDeviation: 3)
    #expect(d.mean == -1)
    #expect(d.variance == 9)
    let samples = Self.draws(d, name: "normal")
    Self.expectMoments(samples, mean: -1, variance: 9, fourthCentralMoment: 243)
    Self.expectProportion(samples, 0.682_689_492_137_085_9) { abs($0 + 1) < 3 }
    Self.expectProportion(samples, 0.5) { $0 < -1 }
  }

  @Test func lognormalMoments() {
    // μ = 0.5, σ = 0.4. Raw moments E[Xʲ] = exp(jμ + j²σ²/2): E[X] = e^0.58 = 1.786038430…,
    // E[X²] = e^1.32, E[X³] = e^2.22, E[X⁴] = e^3.28. Variance (e^σ² − 1)·e^(2μ + σ²)
    // = (e^0.16 − 1)·e^1.16 = 0.553488101…; μ₄ from the raw moments = 1.917749204…
    // The median is e^μ, so P(X < e^0.5) = 1/2.
    let d = Distribution.lognormal(mu: 0.5, sigma: 0.4)
    #expect(ulpDistance(d.mean, 1.786_038_430_750_073_4) <= 2)
    #expect(ulpDistance(d.variance, 0.553_488_101_144_678_0) <= 4)
    let samples = Self.draws(d, name: "lognormal")
    Self.expectMoments(
      samples, mean: 1.786_038_430_750_073_4, variance: 0.553_488_101_144_678_0,
      fourthCentralMoment: 1.917_749_204_360_376)
    Self.expectProportion(samples, 0.5) { $0 < 1.648_721_270_700_128_2 }  // e^0.5
  }

  @Test func weibullWithShapeTwo() {
    // k = 2, λ = 3. E[Xʲ] = λʲ·Γ(1 + j/k): Γ(3/2) = √π/2, Γ(2) = 1, Γ(5/2) = 3√π/4, Γ(3) = 2.
    // So E[X] = μ = 3√π/2 = 2.658680776…, E[X²] = 9, E[X³] = 81√π/4, E[X⁴] = 162; variance
    // 9·(1 − π/4) = 1.931416529…; μ₄ = 162 − 121.5π + 121.5π − 243π²/16 = 12.105383158…
    // P(X > λ) = exp(−1) for every shape.
    let d = Distribution.weibull(shape: 2, scale: 3)
    #expect(ulpDistance(d.mean, 2.658_680_776_358_274) <= 2)
    #expect(ulpDistance(d.variance, 1.931_416_529_422_965_2) <= 8)
    let samples = Self.draws(d, name: "weibull-2")
    Self.expectMoments(
      samples, mean: 2.658_680_776_358_274, variance: 1.931_416_529_422_965_2,
      fourthCentralMoment: 12.105_383_158_455_366)
    Self.expectProportion(samples, 0.367_879_441_171_442_3) { $0 > 3 }
  }

  @Test func weibullWithShapeTwoThirds() {
    // k = 2/3 (so 1/k = 3/2 takes the general path of pow), λ = 2.
    // E[Xʲ] = λʲ·Γ(1 + 3j/2): Γ(5/2) = 3√π/4, Γ(4) = 6, Γ(11/2) = 945√π/32, Γ(7) = 720.
    // E[X] = μ = 3√π/2 = 2.658680776…, E[X²] = 24, E[X³] = 945√π/4, E[X⁴] = 11520;
    // variance 24 − 9π/4 = 16.931416529…; μ₄ = 11520 − 1417.5π + 324π − 243π²/16 = 7934.7738…
    let d = Distribution.weibull(shape: 2.0 / 3.0, scale: 2)
    #expect(abs(d.mean - 2.658_680_776_358_274) <= 1e-14)  // 2/3 is not exact in binary.
    #expect(abs(d.variance - 16.931_416_529_422_965) <= 1e-13)
    let samples = Self.draws(d, name: "weibull-2/3")
    Self.expectMoments(
      samples, mean: 2.658_680_776_358_274, variance: 16.931_416_529_422_965,
      fourthCentralMoment: 7934.773_816_458_016)
    Self.expectProportion(samples, 0.367_879_441_171_442_3) { $0 > 2 }
  }

  @Test func gammaWithShapeAboveOne() {
    // k = 3, θ = 2: mean kθ = 6, variance kθ² = 12, μ₄ = 3k(k + 2)θ⁴ = 720.
    let d = Distribution.gamma(shape: 3, scale: 2)
    #expect(d.mean == 6)
    #expect(d.variance == 12)
    Self.expectMoments(
      Self.draws(d, name: "gamma-3"), mean: 6, variance: 12, fourthCentralMoment: 720)
  }

  @Test func gammaWithShapeOneIsExponential() {
    // k = 1 (d = 2/3, the smallest d of the main method), θ = 1.5: exponential with mean 1.5,
    // variance 2.25, μ₄ = 9θ⁴ = 45.5625, P(X > θ) = e⁻¹.
    let d = Distribution.gamma(shape: 1, scale: 1.5)
    let samples = Self.draws(d, name: "gamma-1")
    Self.expectMoments(samples, mean: 1.5, variance: 2.25, fourthCentralMoment: 45.5625)
    Self.expectProportion(samples, 0.367_879_441_171_442_3) { $0 > 1.5 }
  }

  @Test func gammaWithShapeBelowOneUsesTheBoost() {
    // k = 1/2, θ = 2 is the chi-squared law with 1 degree of freedom, i.e. Z² for a standard
    // normal Z: mean 1, variance 2, μ₄ = 3k(k + 2)θ⁴ = 3·0.5·2.5·16 = 60, and
    // P(X < 1) = P(|Z| < 1) = erf(1/√2) = 0.682689492…
    let d = Distribution.gamma(shape: 0.5, scale: 2)
    #expect(d.mean == 1)
    #expect(d.variance == 2)
    let samples = Self.draws(d, name: "gamma-0.5")
    Self.expectMoments(samples, mean: 1, variance: 2, fourthCentralMoment: 60)
    Self.expectProportion(samples, 0.682_689_492_137_085_9) { $0 < 1 }
  }

  @Test func empiricalDrawsTheListedValuesUniformly() {
    // [1, 2, 2, 7]: mean 12/4 = 3; population variance (4 + 1 + 1 + 16)/4 = 5.5;
    // μ₄ = (16 + 1 + 1 + 256)/4 = 68.5. P(2) = 2/4 (listed twice), P(7) = 1/4.
    let d = Distribution.empirical([1, 2, 2, 7])
    #expect(d.mean == 3)
    #expect(d.variance == 5.5)
    let samples = Self.draws(d, name: "empirical")
    #expect(samples.allSatisfy { [1, 2, 7].contains($0) })
    Self.expectMoments(samples, mean: 3, variance: 5.5, fourthCentralMoment: 68.5)
    Self.expectProportion(samples, 0.5) { $0 == 2 }
    Self.expectProportion(samples, 0.25) { $0 == 7 }
  }

  // MARK: - The draws each case takes

  @Test func simpleCasesFollowTheirDocumentedFormula() {
    // The documented contract, replayed on a twin stream with the same seed and name.
    var a = RandomStream(seed: 9, name: "tests/distribution/contract")
    var b = a
    for _ in 0..<1_000 {
      #expect(Distribution.constant(4).sample(using: &a) == 4)  // Takes no draw.
      #expect(
        Distribution.uniform(low: -1, high: 3).sample(using: &a) == -1 + 4 * b.nextDouble())
      #expect(
        Distribution.exponential(mean: 2).sample(using: &a)
          == 2 * (0 - PortableMath.log(b.nextOpenDouble())))
      let e = 0 - PortableMath.log(b.nextOpenDouble())
      #expect(
        Distribution.weibull(shape: 0.8, scale: 5).sample(using: &a)
          == 5 * PortableMath.pow(e, 1 / 0.8))
      let values: [Double] = [5, 6, 7]
      #expect(Distribution.empirical(values).sample(using: &a) == values[b.nextInt(below: 3)])
    }
    #expect(a.next() == b.next())
  }

  /// Marsaglia's polar method, written out from its definition.
  static func polarNormal(_ random: inout RandomStream) -> Double {
    while true {
      let u = 2 * random.nextDouble() - 1
      let v = 2 * random.nextDouble() - 1
      let s = u * u + v * v
      if s > 0, s < 1 { return u * (-2 * PortableMath.log(s) / s).squareRoot() }
    }
  }

  @Test func normalAndLognormalFollowThePolarMethod() {
    var a = RandomStream(seed: 10, name: "tests/distribution/polar")
    var b = a
    for _ in 0..<1_000 {
      let z = Self.polarNormal(&b)
      #expect(Distribution.normal(mean: 1, standardDeviation: 2).sample(using: &a) == 1 + 2 * z)
      let w = Self.polarNormal(&b)
      #expect(
        Distribution.lognormal(mu: 0.5, sigma: 1.5).sample(using: &a)
          == PortableMath.exp(0.5 + 1.5 * w))
    }
    #expect(a.next() == b.next())
  }

  // MARK: - Determinism

  static let everyCase: [Distribution] = [
    .constant(1), .uniform(low: 0, high: 1), .exponential(mean: 1),
    .normal(mean: 0, standardDeviation: 1), .lognormal(mu: 0, sigma: 1),
    .weibull(shape: 1.5, scale: 1), .gamma(shape: 2.5, scale: 1), .gamma(shape: 0.3, scale: 1),
    .empirical([1, 2, 3, 4]),
  ]

  @Test(arguments: everyCase)
  func sameSeedAndNameGiveTheSameBits(_ d: Distribution) {
    func bits(_ name: String) -> [UInt64] {
      var random = RandomStream(seed: 77, name: name)
      return (0..<1_000).map { _ in d.sample(using: &random).bitPattern }
    }
    #expect(bits("a") == bits("a"))
    if case .constant = d {
      #expect(bits("a") == bits("b"))
    } else {
      #expect(bits("a") != bits("b"), "a different stream name must give different draws")
    }
  }

  // MARK: - Validation

  @Test func validParametersHaveNoProblems() {
    for d in Self.everyCase { #expect(d.validate().isEmpty, "\(d)") }
  }

  @Test func invalidParametersAreReportedWithTheirValues() {
    #expect(
      Distribution.exponential(mean: -1).validate() == ["exponential mean must be > 0, got -1"])
    #expect(
      Distribution.uniform(low: 5, high: 3).validate() == [
        "uniform low must be < high, got low 5, high 3"
      ])
    #expect(
      Distribution.normal(mean: .nan, standardDeviation: 0).validate() == [
        "normal mean must be finite, got nan", "normal standard deviation must be > 0, got 0",
      ])
    #expect(
      Distribution.lognormal(mu: 0, sigma: .infinity).validate() == [
        "lognormal sigma must be finite, got inf"
      ])
    #expect(
      Distribution.weibull(shape: 0, scale: -2.5).validate() == [
        "weibull shape must be > 0, got 0", "weibull scale must be > 0, got -2.5",
      ])
    #expect(
      Distribution.gamma(shape: .nan, scale: 1).validate() == ["gamma shape must be > 0, got nan"])
    #expect(Distribution.empirical([]).validate() == ["empirical samples must not be empty"])
    #expect(
      Distribution.empirical([1, .infinity]).validate() == [
        "empirical sample 1 must be finite, got inf"
      ])
    #expect(Distribution.constant(.nan).validate() == ["constant value must be finite, got nan"])
  }

  @Test func kindNamesAreTheScenarioSpellings() {
    #expect(
      Self.everyCase.map(\.kindName) == [
        "constant", "uniform", "exponential", "normal", "lognormal", "weibull", "gamma", "gamma",
        "empirical",
      ])
  }
}
