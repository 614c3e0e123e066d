import SimKernel
import Testing

@testable import DataCenter

/// The incremental bookkeeping the engine's settle stage will call (FlowNetwork.swift).
@Suite struct FlowNetworkTests {
  static func s(_ seconds: Double) -> SimTime { SimTime(seconds: seconds) }

  /// One leaf of 4 hosts, host links 100 B/s. A: h0 → h2 and B: h1 → h2, 100 B each, share
  /// h2's downlink: 50 B/s, done at 2 s; both need an event. At 1 s C: h3 → h2 joins: 100/3 B/s
  /// each. A has 50 B left: 50 / (100/3) = 1.5 s more, 2.5 s, later than its pending event, so
  /// only C is listed. A's old event at 2 s is then `.rescheduled` to 2.5 s; at 2.5 s it is
  /// `.finished`. An event with an old generation is `.stale`.
  @Test func laterCompletionsAreDeferredAndPushedBack() {
    let fabric = Fabric(
      FabricSpec(
        hosts: 4, hostsPerLeaf: 4, spines: 1, hostLinkBytesPerSecond: 100,
        uplinkBytesPerSecond: 100))
    var net = FlowNetwork(fabric: fabric)
    let a = net.addFlow(bytes: 100, from: HostID(0), to: HostID(2), flowKey: 0, at: .zero)
    let b = net.addFlow(bytes: 100, from: HostID(1), to: HostID(2), flowKey: 1, at: .zero)
    net.settle(at: .zero)
    #expect(Set(net.rescheduledFlows) == [a, b])
    #expect(net.rate(of: a) == 50 && net.completionTime(of: a) == Self.s(2))
    let stale = net.generation(of: a) &- 1
    let generation = net.generation(of: a)

    let c = net.addFlow(bytes: 100, from: HostID(3), to: HostID(2), flowKey: 2, at: Self.s(1))
    net.settle(at: Self.s(1))
    #expect(net.rescheduledFlows == [c])
    #expect(net.remainingBytes(of: a, at: Self.s(1)) == 50)

    #expect(net.completionEvent(a, generation: stale, at: Self.s(2)) == .stale)
    #expect(net.completionEvent(a, generation: generation, at: Self.s(2)) == .rescheduled)
    let t = net.completionTime(of: a)
    #expect(t >= Self.s(2.5) && (t - Self.s(2.5)).nanoseconds <= 1, "\(t)")
    #expect(net.completionEvent(a, generation: net.generation(of: a), at: t) == .finished)
    net.removeFlow(a, at: t)
    #expect(!net.isAlive(a) && net.flowCount == 2)
  }

  /// The one rounding rule: 1 byte at 3 B/s is 1/3 s, rounded up to 333,333,334 ns; a zero
  /// rate never finishes; an overflow clamps to `.never`.
  @Test func completionTimeRoundsUpAndClamps() {
    let start = SimTime(nanoseconds: 10)
    #expect(
      FlowNetwork.completionTime(remaining: 1, rate: 3, from: start).nanoseconds
        == 10 + 333_333_334)
    #expect(FlowNetwork.completionTime(remaining: 1, rate: 0, from: start) == .never)
    #expect(FlowNetwork.completionTime(remaining: 1e300, rate: 1, from: start) == .never)
    #expect(FlowNetwork.completionTime(remaining: 0, rate: 0, from: start) == start)
  }
}
