import Testing

@testable import SimKernel

/// A handler that records (time, event) and the times at which `settle` ran.
private struct Recording: EventHandler {
  var handled: [(Int64, String)] = []
  var settled: [Int64] = []
  var echo: [String: Int64] = [:]

  mutating func handle(_ event: String, kernel: inout Kernel<String>) {
    handled.append((kernel.now.nanoseconds, event))
    if let delay = echo[event] {
      kernel.schedule(event + "'", after: SimDuration(nanoseconds: delay), phase: .completion)
    }
    if event == "stop" { kernel.stop() }
  }

  mutating func settle(kernel: inout Kernel<String>) {
    settled.append(kernel.now.nanoseconds)
  }
}

@Suite struct KernelTests {
  /// Events at 5, 5, 7 (two at 5): settle runs once per timestamp, after all its events.
  @Test func settlesOncePerTimestampAfterItsEvents() {
    var kernel = Kernel<String>()
    var h = Recording()
    kernel.schedule("a", at: SimTime(nanoseconds: 5))
    kernel.schedule("b", at: SimTime(nanoseconds: 7))
    kernel.schedule("c", at: SimTime(nanoseconds: 5))
    kernel.run(&h, until: SimTime(nanoseconds: 100))
    #expect(h.handled.map(\.1) == ["a", "c", "b"])
    #expect(h.settled == [5, 7])
    #expect(kernel.now == SimTime(nanoseconds: 100))
    #expect(kernel.eventsProcessed == 3)
  }

  /// Observers see the settled state: at t = 5 a sample (phase .sample) scheduled before an
  /// arrival still runs after it and after settle; the log interleaves "settle" marks.
  @Test func observersRunAfterSettle() {
    struct Ordered: EventHandler {
      var log: [String] = []
      mutating func handle(_ event: String, kernel: inout Kernel<String>) { log.append(event) }
      mutating func settle(kernel: inout Kernel<String>) { log.append("settle") }
    }
    var kernel = Kernel<String>()
    var h = Ordered()
    kernel.schedule("sample", at: SimTime(nanoseconds: 5), phase: .sample)
    kernel.schedule("arrival", at: SimTime(nanoseconds: 5), phase: .arrival)
    kernel.schedule("sample-only", at: SimTime(nanoseconds: 8), phase: .sample)
    kernel.run(&h, until: SimTime(nanoseconds: 10))
    #expect(h.log == ["arrival", "settle", "sample", "settle", "sample-only"])
  }

  /// An event scheduled for "now" by a handler runs in the same timestamp, before settle.
  @Test func zeroDelayEventsRunBeforeSettle() {
    var kernel = Kernel<String>()
    var h = Recording(echo: ["a": 0])
    kernel.schedule("a", at: SimTime(nanoseconds: 3))
    kernel.run(&h, until: SimTime(nanoseconds: 10))
    #expect(h.handled.map(\.1) == ["a", "a'"])
    #expect(h.settled == [3])
  }

  /// `run(until:)` leaves later events pending and can be resumed: slicing a horizon gives
  /// the same sequence as one call.
  @Test func runningInSlicesEqualsOneRun() {
    func make() -> (Kernel<String>, Recording) {
      var k = Kernel<String>()
      for (i, t) in [1, 4, 4, 9, 15].enumerated() {
        k.schedule("e\(i)", at: SimTime(nanoseconds: Int64(t)))
      }
      return (k, Recording(echo: ["e1": 6, "e3": 2]))
    }
    var (k1, h1) = make()
    k1.run(&h1, until: SimTime(nanoseconds: 20))
    var (k2, h2) = make()
    for end in [3, 4, 10, 20] { k2.run(&h2, until: SimTime(nanoseconds: Int64(end))) }
    #expect(h1.handled.map(\.1) == h2.handled.map(\.1))
    #expect(h1.handled.map(\.0) == h2.handled.map(\.0))
    #expect(h1.settled == h2.settled)
  }

  /// `stop()` ends the run after the current timestamp; the clock stays at the stop time.
  @Test func stopEndsTheRun() {
    var kernel = Kernel<String>()
    var h = Recording()
    kernel.schedule("stop", at: SimTime(nanoseconds: 4))
    kernel.schedule("late", at: SimTime(nanoseconds: 8))
    kernel.run(&h, until: SimTime(nanoseconds: 100))
    #expect(h.handled.map(\.1) == ["stop"])
    #expect(kernel.now == SimTime(nanoseconds: 4))
    #expect(kernel.isStopped)
  }

  /// Lazy cancellation: a bumped generation makes the old event stale.
  @Test func generationsInvalidateOldEvents() {
    var g = Generations(count: 2)
    let first = g.bump(1)
    #expect(g.isCurrent(1, first))
    let second = g.bump(1)
    #expect(!g.isCurrent(1, first) && g.isCurrent(1, second))
    #expect(g.isCurrent(0, 0))
  }
}
