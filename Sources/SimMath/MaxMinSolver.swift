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
/// those (from each dirty constraint, through variables with `λ_u ≥ L` or new ones), computes
/// `F_c` from the kept values as it goes (no running sums, so no drift), and fills them from
/// `L`. On a leaf-spine fabric, where nearly every flow is in one component, a departure at a
/// high level or an arrival on links with slack re-fills a handful of flows instead of all.
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

  /// One use of a constraint by a variable: the variable and the position of this constraint
  /// in the variable's list (so that a swap-removal can fix the back pointer).
  struct Element: Sendable {
    var variable: UInt32
    var slot: UInt32
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

  // Constraints (struct of arrays, indexed by raw handle).
  var capacities: [Double] = []
  var elements: [[Element]] = []
  var constraintAlive: [Bool] = []
  var freeConstraints: [UInt32] = []

  // Variables.
  var weights: [Double] = []
  var bounds: [Double] = []
  @usableFromInline var values: [Double] = []
  /// The level `λ_v` at which the last filling fixed each variable (`value = w·λ_v`, or
  /// `b_v = w·λ_v` at its bound; `.infinity` when unlimited, and for a variable added since
  /// the last solve, so that every level test treats it as unfixed).
  var levels: [Double] = []
  var variableConstraints: [[UInt32]] = []
  /// The same lists flat, for the walk (one pointer chase less per variable): variable v's
  /// constraints are `constraintPool[poolStart[v] ..< poolStart[v] + poolCount[v]]`. Ranges
  /// of freed variables are reused by later variables with as many constraints.
  var constraintPool: [UInt32] = []
  var poolStart: [Int32] = []
  var poolCount: [Int32] = []
  /// Free pool ranges by length: `freeRanges[n]` holds the starts of free ranges of n.
  var freeRanges: [[Int32]] = []
  /// For variable v and its k-th constraint c, the position of v's element in `elements[c]`.
  var variableSlots: [[UInt32]] = []
  var variableAlive: [Bool] = []
  /// Added since the last solve: reported as changed whatever its value.
  var variableFresh: [Bool] = []
  var freeVariables: [UInt32] = []

  // Dirty sets (lists plus flags, so each entry appears once).
  var dirtyConstraints: [UInt32] = []
  var constraintDirty: [Bool] = []
  var dirtyVariables: [UInt32] = []
  var variableDirty: [Bool] = []
  /// The lowest level a pending removal or change can affect (see the type's documentation);
  /// additions are bounded at `solve()` time.
  var pendingLevel = Double.infinity

  // Scratch kept between solves (see MaxMinSolver+Filling.swift).
  var scratch = Scratch()

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
      capacities[Int(raw)] = capacity
      constraintAlive[Int(raw)] = true
    } else {
      raw = UInt32(capacities.count)
      capacities.append(capacity)
      elements.append([])
      constraintAlive.append(true)
      constraintDirty.append(false)
      scratch.growConstraints(to: capacities.count)
    }
    constraintCount += 1
    return Constraint(raw: raw)
  }

  /// Removes a constraint that no variable uses any more; its handle may be reused.
  /// - Complexity: O(1).
  public mutating func removeConstraint(_ c: Constraint) {
    precondition(isAlive(c), "constraint \(c.raw) is not alive")
    precondition(elements[c.index].isEmpty, "constraint \(c.raw) is still used")
    constraintAlive[c.index] = false
    freeConstraints.append(c.raw)
    constraintCount -= 1
  }

  /// Sets the capacity of `c` (≥ 0) and marks its component dirty.
  /// - Complexity: O(1).
  public mutating func setCapacity(_ capacity: Double, of c: Constraint) {
    precondition(isAlive(c) && capacity >= 0)
    guard capacities[c.index] != capacity else { return }
    capacities[c.index] = capacity
    markDirty(c.raw)
    pendingLevel = 0
  }

  /// The capacity of `c`.
  public func capacity(of c: Constraint) -> Double { capacities[c.index] }

  /// The number of variables that use `c` (a variable listing it twice counts twice).
  public func useCount(of c: Constraint) -> Int { elements[c.index].count }

  /// Whether `c` is a live constraint handle.
  public func isAlive(_ c: Constraint) -> Bool {
    c.index < constraintAlive.count && constraintAlive[c.index]
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
      let i = Int(raw)
      weights[i] = weight
      bounds[i] = bound
      values[i] = 0
      levels[i] = .infinity
      variableAlive[i] = true
    } else {
      raw = UInt32(weights.count)
      weights.append(weight)
      bounds.append(bound)
      values.append(0)
      levels.append(.infinity)
      variableConstraints.append([])
      variableSlots.append([])
      poolStart.append(0)
      poolCount.append(0)
      variableAlive.append(true)
      variableFresh.append(false)
      variableDirty.append(false)
      scratch.growVariables(to: weights.count)
    }
    let i = Int(raw)
    variableFresh[i] = true
    for c in constraints {
      precondition(isAlive(c), "constraint \(c.raw) is not alive")
      variableSlots[i].append(UInt32(elements[c.index].count))
      elements[c.index].append(
        Element(variable: raw, slot: UInt32(variableConstraints[i].count)))
      variableConstraints[i].append(c.raw)
      markDirty(c.raw)
    }
    let n = variableConstraints[i].count
    while freeRanges.count <= n { freeRanges.append([]) }
    let start: Int
    if let reused = freeRanges[n].popLast() {
      start = Int(reused)
    } else {
      start = constraintPool.count
      constraintPool.append(contentsOf: repeatElement(0, count: n))
    }
    for k in 0..<n { constraintPool[start + k] = variableConstraints[i][k] }
    poolStart[i] = Int32(start)
    poolCount[i] = Int32(n)
    markVariableDirty(raw)
    variableCount += 1
    return Variable(raw: raw)
  }

  /// Removes a variable, freeing its share for the others of its component (marked dirty).
  /// - Complexity: O(L) for L constraints.
  public mutating func removeVariable(_ v: Variable) {
    precondition(isAlive(v), "variable \(v.raw) is not alive")
    let i = v.index
    // A solved variable was unfixed below its level; nothing below it can change.
    if !variableFresh[i] { pendingLevel = Swift.min(pendingLevel, levels[i]) }
    for k in variableConstraints[i].indices {
      let c = Int(variableConstraints[i][k])
      let position = Int(variableSlots[i][k])
      let last = elements[c].removeLast()
      if position < elements[c].count {
        elements[c][position] = last
        variableSlots[Int(last.variable)][Int(last.slot)] = UInt32(position)
      }
      markDirty(UInt32(c))
    }
    freeRanges[Int(poolCount[i])].append(poolStart[i])
    poolCount[i] = 0
    variableConstraints[i].removeAll(keepingCapacity: true)
    variableSlots[i].removeAll(keepingCapacity: true)
    variableAlive[i] = false
    variableFresh[i] = false
    values[i] = 0
    freeVariables.append(v.raw)
    variableCount -= 1
  }

  /// Sets the weight (> 0) of `v` and marks its component dirty.
  /// - Complexity: O(L).
  public mutating func setWeight(_ weight: Double, of v: Variable) {
    precondition(isAlive(v) && weight > 0 && weight.isFinite)
    guard weights[v.index] != weight else { return }
    weights[v.index] = weight
    markVariableAndConstraintsDirty(v)
  }

  /// Sets the upper bound (≥ 0, `.infinity` for none) of `v` and marks its component dirty.
  /// - Complexity: O(L).
  public mutating func setBound(_ bound: Double, of v: Variable) {
    precondition(isAlive(v) && bound >= 0)
    guard bounds[v.index] != bound else { return }
    bounds[v.index] = bound
    markVariableAndConstraintsDirty(v)
  }

  /// The value of `v` after the last `solve()` (0 before its first solve).
  @inlinable public func value(of v: Variable) -> Double { values[v.index] }

  /// The weight of `v`.
  public func weight(of v: Variable) -> Double { weights[v.index] }

  /// The bound of `v` (`.infinity` when it has none).
  public func bound(of v: Variable) -> Double { bounds[v.index] }

  /// The constraints `v` uses, in the order given.
  public func constraints(of v: Variable) -> [Constraint] {
    variableConstraints[v.index].map { Constraint(raw: $0) }
  }

  /// Whether `v` is a live variable handle.
  public func isAlive(_ v: Variable) -> Bool {
    v.index < variableAlive.count && variableAlive[v.index]
  }

  /// Whether anything changed since the last `solve()`.
  public var isDirty: Bool { !dirtyConstraints.isEmpty || !dirtyVariables.isEmpty }

  // MARK: - Private

  mutating func markDirty(_ c: UInt32) {
    if !constraintDirty[Int(c)] {
      constraintDirty[Int(c)] = true
      dirtyConstraints.append(c)
    }
  }

  mutating func markVariableDirty(_ v: UInt32) {
    if !variableDirty[Int(v)] {
      variableDirty[Int(v)] = true
      dirtyVariables.append(v)
    }
  }

  mutating func markVariableAndConstraintsDirty(_ v: Variable) {
    pendingLevel = 0
    markVariableDirty(v.raw)
    for c in variableConstraints[v.index] { markDirty(c) }
  }
}
