import DataCenter
import SimKernel
import Testing

/// The fabric model's steady-state approximation against a simulation of every iteration with
/// `FlowNetwork` (issue 9 item 4; `FabricModel`'s header).
///
/// Case: the two 24-GPU jobs of `FabricModelTests` (4 leaves of 2 hosts, 1 spine, uplinks
/// B/2 = 6.25e9 B/s, 4:1). Each iteration is `compute` seconds without traffic, then 46 ring
/// steps, each 3 flows of 5e7 bytes (the NVLink part, 1 ms per step, is shorter than the 8 ms
/// fabric part and is left out). The steady-state model assumes both jobs' flows always share
/// leaf 1: 16 ms per step, iteration = compute + 0.736 s. Alone: compute + 0.368 s.
@Suite struct FabricApproximationTests {
  static let b = 12.5e9
  static let steps = 46
  static let bytes = 5e7

  /// The mean iteration time of each job over `iterations` iterations (each compute, then
  /// communication, from t = 0), simulated flow by flow.
  static func simulate(computes: [Double], iterations: Int) -> [Double] {
    let fabric = Fabric(
      FabricSpec(
        hosts: 8, hostsPerLeaf: 2, spines: 1, hostLinkBytesPerSecond: b,
        uplinkBytesPerSecond: b / 2, routing: .modulo))
    // Rings: job 0 on hosts 0-2, job 1 on hosts 3-5.
    let rings: [[(Int, Int)]] = [[(0, 1), (1, 2), (2, 0)], [(3, 4), (4, 5), (5, 3)]]
    var net = FlowNetwork(fabric: fabric)
    var flows: [[FlowID]] = [[], []]
    var step = [0, 0]
    var computeEnd: [SimTime?] = computes.map { .zero + .seconds($0) }
    var done = [0, 0]
    var finishedAt = [SimTime.zero, .zero]
    var now = SimTime.zero
    while done.contains(where: { $0 < iterations }) {
      for j in 0..<2 where done[j] < iterations {
        if let end = computeEnd[j], end <= now {
          computeEnd[j] = nil
          step[j] = 0
        } else if computeEnd[j] == nil {
          // Remove the flows that have sent their bytes; a step ends when all have.
          flows[j].removeAll { f in
            guard net.completionTime(of: f) <= now else { return false }
            net.removeFlow(f, at: now)
            return true
          }
          guard flows[j].isEmpty else { continue }
          step[j] += 1
          if step[j] == steps {
            done[j] += 1
            if done[j] == iterations { finishedAt[j] = now }
            computeEnd[j] = now + .seconds(computes[j])
            continue
          }
        } else {
          continue
        }
        for (k, pair) in rings[j].enumerated() {
          flows[j].append(
            net.addFlow(
              bytes: bytes, from: HostID(pair.0), to: HostID(pair.1), flowKey: UInt64(k),
              at: now))
        }
      }
      net.settle(at: now)
      // The next instant: a compute end or a flow completion.
      var next = SimTime.never
      for j in 0..<2 where done[j] < iterations {
        if let end = computeEnd[j] { next = min(next, end) }
        for f in flows[j] { next = min(next, net.completionTime(of: f)) }
      }
      now = next
    }
    return finishedAt.map { $0.seconds / Double(iterations) }
  }

  /// Identical jobs started together communicate in lock step, exactly as the steady state
  /// assumes: 1 + 46 · 0.016 = 1.736 s per iteration (each flow's completion rounds up to a
  /// whole nanosecond, at most 46 ns per iteration).
  @Test func lockStepMatchesTheSteadyState() {
    let t = Self.simulate(computes: [1, 1], iterations: 10)
    for x in t { #expect(abs(x - 1.736) < 1e-7, "\(x)") }
  }

  /// Different compute times (1 s and 0.5 s) put the jobs' communication phases partly out of
  /// phase: the true iteration time lies between the ideal (compute + 0.368 s) and the
  /// steady state (compute + 0.736 s), which overestimates it. Strictly: whenever one job
  /// computes while the other communicates, that communication runs alone at the full link
  /// rate, so each job beats the steady state by far more than rounding (lock step matches it
  /// to 1e-7 s above; here at least 0.1 % is asked). The error is printed (about +19 % and
  /// +29 % here); the README quotes it.
  @Test func outOfPhaseJobsAreFasterThanTheSteadyState() {
    let t = Self.simulate(computes: [1, 0.5], iterations: 40)
    let ideal = [1.368, 0.868]
    let steady = [1.736, 1.236]
    for j in 0..<2 {
      #expect(t[j] >= ideal[j] - 1e-7 && t[j] < steady[j] * (1 - 1e-3), "job \(j): \(t[j]) s")
      let error = (steady[j] - t[j]) / t[j]
      print("steady-state error, job \(j): simulated \(t[j]) s, steady \(steady[j]) s, +\(error)")
    }
  }
}
