import DataCenter
import SimKernel

/// Rack inlet temperatures and thermal throttling (the `thermal:` section of a scenario).
///
/// Inlets follow Tang et al.'s heat-recirculation model (REFERENCES.md §4.6),
/// T_in = T_sup + D · P_rack, per row or hall block, with the built-in nearest-neighbour A
/// (stronger at row ends; `RecirculationMatrix.nearestNeighbour`). Each rack's air heat
/// capacity flow K = P_design / ΔT_design, where P_design is the rack's nodes at full load and
/// ΔT_design the air temperature rise at design airflow (16 K for a DGX H100 at 10.2 kW and
/// 1,105 CFM, REFERENCES.md §4.4). A rack whose inlet exceeds `inletLimitC` throttles its GPUs
/// to the slowest DVFS state whose relative throughput is at least `throttleThroughput`, and
/// is released when its inlet falls `releaseMarginK` below the limit, and no sooner than
/// `minimumThrottle` after it started to throttle (hysteresis in temperature and in time, so a
/// rack does not flap, not even within one instant).
public struct ThermalSpec: Sendable, Equatable {
  public var supplyC: Double
  public var grouping: RecirculationGrouping
  public var inletLimitC: Double
  public var releaseMarginK: Double
  public var designRiseK: Double
  public var throttleThroughput: Double
  /// The shortest time a rack stays throttled.
  public var minimumThrottle: SimDuration
  /// Built-in A: outlet fraction to each neighbour's inlet, its multiplier at row ends, and
  /// an end rack's own recirculation.
  public var neighbour: Double
  public var endMultiplier: Double
  public var endSelf: Double

  public init(
    supplyC: Double = 20, grouping: RecirculationGrouping = .row, inletLimitC: Double = 32,
    releaseMarginK: Double = 2, designRiseK: Double = 16, throttleThroughput: Double = 0.7,
    minimumThrottle: SimDuration = .seconds(60), neighbour: Double = 0.05,
    endMultiplier: Double = 2, endSelf: Double = 0.1
  ) {
    self.supplyC = supplyC
    self.grouping = grouping
    self.inletLimitC = inletLimitC
    self.releaseMarginK = releaseMarginK
    self.designRiseK = designRiseK
    self.throttleThroughput = throttleThroughput
    self.minimumThrottle = minimumThrottle
    self.neighbour = neighbour
    self.endMultiplier = endMultiplier
    self.endSelf = endSelf
  }

  /// Problems, each with its key under `thermal`.
  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    func check(_ ok: Bool, _ key: String, _ message: String) {
      if !ok { problems.append((key, message)) }
    }
    check(supplyC.isFinite && supplyC > -50 && supplyC < 60, "supply_c", "must be in (-50, 60) C")
    check(
      inletLimitC.isFinite && inletLimitC > supplyC, "inlet_limit_c",
      "must be above supply_c (\(supplyC))")
    check(
      releaseMarginK >= 0 && releaseMarginK <= 50, "release_margin_k", "must be in [0, 50] K")
    // A rise of 1–30 K is what air-cooled servers are designed for (16 K for a DGX H100,
    // REFERENCES.md §4.4); outside (0, 100] K the inlets would mean nothing (or overflow).
    check(designRiseK > 0 && designRiseK <= 100, "design_rise_k", "must be in (0, 100] K")
    check(
      throttleThroughput > 0 && throttleThroughput <= 1, "throttle_throughput",
      "must be in (0, 1]")
    check(
      minimumThrottle > .zero && minimumThrottle <= .days(1), "minimum_throttle",
      "must be in (0, 1d]")
    check(neighbour >= 0 && neighbour < 0.5, "neighbour", "must be in [0, 0.5)")
    check(endMultiplier >= 0 && endMultiplier.isFinite, "end_multiplier", "must be >= 0")
    check(endSelf >= 0 && endSelf < 1, "end_self", "must be in [0, 1)")
    // Column sums of A are 2·neighbour inside a row and endMultiplier·neighbour + endSelf at
    // the ends; they must stay below 1 for K − AᵀK to be invertible.
    check(
      2 * neighbour < 1 && endMultiplier * neighbour + endSelf < 1, "neighbour",
      "recirculation column sums must stay below 1")
    return problems
  }

  /// The most racks in one recirculation block: its D is a dense n × n matrix (2,000 racks =
  /// 32 MB), solved once by LAPACK in O(n³).
  public static let maxBlockRacks = 2_000
  /// The most D entries over all blocks (Σ n², 50 million = 400 MB).
  public static let maxMatrixEntries = 50_000_000

  /// Why `site`'s blocks are too large for dense D matrices, if they are.
  public func blockProblems(_ site: SiteLayout) -> [String] {
    var largest = 0
    var entries = 0
    for hall in site.halls where hall.rows > 0 && hall.racksPerRow > 0 {
      let (hallRacks, o1) = hall.rows.multipliedReportingOverflow(by: hall.racksPerRow)
      let (n, count) = grouping == .row ? (hall.racksPerRow, hall.rows) : (hallRacks, 1)
      let (square, o2) = n.multipliedReportingOverflow(by: n)
      let (blockEntries, o3) = square.multipliedReportingOverflow(by: count)
      if o1 || o2 || o3 { return ["a block of \(n) racks is too large for a dense matrix"] }
      largest = Swift.max(largest, n)
      entries =
        entries.addingReportingOverflow(blockEntries).overflow ? .max : entries + blockEntries
    }
    var problems: [String] = []
    if largest > Self.maxBlockRacks {
      problems.append(
        "a recirculation block (\(grouping.rawValue)) has \(largest) racks; the limit is "
          + "\(Self.maxBlockRacks) per block (its D is a dense matrix): use blocks: row")
    } else if entries > Self.maxMatrixEntries {
      problems.append(
        "the recirculation matrices would hold \(entries) entries (Σ racks per block²); the "
          + "limit is \(Self.maxMatrixEntries) (400 MB)")
    }
    return problems
  }
}
