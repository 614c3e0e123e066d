import SimKernel
import Testing

@testable import SimMath

/// Hand-solved sharing cases, the fairness invariants after every solve, and a brute-force
/// water-filling reference on seeded random instances (STYLE.md §5 items 3 and 7).
@Suite struct MaxMinSolverTests {
  typealias V = MaxMinSolver.Variable

  // MARK: - Hand-solved cases

  /// Two flows on one link of capacity C = 10: by symmetry each gets C/2 = 5.
  @Test func twoFlowsOnOneLinkGetHalfEach() {
    var s = MaxMinSolver()
    let link = s.addConstraint(capacity: 10)
    let a = s.addVariable(constraints: [link])
    let b = s.addVariable(constraints: [link])
    s.solve()
    #expect(s.value(of: a) == 5)
    #expect(s.value(of: b) == 5)
    #expect(Set(s.changedVariables) == [a, b])
  }

  /// The classic three-link example: a long flow f0 crosses L1 (C=1), L2 (C=2) and L3 (C=3);
  /// f1, f2, f3 each use one of them. Filling: L1 saturates first, at level 1/2 (two flows),
  /// so f0 = f1 = 0.5. L2 then has 2 − 0.5 = 1.5 left for f2 alone, and L3 has 3 − 0.5 = 2.5
  /// for f3.
  @Test func threeLinksWithALongFlow() {
    var s = MaxMinSolver()
    let l1 = s.addConstraint(capacity: 1)
    let l2 = s.addConstraint(capacity: 2)
    let l3 = s.addConstraint(capacity: 3)
    let f0 = s.addVariable(constraints: [l1, l2, l3])
    let f1 = s.addVariable(constraints: [l1])
    let f2 = s.addVariable(constraints: [l2])
    let f3 = s.addVariable(constraints: [l3])
    s.solve()
    #expect(s.value(of: f0) == 0.5)
    #expect(s.value(of: f1) == 0.5)
    #expect(s.value(of: f2) == 1.5)
    #expect(s.value(of: f3) == 2.5)
    #expect(s.statistics.components == 1)
    #expect(s.statistics.largestComponent == 4)
  }

  /// Weights 1 and 2 on a link of C = 3: values w·λ with 3λ = 3, so 1 and 2.
  @Test func weightsSplitInProportion() {
    var s = MaxMinSolver()
    let link = s.addConstraint(capacity: 3)
    let a = s.addVariable(weight: 1, constraints: [link])
    let b = s.addVariable(weight: 2, constraints: [link])
    s.solve()
    #expect(s.value(of: a) == 1)
    #expect(s.value(of: b) == 2)
  }

  /// C = 10 shared by a flow bounded at 2 and an unbounded one: the bound is reached at level
  /// 2 < 5, so the other flow takes the remaining 10 − 2 = 8.
  @Test func aBoundFreesCapacityForTheOthers() {
    var s = MaxMinSolver()
    let link = s.addConstraint(capacity: 10)
    let a = s.addVariable(bound: 2, constraints: [link])
    let b = s.addVariable(constraints: [link])
    s.solve()
    #expect(s.value(of: a) == 2)
    #expect(s.value(of: b) == 8)
    // Raising the bound above the fair share (5) makes it irrelevant: 5 and 5.
    s.setBound(7, of: a)
    s.solve()
    #expect(s.value(of: a) == 5)
    #expect(s.value(of: b) == 5)
  }

  /// A variable on no constraint takes its bound, or is unlimited without one.
  @Test func aVariableWithoutConstraints() {
    var s = MaxMinSolver()
    let bounded = s.addVariable(bound: 4, constraints: [])
    let free = s.addVariable(constraints: [])
    s.solve()
    #expect(s.value(of: bounded) == 4)
    #expect(s.value(of: free) == .infinity)
  }

  /// Removing one of two flows on C = 10 gives the other all 10; only the survivor is
  /// reported changed, and a new variable reuses the freed handle.
  @Test func removalFreesShareAndHandlesAreReused() {
    var s = MaxMinSolver()
    let link = s.addConstraint(capacity: 10)
    let a = s.addVariable(constraints: [link])
    let b = s.addVariable(constraints: [link])
    s.solve()
    s.removeVariable(a)
    s.solve()
    #expect(s.value(of: b) == 10)
    #expect(s.changedVariables == [b])
    let c = s.addVariable(constraints: [link])
    #expect(c == a)
    s.solve()
    #expect(s.value(of: c) == 5 && s.value(of: b) == 5)
  }

  /// Two disjoint links: changing one capacity re-solves only its component, and a solve with
  /// nothing dirty re-solves nothing.
  @Test func onlyDirtyComponentsAreResolved() {
    var s = MaxMinSolver()
    let l1 = s.addConstraint(capacity: 4)
    let l2 = s.addConstraint(capacity: 6)
    let a = s.addVariable(constraints: [l1])
    let b = s.addVariable(constraints: [l1])
    let c = s.addVariable(constraints: [l2])
    s.solve()
    #expect(s.statistics.components == 2)
    s.setCapacity(8, of: l1)
    s.solve()
    #expect(s.statistics.components == 1 && s.statistics.variables == 2)
    // 8 shared by two: 4 each; c keeps 6 and is not reported.
    #expect(s.value(of: a) == 4 && s.value(of: b) == 4 && s.value(of: c) == 6)
    #expect(Set(s.changedVariables) == [a, b])
    s.solve()
    #expect(s.statistics.components == 0 && s.changedVariables.isEmpty)
  }

  // MARK: - Level-limited re-filling

  /// f0 crosses L1 (C = 1) and L2 (C = 10), f1 uses L1, f3 uses L2. L1 saturates first at
  /// level 1/2 (f0, f1 = 0.5); L2 then has 10 − 0.5 = 9.5 for f3 (level 9.5).
  /// Removing f3 (level 9.5): nothing below 9.5 can move, and on L2 only f0 (level 0.5, kept)
  /// is left, so no variable is re-filled and f0, f1 stay at 0.5.
  /// Adding f4 on L2: Newton on f(λ) = min(λ, 0.5) + λ − 10 from λ = 0: slope 2 (f0 and f4
  /// unfixed) gives λ = 5; at 5 the load is 0.5 + 5, gap 4.5, slope 1, λ = 9.5, where the gap is
  /// 0. So the floor is 9.5·(1 − 1e-9): only f4 is re-filled, and it gets 10 − 0.5 = 9.5.
  @Test func onlyTheLevelsAChangeCanReachAreRefilled() {
    var s = MaxMinSolver()
    let l1 = s.addConstraint(capacity: 1)
    let l2 = s.addConstraint(capacity: 10)
    let f0 = s.addVariable(constraints: [l1, l2])
    let f1 = s.addVariable(constraints: [l1])
    let f3 = s.addVariable(constraints: [l2])
    s.solve()
    #expect(s.value(of: f0) == 0.5 && s.value(of: f1) == 0.5 && s.value(of: f3) == 9.5)
    s.removeVariable(f3)
    s.solve()
    #expect(s.statistics.level == 9.5)
    #expect(s.statistics.variables == 0 && s.changedVariables.isEmpty)
    #expect(s.value(of: f0) == 0.5 && s.value(of: f1) == 0.5)
    let f4 = s.addVariable(constraints: [l2])
    s.solve()
    #expect(s.statistics.level == 9.5 * (1 - 1e-9))
    #expect(s.statistics.variables == 1 && s.changedVariables == [f4])
    #expect(s.value(of: f4) == 9.5)
    // Removing f1 (level 0.5) reaches everything: f0 alone on L1 takes 1, f4 gets 9.
    s.removeVariable(f1)
    s.solve()
    #expect(s.statistics.level == 0.5 && s.statistics.variables == 2)
    #expect(s.value(of: f0) == 1 && s.value(of: f4) == 9)
  }

  /// 1,000 random sequences (12,000 solves) of batches of adds and removes only (no capacity,
  /// weight or bound change, which re-fill whole components), on instances with up to 12
  /// constraints and paths of up to 4, solving after each batch: every value equals the brute
  /// force and a from-scratch solve, `changedVariables` lists exactly the new and moved
  /// variables, the region re-filled is never larger than the dirty components, and the
  /// level-limited path really is taken (some solves re-fill less than those components).
  @Test func addRemoveSequencesMatchBruteForce() {
    var partial = 0
    for seed in UInt64(0)..<1_000 {
      var random = RandomStream(seed: seed, name: "maxmin/add-remove")
      var model = Model()
      var solver = MaxMinSolver()
      for _ in 0..<(2 + random.nextInt(below: 11)) {
        model.addConstraint(Self.randomCapacity(&random), to: &solver)
      }
      var previous: [UInt32: Double] = [:]
      for _ in 0..<(4 + random.nextInt(below: 8)) { model.addRandomVariable(&random, to: &solver) }
      solver.solve()
      model.check(solver, seed: seed, context: "initial")
      for v in model.liveVariables { previous[v.raw] = solver.value(of: v) }
      for step in 0..<12 {
        var fresh: Set<UInt32> = []
        var touched: Set<Int> = []
        for _ in 0..<(1 + random.nextInt(below: 3)) {
          let live = model.liveVariables
          if live.isEmpty || random.nextInt(below: 2) == 0 {
            let v = model.addRandomVariable(&random, to: &solver, maxPath: 4)
            fresh.insert(v.raw)
            touched.formUnion(model.variables[v.index]!.constraints)
          } else {
            let v = live[random.nextInt(below: live.count)]
            touched.formUnion(model.variables[v.index]!.constraints)
            model.remove(v, from: &solver)
            fresh.remove(v.raw)
            previous[v.raw] = nil
          }
        }
        solver.solve()
        let context = "seed \(seed) step \(step)"
        model.check(solver, seed: seed, context: context)
        let whole = model.componentSize(touching: touched, fresh: fresh)
        #expect(
          solver.statistics.variables <= whole, "\(context): re-filled more than the components")
        if solver.statistics.variables < whole { partial += 1 }
        var scratch = MaxMinSolver()
        let rebuilt = model.rebuild(into: &scratch)
        scratch.solve()
        let changed = Set(solver.changedVariables.map(\.raw))
        for v in model.liveVariables {
          let a = solver.value(of: v)
          let b = scratch.value(of: rebuilt[v.index]!)
          #expect(Self.close(a, b, 1e-12), "\(context): v\(v.raw) incremental \(a) scratch \(b)")
          let moved = fresh.contains(v.raw) || previous[v.raw] != a
          #expect(
            moved == changed.contains(v.raw),
            "\(context): v\(v.raw) moved \(moved) reported \(changed.contains(v.raw))")
          previous[v.raw] = a
        }
      }
    }
    // Falsifiable: a solver that re-filled whole dirty components would count 0 here.
    #expect(partial > 1_000, "only \(partial) solves re-filled part of the live variables")
  }

  // MARK: - Random instances against the reference

  /// 3,000 random instances solved from scratch: equal to the brute-force filling (1e-9
  /// relative) and fair by the invariants.
  @Test func randomInstancesMatchBruteForce() {
    for seed in UInt64(0)..<3_000 {
      var random = RandomStream(seed: seed, name: "maxmin/instance")
      var model = Model()
      var solver = MaxMinSolver()
      for _ in 0..<(1 + random.nextInt(below: 8)) {
        model.addConstraint(Self.randomCapacity(&random), to: &solver)
      }
      for _ in 0..<random.nextInt(below: 14) { model.addRandomVariable(&random, to: &solver) }
      solver.solve()
      model.check(solver, seed: seed)
    }
  }

  /// 300 random sequences of 40 operations (add, remove, capacity, weight, bound), solving
  /// after each: every value equals the reference and a from-scratch solve, and
  /// `changedVariables` lists exactly the variables that are new or whose value moved.
  @Test func incrementalSequencesMatchFromScratch() {
    for seed in UInt64(0)..<300 {
      var random = RandomStream(seed: seed, name: "maxmin/sequence")
      var model = Model()
      var solver = MaxMinSolver()
      for _ in 0..<(2 + random.nextInt(below: 6)) {
        model.addConstraint(Self.randomCapacity(&random), to: &solver)
      }
      var previous: [UInt32: Double] = [:]
      for step in 0..<40 {
        var fresh: Set<UInt32> = []
        let live = model.liveVariables
        switch random.nextInt(below: 6) {
        case 0, 1:
          fresh.insert(model.addRandomVariable(&random, to: &solver).raw)
        case 2 where !live.isEmpty:
          let v = live[random.nextInt(below: live.count)]
          model.remove(v, from: &solver)
          previous[v.raw] = nil
        case 3:
          let c = random.nextInt(below: model.capacities.count)
          let capacity = Self.randomCapacity(&random)
          model.capacities[c] = capacity
          solver.setCapacity(capacity, of: .init(raw: UInt32(c)))
        case 4 where !live.isEmpty:
          let v = live[random.nextInt(below: live.count)]
          let w = Self.randomWeight(&random)
          model.variables[v.index]?.weight = w
          solver.setWeight(w, of: v)
        case 5 where !live.isEmpty:
          let v = live[random.nextInt(below: live.count)]
          let b = random.nextInt(below: 2) == 0 ? Double.infinity : 10 * random.nextDouble()
          model.variables[v.index]?.bound = b
          solver.setBound(b, of: v)
        default:
          break
        }
        solver.solve()
        let context = "seed \(seed) step \(step)"
        model.check(solver, seed: seed, context: context)
        // The same model built from scratch.
        var scratch = MaxMinSolver()
        let rebuilt = model.rebuild(into: &scratch)
        scratch.solve()
        for v in model.liveVariables {
          let a = solver.value(of: v)
          let b = scratch.value(of: rebuilt[v.index]!)
          #expect(Self.close(a, b, 1e-12), "\(context): v\(v.raw) incremental \(a) scratch \(b)")
        }
        // Exactly the new and the moved variables are reported.
        let changed = Set(solver.changedVariables.map(\.raw))
        for v in model.liveVariables {
          let moved = fresh.contains(v.raw) || previous[v.raw] != solver.value(of: v)
          #expect(
            moved == changed.contains(v.raw),
            "\(context): v\(v.raw) moved \(moved) reported \(changed.contains(v.raw))")
          previous[v.raw] = solver.value(of: v)
        }
        #expect(changed.count == solver.changedVariables.count, "\(context): duplicates")
      }
    }
  }

  // MARK: - Helpers

  static func randomCapacity(_ r: inout RandomStream) -> Double {
    switch r.nextInt(below: 20) {
    case 0: 0
    case 1: .infinity
    case 2: 5  // equal capacities make ties
    default: 10 * r.nextOpenDouble()
    }
  }

  static func randomWeight(_ r: inout RandomStream) -> Double {
    switch r.nextInt(below: 4) {
    case 0: 1
    case 1: 2
    case 2: 0.5
    default: 0.1 + 3 * r.nextDouble()
    }
  }

  /// Equal within `relative` of the larger magnitude (and equal infinities).
  static func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
  }

  /// The test's own record of an instance, independent of the solver's storage.
  struct Model {
    struct Var {
      var weight: Double
      var bound: Double
      var constraints: [Int]
    }
    var capacities: [Double] = []
    /// Indexed by the solver's handle; nil when removed.
    var variables: [Var?] = []

    var liveVariables: [V] {
      variables.indices.filter { variables[$0] != nil }.map { V(raw: UInt32($0)) }
    }

    mutating func addConstraint(_ capacity: Double, to solver: inout MaxMinSolver) {
      let c = solver.addConstraint(capacity: capacity)
      #expect(c.index == capacities.count)
      capacities.append(capacity)
    }

    @discardableResult
    mutating func addRandomVariable(
      _ r: inout RandomStream, to solver: inout MaxMinSolver, maxPath: Int = 3
    ) -> V {
      var chosen: [Int] = []
      let n = r.nextInt(below: 10) == 0 ? 0 : 1 + r.nextInt(below: min(maxPath, capacities.count))
      while chosen.count < n {
        let c = r.nextInt(below: capacities.count)
        if !chosen.contains(c) { chosen.append(c) }
      }
      let weight = MaxMinSolverTests.randomWeight(&r)
      let bound = r.nextInt(below: 3) == 0 ? 10 * r.nextDouble() : .infinity
      let v = solver.addVariable(
        weight: weight, bound: bound, constraints: chosen.map { .init(raw: UInt32($0)) })
      while variables.count <= v.index { variables.append(nil) }
      #expect(variables[v.index] == nil, "a live handle was handed out twice")
      variables[v.index] = Var(weight: weight, bound: bound, constraints: chosen)
      return v
    }

    mutating func remove(_ v: V, from solver: inout MaxMinSolver) {
      solver.removeVariable(v)
      variables[v.index] = nil
    }

    /// The number of live variables in the components (variables linked by shared
    /// constraints) that contain a constraint of `touching` or a variable of `fresh`: what a
    /// solver re-solving whole dirty components would re-fill.
    func componentSize(touching: Set<Int>, fresh: Set<UInt32>) -> Int {
      var seenConstraint = Set(touching)
      var queue = Array(touching)
      var seenVariable: Set<Int> = []
      for v in fresh where variables[Int(v)] != nil {
        seenVariable.insert(Int(v))
        for c in variables[Int(v)]!.constraints where seenConstraint.insert(c).inserted {
          queue.append(c)
        }
      }
      while let c = queue.popLast() {
        for (i, v) in variables.enumerated() {
          guard let v, v.constraints.contains(c), seenVariable.insert(i).inserted else { continue }
          for d in v.constraints where seenConstraint.insert(d).inserted { queue.append(d) }
        }
      }
      return seenVariable.count
    }

    /// Adds the live variables to a fresh solver, in handle order; returns their new handles.
    func rebuild(into solver: inout MaxMinSolver) -> [V?] {
      for capacity in capacities { _ = solver.addConstraint(capacity: capacity) }
      return variables.map { v in
        v.map {
          solver.addVariable(
            weight: $0.weight, bound: $0.bound,
            constraints: $0.constraints.map { .init(raw: UInt32($0)) })
        }
      }
    }

    /// Brute-force water-filling: each round recomputes every constraint's saturation level
    /// and every bound from scratch, takes the smallest, and fixes what reaches it.
    /// - Complexity: O(rounds × (K·V + E)); fine for tests.
    func reference() -> [Double?] {
      var value: [Double?] = variables.map { _ in nil }
      var fixed = variables.map { $0 == nil }
      while fixed.contains(false) {
        var level = Double.infinity
        var levels = [Double](repeating: .infinity, count: capacities.count)
        for c in capacities.indices where capacities[c].isFinite {
          var used = 0.0
          var weight = 0.0
          for (i, v) in variables.enumerated() {
            guard let v else { continue }
            let uses = Double(v.constraints.filter { $0 == c }.count)
            if fixed[i] { used += uses * (value[i] ?? 0) } else { weight += uses * v.weight }
          }
          if weight > 0 {
            levels[c] = max(0, (capacities[c] - used) / weight)
            level = min(level, levels[c])
          }
        }
        for (i, v) in variables.enumerated() where !fixed[i] {
          level = min(level, v!.bound / v!.weight)
        }
        for (i, v) in variables.enumerated() where !fixed[i] {
          let v = v!
          if level == .infinity {
            value[i] = .infinity
          } else if v.bound / v.weight <= level {
            value[i] = v.bound
          } else if v.constraints.contains(where: { levels[$0] <= level }) {
            value[i] = v.weight * level
          } else {
            continue
          }
          fixed[i] = true
        }
      }
      return value
    }

    /// The solver's values equal the reference, and the fairness invariants hold.
    func check(_ solver: MaxMinSolver, seed: UInt64, context: String = "") {
      let label = "seed \(seed) \(context)"
      let expected = reference()
      var usage = [Double](repeating: 0, count: capacities.count)
      for v in liveVariables {
        let x = solver.value(of: v)
        let want = expected[v.index]!
        #expect(close(x, want, 1e-9), "\(label): v\(v.raw) = \(x), reference \(want)")
        for c in variables[v.index]!.constraints { usage[c] += x }
      }
      // No constraint over capacity.
      for c in capacities.indices {
        #expect(
          usage[c] <= capacities[c] * (1 + 1e-9) + 1e-12,
          "\(label): constraint \(c) uses \(usage[c]) of \(capacities[c])")
      }
      // Each variable is at its bound, or crosses a saturated constraint on which nobody has
      // a larger weighted share.
      for v in liveVariables {
        let x = solver.value(of: v)
        let own = variables[v.index]!
        if close(x, own.bound, 1e-9) { continue }
        let share = x / own.weight
        let justified = own.constraints.contains { c in
          guard usage[c] >= capacities[c] * (1 - 1e-9) - 1e-12 else { return false }
          return liveVariables.allSatisfy { u in
            let other = variables[u.index]!
            guard other.constraints.contains(c) else { return true }
            return solver.value(of: u) / other.weight <= share * (1 + 1e-9) + 1e-12
          }
        }
        let unlimited = x == .infinity
        #expect(justified || unlimited, "\(label): v\(v.raw) = \(x) is not bottlenecked")
      }
    }
  }
}
