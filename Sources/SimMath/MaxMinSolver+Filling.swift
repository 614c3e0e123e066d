// Progressive filling over the dirty components (the algorithm is stated in MaxMinSolver.swift).

extension MaxMinSolver {
  /// Re-solves every component that changed since the last call and records in
  /// `changedVariables` the variables whose value changed.
  ///
  /// A component is found by a walk from each dirty constraint or variable over
  /// constraint → variables → constraints; clean components are not visited at all. The walk
  /// copies the component into flat local arrays (compressed rows both ways), and the filling
  /// runs on those.
  /// - Complexity: O(E log K + V log V) for the K constraints, V variables and E (variable,
  ///   constraint) pairs of the dirty components (each pair moves one constraint's key at most
  ///   once); O(1) when nothing is dirty. No allocation once the scratch buffers have reached
  ///   the peak component size.
  public mutating func solve() {
    changedVariables.removeAll(keepingCapacity: true)
    statistics = Statistics()
    guard isDirty else { return }
    scratch.epoch &+= 1
    if scratch.epoch == 0 { scratch.resetMarks() }
    var d = 0
    while d < dirtyConstraints.count {
      let c = dirtyConstraints[d]
      constraintDirty[Int(c)] = false
      d += 1
      if constraintAlive[Int(c)] && scratch.constraintMark[Int(c)] != scratch.epoch {
        collectComponent(seedConstraint: c, seedVariable: nil)
        solveComponent()
      }
    }
    d = 0
    while d < dirtyVariables.count {
      let v = dirtyVariables[d]
      variableDirty[Int(v)] = false
      d += 1
      if variableAlive[Int(v)] && scratch.variableMark[Int(v)] != scratch.epoch {
        collectComponent(seedConstraint: nil, seedVariable: v)
        solveComponent()
      }
    }
    dirtyConstraints.removeAll(keepingCapacity: true)
    dirtyVariables.removeAll(keepingCapacity: true)
  }

  // MARK: - Private

  /// Copies the component of the seed into `scratch`: local constraint and variable numbers in
  /// discovery order, with each one's list of the other kind as local numbers.
  mutating func collectComponent(seedConstraint: UInt32?, seedVariable: UInt32?) {
    let epoch = scratch.epoch
    scratch.beginComponent()
    if let c = seedConstraint {
      scratch.constraintMark[Int(c)] = epoch
      scratch.addConstraint(c, capacity: capacities[Int(c)])
    }
    if let v = seedVariable { discover(v, epoch) }
    // The constraint list doubles as the walk's queue.
    var next = 0
    while next < scratch.componentConstraints.count {
      let c = Int(scratch.componentConstraints[next])
      next += 1
      for element in elements[c] {
        let v = Int(element.variable)
        if scratch.variableMark[v] != epoch { discover(element.variable, epoch) }
        scratch.conVars.append(scratch.localOfVariable[v])
      }
      scratch.conStart.append(Int32(scratch.conVars.count))
    }
  }

  /// Adds variable `v` to the component and its constraints to the walk.
  @inline(__always)
  mutating func discover(_ v32: UInt32, _ epoch: UInt32) {
    let v = Int(v32)
    scratch.variableMark[v] = epoch
    scratch.addVariable(v32, weight: weights[v], bound: bounds[v])
    for c in variableConstraints[v] {
      if scratch.constraintMark[Int(c)] != epoch {
        scratch.constraintMark[Int(c)] = epoch
        scratch.addConstraint(c, capacity: capacities[Int(c)])
      }
      scratch.varCons.append(scratch.localOfConstraint[Int(c)])
    }
    scratch.varStart.append(Int32(scratch.varCons.count))
  }

  /// Progressive filling of the collected component; writes values and the changed list.
  mutating func solveComponent() {
    scratch.fill()
    let n = scratch.componentVariables.count
    for i in 0..<n {
      let v = Int(scratch.componentVariables[i])
      let value = scratch.vValue[i]
      if variableFresh[v] || value != values[v] {
        changedVariables.append(Variable(raw: UInt32(v)))
      }
      variableFresh[v] = false
      values[v] = value
    }
    statistics.components += 1
    statistics.variables += n
    statistics.largestComponent = Swift.max(statistics.largestComponent, n)
  }
}

/// One component copied into flat arrays, and the heaps of one filling; kept between solves
/// so that steady state allocates nothing. Local numbers index every `c…`/`v…` array.
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
  var cFixedUsage: [Double] = []
  var cUnfixedWeight: [Double] = []
  var cUnfixedCount: [Int32] = []
  var cLevel: [Double] = []
  var cHeapPosition: [Int32] = []
  var cInHeap: [Bool] = []
  var cTouched: [Bool] = []
  // Per local variable.
  var vWeight: [Double] = []
  var vBound: [Double] = []
  var vFixed: [Bool] = []
  var vValue: [Double] = []
  // Filling.
  var touched: [Int32] = []
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

  /// Progressive filling on the collected component; leaves the values in `vValue`.
  mutating func fill() {
    let k = componentConstraints.count
    let n = componentVariables.count
    Self.reset(&cFixedUsage, k, 0)
    Self.reset(&cUnfixedWeight, k, 0)
    Self.reset(&cUnfixedCount, k, 0)
    Self.reset(&cLevel, k, 0)
    Self.reset(&cHeapPosition, k, 0)
    Self.reset(&cInHeap, k, false)
    Self.reset(&cTouched, k, false)
    Self.reset(&vFixed, n, false)
    // Unfixed at the end means only infinite capacities and no bound: unlimited.
    Self.reset(&vValue, n, .infinity)
    levels.removeAll(keepingCapacity: true)
    bounds.removeAll(keepingCapacity: true)
    touched.removeAll(keepingCapacity: true)
    for c in 0..<k {
      var weight = 0.0
      for e in Int(conStart[c])..<Int(conStart[c + 1]) { weight += vWeight[Int(conVars[e])] }
      cUnfixedWeight[c] = weight
      cUnfixedCount[c] = conStart[c + 1] - conStart[c]
      if cUnfixedCount[c] > 0 && cCapacity[c].isFinite {
        insert(Int32(c), level: cCapacity[c] / weight)
      }
    }
    for v in 0..<n where vBound[v].isFinite {
      pushBound(Int32(v), level: vBound[v] / vWeight[v])
    }
    while true {
      let level: Double
      if let b = bounds.first, levels.isEmpty || b.level <= cLevel[Int(levels[0])] {
        // A bound is reached first.
        popBound()
        level = b.level
        let v = Int(b.variable)
        if !vFixed[v] { fix(v, at: vBound[v]) }
      } else if let c32 = levels.first {
        // A constraint saturates: every variable still unfixed on it stops at w·level.
        let c = Int(c32)
        level = cLevel[c]
        remove(c32)
        for e in Int(conStart[c])..<Int(conStart[c + 1]) {
          let v = Int(conVars[e])
          if !vFixed[v] { fix(v, at: vWeight[v] * level) }
        }
      } else {
        break
      }
      // Constraints whose sums moved get their new saturation level (never below `level`).
      for c32 in touched {
        let c = Int(c32)
        cTouched[c] = false
        guard cInHeap[c] else { continue }
        if cUnfixedCount[c] == 0 {
          remove(c32)
        } else {
          let saturation = (cCapacity[c] - cFixedUsage[c]) / cUnfixedWeight[c]
          update(c32, level: Swift.max(saturation, level))
        }
      }
      touched.removeAll(keepingCapacity: true)
    }
  }

  /// Fixes local variable `v` at `value` and updates the sums of its constraints.
  @inline(__always)
  mutating func fix(_ v: Int, at value: Double) {
    vFixed[v] = true
    vValue[v] = value
    let w = vWeight[v]
    for e in Int(varStart[v])..<Int(varStart[v + 1]) {
      let c = Int(varCons[e])
      cFixedUsage[c] += value
      cUnfixedWeight[c] -= w
      cUnfixedCount[c] -= 1
      if !cTouched[c] {
        cTouched[c] = true
        touched.append(Int32(c))
      }
    }
  }

  // MARK: - Constraint heap

  @inline(__always) func precedes(_ a: Int32, _ b: Int32) -> Bool {
    let la = cLevel[Int(a)]
    let lb = cLevel[Int(b)]
    return la < lb || (la == lb && a < b)
  }

  /// - Complexity: O(log K).
  mutating func insert(_ c: Int32, level l: Double) {
    cLevel[Int(c)] = l
    cInHeap[Int(c)] = true
    levels.append(c)
    siftUp(levels.count - 1)
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
