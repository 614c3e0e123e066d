/// Weighted max-min fair sharing of capacities among variables, solved incrementally.
///
/// **Model** (SimGrid's `lmm` solver, REFERENCES.md §5; Bertsekas & Gallager, *Data Networks*,
/// §6.5.2 "max-min fairness"). There are constraints `c` with capacities `C_c ≥ 0` and
/// variables `v` with weights `w_v > 0` and optional upper bounds `b_v`. Each variable lists the
/// constraints it uses (a constraint listed twice is used twice). An allocation `x` is feasible
/// when `Σ_{v on c} x_v ≤ C_c` for every constraint and `x_v ≤ b_v`. The *weighted share* of a
/// variable is `x_v / w_v`. The solver returns the weighted max-min fair allocation: no
/// variable's weighted share can grow without lowering the weighted share of a variable whose
/// share is already no larger. Equivalently, every variable either sits at its bound or uses a
/// saturated constraint on which no variable has a larger weighted share.
///
/// **Algorithm** (progressive filling): raise a common level `λ` from 0; every unfixed
/// variable has `x_v = w_v·λ`. A constraint saturates at `λ_c = (C_c − F_c) / W_c`, where `F_c`
/// is the usage of its fixed variables and `W_c` the weight of its unfixed ones; a bounded
/// variable stops at `b_v / w_v`. The smallest such level is reached first: its variables are
/// fixed, and `F_c`, `W_c` of the constraints they cross are updated. Constraint levels sit in
/// an indexed binary heap (one entry per constraint) with lazy keys: fixing a variable only
/// marks its constraints stale, since a constraint's level never falls as variables on it are
/// fixed, and the top is brought up to date before it is used. Bounds sit in a second heap, so
/// one component of `V` variables, `K` constraints and `E` (variable, constraint) pairs is
/// solved in O(E log K + V log V): a key is re-sifted only when it reaches the top stale, at
/// most once per fix that staled it, so the re-sifts are at most min(E, R·K) for R ≤ K
/// saturation rounds (and usually far fewer).
///
/// **Incremental use** (SimGrid's selective update, refined by level). Adding or removing a
/// variable, or changing a capacity, weight or bound, marks the touched constraints dirty.
/// `solve()` re-solves only the connected components (variables linked through shared
/// constraints) that contain a dirty constraint or variable, and lists in `changedVariables`
/// the variables whose value changed, so that a caller reschedules only those.
///
/// Within a dirty component only the part above a *safe level* `L` is re-filled. Each variable
/// keeps the level `λ_v` at which the last filling fixed it. The filling of the new problem
/// follows the old one exactly for every level below `L`, where `L` is the smallest of:
/// - for a removed variable, its old level `λ_v` (until then it was unfixed; its constraints
///   only gain slack, and none of them saturated below `λ_v`, or `v` would have stopped there);
/// - for an added variable `v` of weight `w`, `b_v / w` and, for each of its constraints `c`,
///   a lower bound on the first root of `f_c(λ) = Σ_{u on c} w_u·min(λ, λ_u) + W_new·λ − C_c`
///   (the load of `c` if the old filling held, with the new variables unfixed). `f_c` is
///   concave and increasing, so Newton steps from `λ = 0` with the right derivative stay at or
///   below its root; a few steps and a 1e-9 relative margin give the bound;
/// - 0 after a capacity, weight or bound change (the whole component is re-filled).
/// So every variable with `λ_v < L` keeps its value, and the rest is the filling above `L` of
/// the residual problem: those variables on capacities `C_c − F_c`, where `F_c` sums the kept
/// values on `c`. That problem splits into its own connected components, of which only those
/// reached from a changed constraint can differ from the old solution. `solve()` walks exactly
/// those (from each dirty constraint, through variables with `λ_u ≥ L` or new ones) and fills
/// them from `L`. Each constraint keeps its variables in order of level with running sums of
/// their values (`Element`), so the variables at or above `L` are a suffix found by binary
/// search and `F_c` is the running sum before it: the walk costs the region, not the kept
/// variables beside it. The sums are rewritten, from the kept part's, for every suffix a
/// filling re-fills, so each is always the sum of the values before it in list order (no
/// drift). On a leaf-spine fabric, where nearly every flow is in one component, a departure at
/// a high level or an arrival on links with slack re-fills a handful of flows instead of all.
///
/// **Layout** (MaxMinSolver+Filling.swift works on it through unsafe buffers, one access per
/// solve). A constraint's elements (variable, level, running sum; see `Element`) sit in
/// one shared pool, in a range of a power-of-two size that doubles when full; a variable's
/// constraints (`Edge`) sit in a second pool. Per-constraint and per-variable fields, filling
/// scratch included, are one record each, so the walk and the filling touch one cache line
/// per constraint or variable instead of one per array.
///
/// Handles are small integers reused after removal (a free list), so storage stays as large as
/// the peak population. Every buffer is kept between solves: in steady state `solve()`
/// allocates nothing. No hashing is involved; results depend only on the sequence of calls.
public struct MaxMinSolver: Sendable {
  /// A variable's handle. Valid until the variable is removed; then the number may be reused.
  public struct Variable: Hashable, Comparable, Sendable {
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  }

  /// A constraint's handle. Valid until the constraint is removed; then the number may be
  /// reused.
  public struct Constraint: Hashable, Comparable, Sendable {
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  }

  /// One use of a constraint by a variable: the variable, its level `λ_v`, and the running sum
  /// of the values of the constraint's elements up to this one. (No back pointer: a removal
  /// finds the element by binary search on the level, so a rewrite moves elements freely.)
  ///
  /// A constraint's elements are kept in nondecreasing order of level (new variables, level
  /// ∞, at the end). So the variables a walk from level `L` enters are a suffix found by binary
  /// search, and the usage of the kept ones is the running sum just before it: the walk never
  /// touches a kept variable. After a filling the suffixes it re-filled are rewritten in the
  /// order the filling fixed their variables, which is the order of their new levels, so the
  /// order holds without sorting; the running sums of the rewritten suffixes are summed afresh
  /// from the kept part's (no drift: each is the sum of the values before it, in list order).
  struct Element: Sendable {
    var variable: UInt32
    var level: Double
    var prefix: Double
  }

  /// One constraint of a variable.
  struct Edge: Sendable {
    var constraint: UInt32
  }

  /// A constraint: its capacity, its element range, and the filling's scratch.
  struct ConstraintRecord: Sendable {
    var capacity: Double
    var base: Int32 = 0
    var count: Int32 = 0
    /// The size of its range in the element pool (0 or a power of two).
    var room: Int32 = 0
    var alive = true
    var dirty = false
    var mark: UInt32 = 0
    // Filling scratch (valid for a constraint of the current region).
    var split: Int32 = 0
    var cursor: Int32 = 0
    var order: Int32 = 0
    var heapPosition: Int32 = 0
    var unfixedCount: Int32 = 0
    var stale = false
    var fixedUsage = 0.0
    var unfixedWeight = 0.0
    var level = 0.0
    /// The running sum of the rewrite (the last written element's).
    var prefix = 0.0

    init(capacity: Double) { self.capacity = capacity }
  }

  /// A variable: weight, bound, value and level, its edge range, and the filling's marks, in
  /// 48 bytes (the walk and the filling touch it several times per solve, at random).
  @usableFromInline struct VariableRecord: Sendable {
    var weight: Double
    var bound: Double
    @usableFromInline var value = 0.0
    /// The level `λ_v` at which the last filling fixed it (`value = w·λ_v`, or `b_v = w·λ_v`
    /// at its bound; `.infinity` when unlimited, and for a variable added since the last
    /// solve, so that every level test treats it as unfixed).
    var level = Double.infinity
    var edgeStart: Int32 = 0
    /// `2·epoch` once a walk of that solve reached it, `2·epoch + 1` once its filling fixed it.
    var mark: UInt32 = 0
    var edgeCount: UInt16 = 0
    var alive = true
    /// Added since the last solve: reported as changed whatever its value.
    var fresh = true
    var dirty = false
    /// Set by the filling when the value it fixed differs from the old one.
    var changed = false

    init(weight: Double, bound: Double) {
      self.weight = weight
      self.bound = bound
    }
  }

  /// What the last `solve()` did, for reports ("largest component re-solved").
  public struct Statistics: Sendable, Equatable {
    /// Regions re-solved (the parts of dirty components above the safe level).
    public var components = 0
    /// Variables re-solved, over all regions.
    public var variables = 0
    /// The variable count of the largest region re-solved (the part of a component above
    /// the safe level; the whole component after a capacity, weight or bound change).
    public var largestComponent = 0
    /// The safe level the last solve re-filled from (0: whole components).
    public var level = Double.infinity
    public init() {}
  }

  var constraintRecords: [ConstraintRecord] = []
  var freeConstraints: [UInt32] = []
  /// Every constraint's elements, each constraint in its own range.
  var elementPool: [Element] = []
  /// Free element ranges by size: `freeElementRanges[k]` holds starts of ranges of 2^k.
  var freeElementRanges: [[Int32]] = []

  @usableFromInline var variableRecords: [VariableRecord] = []
  var freeVariables: [UInt32] = []
  /// Every variable's constraints: variable v's are `edgePool[edgeStart ..< edgeStart +
  /// edgeCount]`, in the order given. Ranges of freed variables are reused by later variables
  /// with as many constraints.
  var edgePool: [Edge] = []
  /// Free edge ranges by length: `freeEdgeRanges[n]` holds the starts of free ranges of n.
  var freeEdgeRanges: [[Int32]] = []

  // Dirty sets (lists plus flags, so each entry appears once).
  var dirtyConstraints: [UInt32] = []
  var dirtyVariables: [UInt32] = []
  /// The lowest level a pending removal or change can affect (see the type's documentation);
  /// additions are bounded at `solve()` time.
  var pendingLevel = Double.infinity

  // Scratch kept between solves (see MaxMinSolver+Filling.swift).
  var epoch: UInt32 = 0
  var queueScratch: [UInt32] = []
  var regionScratch: [UInt32] = []
  var orderScratch: [UInt32] = []
  var changedScratch: [UInt32] = []
  var heapScratch: [UInt32] = []
  var boundScratch: [BoundEntry] = []

  /// A variable's bound as a level, `b_v / w_v`, with its region position as tie-break.
  struct BoundEntry: Sendable {
    var level: Double
    var order: Int32
    var variable: UInt32

    @inline(__always) func precedes(_ other: BoundEntry) -> Bool {
      level < other.level || (level == other.level && order < other.order)
    }
  }

  /// The variables whose value changed in the last `solve()`, component by component in the
  /// order they were re-solved (a function of the call sequence only). Newly added variables
  /// are always included; removed ones never.
  public internal(set) var changedVariables: [Variable] = []
  /// What the last `solve()` re-solved.
  public internal(set) var statistics = Statistics()

  /// The number of live variables.
  public internal(set) var variableCount = 0
  /// The number of live constraints.
  public internal(set) var constraintCount = 0

  /// An empty solver.
  public init() {}

  // MARK: - Constraints

  /// Adds a constraint of `capacity` (≥ 0; `.infinity` for none).
  /// - Complexity: O(1) amortised.
  public mutating func addConstraint(capacity: Double) -> Constraint {
    precondition(capacity >= 0, "a capacity must be >= 0, got \(capacity)")
    let raw: UInt32
    if let reused = freeConstraints.popLast() {
      raw = reused
      constraintRecords[Int(raw)].capacity = capacity
      constraintRecords[Int(raw)].alive = true
    } else {
      raw = UInt32(constraintRecords.count)
      constraintRecords.append(ConstraintRecord(capacity: capacity))
    }
    constraintCount += 1
    return Constraint(raw: raw)
  }

  /// Removes a constraint that no variable uses any more; its handle may be reused.
  /// - Complexity: O(1).
  public mutating func removeConstraint(_ c: Constraint) {
    precondition(isAlive(c), "constraint \(c.raw) is not alive")
    precondition(constraintRecords[c.index].count == 0, "constraint \(c.raw) is still used")
    let room = Int(constraintRecords[c.index].room)
    if room > 0 {
      freeElementRanges[room.trailingZeroBitCount].append(constraintRecords[c.index].base)
    }
    constraintRecords[c.index].room = 0
    constraintRecords[c.index].base = 0
    constraintRecords[c.index].alive = false
    freeConstraints.append(c.raw)
    constraintCount -= 1
  }

  /// Sets the capacity of `c` (≥ 0) and marks its component dirty.
  /// - Complexity: O(1).
  public mutating func setCapacity(_ capacity: Double, of c: Constraint) {
    precondition(isAlive(c) && capacity >= 0)
    guard constraintRecords[c.index].capacity != capacity else { return }
    constraintRecords[c.index].capacity = capacity
    markDirty(c.raw)
    pendingLevel = 0
  }

  /// The capacity of `c`.
  public func capacity(of c: Constraint) -> Double { constraintRecords[c.index].capacity }

  /// The number of variables that use `c` (a variable listing it twice counts twice).
  public func useCount(of c: Constraint) -> Int { Int(constraintRecords[c.index].count) }

  /// Whether `c` is a live constraint handle.
  public func isAlive(_ c: Constraint) -> Bool {
    c.index < constraintRecords.count && constraintRecords[c.index].alive
  }

  // MARK: - Variables

  /// Adds a variable of `weight` (> 0) and `bound` (≥ 0; `.infinity` for none) that uses the
  /// given constraints, and marks its component dirty. Its value is known after `solve()`.
  /// - Complexity: O(L) amortised for L constraints; no allocation when a removed variable's
  ///   storage is reused and its lists were at least as long.
  public mutating func addVariable(
    weight: Double = 1, bound: Double = .infinity, constraints: some Sequence<Constraint>
  ) -> Variable {
    precondition(weight > 0 && weight.isFinite, "a weight must be finite and > 0, got \(weight)")
    precondition(bound >= 0, "a bound must be >= 0, got \(bound)")
    let raw: UInt32
    if let reused = freeVariables.popLast() {
      raw = reused
      let mark = variableRecords[Int(raw)].mark
      variableRecords[Int(raw)] = VariableRecord(weight: weight, bound: bound)
      variableRecords[Int(raw)].mark = mark
    } else {
      raw = UInt32(variableRecords.count)
      variableRecords.append(VariableRecord(weight: weight, bound: bound))
    }
    // The edges go to the end of the pool first, then into a reused range of their length.
    let scratchStart = edgePool.count
    for c in constraints {
      precondition(isAlive(c), "constraint \(c.raw) is not alive")
      edgePool.append(Edge(constraint: c.raw))
    }
    let n = edgePool.count - scratchStart
    precondition(n <= Int(UInt16.max), "a variable may use at most 65,535 constraints, not \(n)")
    while freeEdgeRanges.count <= n { freeEdgeRanges.append([]) }
    var start = scratchStart
    if let reused = freeEdgeRanges[n].popLast() {
      start = Int(reused)
      for k in 0..<n { edgePool[start + k] = edgePool[scratchStart + k] }
      edgePool.removeLast(n)
    }
    variableRecords[Int(raw)].edgeStart = Int32(start)
    variableRecords[Int(raw)].edgeCount = UInt16(n)
    for k in 0..<n {
      let c = Int(edgePool[start + k].constraint)
      appendElement(to: c, Element(variable: raw, level: .infinity, prefix: 0))
      markDirty(UInt32(c))
    }
    markVariableDirty(raw)
    variableCount += 1
    return Variable(raw: raw)
  }

  /// Removes a variable, freeing its share for the others of its component (marked dirty).
  /// - Complexity: O(Σ (log n_c + r_c)) over its L constraints, where r_c counts the elements
  ///   of `c` at or above its level (the ones the next solve re-fills anyway).
  public mutating func removeVariable(_ v: Variable) {
    precondition(isAlive(v), "variable \(v.raw) is not alive")
    let i = v.index
    // A solved variable was unfixed below its level; nothing below it can change.
    if !variableRecords[i].fresh {
      pendingLevel = Swift.min(pendingLevel, variableRecords[i].level)
    }
    let start = Int(variableRecords[i].edgeStart)
    let n = Int(variableRecords[i].edgeCount)
    // Removed in place, keeping the level order: the elements after it (levels at or above
    // its own, so all above the next solve's safe level) move down one and are rewritten by
    // that solve, running sums included.
    // Its element on each constraint: the first of its level (binary search), then forward
    // among the elements of that level (∞ for an unsolved one).
    let level = variableRecords[i].level
    for k in 0..<n {
      let c = Int(edgePool[start + k].constraint)
      let base = Int(constraintRecords[c].base)
      let count = Int(constraintRecords[c].count)
      var low = 0
      var high = count
      while low < high {
        let mid = (low + high) >> 1
        if elementPool[base + mid].level < level { low = mid + 1 } else { high = mid }
      }
      while low < count && elementPool[base + low].variable != v.raw { low += 1 }
      assert(low < count, "variable \(v.raw) is missing from constraint \(c)")
      for q in low..<(count - 1) { elementPool[base + q] = elementPool[base + q + 1] }
      constraintRecords[c].count -= 1
      markDirty(UInt32(c))
    }
    while freeEdgeRanges.count <= n { freeEdgeRanges.append([]) }
    freeEdgeRanges[n].append(Int32(start))
    variableRecords[i].edgeCount = 0
    variableRecords[i].alive = false
    variableRecords[i].fresh = false
    variableRecords[i].value = 0
    freeVariables.append(v.raw)
    variableCount -= 1
  }

  /// Sets the weight (> 0) of `v` and marks its component dirty.
  /// - Complexity: O(L).
  public mutating func setWeight(_ weight: Double, of v: Variable) {
    precondition(isAlive(v) && weight > 0 && weight.isFinite)
    guard variableRecords[v.index].weight != weight else { return }
    variableRecords[v.index].weight = weight
    markVariableAndConstraintsDirty(v)
  }

  /// Sets the upper bound (≥ 0, `.infinity` for none) of `v` and marks its component dirty.
  /// - Complexity: O(L).
  public mutating func setBound(_ bound: Double, of v: Variable) {
    precondition(isAlive(v) && bound >= 0)
    guard variableRecords[v.index].bound != bound else { return }
    variableRecords[v.index].bound = bound
    markVariableAndConstraintsDirty(v)
  }

  /// The value of `v` after the last `solve()` (0 before its first solve).
  @inlinable public func value(of v: Variable) -> Double { variableRecords[v.index].value }

  /// The weight of `v`.
  public func weight(of v: Variable) -> Double { variableRecords[v.index].weight }

  /// The bound of `v` (`.infinity` when it has none).
  public func bound(of v: Variable) -> Double { variableRecords[v.index].bound }

  /// The constraints `v` uses, in the order given.
  public func constraints(of v: Variable) -> [Constraint] {
    let start = Int(variableRecords[v.index].edgeStart)
    let n = Int(variableRecords[v.index].edgeCount)
    return (start..<(start + n)).map { Constraint(raw: edgePool[$0].constraint) }
  }

  /// Whether `v` is a live variable handle.
  public func isAlive(_ v: Variable) -> Bool {
    v.index < variableRecords.count && variableRecords[v.index].alive
  }

  /// Whether anything changed since the last `solve()`.
  public var isDirty: Bool { !dirtyConstraints.isEmpty || !dirtyVariables.isEmpty }

  // MARK: - Private

  /// Appends `element` to constraint `c`'s list, moving the list to a range twice as large
  /// when its range is full.
  /// - Complexity: O(1) amortised.
  mutating func appendElement(to c: Int, _ element: Element) {
    let count = Int(constraintRecords[c].count)
    if count == Int(constraintRecords[c].room) {
      let room = Swift.max(8, 2 * count)
      let k = room.trailingZeroBitCount
      while freeElementRanges.count <= k { freeElementRanges.append([]) }
      let base: Int
      if let reused = freeElementRanges[k].popLast() {
        base = Int(reused)
      } else {
        base = elementPool.count
        elementPool.append(
          contentsOf: repeatElement(
            Element(variable: 0, level: 0, prefix: 0), count: room))
      }
      let old = Int(constraintRecords[c].base)
      for q in 0..<count { elementPool[base + q] = elementPool[old + q] }
      let oldRoom = Int(constraintRecords[c].room)
      if oldRoom > 0 { freeElementRanges[oldRoom.trailingZeroBitCount].append(Int32(old)) }
      constraintRecords[c].base = Int32(base)
      constraintRecords[c].room = Int32(room)
    }
    elementPool[Int(constraintRecords[c].base) + count] = element
    constraintRecords[c].count += 1
  }

  mutating func markDirty(_ c: UInt32) {
    if !constraintRecords[Int(c)].dirty {
      constraintRecords[Int(c)].dirty = true
      dirtyConstraints.append(c)
    }
  }

  mutating func markVariableDirty(_ v: UInt32) {
    if !variableRecords[Int(v)].dirty {
      variableRecords[Int(v)].dirty = true
      dirtyVariables.append(v)
    }
  }

  mutating func markVariableAndConstraintsDirty(_ v: Variable) {
    pendingLevel = 0
    markVariableDirty(v.raw)
    let start = Int(variableRecords[v.index].edgeStart)
    for k in start..<(start + Int(variableRecords[v.index].edgeCount)) {
      markDirty(edgePool[k].constraint)
    }
  }
}
