import Testing

@testable import SimKernel

@Suite struct RandomStreamTests {
  /// FNV-1a-64 test vectors (Fowler–Noll–Vo reference): "" → cbf29ce484222325,
  /// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
  @Test func fnvMatchesReferenceVectors() {
    #expect(RandomStream.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
    #expect(RandomStream.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(RandomStream.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
  }

  /// SplitMix64 reference: from state 0 the first output is 0xe220a8397b1dcdaf
  /// (Vigna's splitmix64.c).
  @Test func splitmixMatchesReference() {
    var state: UInt64 = 0
    #expect(RandomStream.splitmix64Next(&state) == 0xe220_a839_7b1d_cdaf)
  }

  /// Two streams built from the same (seed, name) draw the same 1,000 numbers: the state
  /// depends on nothing but those two values (no per-process hashing, no global state).
  @Test func sameSeedAndNameGiveTheSameNumbers() {
    var a = RandomStream(seed: 42, name: "arrivals")
    var b = RandomStream(seed: 42, name: "arrivals")
    for _ in 0..<1_000 { #expect(a.next() == b.next()) }
  }

  /// Adding a stream does not change another's draws: streams have no shared state, so
  /// drawing from "rack/2" in between leaves "rack/1"'s sequence as it was.
  @Test func addingAStreamLeavesOthersUnchanged() {
    var alone = RandomStream(seed: 7, name: "failures/rack/1")
    let expected = (0..<100).map { _ in alone.next() }
    var withNeighbour = RandomStream(seed: 7, name: "failures/rack/1")
    var neighbour = RandomStream(seed: 7, name: "failures/rack/2")
    var got: [UInt64] = []
    for _ in 0..<100 {
      _ = neighbour.next()
      got.append(withNeighbour.next())
    }
    #expect(got == expected)
  }

  @Test func differentNamesOrSeedsDiffer() {
    var a = RandomStream(seed: 1, name: "x")
    var b = RandomStream(seed: 1, name: "y")
    var c = RandomStream(seed: 2, name: "x")
    let xa = (0..<4).map { _ in a.next() }
    #expect(xa != (0..<4).map { _ in b.next() })
    #expect(xa != (0..<4).map { _ in c.next() })
  }

  /// Uniform doubles lie in [0, 1) (open ones in (0, 1]); their mean over 100,000 draws is
  /// 1/2 within 5 standard errors (σ = 1/√12, SE = σ/√n = 0.000913).
  @Test func doublesAreUniform() {
    var r = RandomStream(seed: 3, name: "uniform")
    var sum = 0.0
    let n = 100_000
    for _ in 0..<n {
      let x = r.nextDouble()
      #expect(x >= 0 && x < 1)
      let y = r.nextOpenDouble()
      #expect(y > 0 && y <= 1)
      sum += x
    }
    #expect(abs(sum / Double(n) - 0.5) < 5 * 0.000913)
  }

  /// nextInt(below: 6) covers 0…5, each about n/6 times: with n = 60,000 the count of each
  /// face is binomial(n, 1/6): mean 10,000, sd √(n·p·(1−p)) = 91.3; allow 5 sd.
  @Test func boundedIntegersAreUnbiased() {
    var r = RandomStream(seed: 5, name: "dice")
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 { counts[r.nextInt(below: 6)] += 1 }
    for c in counts { #expect(abs(c - 10_000) < 457) }
  }
}
