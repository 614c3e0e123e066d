import ScenarioFile
import SimKernel
import Testing

@Suite struct UnitsTests {
  /// Durations in nanoseconds, computed by hand: 1 s = 1e9 ns, 1 m = 60 s, 1 h = 3600 s,
  /// 1 d = 86400 s, 1 w = 604800 s.
  static let durations: [(String, Int64)] = [
    ("90s", 90_000_000_000),
    ("15m", 900_000_000_000),  // 15 × 60 s
    ("15min", 900_000_000_000),
    ("1.5h", 5_400_000_000_000),  // 1.5 × 3600 s
    ("7d", 604_800_000_000_000),  // 7 × 86400 s
    ("2w", 1_209_600_000_000_000),  // 2 × 604800 s
    ("250ms", 250_000_000),
    ("3us", 3_000),
    ("12ns", 12),
    ("0.5ns", 1),  // half a nanosecond: ties round away from zero
    ("0.4ns", 0),
    ("1.000000001s", 1_000_000_001),  // exact, where 1.000000001 × 1e9 in Double is not
    (".5s", 500_000_000),
    ("10 m", 600_000_000_000),  // spaces between number and unit are allowed
    ("-5m", -300_000_000_000),  // the sign is kept; ranges are checked by validate()
    ("0.1h", 360_000_000_000),  // 360 s, with no binary rounding of 0.1
  ]

  @Test(arguments: durations)
  func readsDurations(text: String, nanoseconds: Int64) throws {
    #expect(try Units.duration(text) == SimDuration(nanoseconds: nanoseconds))
  }

  @Test func bareNumberDurationSaysWhatIsExpected() {
    #expect(
      throws: UnitError(
        "expected a duration like 90s, 15m, 6h, 7d, got '5': add a unit "
          + "(ns, us, µs, ms, s, m, min, h, d, w)")
    ) { try Units.duration("5") }
  }

  @Test(arguments: ["5x", "abc", "", "1.5.2h", "h", "5 hours"])
  func rejectsOtherDurations(text: String) {
    #expect(throws: UnitError("expected a duration like 90s, 15m, 6h, 7d, got '\(text)'")) {
      try Units.duration(text)
    }
  }

  @Test func rejectsDurationsBeyondInt64() {
    // 300000 w = 1.8144e20 ns > Int64.max ≈ 9.22e18 ns (292 years).
    #expect(throws: UnitError("300000w is too long: durations must be under 292 years")) {
      try Units.duration("300000w")
    }
  }

  /// Watts.
  static let powers: [(String, Double)] = [
    ("700W", 700), ("50kW", 50_000), ("30MW", 30_000_000),
    ("1.3kW", 1_300),  // read as 1.3e3: exactly 1300, not 1.3 × 1000 rounded twice
    ("0.1kW", 100), ("2.5 kW", 2_500),
  ]

  @Test(arguments: powers)
  func readsPowers(text: String, watts: Double) throws {
    #expect(try Units.power(text) == watts)
  }

  @Test func wrongPowerUnitIsNamed() {
    #expect(throws: UnitError("expected a power like 700W, 50kW, 30MW, got '12s'")) {
      try Units.power("12s")
    }
    // Units are case-sensitive: mW would be milliwatts.
    #expect(throws: UnitError("expected a power like 700W, 50kW, 30MW, got '5mW'")) {
      try Units.power("5mW")
    }
  }

  /// Bytes: decimal prefixes are powers of 1000, binary ones of 1024.
  static let sizes: [(String, Double)] = [
    ("80GB", 80e9), ("2TB", 2e12), ("1B", 1), ("64KB", 64_000), ("512MB", 512e6),
    ("512MiB", 536_870_912),  // 512 × 2^20
    ("1.5KiB", 1_536),  // 1.5 × 1024
    ("1GiB", 1_073_741_824),  // 2^30
    ("1TiB", 1_099_511_627_776),  // 2^40
  ]

  @Test(arguments: sizes)
  func readsSizes(text: String, bytes: Double) throws {
    #expect(try Units.size(text) == bytes)
  }

  /// Bytes per second: bits/s are divided by 8.
  static let bandwidths: [(String, Double)] = [
    ("400Gbps", 50e9),  // 400e9 / 8
    ("1bps", 0.125), ("8Kbps", 1_000), ("100Mbps", 12.5e6), ("1.6Tbps", 200e9),
    ("900GB/s", 900e9), ("3.35TB/s", 3.35e12), ("1B/s", 1), ("2KB/s", 2_000),
    ("5MB/s", 5e6),
  ]

  @Test(arguments: bandwidths)
  func readsBandwidths(text: String, bytesPerSecond: Double) throws {
    #expect(try Units.bandwidth(text) == bytesPerSecond)
  }

  @Test func wrongSizeAndBandwidthUnits() {
    #expect(throws: UnitError("expected a size like 80GB, 512MiB, 2TB, got '80Gb'")) {
      try Units.size("80Gb")
    }
    #expect(throws: UnitError("expected a bandwidth like 400Gbps, 900GB/s, got '900GB'")) {
      try Units.bandwidth("900GB")
    }
  }

  @Test func readsTemperatures() throws {
    #expect(try Units.temperature("87C") == 87)
    #expect(try Units.temperature("87.5°C") == 87.5)
    #expect(throws: UnitError("expected a temperature like 87C, got '87F'")) {
      try Units.temperature("87F")
    }
  }
}
