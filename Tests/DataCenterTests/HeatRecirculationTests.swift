import SimKernel
import SimMath
import Testing

@testable import DataCenter

@Suite struct HeatRecirculationTests {
  /// Three racks in a cycle (0-based): α_01 = 0.2 (rack 0's outlet into rack 1's inlet),
  /// α_12 = 0.1, α_20 = 0.1; K = (1000, 2000, 500) W/K. Column sums 0.1, 0.2, 0.1 < 1.
  static let cycleA = Matrix([[0, 0.2, 0], [0, 0, 0.1], [0.1, 0, 0]])
  static let cycleK = [1_000.0, 2_000, 500]

  /// D by hand (REFERENCES.md §4.6, Eq. 3). M = K − AᵀK = (I − Aᵀ)K, so
  /// D = M⁻¹ − K⁻¹ = K⁻¹[(I − Aᵀ)⁻¹ − I] = K⁻¹ (I − Aᵀ)⁻¹ Aᵀ.
  /// Aᵀ is a weighted 3-cycle: Aᵀ[1,0] = 0.2, Aᵀ[2,1] = 0.1, Aᵀ[0,2] = 0.1, so
  /// (Aᵀ)²: [2,0] = 0.1·0.2 = 0.02, [0,1] = 0.1·0.1 = 0.01, [1,2] = 0.2·0.1 = 0.02, and
  /// (Aᵀ)³ = 0.2·0.1·0.1 · I = 0.002 I. Since (I − Aᵀ)(I + Aᵀ + (Aᵀ)²) = I − (Aᵀ)³ = 0.998 I,
  /// (I − Aᵀ)⁻¹Aᵀ = (Aᵀ + (Aᵀ)² + (Aᵀ)³) / 0.998, whose rows are
  ///   [0.002, 0.01, 0.1], [0.2, 0.002, 0.02], [0.02, 0.1, 0.002], each / 0.998,
  /// and row i of D is that row / K_i: / 998, / 1996, / 499.
  static let handD: [[Double]] = [
    [0.002 / 998, 0.01 / 998, 0.1 / 998],
    [0.2 / 1_996, 0.002 / 1_996, 0.02 / 1_996],
    [0.02 / 499, 0.1 / 499, 0.002 / 499],
  ]

  static func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
  }

  @Test func threeRackDistributionMatchesTheHandDerivation() throws {
    let d = try HeatDistribution.matrix(
      crossInterference: Self.cycleA, capacityWPerK: Self.cycleK)
    for i in 0..<3 {
      for j in 0..<3 {
        #expect(Self.close(d[i, j], Self.handD[i][j]), "D[\(i), \(j)] = \(d[i, j])")
      }
    }
  }

  /// p = (10, 5, 20) kW, supply 18 °C. Rises from the hand D above:
  /// rack 0: (0.002·10000 + 0.01·5000 + 0.1·20000) / 998 = 2070/998 K,
  /// rack 1: (0.2·10000 + 0.002·5000 + 0.02·20000) / 1996 = 2410/1996 K,
  /// rack 2: (0.02·10000 + 0.1·5000 + 0.002·20000) / 499 = 740/499 K (= 1.483, the hottest).
  @Test func threeRackInletsMatchTheHandDerivation() throws {
    var model = try HeatRecirculationModel(
      blocks: [
        RecirculationBlock(
          racks: 0..<3, crossInterference: Self.cycleA, capacityWPerK: Self.cycleK)
      ], supplyC: 18)
    for (rack, watts) in [10_000.0, 5_000, 20_000].enumerated() {
      model.setPower(watts, ofRack: rack)
    }
    // Nothing is applied before the settle step.
    #expect(model.inletC(ofRack: 0) == 18)
    model.applyPendingChanges()
    #expect(Self.close(model.inletC(ofRack: 0), 18 + 2_070 / 998))
    #expect(Self.close(model.inletC(ofRack: 1), 18 + 2_410 / 1_996))
    #expect(Self.close(model.inletC(ofRack: 2), 18 + 740 / 499))
    // 2070/998 = 2.074 is the largest of 2.074, 1.207, 1.483.
    #expect(Self.close(model.maxInletC, 18 + 2_070 / 998))
    // Rack 2 drawing 1 kW more adds D[:, 2]·1000 = (100/998, 20/1996, 2/499): rack 0 stays
    // hottest at (2070 + 100)/998.
    #expect(Self.close(model.maxInletC(ifRack: 2, changesBy: 1_000), 18 + 2_170 / 998))
    model.setSupplyC(20)
    #expect(Self.close(model.inletC(ofRack: 2), 20 + 740 / 499))
  }

  /// The solve route D = (K − AᵀK)⁻¹Aᵀ against the printed form (K − AᵀK)⁻¹ − K⁻¹ with an
  /// explicit LAPACK inverse, on a non-symmetric 5×5 A (a transposed A would give other D).
  @Test func solvedDistributionEqualsTheExplicitInverseForm() throws {
    let a = Matrix([
      [0.00, 0.07, 0.01, 0.00, 0.03],
      [0.12, 0.02, 0.05, 0.00, 0.00],
      [0.00, 0.20, 0.00, 0.09, 0.01],
      [0.04, 0.00, 0.15, 0.05, 0.11],
      [0.00, 0.01, 0.00, 0.30, 0.10],
    ])
    let k = [600.0, 650, 700, 420, 900]
    let d = try HeatDistribution.matrix(crossInterference: a, capacityWPerK: k)
    var m = Matrix(rows: 5, columns: 5)
    for i in 0..<5 {
      for j in 0..<5 { m[i, j] = (i == j ? k[i] : 0) - a[j, i] * k[j] }
    }
    let inverse = try m.inverse()
    var transposedD = 0.0
    for i in 0..<5 {
      for j in 0..<5 {
        let printed = inverse[i, j] - (i == j ? 1 / k[i] : 0)
        #expect(abs(d[i, j] - printed) <= 1e-12 * abs(inverse[i, i]), "D[\(i), \(j)]")
        transposedD = max(transposedD, abs(d[i, j] - d[j, i]))
      }
    }
    // A is not symmetric, and neither is D: a row-major/column-major mix-up would show here.
    #expect(transposedD > 1e-5)
  }

  /// Random walks of power changes, batched several per instant, against a full recompute.
  @Test func incrementalUpdatesEqualAFullRecompute() throws {
    for seed: UInt64 in 0..<20 {
      var random = RandomStream(seed: seed, name: "heat-recirculation-test")
      let sizes = [1, 4, 7, 3]
      var blocks: [RecirculationBlock] = []
      var start = 0
      for n in sizes {
        let k = (0..<n).map { _ in 300 + 700 * random.nextDouble() }
        blocks.append(
          RecirculationBlock(
            racks: start..<(start + n),
            crossInterference: RecirculationMatrix.nearestNeighbour(size: n),
            capacityWPerK: k))
        start += n
      }
      var model = try HeatRecirculationModel(blocks: blocks, supplyC: 20)
      var reference = model
      for _ in 0..<50 {
        for _ in 0..<(1 + random.nextInt(below: 4)) {
          let rack = random.nextInt(below: start)
          model.setPower(40_000 * random.nextDouble(), ofRack: rack)
        }
        model.applyPendingChanges()
      }
      for rack in 0..<start {
        reference.setPower(model.appliedPowerW(ofRack: rack), ofRack: rack)
      }
      reference.recomputeAll()
      for rack in 0..<start {
        #expect(
          abs(model.inletC(ofRack: rack) - reference.inletC(ofRack: rack)) < 1e-9,
          "seed \(seed), rack \(rack)")
      }
      #expect(abs(model.maxInletC - reference.maxInletC) < 1e-9, "seed \(seed)")
    }
  }

  /// A rack in another block never moves: D is block-diagonal.
  @Test func aChangeStaysInsideItsBlock() throws {
    var model = try HeatRecirculationModel(
      blocks: [
        RecirculationBlock(
          racks: 0..<3, crossInterference: RecirculationMatrix.nearestNeighbour(size: 3),
          capacityWPerK: [500, 500, 500]),
        RecirculationBlock(
          racks: 3..<5, crossInterference: RecirculationMatrix.nearestNeighbour(size: 2),
          capacityWPerK: [500, 500]),
      ], supplyC: 18)
    model.setPower(30_000, ofRack: 1)
    model.applyPendingChanges()
    #expect(model.inletC(ofRack: 3) == 18 && model.inletC(ofRack: 4) == 18)
    #expect(model.inletC(ofRack: 0) > 18 && model.distribution(inletOf: 3, perWattOf: 1) == 0)
  }

  /// Hall A: 2 rows × 3 racks, hall B: 1 row × 2 racks (racks 0-2, 3-5, 6-7). By row: blocks
  /// of 3, 3, 2; by hall: 6 and 2, hall A's built-in A block-diagonal by rows (no air between
  /// rack 2, the end of row 1, and rack 3, the start of row 2).
  @Test func siteBlocksFollowRowsOrHalls() throws {
    let site = Site(
      layout: SiteLayout(halls: [
        HallLayout(name: "A", rows: 2, racksPerRow: 3, rackType: "dgx-h100-rack"),
        HallLayout(name: "B", rows: 1, racksPerRow: 2, rackType: "dgx-h100-rack"),
      ]),
      catalog: .builtIn)
    let k = [Double](repeating: 2_500, count: 8)
    let rows = RecirculationBlock.blocks(for: site, by: .row, capacityWPerK: k)
    #expect(rows.map(\.racks) == [0..<3, 3..<6, 6..<8])
    #expect(rows[0].crossInterference == RecirculationMatrix.nearestNeighbour(size: 3))
    let halls = RecirculationBlock.blocks(for: site, by: .hall, capacityWPerK: k)
    #expect(halls.map(\.racks) == [0..<6, 6..<8])
    let a = halls[0].crossInterference
    #expect(a[2, 3] == 0 && a[3, 2] == 0 && a[2, 2] == 0.1 && a[3, 3] == 0.1)
    var model = try HeatRecirculationModel(blocks: halls, supplyC: 18)
    model.setPower(40_000, ofRack: 0)
    model.applyPendingChanges()
    #expect(model.inletC(ofRack: 1) > 18 && model.inletC(ofRack: 3) == 18)
  }

  /// nearestNeighbour(size: 4), defaults 0.05, ×2, 0.1: inside racks 1, 2 receive 0.05 from
  /// each neighbour; ends 0 and 3 receive 0.1 from their one neighbour and 0.1 from themselves.
  @Test func builtInShapeIsStrongerAtTheRowEnds() {
    let a = RecirculationMatrix.nearestNeighbour(size: 4)
    let expected: [[Double]] = [
      [0.1, 0.05, 0, 0],
      [0.1, 0, 0.05, 0],
      [0, 0.05, 0, 0.1],
      [0, 0, 0.05, 0.1],
    ]
    #expect(a == Matrix(expected))
    #expect(RecirculationMatrix.validate(a, blockSize: 4).isEmpty)
  }

  @Test func badMatricesReportEveryProblemWithItsIndices() {
    let a = Matrix([[0, -0.1, 0.5], [0, 0, 0.6], [0, 0.2, 0]])
    let problems = RecirculationMatrix.validate(a, blockSize: 3)
    // (0, 1) is negative; column 2 sums to 0.5 + 0.6 + 0 = 1.1 ≥ 1.
    #expect(problems.map(\.row) == [0, nil] && problems.map(\.column) == [1, 2])
    #expect(problems[1].description.contains("column 2") && problems[1].message.contains("1.1"))
    let notSquare = RecirculationMatrix.validate(Matrix(rows: 2, columns: 3), blockSize: 2)
    #expect(notSquare.count == 2 && notSquare[0].message.contains("square"))
    // A column summing to exactly 1 is rejected too (K − AᵀK would be singular for A = [[1]]).
    #expect(RecirculationMatrix.validate(Matrix([[1]]), blockSize: 1).count == 1)
  }

  @Test func badBlocksAreReportedTogether() {
    #expect(throws: HeatRecirculationError.self) {
      _ = try HeatRecirculationModel(
        blocks: [
          RecirculationBlock(
            racks: 0..<2, crossInterference: Matrix([[0, 2], [0, 0]]), capacityWPerK: [1, 0]),
          RecirculationBlock(
            racks: 3..<4, crossInterference: Matrix([[0]]), capacityWPerK: [1]),
        ], supplyC: 18)
    }
    do {
      _ = try HeatRecirculationModel(
        blocks: [
          RecirculationBlock(
            racks: 0..<2, crossInterference: Matrix([[0, 2], [0, 0]]), capacityWPerK: [1, 0]),
          RecirculationBlock(
            racks: 3..<4, crossInterference: Matrix([[0]]), capacityWPerK: [1]),
        ], supplyC: 18)
    } catch {
      // Block 0: column 1 sums to 2; rack 1's K is 0. Block 1 starts at 3, not 2.
      #expect(
        error.problems == [
          .matrix(block: 0, .init(row: nil, column: 1, message: error.problemMessage(0))),
          .capacity(block: 0, index: 1, valueWPerK: 0),
          .layout(block: 1, message: error.problemMessage(2)),
        ])
    }
  }

  /// REFERENCES.md §4.4 [D]: a DGX H100 at 10.2 kW moving 1,105 CFM (0.5215 m³/s) heats its
  /// air by about 16 °C. K = 1.204 · 1006 · 1105 · 0.3048³/60 = 631.6 W/K, ΔT = 10200/631.6.
  @Test func dgxH100AirflowGivesASixteenDegreeRise() {
    let k = AirThermalCapacity.standardAir.capacityWPerK(airflowCFM: 1_105)
    #expect(abs(k - 631.6) < 0.1)
    #expect(abs(10_200 / k - 16.15) < 0.01)
  }

  /// Limit 27 °C, margin 2 K: throttle above 27, release at or below 25, hold in between.
  @Test func throttleHasHysteresis() {
    var t = ThermalThrottle(limitC: 27, releaseMarginK: 2)
    let readings: [Double] = [26, 27, 27.5, 26, 27.5, 25.5, 25, 26.9, 27.1]
    let expected: [ThermalThrottle.Transition] = [
      .none, .none, .throttle, .none, .none, .none, .release, .none, .throttle,
    ]
    #expect(readings.map { t.update(inletC: $0) } == expected)
    #expect(t.isThrottled)
    #expect(ThermalThrottle.validate(limitC: 27, releaseMarginK: -1).count == 1)
  }
}

extension HeatRecirculationError {
  fileprivate func problemMessage(_ i: Int) -> String {
    switch problems[i] {
    case .matrix(_, let p): p.message
    case .layout(_, let m): m
    default: ""
    }
  }
}
