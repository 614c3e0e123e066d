// The classic hold model (Vaucher & Duval 1975; Jones 1986), in three implementations:
//
// 1. `plain`:  a binary min-heap on a Swift `Array`, written here with the same (time, seq) key
//              and the same payload. The floor: what a bare Swift heap costs.
// 2. `queue`:  `EventQueue<HoldEvent>` from SimKernel, called directly (`schedule`, `pop`).
// 3. `kernel`: Racksim's engine loop, `Kernel<HoldEvent>.run(&handler, until:)`, with a handler
//              whose `handle` schedules the next event.
//
// N events are pending. One operation pops the earliest event (time t) and pushes one at
// t + Exp(mean 1 s). The delays are drawn once from a `RandomStream` into a ring of 2^20 integer
// nanoseconds, and all three implementations read the same ring in the same order, so the
// RNG and `log` cost is in none of the timed loops and all three do exactly the same heap work.
// Each one folds the popped (time, id) pairs into a checksum; the three checksums must agree.
//
// Usage: hold-model [--sizes 1000,100000,1000000] [--ops M] [--repeats R] [--cpu-clock] [--tsv PATH]
//   --ops       measured operations per run (default: 20M at N <= 1e3, 10M at N <= 1e5, else 5M)
//   --repeats   runs per implementation and N, interleaved; the best is reported (default 3)
//   --cpu-clock time the thread's CPU time (CLOCK_THREAD_CPUTIME_ID) instead of the wall clock,
//               so that time spent waiting for a core on a shared machine is not counted
//   --tsv       also write `n plain queue kernel` rows (events/s) to PATH for run.sh

import Foundation
import SimKernel

// MARK: - Payload

/// A payload shaped like a real Racksim event: a small closed enum carrying IDs only.
enum HoldEvent {
  case timer(id: UInt32, generation: UInt32)
  case sample
}

@inline(__always)
func fold(_ check: UInt64, _ time: Int64, _ event: HoldEvent) -> UInt64 {
  let id: UInt64
  switch event {
  case .timer(let i, _): id = UInt64(i)
  case .sample: id = .max
  }
  return (check &* 0x100_0000_01b3) ^ (UInt64(bitPattern: time) &+ id)
}

// MARK: - Delays

/// 2^20 exponential delays, mean 1 s, as integer nanoseconds.
struct DelayRing {
  static let count = 1 << 20
  let values: [Int64]
  let mask = DelayRing.count - 1

  init(seed: UInt64) {
    var rng = RandomStream(seed: seed, name: "benchmarks/hold/exp")
    var v = [Int64]()
    v.reserveCapacity(DelayRing.count)
    for _ in 0..<DelayRing.count {
      v.append(SimDuration(seconds: -log(rng.nextOpenDouble())).nanoseconds)
    }
    values = v
  }
}

// MARK: - 1. Plain heap

struct PlainEntry {
  var time: Int64
  var seq: UInt64
  var payload: HoldEvent

  @inline(__always) func precedes(_ o: PlainEntry) -> Bool {
    time < o.time || (time == o.time && seq < o.seq)
  }
}

/// A textbook array-backed binary min-heap keyed by (time, seq): the floor.
struct PlainHeap {
  var heap: [PlainEntry] = []
  var nextSeq: UInt64 = 0

  init(capacity: Int) { heap.reserveCapacity(capacity) }

  var nextTime: Int64? { heap.first?.time }

  mutating func push(_ payload: HoldEvent, at time: Int64) {
    let item = PlainEntry(time: time, seq: nextSeq, payload: payload)
    nextSeq &+= 1
    heap.append(item)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) >> 1
      let p = heap[parent]
      guard item.precedes(p) else { break }
      heap[child] = p
      child = parent
    }
    heap[child] = item
  }

  mutating func pop() -> PlainEntry? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    let n = heap.count
    var hole = 0
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      let right = child &+ 1
      if right < n && heap[right].precedes(heap[child]) { child = right }
      guard heap[child].precedes(last) else { break }
      heap[hole] = heap[child]
      hole = child
    }
    heap[hole] = last
    return top
  }
}

// MARK: - Runs

struct Sample {
  var events: Int
  var seconds: Double
  var check: UInt64
  var eventsPerSecond: Double { Double(events) / seconds }
}

struct Setup {
  let n: Int
  let ops: Int
  /// The warm-up runs every event due at or before this time (about `warmupEvents` of them).
  let warmupHorizon: Int64
  let delays: DelayRing
  /// Time with the thread's CPU clock rather than `ContinuousClock`.
  let cpuClock: Bool
}

/// Seconds on the wall clock or on this thread's CPU clock, from an arbitrary origin.
@inline(never)
func clockSeconds(cpu: Bool) -> Double {
  if cpu {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
  return seconds(ContinuousClock.now - wallOrigin)
}

let wallOrigin = ContinuousClock.now

@inline(__always)
func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

@inline(never)
func runPlain(_ s: Setup) -> Sample {
  let delays = s.delays.values
  let mask = s.delays.mask
  var k = 0
  var h = PlainHeap(capacity: s.n + 1)
  for i in 0..<s.n {
    h.push(.timer(id: UInt32(i), generation: 0), at: delays[k & mask])
    k &+= 1
  }
  while let t = h.nextTime, t <= s.warmupHorizon {
    let e = h.pop()!
    guard case .timer(let id, let g) = e.payload else { continue }
    h.push(.timer(id: id, generation: g &+ 1), at: e.time &+ delays[k & mask])
    k &+= 1
  }
  var check: UInt64 = 0
  let start = clockSeconds(cpu: s.cpuClock)
  for _ in 0..<s.ops {
    let e = h.pop()!
    check = fold(check, e.time, e.payload)
    guard case .timer(let id, let g) = e.payload else { continue }
    h.push(.timer(id: id, generation: g &+ 1), at: e.time &+ delays[k & mask])
    k &+= 1
  }
  let elapsed = clockSeconds(cpu: s.cpuClock) - start
  return Sample(events: s.ops, seconds: elapsed, check: check)
}

@inline(never)
func runQueue(_ s: Setup) -> Sample {
  let delays = s.delays.values
  let mask = s.delays.mask
  var k = 0
  var q = EventQueue<HoldEvent>(capacity: s.n + 1)
  for i in 0..<s.n {
    q.schedule(.timer(id: UInt32(i), generation: 0), at: SimTime(nanoseconds: delays[k & mask]))
    k &+= 1
  }
  let horizon = SimTime(nanoseconds: s.warmupHorizon)
  while let t = q.nextTime, t <= horizon {
    let e = q.pop()!
    guard case .timer(let id, let g) = e.payload else { continue }
    q.schedule(
      .timer(id: id, generation: g &+ 1),
      at: e.time + SimDuration(nanoseconds: delays[k & mask]))
    k &+= 1
  }
  var check: UInt64 = 0
  let start = clockSeconds(cpu: s.cpuClock)
  for _ in 0..<s.ops {
    let e = q.pop()!
    check = fold(check, e.time.nanoseconds, e.payload)
    guard case .timer(let id, let g) = e.payload else { continue }
    q.schedule(
      .timer(id: id, generation: g &+ 1),
      at: e.time + SimDuration(nanoseconds: delays[k & mask]))
    k &+= 1
  }
  let elapsed = clockSeconds(cpu: s.cpuClock) - start
  return Sample(events: s.ops, seconds: elapsed, check: check)
}

/// Reschedules every timer it handles; stops the kernel after `limit` events.
struct HoldHandler: EventHandler {
  let delays: [Int64]
  let mask: Int
  var k = 0
  var handled = 0
  var limit = Int.max
  var check: UInt64 = 0

  init(delays: DelayRing) {
    self.delays = delays.values
    self.mask = delays.mask
  }

  mutating func handle(_ event: HoldEvent, kernel: inout Kernel<HoldEvent>) {
    switch event {
    case .timer(let id, let g):
      handled &+= 1
      if handled <= limit { check = fold(check, kernel.now.nanoseconds, event) }
      if handled == limit { kernel.stop() }
      kernel.schedule(
        .timer(id: id, generation: g &+ 1), after: SimDuration(nanoseconds: delays[k & mask]))
      k &+= 1
    case .sample:
      break
    }
  }
}

@inline(never)
func runKernel(_ s: Setup) -> Sample {
  var kernel = Kernel<HoldEvent>(capacity: s.n + 1)
  var handler = HoldHandler(delays: s.delays)
  for i in 0..<s.n {
    kernel.schedule(
      .timer(id: UInt32(i), generation: 0),
      at: SimTime(nanoseconds: handler.delays[handler.k & handler.mask]))
    handler.k &+= 1
  }
  kernel.run(&handler, until: SimTime(nanoseconds: s.warmupHorizon))
  handler.handled = 0
  handler.limit = s.ops
  handler.check = 0
  let start = clockSeconds(cpu: s.cpuClock)
  kernel.run(&handler, until: .never)
  let elapsed = clockSeconds(cpu: s.cpuClock) - start
  // `stop()` ends the run after the current timestamp settles, so a tie at the last instant
  // may add an event or two; they are counted, but not folded into the checksum.
  return Sample(events: handler.handled, seconds: elapsed, check: handler.check)
}

// MARK: - Main

func parseArguments() -> (sizes: [Int], ops: Int?, repeats: Int, cpuClock: Bool, tsv: String?) {
  var sizes = [1_000, 100_000, 1_000_000]
  var ops: Int? = nil
  var repeats = 3
  var cpuClock = false
  var tsv: String? = nil
  var args = CommandLine.arguments.dropFirst()
  func value(_ flag: String) -> String {
    guard let v = args.popFirst() else {
      FileHandle.standardError.write("hold-model: \(flag) needs a value\n".data(using: .utf8)!)
      exit(2)
    }
    return v
  }
  while let a = args.popFirst() {
    switch a {
    case "--sizes": sizes = value(a).split(separator: ",").compactMap { Int($0) }
    case "--ops": ops = Int(value(a))
    case "--repeats": repeats = max(1, Int(value(a)) ?? 3)
    case "--cpu-clock": cpuClock = true
    case "--tsv": tsv = value(a)
    case "-h", "--help":
      print(
        "usage: hold-model [--sizes 1000,100000,1000000] [--ops M] [--repeats R] [--cpu-clock]"
          + " [--tsv PATH]")
      exit(0)
    default:
      FileHandle.standardError.write("hold-model: unknown argument \(a)\n".data(using: .utf8)!)
      exit(2)
    }
  }
  return (sizes, ops, repeats, cpuClock, tsv)
}

func defaultOps(_ n: Int) -> Int {
  n <= 1_000 ? 20_000_000 : n <= 100_000 ? 10_000_000 : 5_000_000
}

/// Unbuffered output, so that progress lines appear as runs finish, even through a pipe.
func say(_ line: String) { FileHandle.standardOutput.write((line + "\n").data(using: .utf8)!) }

func pad(_ s: String, _ w: Int) -> String {
  s.count >= w ? s : String(repeating: " ", count: w - s.count) + s
}

func mega(_ x: Double) -> String { String(format: "%.2fM", x / 1e6) }

let options = parseArguments()
let delays = DelayRing(seed: 1)
let names = ["plain", "queue", "kernel"]
let runners: [(Setup) -> Sample] = [runPlain, runQueue, runKernel]
var rows: [(n: Int, best: [Double])] = []
var checksumsAgree = true

say(
  "Hold model: pop the earliest event, push one at now + Exp(1 s); events/s, best of \(options.repeats)"
)
for n in options.sizes {
  let ops = options.ops ?? defaultOps(n)
  let warmupEvents = max(2 * n, 2_000_000)
  // Events fire at rate n per simulated second, so `warmupEvents` take warmupEvents/n s.
  let horizon = Int64((Double(warmupEvents) / Double(n) * 1e9).rounded())
  let setup = Setup(
    n: n, ops: ops, warmupHorizon: horizon, delays: delays, cpuClock: options.cpuClock)
  var best = [0.0, 0.0, 0.0]
  var checks: [UInt64?] = [nil, nil, nil]
  for r in 0..<options.repeats {
    // Rotate the order, so that no implementation always runs first (or after the same one).
    for j in 0..<3 {
      let i = (j + r) % 3
      let sample = runners[i](setup)
      best[i] = max(best[i], sample.eventsPerSecond)
      if let c = checks[i], c != sample.check { checksumsAgree = false }
      checks[i] = sample.check
      say(
        "  n=\(n) \(pad(names[i], 6)) run \(r + 1): \(sample.events) events in "
          + "\(String(format: "%.3f", sample.seconds)) s = \(mega(sample.eventsPerSecond)) ev/s")
    }
  }
  if Set(checks.compactMap { $0 }).count != 1 { checksumsAgree = false }
  rows.append((n, best))
}

say("")
say(
  [
    pad("N", 9), pad("plain heap", 12), pad("EventQueue", 12), pad("Kernel", 12),
    pad("Kernel/plain", 13), pad("Queue/plain", 12),
  ].joined(separator: " "))
for row in rows {
  say(
    [
      pad(String(row.n), 9), pad(mega(row.best[0]), 12), pad(mega(row.best[1]), 12),
      pad(mega(row.best[2]), 12),
      pad(String(format: "%.2fx", row.best[2] / row.best[0]), 13),
      pad(String(format: "%.2fx", row.best[1] / row.best[0]), 12),
    ].joined(separator: " "))
}
say(
  "checksums: \(checksumsAgree ? "all three implementations popped the same events" : "MISMATCH")")

if let path = options.tsv {
  var text = "n\tplain\tqueue\tkernel\n"
  for row in rows {
    text += "\(row.n)\t\(row.best[0])\t\(row.best[1])\t\(row.best[2])\n"
  }
  try! text.write(toFile: path, atomically: true, encoding: .utf8)
}
exit(checksumsAgree ? 0 : 1)
