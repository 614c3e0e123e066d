import SimKernel
import Testing

@Suite struct WeightedChoiceTests {
  /// The reference: the first index whose cumulative weight exceeds u·total, by linear scan.
  static func linearScan(_ weights: [Double], _ u: Double) -> Int {
    let total = weights.reduce(0, +)
    let target = u * total
    var cumulative = 0.0
    for (index, weight) in weights.enumerated() {
      cumulative += weight
      if cumulative > target { return index }
    }
    return weights.lastIndex { $0 > 0 }!
  }

  @Test func storesCumulativeWeightsAndProbabilities() throws {
    // Weights 3, 1, 0, 4: total 8, cumulative 3, 4, 4, 8; probabilities 3/8, 1/8, 0, 4/8
    // (all exact in binary).
    let choice = try #require(
      WeightedChoice([(value: "a", weight: 3), ("b", 1), ("c", 0), ("d", 4)]))
    #expect(choice.count == 4)
    #expect(choice.values == ["a", "b", "c", "d"])
    #expect(choice.cumulativeWeights == [3, 4, 4, 8])
    #expect(choice.totalWeight == 8)
    #expect((0..<4).map(choice.probability(of:)) == [0.375, 0.125, 0, 0.5])
  }

  @Test func drawsInProportionToTheWeights() throws {
    // 200,000 draws; each frequency within 5 standard errors √(p(1 − p)/n) of its probability:
    // p = 3/8 → ±0.00541, p = 1/8 → ±0.00370, p = 1/2 → ±0.00559. Weight 0 is never drawn.
    let choice = try #require(
      WeightedChoice([(value: 8, weight: 3), (16, 1), (32, 0), (64, 4)]))
    var random = RandomStream(seed: 11, name: "tests/weighted-choice/frequencies")
    let n = 200_000
    var counts: [Int: Int] = [:]
    for _ in 0..<n { counts[choice.sample(using: &random), default: 0] += 1 }
    #expect(counts[32] == nil)
    for (value, p) in [(8, 0.375), (16, 0.125), (64, 0.5)] {
      let fraction = Double(counts[value] ?? 0) / Double(n)
      let tolerance = 5 * (p * (1 - p) / Double(n)).squareRoot()
      #expect(abs(fraction - p) <= tolerance, "value \(value): \(fraction) vs \(p)")
    }
  }

  @Test func binarySearchMatchesALinearScanOverManySeeds() throws {
    // One nextDouble() per draw; the index is the first with cumulative weight > u·total.
    for seed in UInt64(0)..<200 {
      var weightStream = RandomStream(seed: seed, name: "tests/weighted-choice/weights")
      let count = 1 + weightStream.nextInt(below: 20)
      // About a quarter of the weights are 0, including possibly the first and the last.
      let weights = (0..<count).map { _ in
        weightStream.nextInt(below: 4) == 0 ? 0 : weightStream.nextDouble() * 10
      }
      guard weights.contains(where: { $0 > 0 }) else { continue }
      let pairs = weights.enumerated().map { (value: $0.offset, weight: $0.element) }
      let choice = try #require(WeightedChoice(pairs))
      var a = RandomStream(seed: seed, name: "tests/weighted-choice/draws")
      var b = a
      for _ in 0..<200 {
        let expected = Self.linearScan(weights, b.nextDouble())
        #expect(choice.sampleIndex(using: &a) == expected, "seed \(seed)")
      }
    }
  }

  @Test func aSingleValueIsAlwaysDrawn() throws {
    let choice = try #require(WeightedChoice([(value: "only", weight: 0.25)]))
    var random = RandomStream(seed: 12, name: "tests/weighted-choice/single")
    #expect((0..<100).allSatisfy { _ in choice.sample(using: &random) == "only" })
    #expect(choice.probability(of: 0) == 1)
  }

  @Test func leadingAndTrailingZeroWeightsAreNeverDrawn() throws {
    // Index 1 owns [0, 2) of the total 2: every u·2 in [0, 2) falls there.
    let choice = try #require(WeightedChoice([(value: 0, weight: 0), (1, 2), (2, 0)]))
    var random = RandomStream(seed: 13, name: "tests/weighted-choice/zeros")
    #expect((0..<1_000).allSatisfy { _ in choice.sampleIndex(using: &random) == 1 })
  }

  @Test func sameSeedAndNameGiveTheSameDraws() throws {
    let choice = try #require(WeightedChoice((0..<10).map { (value: $0, weight: Double($0)) }))
    func draws(_ name: String) -> [Int] {
      var random = RandomStream(seed: 14, name: name)
      return (0..<1_000).map { _ in choice.sample(using: &random) }
    }
    #expect(draws("x") == draws("x"))
    #expect(draws("x") != draws("y"))
  }

  @Test func invalidWeightsAreRejectedWithReasons() {
    #expect(WeightedChoice<Int>([]) == nil)
    #expect(
      WeightedChoice<Int>.validate(weights: []) == ["weighted choice needs at least one value"])
    #expect(WeightedChoice([(value: 1, weight: -1), (2, 1)]) == nil)
    #expect(
      WeightedChoice<Int>.validate(weights: [1, -1, .nan]) == [
        "weight 1 must be finite and >= 0, got -1", "weight 2 must be finite and >= 0, got nan",
      ])
    #expect(WeightedChoice([(value: 1, weight: 0), (2, 0)]) == nil)
    #expect(WeightedChoice<Int>.validate(weights: [0, 0]) == ["weights must not all be 0"])
    // 1e308 + 1e308 overflows to +∞.
    #expect(WeightedChoice([(value: 1, weight: 1e308), (2, 1e308)]) == nil)
    #expect(
      WeightedChoice<Int>.validate(weights: [1e308, 1e308]) == [
        "weights must sum to a finite total, got inf"
      ])
    #expect(WeightedChoice<Int>.validate(weights: [0, 1.5]).isEmpty)
  }
}
