import DataCenter
import Racksim
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

/// The scenario hash is computed over the documented canonical encoding
/// (`Scenario+Hash.swift`), so it is the same on every machine and Swift version.
@Suite struct ScenarioHashTests {
  func encoded(_ value: Any) -> String {
    var e = CanonicalEncoder()
    e.encode(value)
    return String(decoding: e.bytes, as: UTF8.self)
  }

  /// Each rule on a small value, written out by hand from the rules.
  @Test func canonicalRulesOnSmallValues() {
    #expect(encoded(42) == "i42")
    #expect(encoded(-7 as Int64) == "i-7")
    #expect(encoded(UInt64.max) == "i18446744073709551615")
    // 1.5 = 0x3FF8000000000000; -0.0 is written as +0.
    #expect(encoded(1.5) == "d3ff8000000000000")
    #expect(encoded(-0.0) == "d0000000000000000")
    #expect(encoded(Double.nan) == "d7ff8000000000000")
    #expect(encoded("hé") == "s3:hé")
    #expect(encoded(true) == "t")
    #expect(encoded([1, 2]) == "[i1,i2]")
    #expect(encoded(Optional<Int>.none as Any) == "n")
    // A struct: keys sorted (name, rackType, racksPerRow, rows).
    let hall = HallLayout(name: "h", rows: 2, racksPerRow: 3, rackType: "r")
    #expect(encoded(hall) == "{name=s1:h,rackType=s1:r,racksPerRow=i3,rows=i2}")
    // An enum case without payload, and one with a tuple payload.
    #expect(encoded(CoolingKind.air) == "<air>")
    #expect(
      encoded(Distribution.uniform(low: 1, high: 2))
        == "<uniform{high=d4000000000000000,low=d3ff0000000000000}>")
    // SimDuration is a struct of nanoseconds.
    #expect(encoded(SimDuration.seconds(2)) == "{nanoseconds=i2000000000}")
  }

  /// Jobs have a fast direct encoding; it must give the same bytes as the reflecting rules.
  @Test func directJobEncodingMatchesTheRules() {
    let job = TrainingJob(
      name: "x,1", submit: SimTime(seconds: 3), gpus: 8, work: .seconds(10), priority: -2,
      user: "u", gpuUtilization: 0.9, estimate: .seconds(12))
    var direct = CanonicalEncoder()
    direct.encode(job)
    var reflected = CanonicalEncoder()
    reflected.encodeReflectingForTests(job)
    #expect(direct.bytes == reflected.bytes)
    // Without an estimate the key is left out, by both.
    var plain = job
    plain.estimate = nil
    var d2 = CanonicalEncoder()
    d2.encode(plain)
    var r2 = CanonicalEncoder()
    r2.encodeReflectingForTests(plain)
    #expect(d2.bytes == r2.bytes)
    #expect(!String(decoding: d2.bytes, as: UTF8.self).contains("estimate"))
    // A list of jobs, too (a trace's jobs take the direct path).
    var list = CanonicalEncoder()
    list.encode([job, plain])
    var listReflected = CanonicalEncoder()
    listReflected.encodeReflectingForTests([job, plain])
    #expect(list.bytes == listReflected.bytes)
  }

  /// The same resolved values give the same hash; any change gives another; and the hash of
  /// the hand-worked scenario is pinned, so an accidental change of the encoding (or of the
  /// scenario types) shows up here and is made on purpose.
  @Test func hashIsPinnedAndSensitive() {
    let job = TrainingJob(name: "A", submit: .zero, gpus: 4, work: .seconds(100))
    let a = TestSupport.traceScenario(jobs: [job], horizon: .seconds(200), sample: .seconds(50))
    var b = a
    #expect(a.hash == b.hash)
    b.seed = 2
    #expect(a.hash != b.hash)
    // FNV-1a 64 of the empty input is the offset basis 0xcbf29ce484222325 (reference vector);
    // the hash's first half is FNV-1a 64 of the canonical bytes.
    var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in a.canonicalEncoding { fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let digits = String(fnv, radix: 16)
    #expect(a.hash.hasPrefix(String(repeating: "0", count: 16 - digits.count) + digits))
    #expect(a.hash.count == 32)
    #expect(a.hash == "0aee3219c36f250e5678a984fad50793")
  }
}
