// Progressive filling over the dirty components (the algorithm is stated in MaxMinSolver.swift).

extension MaxMinSolver {
  /// Re-solves the part of every changed component that the changes can affect, and records
  /// in `changedVariables` the variables whose value changed.
  ///
  /// First the safe level `L` is computed (MaxMinSolver.swift: the smallest old level of a
  /// removed variable, and for each added variable its bound level and a Newton lower bound on
  /// when each of its constraints would saturate). Then, from each dirty constraint or
  /// variable, a walk over constraint → variables → constraints collects the region of the
  /// residual problem above `L`: it enters only variables that are new or have `λ_v ≥ L`, and
  /// sums the kept values of the others on each constraint it visits. The region is copied into
  /// flat local arrays (compressed rows both ways) and filled from `L`. Clean components are
  /// not visited at all.
  /// - Complexity: O(E' log K' + V' log V' + Σ_{c ∈ K'} n_c + Σ_{c ∈ A} n_c) for a region of
  ///   `K'` constraints, `V'` variables and `E'` (variable, constraint) pairs, where `n_c` is
  ///   the number of variables on `c` (the walk scans every visited constraint's list once,
  ///   including its kept variables) and `A` the constraints of added variables (scanned by at
  ///   most `newtonSteps` Newton steps each). The region is never larger than the dirty
  ///   components, so this is at most the O(E log K + V log V) of re-solving them whole; O(1)
  ///   when nothing is dirty. No allocation once the scratch buffers have reached the peak
  ///   region size.
  public mutating func solve() {
    changedVariables.removeAll(keepingCapacity: true)
    statistics = Statistics()
    guard isDirty else { return }
    scratch.epoch &+= 1
    if scratch.epoch == 0 { scratch.resetMarks() }
    let floor = safeLevel()
    pendingLevel = .infinity
    statistics.level = floor
    // The walk marks of this epoch also serve `safeLevel`'s deduplication: start a new one.
    scratch.epoch &+= 1
    if scratch.epoch == 0 { scratch.resetMarks() }
    var d = 0
    while d < dirtyConstraints.count {
      let c = dirtyConstraints[d]
      constraintDirty[Int(c)] = false
      d += 1
      if constraintAlive[Int(c)] && scratch.constraintMark[Int(c)] != scratch.epoch {
        collectComponent(seedConstraint: c, seedVariable: nil, from: floor)
        solveComponent(from: floor)
      }
    }
    d = 0
    while d < dirtyVariables.count {
      let v = dirtyVariables[d]
      variableDirty[Int(v)] = false
      d += 1
      if variableAlive[Int(v)] && scratch.variableMark[Int(v)] != scratch.epoch {
        collectComponent(seedConstraint: nil, seedVariable: v, from: floor)
        solveComponent(from: floor)
      }
    }
    dirtyConstraints.removeAll(keepingCapacity: true)
    dirtyVariables.removeAll(keepingCapacity: true)
  }

  // MARK: - Private

  /// The level below which no pending change can alter the filling (MaxMinSolver.swift).
  /// Uses this epoch's constraint marks to visit each constraint of the new variables once.
  mutating func safeLevel() -> Double {
    var floor = pendingLevel
    let epoch = scratch.epoch
    for v32 in dirtyVariables {
      let v = Int(v32)
      guard variableAlive[v] && variableFresh[v] else { continue }
      floor = Swift.min(floor, bounds[v] / weights[v])
      for c in variableConstraints[v] where scratch.constraintMark[Int(c)] != epoch {
        scratch.constraintMark[Int(c)] = epoch
        floor = Swift.min(floor, saturationLowerBound(Int(c)))
        if floor == 0 { return 0 }
      }
    }
    return floor
  }

  /// Newton steps per constraint in `saturationLowerBound`: `f` is piecewise linear, so the
  /// steps end on its root once they reach the root's piece, usually within a few.
  static let newtonSteps = 12

  /// A level at or below the first root of `f(λ) = Σ_{u on c} w_u·min(λ, λ_u) + W_new·λ − C`,
  /// the load constraint `c` would carry at level `λ` if the old filling held, with the new
  /// variables unfixed. `f` is concave and increasing, so each Newton step with the right
  /// derivative lands at or below the root; after at most `newtonSteps` the result is lowered
  /// by a 1e-9 relative margin against rounding.
  /// - Complexity: O(n_c) per step.
  func saturationLowerBound(_ c: Int) -> Double {
    let capacity = capacities[c]
    guard capacity.isFinite else { return .infinity }
    var level = 0.0
    for _ in 0..<Self.newtonSteps {
      var load = 0.0
      var slope = 0.0
      for element in elements[c] {
        let v = Int(element.variable)
        if levels[v] > level {  // new variables have level ∞
          slope += weights[v]
        } else {
          load += values[v]
        }
      }
      load += slope * level
      let gap = capacity - load
      // Close enough: the margin below covers what is left.
      if gap <= 1e-12 * capacity { break }
      // No variable left to grow: the constraint never saturates.
      if slope == 0 { return .infinity }
      let next = level + gap / slope
      if next == level || next == .infinity { break }
      level = next
    }
    return level * (1 - 1e-9)
  }

  /// Copies the region of the seed above level `floor` into `scratch`: local constraint and
  /// variable numbers in discovery order, with each one's list of the other kind as local
  /// numbers, and each constraint's usage by the variables kept below `floor`.
  mutating func collectComponent(seedConstraint: UInt32?, seedVariable: UInt32?, from floor: Double)
  {
    // The walk runs on a local scratch, so that its appends are not reloaded from `self`.
    var s = Scratch()
    swap(&s, &scratch)
    collect(into: &s, seedConstraint: seedConstraint, seedVariable: seedVariable, from: floor)
    swap(&s, &scratch)
  }

  func collect(
    into s: inout Scratch, seedConstraint: UInt32?, seedVariable: UInt32?, from floor: Double
  ) {
    let epoch = s.epoch
    s.beginComponent()
    if let c = seedConstraint {
      s.constraintMark[Int(c)] = epoch
      s.addConstraint(c, capacity: capacities[Int(c)])
    }
    if let v = seedVariable { discover(v, epoch, &s) }
    // The constraint list doubles as the walk's queue.
    var next = 0
    while next < s.componentConstraints.count {
      let c = Int(s.componentConstraints[next])
      next += 1
      var kept = 0.0
      for element in elements[c] {
        let v = Int(element.variable)
        // New variables have level ∞; every marked variable is at or above the floor, so a
        // kept one costs two loads.
        if levels[v] >= floor {
          if s.variableMark[v] != epoch { discover(element.variable, epoch, &s) }
          s.conVars.append(s.localOfVariable[v])
        } else {
          kept += values[v]
        }
      }
      s.conStart.append(Int32(s.conVars.count))
      s.cKeptUsage.append(kept)
    }
  }

  /// Adds variable `v` to the region and its constraints to the walk.
  @inline(__always)
  func discover(_ v32: UInt32, _ epoch: UInt32, _ s: inout Scratch) {
    let v = Int(v32)
    s.variableMark[v] = epoch
    s.addVariable(v32, weight: weights[v], bound: bounds[v])
    let start = Int(poolStart[v])
    for k in start..<(start + Int(poolCount[v])) {
      let c = constraintPool[k]
      if s.constraintMark[Int(c)] != epoch {
        s.constraintMark[Int(c)] = epoch
        s.addConstraint(c, capacity: capacities[Int(c)])
      }
      s.varCons.append(s.localOfConstraint[Int(c)])
    }
    s.varStart.append(Int32(s.varCons.count))
  }

  /// Progressive filling of the collected region from `floor`; writes values, levels and the
  /// changed list.
  mutating func solveComponent(from floor: Double) {
    scratch.fill(from: floor)
    let n = scratch.componentVariables.count
    for i in 0..<n {
      let v = Int(scratch.componentVariables[i])
      let value = scratch.vValue[i]
      if variableFresh[v] || value != values[v] {
        changedVariables.append(Variable(raw: UInt32(v)))
      }
      variableFresh[v] = false
      values[v] = value
      levels[v] = scratch.vLevel[i]
    }
    statistics.components += 1
    statistics.variables += n
    statistics.largestComponent = Swift.max(statistics.largestComponent, n)
  }
}

/// One region copied into flat arrays, and the heaps of one filling; kept between solves so
/// that steady state allocates nothing. Local numbers index every `c…`/`v…` array.
struct Scratch: Sendable {
  /// A variable's bound as a level, `b_v / w_v`; these never change during a filling.
  struct BoundEntry: Sendable {
    var level: Double
    var variable: Int32

    @inline(__always) func precedes(_ other: BoundEntry) -> Bool {
      level < other.level || (level == other.level && variable < other.variable)
    }
  }

  // Walk marks and global → local numbers (indexed by global handle).
  var epoch: UInt32 = 0
  var constraintMark: [UInt32] = []
  var variableMark: [UInt32] = []
  var localOfConstraint: [Int32] = []
  var localOfVariable: [Int32] = []
  // The component: global handles by local number, and compressed rows.
  var componentConstraints: [UInt32] = []
  var componentVariables: [UInt32] = []
  /// Constraint k's variables are `conVars[conStart[k] ..< conStart[k + 1]]`.
  var conStart: [Int32] = [0]
  var conVars: [Int32] = []
  /// Variable k's constraints are `varCons[varStart[k] ..< varStart[k + 1]]`.
  var varStart: [Int32] = [0]
  var varCons: [Int32] = []
  // Per local constraint.
  var cCapacity: [Double] = []
  /// The usage by variables kept below the region's floor (not part of the region).
  var cKeptUsage: [Double] = []
  var cFixedUsage: [Double] = []
  var cUnfixedWeight: [Double] = []
  var cUnfixedCount: [Int32] = []
  var cLevel: [Double] = []
  var cHeapPosition: [Int32] = []
  var cInHeap: [Bool] = []
  /// Whether the constraint's heap key may be below its true saturation level.
  var cStale: [Bool] = []
  // Per local variable.
  var vWeight: [Double] = []
  var vBound: [Double] = []
  var vFixed: [Bool] = []
  var vValue: [Double] = []
  var vLevel: [Double] = []
  // Filling.
  /// Indexed binary min-heap of local constraints ordered by (level, number): at most one
  /// entry per constraint, whose key is updated in place (`cHeapPosition`).
  var levels: [Int32] = []
  /// Binary min-heap of bounded local variables ordered by (level, number).
  var bounds: [BoundEntry] = []

  mutating func growConstraints(to n: Int) {
    while constraintMark.count < n {
      constraintMark.append(0)
      localOfConstraint.append(0)
    }
  }

  mutating func growVariables(to n: Int) {
    while variableMark.count < n {
      variableMark.append(0)
      localOfVariable.append(0)
    }
  }

  /// After 2³² solves the epoch wraps: clear the marks so that no old mark matches.
  mutating func resetMarks() {
    for i in constraintMark.indices { constraintMark[i] = 0 }
    for i in variableMark.indices { variableMark[i] = 0 }
    epoch = 1
  }

  mutating func beginComponent() {
    componentConstraints.removeAll(keepingCapacity: true)
    componentVariables.removeAll(keepingCapacity: true)
    conStart.removeAll(keepingCapacity: true)
    conStart.append(0)
    conVars.removeAll(keepingCapacity: true)
    varStart.removeAll(keepingCapacity: true)
    varStart.append(0)
    varCons.removeAll(keepingCapacity: true)
    cCapacity.removeAll(keepingCapacity: true)
    cKeptUsage.removeAll(keepingCapacity: true)
    vWeight.removeAll(keepingCapacity: true)
    vBound.removeAll(keepingCapacity: true)
  }

  @inline(__always)
  mutating func addConstraint(_ c: UInt32, capacity: Double) {
    localOfConstraint[Int(c)] = Int32(componentConstraints.count)
    componentConstraints.append(c)
    cCapacity.append(capacity)
  }

  @inline(__always)
  mutating func addVariable(_ v: UInt32, weight: Double, bound: Double) {
    localOfVariable[Int(v)] = Int32(componentVariables.count)
    componentVariables.append(v)
    vWeight.append(weight)
    vBound.append(bound)
  }

  /// Resizes a per-local array to `n` entries of `value`, keeping its capacity.
  @inline(__always)
  static func reset<T>(_ a: inout [T], _ n: Int, _ value: T) {
    a.removeAll(keepingCapacity: true)
    a.append(contentsOf: repeatElement(value, count: n))
  }

  /// Progressive filling of the collected region, starting at level `floor` with the kept
  /// usage already on each constraint; leaves the values in `vValue` and levels in `vLevel`.
  mutating func fill(from floor: Double) {
    let k = componentConstraints.count
    let n = componentVariables.count
    swap(&cFixedUsage, &cKeptUsage)
    Self.reset(&cUnfixedWeight, k, 0)
    Self.reset(&cUnfixedCount, k, 0)
    Self.reset(&cLevel, k, 0)
    Self.reset(&cHeapPosition, k, 0)
    Self.reset(&cInHeap, k, false)
    Self.reset(&cStale, k, false)
    Self.reset(&vFixed, n, false)
    // Unfixed at the end means only infinite capacities and no bound: unlimited.
    Self.reset(&vValue, n, .infinity)
    Self.reset(&vLevel, n, .infinity)
    levels.removeAll(keepingCapacity: true)
    bounds.removeAll(keepingCapacity: true)
    for c in 0..<k {
      var weight = 0.0
      for e in Int(conStart[c])..<Int(conStart[c + 1]) { weight += vWeight[Int(conVars[e])] }
      cUnfixedWeight[c] = weight
      cUnfixedCount[c] = conStart[c + 1] - conStart[c]
      if cUnfixedCount[c] > 0 && cCapacity[c].isFinite {
        // At or above the floor in exact arithmetic; clamped against rounding.
        cLevel[c] = Swift.max(floor, (cCapacity[c] - cFixedUsage[c]) / weight)
        cInHeap[c] = true
        cHeapPosition[c] = Int32(levels.count)
        levels.append(Int32(c))
      }
    }
    // Heapify bottom-up: O(K) instead of K insertions.
    if levels.count > 1 {
      for i in stride(from: levels.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
    }
    for v in 0..<n where vBound[v].isFinite {
      pushBound(Int32(v), level: Swift.max(floor, vBound[v] / vWeight[v]))
    }
    // Keys are lazy: fixing a variable only marks its constraints stale. A constraint's
    // saturation level never falls when a variable on it is fixed (it was fixed at a level at
    // or below that constraint's), so a stale key is a lower bound, and only the constraint at
    // the top of the heap needs its true level before it is compared.
    var current = floor
    while true {
      while let top = levels.first {
        let c = Int(top)
        if cUnfixedCount[c] == 0 {
          remove(top)
          continue
        }
        guard cStale[c] else { break }
        cStale[c] = false
        let saturation = (cCapacity[c] - cFixedUsage[c]) / cUnfixedWeight[c]
        // Never below the level already reached (clamped against rounding).
        let l = Swift.max(saturation, current)
        if l > cLevel[c] {
          update(top, level: l)
          continue
        }
        break
      }
      if let b = bounds.first, levels.isEmpty || b.level <= cLevel[Int(levels[0])] {
        // A bound is reached first.
        popBound()
        current = Swift.max(current, b.level)
        let v = Int(b.variable)
        if !vFixed[v] { fix(v, at: vBound[v], level: current) }
      } else if let c32 = levels.first {
        // A constraint saturates: every variable still unfixed on it stops at w·level.
        let c = Int(c32)
        current = cLevel[c]
        remove(c32)
        for e in Int(conStart[c])..<Int(conStart[c + 1]) {
          let v = Int(conVars[e])
          if !vFixed[v] { fix(v, at: vWeight[v] * current, level: current) }
        }
      } else {
        break
      }
    }
  }

  /// Fixes local variable `v` at `value` (reached at `level`) and updates the sums of its
  /// constraints.
  @inline(__always)
  mutating func fix(_ v: Int, at value: Double, level: Double) {
    vFixed[v] = true
    vValue[v] = value
    vLevel[v] = level
    let w = vWeight[v]
    for e in Int(varStart[v])..<Int(varStart[v + 1]) {
      let c = Int(varCons[e])
      cFixedUsage[c] += value
      cUnfixedWeight[c] -= w
      cUnfixedCount[c] -= 1
      cStale[c] = true
    }
  }

  // MARK: - Constraint heap

  @inline(__always) func precedes(_ a: Int32, _ b: Int32) -> Bool {
    let la = cLevel[Int(a)]
    let lb = cLevel[Int(b)]
    return la < lb || (la == lb && a < b)
  }

  /// - Complexity: O(log K).
  mutating func update(_ c: Int32, level l: Double) {
    let old = cLevel[Int(c)]
    cLevel[Int(c)] = l
    let i = Int(cHeapPosition[Int(c)])
    if l < old { siftUp(i) } else if l > old { siftDown(i) }
  }

  /// - Complexity: O(log K).
  mutating func remove(_ c: Int32) {
    let i = Int(cHeapPosition[Int(c)])
    cInHeap[Int(c)] = false
    let last = levels.removeLast()
    guard i < levels.count else { return }
    levels[i] = last
    cHeapPosition[Int(last)] = Int32(i)
    siftUp(i)
    siftDown(Int(cHeapPosition[Int(last)]))
  }

  mutating func siftUp(_ start: Int) {
    var child = start
    let item = levels[child]
    while child > 0 {
      let parent = (child - 1) >> 1
      let p = levels[parent]
      guard precedes(item, p) else { break }
      levels[child] = p
      cHeapPosition[Int(p)] = Int32(child)
      child = parent
    }
    levels[child] = item
    cHeapPosition[Int(item)] = Int32(child)
  }

  mutating func siftDown(_ start: Int) {
    let n = levels.count
    var hole = start
    let item = levels[hole]
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      if child &+ 1 < n && precedes(levels[child &+ 1], levels[child]) { child &+= 1 }
      let c = levels[child]
      guard precedes(c, item) else { break }
      levels[hole] = c
      cHeapPosition[Int(c)] = Int32(hole)
      hole = child
    }
    levels[hole] = item
    cHeapPosition[Int(item)] = Int32(hole)
  }

  // MARK: - Bound heap

  /// - Complexity: O(log V).
  mutating func pushBound(_ v: Int32, level l: Double) {
    let item = BoundEntry(level: l, variable: v)
    bounds.append(item)
    var child = bounds.count - 1
    while child > 0 {
      let parent = (child - 1) >> 1
      guard item.precedes(bounds[parent]) else { break }
      bounds[child] = bounds[parent]
      child = parent
    }
    bounds[child] = item
  }

  /// Removes the smallest bound.
  /// - Complexity: O(log V).
  mutating func popBound() {
    let last = bounds.removeLast()
    guard !bounds.isEmpty else { return }
    let n = bounds.count
    var hole = 0
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      if child &+ 1 < n && bounds[child &+ 1].precedes(bounds[child]) { child &+= 1 }
      guard bounds[child].precedes(last) else { break }
      bounds[hole] = bounds[child]
      hole = child
    }
    bounds[hole] = last
  }
}
