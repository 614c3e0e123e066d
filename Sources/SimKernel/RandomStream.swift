/// A named, reproducible stream of random numbers.
///
/// **Algorithm (fixed; changing it changes every result):**
/// 1. The stream key is `splitmix64(seed ^ fnv1a64(utf8(name)))`, where `fnv1a64` is 64-bit
///    FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the UTF-8 bytes of the
///    name and `splitmix64` is Vigna's SplitMix64 finaliser.
/// 2. The four words of xoshiro256** state are the next four outputs of a SplitMix64 generator
///    started at that key.
/// 3. Draws are xoshiro256** outputs (Blackman & Vigna, 2018); `nextDouble()` takes the top 53
///    bits, giving a multiple of 2⁻⁵³ in [0, 1).
///
/// Only integer operations are involved, so the same (seed, name) gives the same numbers on
/// every machine and in every process, and never depends on Swift's per-process `Hasher`.
/// Each consumer gets its own name ("arrivals/poisson", "failures/rack/12"), so adding a rack
/// or a job stream never changes the draws of another.
public struct RandomStream: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// The stream named `name` of the run seeded `seed`.
  public init(seed: UInt64, name: String) {
    var key = RandomStream.splitmix64Mix(seed ^ RandomStream.fnv1a64(name))
    s0 = RandomStream.splitmix64Next(&key)
    s1 = RandomStream.splitmix64Next(&key)
    s2 = RandomStream.splitmix64Next(&key)
    s3 = RandomStream.splitmix64Next(&key)
  }

  /// The next 64 random bits.
  @inlinable public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A uniform double in [0, 1): a multiple of 2⁻⁵³.
  @inlinable public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in (0, 1]: never zero, safe to take the logarithm of.
  @inlinable public mutating func nextOpenDouble() -> Double {
    Double((next() >> 11) + 1) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
  @inlinable public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  // MARK: - Private

  @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// 64-bit FNV-1a of the UTF-8 bytes of `name`.
  public static func fnv1a64(_ name: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01b3
    }
    return h
  }

  static func splitmix64Mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  static func splitmix64Next(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    return splitmix64Mix(state)
  }
}
