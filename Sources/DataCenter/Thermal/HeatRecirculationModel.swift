// Rack inlet temperatures of a whole site, kept up to date incrementally.
//
// Model (REFERENCES.md §4.6, Tang et al. Eq. 3 [P]): t_in = t_sup + D · p, with D
// block-diagonal: recirculation acts within a row or a hall, never between blocks. A dense
// site-wide D for ~3,000 racks would be 72 MB and a full product per event O(racks²); per block
// it is Σ n_b² numbers and a change of rack j costs O(n_b).
//
// Incremental rule: rise = D · p is linear in p, so when rack j of block b changes by dP the
// inlets of block b change by dT = D[:, j] · dP and no other inlet changes. Changes are
// batched: `setPower` only records the new value (O(1)); `applyPendingChanges` (called once
// per instant, in the engine's settle step) applies each changed rack's net change once and
// rescans the maxima of the touched blocks. Repeated additions drift by a few ulps per update;
// `recomputeAll` rebuilds every rise from the applied powers (call it rarely, e.g. daily).
//
// Supply temperature: one per block (the CRAH supply of its row or hall). Tang et al.'s
// derivation check (REFERENCES.md §4.6 [D]) holds for a uniform supply within a block.
//
// Storage: D of every block in one flat array, each block column-major so that D[:, j] is
// contiguous. All buffers are allocated in `init`; steady-state calls allocate nothing.

import SimMath

/// One recirculation block: a contiguous range of racks (a row or a hall) that exchange air.
public struct RecirculationBlock: Sendable, Equatable {
  /// The racks of the block, as site rack indices; blocks tile `0..<rackCount` in order.
  public var racks: Range<Int>
  /// A, `racks.count` square: α_ij = fraction of rack i's outlet heat reaching rack j's inlet.
  public var crossInterference: Matrix
  /// K_i = ρ · c_p · f_i of each rack of the block, W/K (see `AirThermalCapacity`).
  public var capacityWPerK: [Double]

  public init(racks: Range<Int>, crossInterference: Matrix, capacityWPerK: [Double]) {
    self.racks = racks
    self.crossInterference = crossInterference
    self.capacityWPerK = capacityWPerK
  }
}

/// Inlet temperatures t_in = t_sup + D · p of every rack, updated per changed rack.
public struct HeatRecirculationModel: Sendable {
  /// The number of racks (the blocks tile `0..<rackCount`).
  public let rackCount: Int
  /// Per block: its first rack, its size and the offset of its D in `distribution`.
  private var blockStart: [Int]
  private var blockSize: [Int]
  private var blockOffset: [Int]
  /// D of every block, column-major per block: D_b[i, j] at blockOffset[b] + j·n_b + i.
  private var distribution: [Double]
  /// Per block: the supply temperature (°C) and the largest rise D·p among its racks (K).
  private var blockSupplyC: [Double]
  private var blockMaxRiseK: [Double]
  /// Per rack: its block, the power included in `riseK`, the power set since, and D·p (K).
  private var rackBlock: [Int]
  private var appliedPowerW: [Double]
  private var targetPowerW: [Double]
  private var riseK: [Double]
  /// Racks whose power was set since the last apply, and the blocks touched by an apply.
  private var pendingRacks: [Int]
  private var isPending: [Bool]
  private var touchedBlocks: [Int]
  private var isTouched: [Bool]

  /// Builds D for every block and starts with every rack at 0 W.
  ///
  /// - Parameters:
  ///   - blocks: Blocks that tile the racks in order (the first starts at 0, each starts where
  ///     the previous ends). A rack without recirculation is a block of one with A = [[0]].
  ///   - supplyC: The initial supply temperature of every block, °C.
  /// - Throws: `HeatRecirculationError` with every problem of every block.
  /// - Complexity: O(Σ n_b³) time and O(Σ n_b²) memory.
  public init(blocks: [RecirculationBlock], supplyC: Double) throws(HeatRecirculationError) {
    var problems: [HeatRecirculationProblem] = []
    var expectedStart = 0
    var matrices: [Matrix] = []
    for (b, block) in blocks.enumerated() {
      if block.racks.lowerBound != expectedStart || block.racks.isEmpty {
        problems.append(
          .layout(
            block: b,
            message: "covers racks \(block.racks.lowerBound)..<\(block.racks.upperBound); "
              + "blocks must be non-empty and start where the previous ends (at \(expectedStart))"
          ))
      }
      expectedStart = max(expectedStart, block.racks.upperBound)
      if block.crossInterference.rows != block.racks.count {
        problems.append(
          .matrix(
            block: b,
            .init(
              row: nil, column: nil,
              message: "has \(block.crossInterference.rows) rows for \(block.racks.count) racks"))
        )
        continue
      }
      do {
        matrices.append(
          try HeatDistribution.matrix(
            crossInterference: block.crossInterference, capacityWPerK: block.capacityWPerK,
            block: b))
      } catch {
        problems += error.problems
      }
    }
    guard problems.isEmpty else { throw HeatRecirculationError(problems: problems) }
    rackCount = expectedStart
    blockStart = blocks.map(\.racks.lowerBound)
    blockSize = blocks.map(\.racks.count)
    blockOffset = []
    distribution = []
    distribution.reserveCapacity(blockSize.reduce(0) { $0 + $1 * $1 })
    rackBlock = []
    rackBlock.reserveCapacity(rackCount)
    for (b, d) in matrices.enumerated() {
      blockOffset.append(distribution.count)
      for j in 0..<d.columns {
        for i in 0..<d.rows { distribution.append(d[i, j]) }
      }
      rackBlock += Array(repeating: b, count: d.rows)
    }
    blockSupplyC = Array(repeating: supplyC, count: blocks.count)
    blockMaxRiseK = Array(repeating: 0, count: blocks.count)
    appliedPowerW = Array(repeating: 0, count: rackCount)
    targetPowerW = appliedPowerW
    riseK = appliedPowerW
    pendingRacks = []
    pendingRacks.reserveCapacity(rackCount)
    isPending = Array(repeating: false, count: rackCount)
    touchedBlocks = []
    touchedBlocks.reserveCapacity(blocks.count)
    isTouched = Array(repeating: false, count: blocks.count)
  }

  /// The number of blocks.
  public var blockCount: Int { blockStart.count }

  /// The racks of `block`.
  public func racks(ofBlock block: Int) -> Range<Int> {
    blockStart[block]..<(blockStart[block] + blockSize[block])
  }

  /// The block that holds `rack`.
  public func block(ofRack rack: Int) -> Int { rackBlock[rack] }

  /// D[i, j] of `rack`'s and `source`'s block, K/W, or 0 when they are in different blocks.
  public func distribution(inletOf rack: Int, perWattOf source: Int) -> Double {
    let b = rackBlock[rack]
    guard rackBlock[source] == b else { return 0 }
    let n = blockSize[b]
    return distribution[blockOffset[b] + (source - blockStart[b]) * n + (rack - blockStart[b])]
  }

  // MARK: - Changing the inputs

  /// Records that `rack` now draws `watts`; inlets change at the next `applyPendingChanges`.
  ///
  /// - Complexity: O(1).
  public mutating func setPower(_ watts: Double, ofRack rack: Int) {
    targetPowerW[rack] = watts
    if !isPending[rack] {
      isPending[rack] = true
      pendingRacks.append(rack)
    }
  }

  /// Applies every power recorded since the last call: dT = D[:, j] · dP for each changed rack j.
  ///
  /// - Complexity: O(Σ n_b) over the changed racks' blocks, plus O(n_b) per touched block to
  ///   rescan its maximum. Allocation-free.
  public mutating func applyPendingChanges() {
    for rack in pendingRacks {
      isPending[rack] = false
      let dP = targetPowerW[rack] - appliedPowerW[rack]
      guard dP != 0 else { continue }
      appliedPowerW[rack] = targetPowerW[rack]
      let b = rackBlock[rack]
      let start = blockStart[b]
      let n = blockSize[b]
      let column = blockOffset[b] + (rack - start) * n
      for i in 0..<n { riseK[start + i] += distribution[column + i] * dP }
      if !isTouched[b] {
        isTouched[b] = true
        touchedBlocks.append(b)
      }
    }
    pendingRacks.removeAll(keepingCapacity: true)
    for b in touchedBlocks {
      isTouched[b] = false
      rescanMaximum(ofBlock: b)
    }
    touchedBlocks.removeAll(keepingCapacity: true)
  }

  /// Sets the supply temperature of one block, °C.
  ///
  /// - Complexity: O(1).
  public mutating func setSupplyC(_ celsius: Double, ofBlock block: Int) {
    blockSupplyC[block] = celsius
  }

  /// Sets the supply temperature of every block, °C.
  ///
  /// - Complexity: O(blocks).
  public mutating func setSupplyC(_ celsius: Double) {
    for b in blockSupplyC.indices { blockSupplyC[b] = celsius }
  }

  /// Applies pending changes, then rebuilds every rise as D · p from scratch (removes the
  /// rounding drift of many incremental updates).
  ///
  /// - Complexity: O(Σ n_b²).
  public mutating func recomputeAll() {
    applyPendingChanges()
    for b in blockStart.indices {
      let start = blockStart[b]
      let n = blockSize[b]
      for i in 0..<n { riseK[start + i] = 0 }
      for j in 0..<n {
        let p = appliedPowerW[start + j]
        let column = blockOffset[b] + j * n
        for i in 0..<n { riseK[start + i] += distribution[column + i] * p }
      }
      rescanMaximum(ofBlock: b)
    }
  }

  // MARK: - Queries (they see applied changes only)

  /// The inlet temperature of `rack`, °C: its block's supply plus (D · p)[rack].
  ///
  /// - Complexity: O(1).
  public func inletC(ofRack rack: Int) -> Double { blockSupplyC[rackBlock[rack]] + riseK[rack] }

  /// The power of `rack` included in the inlet temperatures, W.
  public func appliedPowerW(ofRack rack: Int) -> Double { appliedPowerW[rack] }

  /// The hottest inlet of `block`, °C.
  ///
  /// - Complexity: O(1).
  public func maxInletC(ofBlock block: Int) -> Double {
    blockSupplyC[block] + blockMaxRiseK[block]
  }

  /// The hottest inlet of the site, °C (−∞ for a site without racks).
  ///
  /// - Complexity: O(blocks).
  public var maxInletC: Double {
    var hottest = -Double.infinity
    for b in blockStart.indices { hottest = max(hottest, blockSupplyC[b] + blockMaxRiseK[b]) }
    return hottest
  }

  /// The hottest inlet of `rack`'s block if `rack` drew `deltaW` more than it does now, °C:
  /// what thermal-aware placement weighs.
  ///
  /// - Complexity: O(n_b) of the rack's block.
  public func maxInletC(ifRack rack: Int, changesBy deltaW: Double) -> Double {
    let b = rackBlock[rack]
    let start = blockStart[b]
    let n = blockSize[b]
    let column = blockOffset[b] + (rack - start) * n
    var hottest = -Double.infinity
    for i in 0..<n { hottest = max(hottest, riseK[start + i] + distribution[column + i] * deltaW) }
    return blockSupplyC[b] + hottest
  }

  // MARK: - Private

  private mutating func rescanMaximum(ofBlock b: Int) {
    let start = blockStart[b]
    var hottest = -Double.infinity
    for i in start..<(start + blockSize[b]) { hottest = max(hottest, riseK[i]) }
    blockMaxRiseK[b] = hottest
  }
}
