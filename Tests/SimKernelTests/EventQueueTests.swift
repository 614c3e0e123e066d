import Testing

@testable import SimKernel

@Suite struct EventQueueTests {
  /// Reference model: sort by (time, phase, sequence). For 1,000 seeds, a random mix of
  /// schedules and pops must pop exactly what the sorted list says.
  @Test func popsInTheSameOrderAsSortingOverManySeeds() {
    for seed in UInt64(0)..<1_000 {
      var random = RandomStream(seed: seed, name: "test/event-queue")
      var queue = EventQueue<Int>()
      var reference: [(time: Int64, phase: UInt8, sequence: Int)] = []
      var sequence = 0
      var now: Int64 = 0
      for _ in 0..<200 {
        if random.nextInt(below: 3) < 2 || reference.isEmpty {
          // Few distinct times and phases, so ties are common.
          let time = now + Int64(random.nextInt(below: 5))
          let phase = EventPhase.allCases[random.nextInt(below: EventPhase.allCases.count)]
          queue.schedule(sequence, at: SimTime(nanoseconds: time), phase: phase)
          reference.append((time, phase.rawValue, sequence))
          sequence += 1
        } else {
          reference.sort { ($0.time, $0.phase, $0.sequence) < ($1.time, $1.phase, $1.sequence) }
          let expected = reference.removeFirst()
          let entry = queue.pop()
          #expect(entry?.payload == expected.sequence, "seed \(seed)")
          now = expected.time
        }
      }
      reference.sort { ($0.time, $0.phase, $0.sequence) < ($1.time, $1.phase, $1.sequence) }
      for expected in reference {
        #expect(queue.pop()?.payload == expected.sequence, "seed \(seed)")
      }
      #expect(queue.isEmpty)
    }
  }

  /// Same time: phase decides (resource 0 < completion 1 < arrival 2 < sample 4), then the
  /// order of scheduling within a phase.
  @Test func tiesOrderByPhaseThenSequence() {
    var queue = EventQueue<String>()
    let t = SimTime(nanoseconds: 10)
    queue.schedule("sample", at: t, phase: .sample)
    queue.schedule("arrival-1", at: t, phase: .arrival)
    queue.schedule("completion", at: t, phase: .completion)
    queue.schedule("arrival-2", at: t, phase: .arrival)
    queue.schedule("resource", at: t, phase: .resource)
    queue.schedule("earlier", at: SimTime(nanoseconds: 9), phase: .stop)
    var order: [String] = []
    while let e = queue.pop() { order.append(e.payload) }
    #expect(order == ["earlier", "resource", "completion", "arrival-1", "arrival-2", "sample"])
  }

  @Test func entryReportsItsPhaseAndSequence() {
    var queue = EventQueue<Int>()
    queue.schedule(0, at: .zero, phase: .arrival)
    queue.schedule(1, at: .zero, phase: .decision)
    let first = queue.pop()!
    #expect(first.phase == .arrival && first.sequence == 0)
    let second = queue.pop()!
    #expect(second.phase == .decision && second.sequence == 1)
  }

  /// After growing to its peak, the queue reuses its storage: capacity does not change while
  /// the number pending stays at or below the peak.
  @Test func steadyStateDoesNotGrowStorage() {
    var queue = EventQueue<Int>(capacity: 64)
    for i in 0..<64 { queue.schedule(i, at: SimTime(nanoseconds: Int64(i)), phase: .completion) }
    let capacity = queue.heap.capacity
    for i in 64..<10_064 {
      let e = queue.pop()!
      queue.schedule(i, at: SimTime(nanoseconds: e.time.nanoseconds + 64), phase: .completion)
    }
    #expect(queue.heap.capacity == capacity)
    #expect(queue.count == 64)
  }
}
