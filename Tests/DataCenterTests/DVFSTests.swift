import Testing

@testable import DataCenter

@Suite struct DVFSTests {
  static let catalog = HardwareCatalog.builtIn

  /// A hand-made type: idle 100 W; states (1000 MHz, 0.5, 300 W) and (2000 MHz, 1, 700 W).
  static let handMade = GPUType(
    name: "hand", peakTFLOPS: 1, memoryBytes: 1, memoryBandwidthBytesPerS: 1, tdpW: 700,
    idleW: 100, thermalLimitC: 85, source: "test",
    dvfsStates: [
      DVFSState(smClockMHz: 1_000, relativeThroughput: 0.5, maxPowerW: 300),
      DVFSState(smClockMHz: 2_000, relativeThroughput: 1, maxPowerW: 700),
    ])

  /// Every built-in's fastest state draws its REFERENCES.md §3.1 maximum power (A100 400 W,
  /// H100 700 W, H200 700 W, B200 1,000 W, GB200 1,200 W, MI300X 750 W) at throughput 1.
  @Test func topStateIsTheReferenceMaximumPower() throws {
    let expected: [String: Double] = [
      "a100-sxm": 400, "h100-sxm": 700, "h200-sxm": 700, "b200": 1_000, "gb200": 1_200,
      "mi300x": 750,
    ]
    for (name, watts) in expected {
      let gpu = try #require(Self.catalog.gpu(named: name))
      let top = try #require(gpu.dvfsStates.last)
      #expect(abs(top.maxPowerW - watts) < 1e-9 && top.relativeThroughput == 1, "\(name)")
      #expect(gpu.tdpW == watts, "\(name)")
    }
  }

  /// Clock, throughput and power rise together through every built-in's states.
  @Test func builtInStatesAreMonotoneAndValid() {
    #expect(Self.catalog.validate().isEmpty)
    for gpu in Self.catalog.gpus {
      #expect(gpu.dvfsStates.count == 6, "\(gpu.name)")
      for (a, b) in zip(gpu.dvfsStates, gpu.dvfsStates.dropFirst()) {
        #expect(a.smClockMHz < b.smClockMHz, "\(gpu.name)")
        #expect(a.relativeThroughput < b.relativeThroughput, "\(gpu.name)")
        #expect(a.maxPowerW < b.maxPowerW, "\(gpu.name)")
      }
      // Even the slowest state draws more at full load than the GPU does idle.
      #expect(gpu.dvfsStates[0].maxPowerW > gpu.idleW, "\(gpu.name)")
    }
  }

  /// The fit (REFERENCES.md §3.1, POLCA [P]): 10 % less throughput (f = 0.9 f_max) must cost
  /// 20 % of peak power: σ + (1 − σ) · 0.9³ = 0.8 with σ = 0.071/0.271.
  @Test func cubicModelReproducesPolcasTwentyPercentForTenPercent() {
    let states = DVFSState.cubicModel(clocksMHz: [900, 1_000], tdpW: 1_000)
    #expect(abs(states[0].relativeThroughput - 0.9) < 1e-15)
    #expect(abs(states[0].maxPowerW - 800) < 1e-9)
    #expect(states[1].maxPowerW == 1_000)
  }

  /// A100 at POLCA's low-priority cap clock 1,275 MHz (REFERENCES.md §3.1): r = 1275/1410 =
  /// 0.904255; P = 400 · (0.261993 + 0.738007 · 0.904255³) = 400 · (0.261993 + 0.738007 ·
  /// 0.739389) = 323.07 W, about the 80 % (320 W) cap POLCA applies there.
  @Test func a100AtPolcaCapClock() throws {
    let a100 = try #require(Self.catalog.gpu(named: "a100-sxm"))
    let s = a100.dvfsStates[3]
    #expect(s.smClockMHz == 1_275)
    #expect(abs(s.relativeThroughput - 0.904_255) < 1e-6)
    #expect(abs(s.maxPowerW - 323.07) < 0.01)
    // Half load in that state: idle 65 W + (323.07 − 65) · 0.5 = 194.03 W.
    #expect(abs(a100.power(atUtilization: 0.5, dvfsState: 3) - 194.03) < 0.01)
    // A 320 W cap rules out 1,275 MHz (323.07 W): the fastest state under it is 1,110 MHz.
    #expect(a100.dvfsState(forPowerCapW: 320) == 2)
    #expect(a100.dvfsState(forPowerCapW: 400) == 5)
    #expect(a100.dvfsState(forPowerCapW: 100) == nil)
    // Throughputs 0.574, 0.713, 0.787, 0.904, 0.926, 1: 0.9 needs state 3, 0.95 state 5.
    #expect(a100.lowestDVFSState(meetingRelativeThroughput: 0.9) == 3)
    #expect(a100.lowestDVFSState(meetingRelativeThroughput: 0.95) == 5)
    #expect(a100.lowestDVFSState(meetingRelativeThroughput: 1.01) == nil)
  }

  /// Between (1000 MHz, 0.5, 300 W) and (2000 MHz, 1, 700 W): at 1,500 MHz halfway, 0.75 and
  /// 500 W; at 1,250 MHz a quarter of the way, 0.625 and 400 W; outside, the ends.
  @Test func interpolationBetweenStatesByHand() {
    let g = Self.handMade
    #expect(
      g.interpolatedDVFSState(atClockMHz: 1_500)
        == DVFSState(smClockMHz: 1_500, relativeThroughput: 0.75, maxPowerW: 500))
    #expect(
      g.interpolatedDVFSState(atClockMHz: 1_250)
        == DVFSState(smClockMHz: 1_250, relativeThroughput: 0.625, maxPowerW: 400))
    #expect(g.interpolatedDVFSState(atClockMHz: 500) == g.dvfsStates[0])
    #expect(g.interpolatedDVFSState(atClockMHz: 3_000) == g.dvfsStates[1])
    // P(u = 0.25, state 0) = 100 + (300 − 100) · 0.25 = 150 W.
    #expect(g.power(atUtilization: 0.25, dvfsState: 0) == 150)
    #expect(g.powerModel(dvfsState: 1) == LinearPowerModel(idleW: 100, maxW: 700))
    // Rescaled to a 400 W TDP: 100 + (300 − 100) · (400 − 100)/(700 − 100) = 200 W, and 400 W.
    #expect(g.dvfsStates(rescaledToTDPW: 400).map(\.maxPowerW) == [200, 400])
  }

  /// A type without states has one: throughput 1 at TDP.
  @Test func typeWithoutStatesHasOneImplicitState() {
    var g = Self.handMade
    g.dvfsStates = []
    #expect(g.dvfsStateCount == 1 && g.topDVFSState == 0)
    // 100 + (700 − 100) · 0.5 = 400 W.
    #expect(g.power(atUtilization: 0.5, dvfsState: 0) == 400)
    #expect(g.dvfsState(forPowerCapW: 700) == 0 && g.dvfsState(forPowerCapW: 699) == nil)
  }

  @Test func badTablesAreReported() {
    var g = Self.handMade
    g.dvfsStates = [
      DVFSState(smClockMHz: 2_000, relativeThroughput: 0.5, maxPowerW: 300),
      DVFSState(smClockMHz: 1_000, relativeThroughput: 0.9, maxPowerW: 200),
    ]
    let problems = g.validate()
    // State 1: clock descends (1000 after 2000); power falls (200 after 300); top ≠ 1.
    #expect(problems.count == 3)
    #expect(problems[0].contains("clocks must ascend") && problems[2].contains("must be 1"))
  }
}
