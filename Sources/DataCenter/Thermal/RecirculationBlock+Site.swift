// Recirculation blocks of a site: one per row or one per hall, in the site's rack order.
//
// Site numbers racks depth-first (hall, row, rack), so the racks of a row, and of a hall, are
// contiguous, and the blocks tile the racks in order as `HeatRecirculationModel` needs. With
// the built-in A (`RecirculationMatrix.nearestNeighbour`, REFERENCES.md §4.6 [U] shape), a
// hall block is block-diagonal by rows (no air crosses between rows); a hall block pays off
// with a user matrix that has cross-row coefficients, e.g. one measured by perturbation.

import SimMath

/// How racks group into recirculation blocks.
public enum RecirculationGrouping: String, Sendable, Equatable, CaseIterable {
  /// One block per row: air recirculates only along a row.
  case row
  /// One block per hall: air may recirculate between the rows of a hall.
  case hall
}

extension RecirculationBlock {
  /// The blocks of `site`, one per row or per hall.
  ///
  /// - Parameters:
  ///   - site: The site.
  ///   - grouping: Rows or halls.
  ///   - capacityWPerK: K of every rack of the site, W/K, indexed by rack.
  ///   - crossInterference: A for a block, given its index and its racks; nil uses the built-in
  ///     nearest-neighbour shape within each row of the block.
  /// - Returns: Blocks in rack order; validate them by building a `HeatRecirculationModel`.
  /// - Complexity: O(racks + Σ n_b²).
  public static func blocks(
    for site: Site, by grouping: RecirculationGrouping, capacityWPerK: [Double],
    crossInterference: ((_ block: Int, _ racks: Range<Int>) -> Matrix)? = nil
  ) -> [RecirculationBlock] {
    var blocks: [RecirculationBlock] = []
    var start = 0
    while start < site.rackCount {
      var end = start + 1
      while end < site.rackCount, sameBlock(site, start, end, grouping) { end += 1 }
      let racks = start..<end
      let a = crossInterference?(blocks.count, racks) ?? builtIn(site, racks)
      let k =
        (start < capacityWPerK.count
          ? Array(capacityWPerK[start..<min(end, capacityWPerK.count)]) : [])
      blocks.append(RecirculationBlock(racks: racks, crossInterference: a, capacityWPerK: k))
      start = end
    }
    return blocks
  }

  // MARK: - Private

  private static func sameBlock(_ site: Site, _ a: Int, _ b: Int, _ g: RecirculationGrouping)
    -> Bool
  {
    switch g {
    case .row: site.rackRow[a] == site.rackRow[b]
    case .hall: site.rackHall[a] == site.rackHall[b]
    }
  }

  /// Nearest-neighbour A within each row of `racks`, zero between rows.
  private static func builtIn(_ site: Site, _ racks: Range<Int>) -> Matrix {
    var a = Matrix(rows: racks.count, columns: racks.count)
    var rowStart = racks.lowerBound
    while rowStart < racks.upperBound {
      var rowEnd = rowStart + 1
      while rowEnd < racks.upperBound, site.rackRow[rowEnd] == site.rackRow[rowStart] {
        rowEnd += 1
      }
      let row = RecirculationMatrix.nearestNeighbour(size: rowEnd - rowStart)
      let offset = rowStart - racks.lowerBound
      for i in 0..<row.rows {
        for j in 0..<row.columns { a[offset + i, offset + j] = row[i, j] }
      }
      rowStart = rowEnd
    }
    return a
  }
}
