// Progressive filling over the dirty components (the algorithm is stated in MaxMinSolver.swift).

extension MaxMinSolver {
  /// Re-solves every component that changed since the last call and records in
  /// `changedVariables` the variables whose value changed.
  ///
  /// A component is found by a walk from each dirty constraint or variable over
  /// constraint → variables → constraints; clean components are not visited at all.
  /// - Complexity: O((K + E) log(K + E)) for the K constraints and E (variable, constraint)
  ///   pairs of the dirty components; O(1) when nothing is dirty. No allocation once the
  ///   scratch buffers have reached the peak component size.
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

  /// Fills `scratch.componentConstraints` and `scratch.componentVariables` with the component
  /// of the seed, marking each member with the current epoch.
  mutating func collectComponent(seedConstraint: UInt32?, seedVariable: UInt32?) {
    let epoch = scratch.epoch
    scratch.componentConstraints.removeAll(keepingCapacity: true)
    scratch.componentVariables.removeAll(keepingCapacity: true)
    if let c = seedConstraint {
      scratch.constraintMark[Int(c)] = epoch
      scratch.componentConstraints.append(c)
    }
    if let v = seedVariable {
      scratch.variableMark[Int(v)] = epoch
      scratch.componentVariables.append(v)
      for c in variableConstraints[Int(v)] where scratch.constraintMark[Int(c)] != epoch {
        scratch.constraintMark[Int(c)] = epoch
        scratch.componentConstraints.append(c)
      }
    }
    // The constraint list doubles as the walk's queue.
    var next = 0
    while next < scratch.componentConstraints.count {
      let c = Int(scratch.componentConstraints[next])
      next += 1
      for element in elements[c] {
        let v = Int(element.variable)
        guard scratch.variableMark[v] != epoch else { continue }
        scratch.variableMark[v] = epoch
        scratch.componentVariables.append(element.variable)
        for other in variableConstraints[v] where scratch.constraintMark[Int(other)] != epoch {
          scratch.constraintMark[Int(other)] = epoch
          scratch.componentConstraints.append(other)
        }
      }
    }
  }

  /// Progressive filling of the collected component; writes values and the changed list.
  mutating func solveComponent() {
    scratch.heap.removeAll(keepingCapacity: true)
    for c32 in scratch.componentConstraints {
      let c = Int(c32)
      var weight = 0.0
      for element in elements[c] { weight += weights[Int(element.variable)] }
      scratch.fixedUsage[c] = 0
      scratch.unfixedWeight[c] = weight
      scratch.unfixedCount[c] = Int32(elements[c].count)
      scratch.stamp[c] &+= 1
      if !elements[c].isEmpty && capacities[c].isFinite {
        scratch.push(
          level: capacities[c] / weight, key: UInt64(c32), stamp: scratch.stamp[c])
      }
    }
    for v32 in scratch.componentVariables {
      let v = Int(v32)
      scratch.fixed[v] = false
      if bounds[v].isFinite {
        scratch.push(level: bounds[v] / weights[v], key: Self.variableKey | UInt64(v32), stamp: 0)
      }
    }
    while let entry = scratch.pop() {
      let level = entry.level
      if entry.key & Self.variableKey != 0 {
        let v = Int(entry.key & 0xFFFF_FFFF)
        if !scratch.fixed[v] { fix(v, at: bounds[v]) }
      } else {
        let c = Int(entry.key)
        guard entry.stamp == scratch.stamp[c], scratch.unfixedCount[c] > 0 else { continue }
        for element in elements[c] where !scratch.fixed[Int(element.variable)] {
          let v = Int(element.variable)
          fix(v, at: weights[v] * level)
        }
      }
      // Constraints whose sums moved get their new saturation level (never below `level`).
      for c32 in scratch.touched {
        let c = Int(c32)
        scratch.touchedMark[c] = false
        guard scratch.unfixedCount[c] > 0, capacities[c].isFinite else { continue }
        let saturation = (capacities[c] - scratch.fixedUsage[c]) / scratch.unfixedWeight[c]
        scratch.stamp[c] &+= 1
        scratch.push(
          level: Swift.max(saturation, level), key: UInt64(c32), stamp: scratch.stamp[c])
      }
      scratch.touched.removeAll(keepingCapacity: true)
    }
    var count = 0
    for v32 in scratch.componentVariables {
      let v = Int(v32)
      count += 1
      // Unfixed here means only infinite capacities and no bound: unlimited.
      let value = scratch.fixed[v] ? scratch.newValue[v] : .infinity
      if variableFresh[v] || value != values[v] {
        changedVariables.append(Variable(raw: v32))
      }
      variableFresh[v] = false
      values[v] = value
    }
    statistics.components += 1
    statistics.variables += count
    statistics.largestComponent = Swift.max(statistics.largestComponent, count)
  }

  /// Fixes variable `v` at `value` and updates the sums of the constraints it uses.
  @inline(__always)
  mutating func fix(_ v: Int, at value: Double) {
    scratch.fixed[v] = true
    scratch.newValue[v] = value
    let w = weights[v]
    for c32 in variableConstraints[v] {
      let c = Int(c32)
      scratch.fixedUsage[c] += value
      scratch.unfixedWeight[c] -= w
      scratch.unfixedCount[c] -= 1
      if !scratch.touchedMark[c] {
        scratch.touchedMark[c] = true
        scratch.touched.append(c32)
      }
    }
  }

  /// The heap key bit that marks a variable's bound (otherwise the key is a constraint).
  static var variableKey: UInt64 { 1 << 32 }
}

/// Buffers of one solve, kept between solves so that steady state allocates nothing.
struct Scratch: Sendable {
  /// One candidate level: a constraint's saturation or a variable's bound.
  struct Entry: Sendable {
    var level: Double
    var key: UInt64
    var stamp: UInt32

    @inline(__always) func precedes(_ other: Entry) -> Bool {
      level < other.level || (level == other.level && key < other.key)
    }
  }

  var epoch: UInt32 = 0
  var constraintMark: [UInt32] = []
  var variableMark: [UInt32] = []
  var componentConstraints: [UInt32] = []
  var componentVariables: [UInt32] = []
  // Per constraint.
  var fixedUsage: [Double] = []
  var unfixedWeight: [Double] = []
  var unfixedCount: [Int32] = []
  var stamp: [UInt32] = []
  var touchedMark: [Bool] = []
  var touched: [UInt32] = []
  // Per variable.
  var fixed: [Bool] = []
  var newValue: [Double] = []
  // A binary min-heap ordered by (level, key).
  var heap: [Entry] = []

  mutating func growConstraints(to n: Int) {
    while constraintMark.count < n {
      constraintMark.append(0)
      fixedUsage.append(0)
      unfixedWeight.append(0)
      unfixedCount.append(0)
      stamp.append(0)
      touchedMark.append(false)
    }
  }

  mutating func growVariables(to n: Int) {
    while variableMark.count < n {
      variableMark.append(0)
      fixed.append(false)
      newValue.append(0)
    }
  }

  /// After 2³² solves the epoch wraps: clear the marks so that no old mark matches.
  mutating func resetMarks() {
    for i in constraintMark.indices { constraintMark[i] = 0 }
    for i in variableMark.indices { variableMark[i] = 0 }
    epoch = 1
  }

  /// - Complexity: O(log n).
  mutating func push(level: Double, key: UInt64, stamp: UInt32) {
    let item = Entry(level: level, key: key, stamp: stamp)
    heap.append(item)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) >> 1
      guard item.precedes(heap[parent]) else { break }
      heap[child] = heap[parent]
      child = parent
    }
    heap[child] = item
  }

  /// - Complexity: O(log n).
  mutating func pop() -> Entry? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    let n = heap.count
    var hole = 0
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      if child &+ 1 < n && heap[child &+ 1].precedes(heap[child]) { child &+= 1 }
      guard heap[child].precedes(last) else { break }
      heap[hole] = heap[child]
      hole = child
    }
    heap[hole] = last
    return top
  }
}
