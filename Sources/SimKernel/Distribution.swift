/// A probability distribution of a real quantity, sampled reproducibly from a `RandomStream`.
///
/// Every variate is computed with `PortableMath`, so the same stream gives the same bits on
/// every machine (DESIGN.md principle 1). Each case documents exactly which draws it takes from
/// the stream, in order; changing that changes every result that depends on it.
///
/// Parameters are checked by `validate()`, not by `sample(using:)`: sampling, `mean` and
/// `variance` assume `validate()` returned no problems.
public enum Distribution: Sendable, Equatable {
  /// Always `value`. Takes no draws.
  case constant(Double)
  /// Uniform on [low, high): `low + (high − low)·u` with one `nextDouble()`. Rounding can
  /// return `high` itself for the largest few u (for most ranges, probability about 2⁻⁵³).
  case uniform(low: Double, high: Double)
  /// Exponential with the given mean (rate 1/mean): `−mean·ln u` with one `nextOpenDouble()`.
  case exponential(mean: Double)
  /// Normal (Gaussian), by Marsaglia's polar method.
  ///
  /// Draws pairs u, v = 2·`nextDouble()` − 1 until 0 < s = u² + v² < 1 (on average 1.27
  /// pairs), and returns `mean + standardDeviation · u·√(−2·ln s / s)`. The method yields a
  /// second independent normal, `v·√(…)`; it is discarded so that sampling stays stateless.
  case normal(mean: Double, standardDeviation: Double)
  /// Log-normal: `exp(mu + sigma·z)`, where z is one standard normal drawn as for `.normal`.
  /// `mu` and `sigma` are the mean and standard deviation of the underlying normal.
  case lognormal(mu: Double, sigma: Double)
  /// Weibull, by inversion: `scale · (−ln u)^(1/shape)` with one `nextOpenDouble()`.
  case weibull(shape: Double, scale: Double)
  /// Gamma with shape k and scale θ (mean kθ), by Marsaglia and Tsang (2000).
  ///
  /// For k ≥ 1, with d = k − 1/3 and c = 1/√(9d): repeat { draw a standard normal x (as for
  /// `.normal`) until v = (1 + c·x)³ > 0; draw u = `nextOpenDouble()`; accept d·v if
  /// u < 1 − 0.0331·x⁴ or ln u < x²/2 + d·(1 − v + ln v) }. For k < 1 ("boost"): draw
  /// g ~ Gamma(k + 1) as above, then u = `nextOpenDouble()`, and return g·u^(1/k).
  /// The result is multiplied by θ.
  case gamma(shape: Double, scale: Double)
  /// One of `samples`, each with probability 1/count: `samples[nextInt(below: count)]`.
  ///
  /// A resampling of observed values (a bootstrap): it never interpolates between them, and a
  /// value listed twice is twice as likely. Its mean and variance are those of the listed
  /// values as a population (dividing by count, not count − 1).
  case empirical([Double])

  // MARK: - Sampling

  /// One variate, drawn from `random` as documented on each case.
  ///
  /// - Precondition: `validate()` is empty (an empty `.empirical` traps).
  /// - Complexity: O(1); `.normal`, `.lognormal` and `.gamma` loop a small random number of
  ///   times (expected below 1.3 iterations).
  @inlinable public func sample(using random: inout RandomStream) -> Double {
    switch self {
    case .constant(let value):
      return value
    case .uniform(let low, let high):
      return low + (high - low) * random.nextDouble()
    case .exponential(let mean):
      return mean * Distribution.standardExponential(using: &random)
    case .normal(let mean, let standardDeviation):
      return mean + standardDeviation * Distribution.standardNormal(using: &random)
    case .lognormal(let mu, let sigma):
      return PortableMath.exp(mu + sigma * Distribution.standardNormal(using: &random))
    case .weibull(let shape, let scale):
      return scale * PortableMath.pow(Distribution.standardExponential(using: &random), 1 / shape)
    case .gamma(let shape, let scale):
      return scale * Distribution.standardGamma(shape: shape, using: &random)
    case .empirical(let samples):
      return samples[random.nextInt(below: samples.count)]
    }
  }

  // MARK: - Moments

  /// The expected value, in closed form.
  ///
  /// Weibull: scale·Γ(1 + 1/shape); log-normal: exp(μ + σ²/2); gamma: kθ; empirical: the
  /// arithmetic mean of the samples (NaN when empty).
  public var mean: Double {
    switch self {
    case .constant(let value): value
    case .uniform(let low, let high): (low + high) / 2
    case .exponential(let mean): mean
    case .normal(let mean, _): mean
    case .lognormal(let mu, let sigma): PortableMath.exp(mu + sigma * sigma / 2)
    case .weibull(let shape, let scale): scale * PortableMath.gamma(1 + 1 / shape)
    case .gamma(let shape, let scale): shape * scale
    case .empirical(let samples): samples.reduce(0, +) / Double(samples.count)
    }
  }

  /// The variance, in closed form.
  ///
  /// Uniform: (high − low)²/12; exponential: mean²; log-normal: (e^(σ²) − 1)·e^(2μ + σ²);
  /// Weibull: scale²·(Γ(1 + 2/k) − Γ(1 + 1/k)²), which loses relative accuracy for very large
  /// shapes (about 1e-12 at k = 100) by cancellation; gamma: kθ²; empirical: the population
  /// variance Σ(x − mean)²/count.
  public var variance: Double {
    switch self {
    case .constant: return 0
    case .uniform(let low, let high): return (high - low) * (high - low) / 12
    case .exponential(let mean): return mean * mean
    case .normal(_, let standardDeviation): return standardDeviation * standardDeviation
    case .lognormal(let mu, let sigma):
      let s2 = sigma * sigma
      return PortableMath.expm1(s2) * PortableMath.exp(2 * mu + s2)
    case .weibull(let shape, let scale):
      let g1 = PortableMath.gamma(1 + 1 / shape)
      let g2 = PortableMath.gamma(1 + 2 / shape)
      return scale * scale * (g2 - g1 * g1)
    case .gamma(let shape, let scale): return shape * scale * scale
    case .empirical(let samples):
      let m = mean
      return samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(samples.count)
    }
  }

  // MARK: - Validation

  /// The name of the case as a scenario file spells it: "constant", "uniform", "exponential",
  /// "normal", "lognormal", "weibull", "gamma" or "empirical".
  public var kindName: String {
    switch self {
    case .constant: "constant"
    case .uniform: "uniform"
    case .exponential: "exponential"
    case .normal: "normal"
    case .lognormal: "lognormal"
    case .weibull: "weibull"
    case .gamma: "gamma"
    case .empirical: "empirical"
    }
  }

  /// Every problem with the parameters, as sentences naming the parameter and its value
  /// ("exponential mean must be > 0, got -1"); empty when the distribution is valid.
  ///
  /// Requirements: all parameters finite; uniform low < high; exponential mean, normal
  /// standard deviation, lognormal sigma, and the shapes and scales of Weibull and gamma > 0;
  /// empirical samples non-empty.
  public func validate() -> [String] {
    var problems: [String] = []
    func finite(_ name: String, _ value: Double) {
      if !value.isFinite { problems.append("\(kindName) \(name) must be finite, got \(value)") }
    }
    func positive(_ name: String, _ value: Double) {
      if value.isNaN || value <= 0 {
        problems.append("\(kindName) \(name) must be > 0, got \(Self.format(value))")
      } else {
        finite(name, value)
      }
    }
    switch self {
    case .constant(let value):
      finite("value", value)
    case .uniform(let low, let high):
      finite("low", low)
      finite("high", high)
      if low.isFinite, high.isFinite, !(low < high) {
        problems.append(
          "uniform low must be < high, got low \(Self.format(low)), high \(Self.format(high))")
      }
    case .exponential(let mean):
      positive("mean", mean)
    case .normal(let mean, let standardDeviation):
      finite("mean", mean)
      positive("standard deviation", standardDeviation)
    case .lognormal(let mu, let sigma):
      finite("mu", mu)
      positive("sigma", sigma)
    case .weibull(let shape, let scale):
      positive("shape", shape)
      positive("scale", scale)
    case .gamma(let shape, let scale):
      positive("shape", shape)
      positive("scale", scale)
    case .empirical(let samples):
      if samples.isEmpty { problems.append("empirical samples must not be empty") }
      for (index, value) in samples.enumerated() where !value.isFinite {
        problems.append("empirical sample \(index) must be finite, got \(value)")
      }
    }
    return problems
  }

  // MARK: - Private

  /// `value` for messages: integral values without a trailing ".0" ("-1", not "-1.0").
  static func format(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), value.magnitude < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }

  /// −ln u for one u = `nextOpenDouble()` in (0, 1]: a standard exponential variate.
  @inlinable static func standardExponential(using random: inout RandomStream) -> Double {
    0 - PortableMath.log(random.nextOpenDouble())  // 0 − 0 is +0, where −0.0 would be −0.
  }

  /// A standard normal variate by Marsaglia's polar method; the second variate is discarded.
  @inlinable static func standardNormal(using random: inout RandomStream) -> Double {
    while true {
      let u = 2 * random.nextDouble() - 1
      let v = 2 * random.nextDouble() - 1
      let s = u * u + v * v
      if s > 0, s < 1 {
        return u * (-2 * PortableMath.log(s) / s).squareRoot()
      }
    }
  }

  /// A Gamma(shape, 1) variate (Marsaglia and Tsang), with the u^(1/k) boost for shape < 1.
  @inlinable static func standardGamma(shape: Double, using random: inout RandomStream) -> Double {
    if shape < 1 {
      let g = standardGamma(shape: shape + 1, using: &random)
      return g * PortableMath.pow(random.nextOpenDouble(), 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = standardNormal(using: &random)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = random.nextOpenDouble()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if PortableMath.log(u) < 0.5 * x2 + d * (1 - v + PortableMath.log(v)) { return d * v }
    }
  }
}
