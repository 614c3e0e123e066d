// DVFS lookups on a GPU type: power per state, the state for a power cap, the slowest state
// that still meets a throughput, and interpolation between states.
//
// Power at utilisation u in state s: P = idle + (P_max,s − idle) · u (DVFSState.swift).
// A type without states has one implicit state: (0 MHz = clock unknown, throughput 1, TDP).
// States are indexed from 0 (slowest) to `dvfsStateCount − 1` (full speed).

extension GPUType {
  /// The states in ascending clock order; one implicit full-speed state when none are given.
  public var effectiveDVFSStates: [DVFSState] {
    dvfsStates.isEmpty
      ? [DVFSState(smClockMHz: 0, relativeThroughput: 1, maxPowerW: tdpW)] : dvfsStates
  }

  /// The number of states (at least 1).
  public var dvfsStateCount: Int { max(1, dvfsStates.count) }

  /// The index of the full-speed state.
  public var topDVFSState: Int { dvfsStateCount - 1 }

  /// Power at utilisation `u` ∈ [0, 1] in state `state`, W: idle + (P_max,s − idle) · f(u),
  /// where f(u) = u, or, with a measured table T (`utilizationPowerW`, points at k/(n−1)),
  /// the table's shape interpolated linearly: f(u) = (T(u) − T(0)) / (T(1) − T(0)). Every
  /// state shares the shape; each keeps its idle and full-load power.
  ///
  /// - Complexity: O(1).
  public func power(atUtilization u: Double, dvfsState state: Int) -> Double {
    let top = dvfsStates.isEmpty ? tdpW : dvfsStates[state].maxPowerW
    return idleW + (top - idleW) * utilizationShape(u)
  }

  /// f(u) above: u without a table, else the table's normalised, interpolated shape.
  @inlinable public func utilizationShape(_ u: Double) -> Double {
    guard let table = utilizationPowerW, table.count >= 2 else { return u }
    let x = Swift.min(Swift.max(u, 0), 1) * Double(table.count - 1)
    let k = Swift.min(Int(x), table.count - 2)
    let t = table[k] + (table[k + 1] - table[k]) * (x - Double(k))
    return (t - table[0]) / (table[table.count - 1] - table[0])
  }

  /// The linear power model of one state (for `Site`'s per-type models).
  public func powerModel(dvfsState state: Int) -> LinearPowerModel {
    LinearPowerModel(
      idleW: idleW, maxW: dvfsStates.isEmpty ? tdpW : dvfsStates[state].maxPowerW)
  }

  /// The fastest state whose full-load power is at most `capW`: the state a per-GPU cap
  /// forces when the GPU may run flat out. Nil when even the slowest state draws more.
  ///
  /// - Complexity: O(states).
  public func dvfsState(forPowerCapW capW: Double) -> Int? {
    effectiveDVFSStates.lastIndex { $0.maxPowerW <= capW }
  }

  /// The slowest state whose relative throughput is at least `throughput` (what the `dvfs`
  /// strategy picks for a job with slack). Nil when `throughput` exceeds the top state's.
  ///
  /// - Complexity: O(states).
  public func lowestDVFSState(meetingRelativeThroughput throughput: Double) -> Int? {
    effectiveDVFSStates.firstIndex { $0.relativeThroughput >= throughput }
  }

  /// The operating point at clock `mhz`, linear between the two neighbouring states and
  /// clamped to the slowest and fastest ones.
  ///
  /// - Complexity: O(states).
  public func interpolatedDVFSState(atClockMHz mhz: Double) -> DVFSState {
    let states = effectiveDVFSStates
    guard let first = states.first, let last = states.last else {
      return DVFSState(smClockMHz: mhz, relativeThroughput: 1, maxPowerW: tdpW)
    }
    if mhz <= first.smClockMHz { return first }
    if mhz >= last.smClockMHz { return last }
    let k = states.firstIndex { $0.smClockMHz >= mhz } ?? states.count - 1
    let a = states[k - 1]
    let b = states[k]
    let f = (mhz - a.smClockMHz) / (b.smClockMHz - a.smClockMHz)
    return DVFSState(
      smClockMHz: mhz,
      relativeThroughput: a.relativeThroughput + (b.relativeThroughput - a.relativeThroughput) * f,
      maxPowerW: a.maxPowerW + (b.maxPowerW - a.maxPowerW) * f)
  }

  /// The states with their dynamic part rescaled to a new TDP:
  /// P'_s = idle + (P_s − idle) · (tdp' − idle) / (P_top − idle). For a scenario that changes
  /// `tdp` of a type whose states were made for the old one.
  public func dvfsStates(rescaledToTDPW newTDP: Double) -> [DVFSState] {
    guard let top = dvfsStates.last, top.maxPowerW > idleW else { return dvfsStates }
    let scale = (newTDP - idleW) / (top.maxPowerW - idleW)
    return dvfsStates.map {
      DVFSState(
        smClockMHz: $0.smClockMHz, relativeThroughput: $0.relativeThroughput,
        maxPowerW: idleW + ($0.maxPowerW - idleW) * scale)
    }
  }

  /// Problems with the DVFS table as sentences; empty when valid: clocks strictly ascending
  /// and > 0, throughputs in (0, 1] and non-decreasing with the top one 1, powers finite, > 0
  /// and non-decreasing.
  func validateDVFS() -> [String] {
    var problems: [String] = []
    let prefix = "gpu '\(name)': dvfs state"
    for (i, s) in dvfsStates.enumerated() {
      if !(s.smClockMHz > 0 && s.smClockMHz.isFinite) {
        problems.append("\(prefix) \(i): clock must be > 0 MHz, got \(s.smClockMHz)")
      }
      if !(s.relativeThroughput > 0 && s.relativeThroughput <= 1) {
        problems.append(
          "\(prefix) \(i): relative throughput must be in (0, 1], got \(s.relativeThroughput)")
      }
      if !(s.maxPowerW > 0 && s.maxPowerW.isFinite) {
        problems.append("\(prefix) \(i): power must be > 0 W, got \(s.maxPowerW)")
      }
      guard i > 0 else { continue }
      let p = dvfsStates[i - 1]
      if !(s.smClockMHz > p.smClockMHz) {
        problems.append("\(prefix) \(i): clocks must ascend, \(s.smClockMHz) after \(p.smClockMHz)")
      }
      if s.relativeThroughput < p.relativeThroughput || s.maxPowerW < p.maxPowerW {
        problems.append(
          "\(prefix) \(i): throughput and power must not fall as the clock rises")
      }
    }
    if let top = dvfsStates.last, top.relativeThroughput != 1 {
      problems.append(
        "\(prefix) \(dvfsStates.count - 1): the fastest state's relative throughput must be 1, "
          + "got \(top.relativeThroughput)")
    }
    return problems
  }
}
