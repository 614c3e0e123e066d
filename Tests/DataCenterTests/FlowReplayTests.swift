import SimKernel
import Testing

@testable import DataCenter

/// Flow completion times derived by hand (fluid max-min model, `FlowNetwork.swift`).
@Suite struct FlowReplayTests {
  /// 100 Gb/s = 12.5e9 B/s.
  static let g100 = 12.5e9

  static func ms(_ t: Int64) -> SimTime { SimTime(nanoseconds: t * 1_000_000) }

  static func request(_ s: Int, _ d: Int, _ bytes: Double, _ start: SimTime, key: UInt64 = 0)
    -> FlowRequest
  {
    FlowRequest(
      source: HostID(s), destination: HostID(d), bytes: bytes, start: start, key: key)
  }

  /// 8 hosts, 4 per leaf, 2 spines, every link 100 Gb/s (12.5e9 B/s). Flows of 1.25 GB:
  /// h0 → h2 and h1 → h2 share h2's downlink, 6.25e9 B/s each: 1.25e9 / 6.25e9 = 0.2 s.
  /// h5 → h3 starts at 50 ms on links nobody else uses (h5 up, leaf 1 → spine, spine → leaf 0,
  /// h3 down): 12.5e9 B/s, 0.1 s, so it ends at 0.15 s.
  @Test func threeFlowsTwoSharingADestination() {
    let fabric = Fabric(
      FabricSpec(
        hosts: 8, hostsPerLeaf: 4, spines: 2, hostLinkBytesPerSecond: Self.g100,
        uplinkBytesPerSecond: Self.g100, routing: .modulo))
    let result = FlowReplay.run(
      [
        Self.request(0, 2, 1.25e9, .zero), Self.request(1, 2, 1.25e9, .zero),
        Self.request(5, 3, 1.25e9, Self.ms(50)),
      ], on: fabric)
    #expect(result.completions == [Self.ms(200), Self.ms(200), Self.ms(150)])
  }

  /// The bottleneck of A moves when B ends. 8 hosts, 4 per leaf, one spine; host links
  /// 12.5e9 B/s, uplinks 150 Gb/s = 18.75e9 B/s.
  /// - A: h0 → h4, 2.5 GB (h0 up, leaf 0 → spine, spine → leaf 1, h4 down);
  /// - B: h0 → h1, 0.625 GB (h0 up, h1 down);
  /// - D: h2 → h5, 10 GB (h2 up, leaf 0 → spine, spine → leaf 1, h5 down).
  /// Filling: h0 up {A, B} saturates at 6.25e9 before leaf 0 → spine {A, D} (9.375e9), so
  /// A = B = 6.25e9, and D takes min(18.75 − 6.25, 12.5) = 12.5e9 B/s.
  /// B ends at 0.625 / 6.25 = 0.1 s. Then h0 up has A alone and A's bottleneck is the uplink:
  /// A = D = 18.75 / 2 = 9.375e9. A has 2.5 − 0.625 = 1.875 GB left: 0.2 s more, ends at
  /// 0.3 s. D has 10 − 1.25 − 9.375·0.2 = 6.875 GB left at 0.3 s, alone at its host link's
  /// 12.5e9: 0.55 s more, ends at 0.85 s.
  @Test func bottleneckMovesWhenAFlowEnds() {
    let fabric = Fabric(
      FabricSpec(
        hosts: 8, hostsPerLeaf: 4, spines: 1, hostLinkBytesPerSecond: Self.g100,
        uplinkBytesPerSecond: 18.75e9, routing: .modulo))
    let result = FlowReplay.run(
      [
        Self.request(0, 4, 2.5e9, .zero), Self.request(0, 1, 0.625e9, .zero),
        Self.request(2, 5, 10e9, .zero),
      ], on: fabric)
    let expected = [Self.ms(300), Self.ms(100), Self.ms(850)]
    for (got, want) in zip(result.completions, expected) {
      // The ceiling may add at most one nanosecond of rounding per rate change.
      #expect(got >= want && (got - want).nanoseconds <= 2, "\(got) vs \(want)")
    }
  }

  /// A flow of latency-delayed start: 2 hops × 1 ms, then 1.25 GB alone at 12.5e9 B/s
  /// (0.1 s): ends at 102 ms. A 0-byte flow ends when it joins, after its 2 ms.
  @Test func latencyDelaysTheStart() {
    let fabric = Fabric(
      FabricSpec(
        hosts: 4, hostsPerLeaf: 4, spines: 1, hostLinkBytesPerSecond: Self.g100,
        uplinkBytesPerSecond: Self.g100, hopLatency: .seconds(0.001)))
    let result = FlowReplay.run(
      [Self.request(0, 1, 1.25e9, .zero), Self.request(2, 3, 0, .zero)], on: fabric)
    #expect(result.completions == [Self.ms(102), Self.ms(2)])
  }

  /// The same 2,000 random flows replayed twice give identical completion times; a flow list
  /// on the non-blocking fabric also has no flow faster than its host link allows.
  @Test func replayIsDeterministic() {
    let fabric = Fabric(
      FabricSpec(
        hosts: 64, hostsPerLeaf: 8, spines: 4, hostLinkBytesPerSecond: Self.g100,
        uplinkBytesPerSecond: 4 * Self.g100, routing: .hash))
    let seed: UInt64 = 7
    var random = RandomStream(seed: seed, name: "flows/replay-test")
    var requests: [FlowRequest] = []
    var t: Int64 = 0
    for key in UInt64(0)..<2_000 {
      t += Int64(random.nextInt(below: 200_000))
      let s = random.nextInt(below: 64)
      let d = (s + 1 + random.nextInt(below: 63)) % 64
      let bytes = Double(1 + random.nextInt(below: 10_000_000))
      requests.append(Self.request(s, d, bytes, SimTime(nanoseconds: t), key: key))
    }
    let a = FlowReplay.run(requests, on: fabric)
    let b = FlowReplay.run(requests, on: fabric)
    #expect(a == b, "seed \(seed)")
    for (r, end) in zip(requests, a.completions) {
      let fastest = SimDuration.ceiling(seconds: r.bytes / Self.g100)
      #expect(end - r.start >= fastest, "seed \(seed): a flow beat its host link")
    }
  }
}
