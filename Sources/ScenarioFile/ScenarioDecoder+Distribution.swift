import Racksim
import SimKernel

// Duration distributions. Every duration is written with a unit and stored in seconds:
//   {distribution: constant, value: 1h}            constant(3600)
//   {distribution: uniform, low: 1h, high: 2h}     uniform(low: 3600, high: 7200)
//   {distribution: exponential, mean: 2h}          exponential(mean: 7200)
//   {distribution: normal, mean: 2h, sd: 30m}      normal(mean: 7200, standardDeviation: 1800)
//   {distribution: lognormal, median: 2h, sigma: 1.2}   lognormal(mu: ln 7200, sigma: 1.2)
//   {distribution: weibull, shape: 0.7, scale: 3h} weibull(shape: 0.7, scale: 10800)
//   {distribution: gamma, shape: 2, scale: 1h}     gamma(shape: 2, scale: 3600)
//   {distribution: empirical, samples: [1h, 30m]}  empirical([3600, 1800])
// A plain duration (`duration: 2h`) is a constant. The lognormal's median e^mu is the natural
// parameter to write; mu = ln(median) uses `PortableMath.log` so every platform agrees.

extension ScenarioDecoder {
  /// The parameter keys of each distribution, in the order they are written above.
  static let distributionKeys: [(name: String, keys: [String])] = [
    ("constant", ["value"]), ("uniform", ["low", "high"]), ("exponential", ["mean"]),
    ("normal", ["mean", "sd"]), ("lognormal", ["median", "sigma"]),
    ("weibull", ["shape", "scale"]), ("gamma", ["shape", "scale"]), ("empirical", ["samples"]),
  ]

  /// Reads a distribution of durations; on failure reports it and returns `constant(1)`.
  mutating func decodeDistribution(_ node: YAMLNode?, _ path: String) -> Distribution {
    let placeholder = Distribution.constant(1)
    guard let node else { return placeholder }
    if case .scalar(_, isNull: false) = node.kind {
      return read(node, path, Units.duration).map { .constant($0.seconds) } ?? placeholder
    }
    let names = Self.distributionKeys.map(\.name)
    guard case .mapping = node.kind, let kindNode = node["distribution"],
      let kind = text(kindNode, Self.child(path, "distribution"))
    else {
      _ = mapping(node, path, keys: ["distribution"], required: ["distribution"])
      failedPaths.append(path)
      return placeholder
    }
    guard let keys = Self.distributionKeys.first(where: { $0.name == kind })?.keys else {
      var message =
        "unknown distribution '\(kind)'; valid: " + names.sorted().joined(separator: ", ")
      if let near = Suggestions.nearest(to: kind, in: names) {
        message += " (did you mean '\(near)'?)"
      }
      fail(kindNode.location, Self.child(path, "distribution"), message)
      return placeholder
    }
    let failuresBefore = failedPaths.count
    let m = mapping(node, path, keys: ["distribution"] + keys, required: keys)
    func seconds(_ key: String) -> Double {
      read(m?[key], Self.child(path, key), Units.duration)?.seconds ?? 1
    }
    func plain(_ key: String) -> Double { number(m?[key], Self.child(path, key)) ?? 1 }
    let result: Distribution
    switch kind {
    case "constant": result = .constant(seconds("value"))
    case "uniform": result = .uniform(low: seconds("low"), high: seconds("high"))
    case "exponential": result = .exponential(mean: seconds("mean"))
    case "normal": result = .normal(mean: seconds("mean"), standardDeviation: seconds("sd"))
    case "lognormal":
      let median = seconds("median")
      if median <= 0, let medianNode = m?["median"] {
        fail(medianNode.location, Self.child(path, "median"), "must be > 0")
      }
      result = .lognormal(mu: PortableMath.log(median > 0 ? median : 1), sigma: plain("sigma"))
    case "weibull": result = .weibull(shape: plain("shape"), scale: seconds("scale"))
    case "gamma": result = .gamma(shape: plain("shape"), scale: seconds("scale"))
    default:
      let samplesPath = Self.child(path, "samples")
      let items = sequence(m?["samples"], samplesPath) ?? []
      var samples: [Double] = []
      for (i, item) in items.enumerated() {
        if let d = read(item, "\(samplesPath)[\(i)]", Units.duration) { samples.append(d.seconds) }
      }
      result = .empirical(samples)
    }
    return failedPaths.count > failuresBefore ? placeholder : result
  }
}
