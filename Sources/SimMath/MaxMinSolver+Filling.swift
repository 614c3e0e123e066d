// Progressive filling over the dirty components (the algorithm is stated in MaxMinSolver.swift).

extension MaxMinSolver {
  /// Re-solves the part of every changed component that the changes can affect, and records
  /// in `changedVariables` the variables whose value changed.
  ///
  /// First the safe level `L` is computed (MaxMinSolver.swift: the smallest old level of a
  /// removed variable, and for each added variable its bound level and a Newton lower bound on
  /// when each of its constraints would saturate). Then, from each dirty constraint or
  /// variable, a walk over constraint → variables → constraints collects the region of the
  /// residual problem above `L`: on each constraint it reaches, the variables at or above `L`
  /// are the suffix of its level-ordered list (binary search), and the kept usage is the
  /// running sum before it. The region is filled from `L` in place (per-constraint and
  /// per-variable scratch in their records), and the re-filled suffixes are rewritten in the
  /// order of their new levels. Clean components are not visited at all.
  /// - Complexity: O(E' log K' + V' log V' + K' log n) for a region of `K'` constraints, `V'`
  ///   variables and `E'` (variable, constraint) pairs, with `n` the longest constraint list
  ///   (the binary searches; kept variables are never visited), plus O(Σ_{c ∈ A} n_c) for the
  ///   constraints `A` of added variables (scanned by at most `newtonSteps` Newton steps each).
  ///   The region is never larger than the dirty components, so this is at most the
  ///   O(E log K + V log V) of re-solving them whole; O(1) when nothing is dirty. No allocation
  ///   once the scratch buffers have reached the peak population.
  public mutating func solve() {
    changedVariables.removeAll(keepingCapacity: true)
    statistics = Statistics()
    guard isDirty else { return }
    nextEpoch()
    let floor = safeLevel()
    pendingLevel = .infinity
    statistics.level = floor
    // The walk marks of this epoch also serve `safeLevel`'s deduplication: start a new one.
    nextEpoch()
    let k = constraintRecords.count
    let n = variableRecords.count
    Self.ensure(&queueScratch, k, 0)
    Self.ensure(&heapScratch, k, 0)
    Self.ensure(&regionScratch, n, 0)
    Self.ensure(&orderScratch, n, 0)
    Self.ensure(&changedScratch, n, 0)
    Self.ensure(&boundScratch, n, BoundEntry(level: 0, order: 0, variable: 0))
    var seedConstraints: [UInt32] = []
    var seedVariables: [UInt32] = []
    swap(&seedConstraints, &dirtyConstraints)
    swap(&seedVariables, &dirtyVariables)
    var stats = statistics
    var changedCount = 0
    let epoch = self.epoch
    constraintRecords.withUnsafeMutableBufferPointer { cons in
      variableRecords.withUnsafeMutableBufferPointer { vars in
        elementPool.withUnsafeMutableBufferPointer { elements in
          edgePool.withUnsafeMutableBufferPointer { edges in
            queueScratch.withUnsafeMutableBufferPointer { queue in
              regionScratch.withUnsafeMutableBufferPointer { region in
                orderScratch.withUnsafeMutableBufferPointer { order in
                  heapScratch.withUnsafeMutableBufferPointer { heap in
                    boundScratch.withUnsafeMutableBufferPointer { bounds in
                      changedScratch.withUnsafeMutableBufferPointer { changed in
                        var w = Filling(
                          cons: cons, vars: vars, elements: elements, edges: edges,
                          queue: queue, region: region, order: order, heap: heap,
                          bounds: bounds, changed: changed, epoch: epoch, floor: floor)
                        for c in seedConstraints {
                          w.cons[Int(c)].dirty = false
                          if w.cons[Int(c)].alive && w.cons[Int(c)].mark != epoch {
                            w.solveRegion(seedConstraint: c, seedVariable: nil, &stats)
                          }
                        }
                        for v in seedVariables {
                          w.vars[Int(v)].dirty = false
                          if w.vars[Int(v)].alive && w.vars[Int(v)].mark < epoch << 1 {
                            w.solveRegion(seedConstraint: nil, seedVariable: v, &stats)
                          }
                        }
                        changedCount = w.changedCount
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    statistics = stats
    changedScratch.withUnsafeBufferPointer { b in
      changedVariables.append(contentsOf: b[0..<changedCount].lazy.map { Variable(raw: $0) })
    }
    seedConstraints.removeAll(keepingCapacity: true)
    seedVariables.removeAll(keepingCapacity: true)
    swap(&seedConstraints, &dirtyConstraints)
    swap(&seedVariables, &dirtyVariables)
  }

  // MARK: - Private

  /// Grows a scratch array to at least `n` entries.
  static func ensure<T>(_ a: inout [T], _ n: Int, _ value: T) {
    if a.count < n { a.append(contentsOf: repeatElement(value, count: n - a.count)) }
  }

  /// Moves to the next mark epoch; after 2³¹ of them (a variable's mark holds 2·epoch + 1),
  /// clears every mark so that no old mark matches.
  mutating func nextEpoch() {
    epoch &+= 1
    guard epoch >= 1 << 31 else { return }
    for i in constraintRecords.indices { constraintRecords[i].mark = 0 }
    for i in variableRecords.indices { variableRecords[i].mark = 0 }
    epoch = 1
  }

  /// The level below which no pending change can alter the filling (MaxMinSolver.swift).
  /// Uses this epoch's constraint marks to visit each constraint of the new variables once.
  mutating func safeLevel() -> Double {
    var floor = pendingLevel
    for v32 in dirtyVariables {
      let v = Int(v32)
      guard variableRecords[v].alive && variableRecords[v].fresh else { continue }
      floor = Swift.min(floor, variableRecords[v].bound / variableRecords[v].weight)
      let start = Int(variableRecords[v].edgeStart)
      for k in start..<(start + Int(variableRecords[v].edgeCount)) {
        let c = Int(edgePool[k].constraint)
        guard constraintRecords[c].mark != epoch else { continue }
        constraintRecords[c].mark = epoch
        floor = Swift.min(floor, saturationLowerBound(c))
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
    let capacity = constraintRecords[c].capacity
    guard capacity.isFinite else { return .infinity }
    let base = Int(constraintRecords[c].base)
    let count = Int(constraintRecords[c].count)
    var level = 0.0
    for _ in 0..<Self.newtonSteps {
      var load = 0.0
      var slope = 0.0
      for q in base..<(base + count) {
        let v = Int(elementPool[q].variable)
        if variableRecords[v].level > level {  // new variables have level ∞
          slope += variableRecords[v].weight
        } else {
          load += variableRecords[v].value
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
}

/// One solve's walk and filling, on the solver's buffers (taken once per solve, so the loops
/// below index raw memory: no uniqueness or, in release builds, bounds checks; debug builds
/// check every index). Constraints and variables are named by their global handles; the
/// per-region scratch lives in their records.
struct Filling {
  typealias Element = MaxMinSolver.Element

  let cons: UnsafeMutableBufferPointer<MaxMinSolver.ConstraintRecord>
  let vars: UnsafeMutableBufferPointer<MaxMinSolver.VariableRecord>
  let elements: UnsafeMutableBufferPointer<Element>
  let edges: UnsafeMutableBufferPointer<MaxMinSolver.Edge>
  /// The region's constraints in discovery order (also the walk's queue).
  let queue: UnsafeMutableBufferPointer<UInt32>
  /// The region's variables in discovery order.
  let region: UnsafeMutableBufferPointer<UInt32>
  /// The region's variables in the order the filling fixed them (nondecreasing level).
  let order: UnsafeMutableBufferPointer<UInt32>
  /// Indexed binary min-heap of constraints by (level, discovery order).
  let heap: UnsafeMutableBufferPointer<UInt32>
  /// Binary min-heap of bounded variables by (level, discovery order).
  let bounds: UnsafeMutableBufferPointer<MaxMinSolver.BoundEntry>
  /// The changed variables of every region so far, in region order.
  let changed: UnsafeMutableBufferPointer<UInt32>
  let epoch: UInt32
  /// A variable's mark once reached (`2·epoch`) and once fixed (`2·epoch + 1`).
  let reached: UInt32
  let fixed: UInt32
  let floor: Double
  var queueCount = 0
  var regionCount = 0
  var orderCount = 0
  var heapCount = 0
  var boundCount = 0
  var changedCount = 0

  init(
    cons: UnsafeMutableBufferPointer<MaxMinSolver.ConstraintRecord>,
    vars: UnsafeMutableBufferPointer<MaxMinSolver.VariableRecord>,
    elements: UnsafeMutableBufferPointer<Element>,
    edges: UnsafeMutableBufferPointer<MaxMinSolver.Edge>,
    queue: UnsafeMutableBufferPointer<UInt32>, region: UnsafeMutableBufferPointer<UInt32>,
    order: UnsafeMutableBufferPointer<UInt32>, heap: UnsafeMutableBufferPointer<UInt32>,
    bounds: UnsafeMutableBufferPointer<MaxMinSolver.BoundEntry>,
    changed: UnsafeMutableBufferPointer<UInt32>, epoch: UInt32, floor: Double
  ) {
    self.cons = cons
    self.vars = vars
    self.elements = elements
    self.edges = edges
    self.queue = queue
    self.region = region
    self.order = order
    self.heap = heap
    self.bounds = bounds
    self.changed = changed
    self.epoch = epoch
    reached = epoch << 1
    fixed = epoch << 1 | 1
    self.floor = floor
  }

  /// Collects, fills and writes back the region of one seed.
  mutating func solveRegion(
    seedConstraint: UInt32?, seedVariable: UInt32?, _ stats: inout MaxMinSolver.Statistics
  ) {
    collect(seedConstraint: seedConstraint, seedVariable: seedVariable)
    fill()
    writeBack()
    stats.components += 1
    stats.variables += regionCount
    stats.largestComponent = Swift.max(stats.largestComponent, regionCount)
  }

  // MARK: - Walk

  /// The region of the seed above the floor: from each constraint reached, the suffix of its
  /// list at or above the floor (binary search), whose variables join the region; the kept
  /// usage is the running sum before the suffix.
  mutating func collect(seedConstraint: UInt32?, seedVariable: UInt32?) {
    queueCount = 0
    regionCount = 0
    boundCount = 0
    if let c = seedConstraint { enqueue(Int(c)) }
    if let v = seedVariable { discover(Int(v)) }
    var next = 0
    while next < queueCount {
      let c = Int(queue[next])
      next += 1
      let base = Int(cons[c].base)
      let count = Int(cons[c].count)
      var low = 0
      var high = count
      while low < high {
        let mid = (low &+ high) >> 1
        if elements[base &+ mid].level < floor { low = mid &+ 1 } else { high = mid }
      }
      cons[c].split = Int32(low)
      let kept = low > 0 ? elements[base &+ low &- 1].prefix : 0
      cons[c].fixedUsage = kept
      cons[c].prefix = kept
      cons[c].unfixedCount = Int32(count &- low)
      var weight = 0.0
      for q in (base &+ low)..<(base &+ count) {
        let v = Int(elements[q].variable)
        if vars[v].mark < reached { discover(v) }
        weight += vars[v].weight
      }
      cons[c].unfixedWeight = weight
    }
  }

  @inline(__always)
  mutating func enqueue(_ c: Int) {
    cons[c].mark = epoch
    cons[c].order = Int32(queueCount)
    cons[c].stale = false
    queue[queueCount] = UInt32(c)
    queueCount &+= 1
  }

  /// Adds variable `v` to the region and its constraints to the walk.
  @inline(__always)
  mutating func discover(_ v: Int) {
    vars[v].mark = reached
    // A bounded variable enters the bound heap as it is found (region order breaks ties).
    if vars[v].bound.isFinite {
      pushBound(
        MaxMinSolver.BoundEntry(
          level: Swift.max(floor, vars[v].bound / vars[v].weight), order: Int32(regionCount),
          variable: UInt32(v)))
    }
    region[regionCount] = UInt32(v)
    regionCount &+= 1
    let start = Int(vars[v].edgeStart)
    for k in start..<(start &+ Int(vars[v].edgeCount)) {
      let c = Int(edges[k].constraint)
      if cons[c].mark != epoch { enqueue(c) }
    }
  }

  // MARK: - Filling

  /// Progressive filling of the region from the floor, with the kept usage already on each
  /// constraint; writes each fixed variable's value and level, and whether the value changed.
  mutating func fill() {
    heapCount = 0
    orderCount = 0
    for i in 0..<queueCount {
      let c = Int(queue[i])
      if cons[c].unfixedCount > 0 && cons[c].capacity.isFinite {
        // At or above the floor in exact arithmetic; clamped against rounding.
        cons[c].level = Swift.max(
          floor, (cons[c].capacity - cons[c].fixedUsage) / cons[c].unfixedWeight)
        cons[c].heapPosition = Int32(heapCount)
        heap[heapCount] = UInt32(c)
        heapCount &+= 1
      }
    }
    // Heapify bottom-up: O(K) instead of K insertions.
    if heapCount > 1 {
      for i in stride(from: heapCount / 2 - 1, through: 0, by: -1) { siftDown(i) }
    }
    // Keys are lazy: fixing a variable only marks its constraints stale. A constraint's
    // saturation level never falls when a variable on it is fixed (it was fixed at a level at
    // or below that constraint's), so a stale key is a lower bound, and only the constraint at
    // the top of the heap needs its true level before it is compared.
    var current = floor
    while true {
      while heapCount > 0 {
        let c = Int(heap[0])
        if cons[c].unfixedCount == 0 {
          remove(c)
          continue
        }
        guard cons[c].stale else { break }
        cons[c].stale = false
        let saturation = (cons[c].capacity - cons[c].fixedUsage) / cons[c].unfixedWeight
        // Never below the level already reached (clamped against rounding).
        let l = Swift.max(saturation, current)
        if l > cons[c].level {
          update(c, level: l)
          continue
        }
        break
      }
      if boundCount > 0 && (heapCount == 0 || bounds[0].level <= cons[Int(heap[0])].level) {
        // A bound is reached first.
        let b = bounds[0]
        popBound()
        current = Swift.max(current, b.level)
        let v = Int(b.variable)
        if vars[v].mark != fixed { fix(v, at: vars[v].bound, level: current) }
      } else if heapCount > 0 {
        // A constraint saturates: every variable still unfixed on it stops at w·level.
        let c = Int(heap[0])
        current = cons[c].level
        remove(c)
        let base = Int(cons[c].base)
        for q in (base &+ Int(cons[c].split))..<(base &+ Int(cons[c].count)) {
          let v = Int(elements[q].variable)
          if vars[v].mark != fixed { fix(v, at: vars[v].weight * current, level: current) }
        }
      } else {
        break
      }
    }
  }

  /// Fixes variable `v` at `value` (reached at `level`) and updates the sums of its
  /// constraints.
  @inline(__always)
  mutating func fix(_ v: Int, at value: Double, level: Double) {
    vars[v].mark = fixed
    vars[v].changed = vars[v].fresh || value != vars[v].value
    vars[v].fresh = false
    vars[v].value = value
    vars[v].level = level
    order[orderCount] = UInt32(v)
    orderCount &+= 1
    let w = vars[v].weight
    let start = Int(vars[v].edgeStart)
    for k in start..<(start &+ Int(vars[v].edgeCount)) {
      let c = Int(edges[k].constraint)
      cons[c].fixedUsage += value
      cons[c].unfixedWeight -= w
      cons[c].unfixedCount &-= 1
      cons[c].stale = true
    }
  }

  // MARK: - Write-back

  /// Commits the unlimited variables' values and records the changed ones in region order,
  /// then rewrites each reached constraint's suffix (MaxMinSolver.Element): the region's
  /// variables in the order the filling fixed them (their new levels, nondecreasing), the
  /// unlimited ones (level ∞, never fixed) last, with running sums carried on from the kept
  /// part.
  /// - Complexity: O(K' + E').
  mutating func writeBack() {
    for i in 0..<regionCount {
      let v = Int(region[i])
      if vars[v].mark != fixed {
        // Unfixed at the end means only infinite capacities and no bound: unlimited.
        vars[v].changed = vars[v].fresh || vars[v].value != .infinity
        vars[v].fresh = false
        vars[v].value = .infinity
        vars[v].level = .infinity
      }
      if vars[v].changed {
        changed[changedCount] = UInt32(v)
        changedCount &+= 1
      }
    }
    for i in 0..<queueCount {
      let c = Int(queue[i])
      cons[c].cursor = cons[c].split
    }
    for j in 0..<orderCount { appendToSuffixes(Int(order[j])) }
    if orderCount < regionCount {
      for i in 0..<regionCount where vars[Int(region[i])].mark != fixed {
        appendToSuffixes(Int(region[i]))
      }
    }
  }

  /// Writes variable `v`'s elements at the cursors of its constraints.
  @inline(__always)
  func appendToSuffixes(_ v: Int) {
    let level = vars[v].level
    let value = vars[v].value
    let start = Int(vars[v].edgeStart)
    for k in start..<(start &+ Int(vars[v].edgeCount)) {
      let c = Int(edges[k].constraint)
      let position = Int(cons[c].cursor)
      cons[c].cursor &+= 1
      let at = Int(cons[c].base) &+ position
      // The running sum carried in the record (the kept part's at the split), not reloaded
      // from the element just written.
      let prefix = cons[c].prefix + value
      cons[c].prefix = prefix
      elements[at] = Element(variable: UInt32(v), level: level, prefix: prefix)
    }
  }

  // MARK: - Constraint heap

  @inline(__always) func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
    let la = cons[Int(a)].level
    let lb = cons[Int(b)].level
    return la < lb || (la == lb && cons[Int(a)].order < cons[Int(b)].order)
  }

  /// - Complexity: O(log K).
  mutating func update(_ c: Int, level l: Double) {
    let old = cons[c].level
    cons[c].level = l
    let i = Int(cons[c].heapPosition)
    if l < old { siftUp(i) } else if l > old { siftDown(i) }
  }

  /// - Complexity: O(log K).
  mutating func remove(_ c: Int) {
    let i = Int(cons[c].heapPosition)
    heapCount &-= 1
    let last = heap[heapCount]
    guard i < heapCount else { return }
    heap[i] = last
    cons[Int(last)].heapPosition = Int32(i)
    siftUp(i)
    siftDown(Int(cons[Int(last)].heapPosition))
  }

  func siftUp(_ start: Int) {
    var child = start
    let item = heap[child]
    while child > 0 {
      let parent = (child &- 1) >> 1
      let p = heap[parent]
      guard precedes(item, p) else { break }
      heap[child] = p
      cons[Int(p)].heapPosition = Int32(child)
      child = parent
    }
    heap[child] = item
    cons[Int(item)].heapPosition = Int32(child)
  }

  func siftDown(_ start: Int) {
    let n = heapCount
    var hole = start
    let item = heap[hole]
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      if child &+ 1 < n && precedes(heap[child &+ 1], heap[child]) { child &+= 1 }
      let c = heap[child]
      guard precedes(c, item) else { break }
      heap[hole] = c
      cons[Int(c)].heapPosition = Int32(hole)
      hole = child
    }
    heap[hole] = item
    cons[Int(item)].heapPosition = Int32(hole)
  }

  // MARK: - Bound heap

  /// - Complexity: O(log V).
  mutating func pushBound(_ item: MaxMinSolver.BoundEntry) {
    var child = boundCount
    boundCount &+= 1
    while child > 0 {
      let parent = (child &- 1) >> 1
      guard item.precedes(bounds[parent]) else { break }
      bounds[child] = bounds[parent]
      child = parent
    }
    bounds[child] = item
  }

  /// Removes the smallest bound.
  /// - Complexity: O(log V).
  mutating func popBound() {
    boundCount &-= 1
    let last = bounds[boundCount]
    guard boundCount > 0 else { return }
    let n = boundCount
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
