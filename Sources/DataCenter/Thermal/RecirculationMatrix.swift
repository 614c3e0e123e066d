// The cross-interference matrix A of one recirculation block (a row or a hall).
//
// Model (REFERENCES.md §4.6, Tang et al. [P]): α_ij is the fraction of rack i's outlet heat
// that recirculates into rack j's inlet, so q_in = Aᵀ q_out + q_sup, and Σ_i α_ij ≤ 1 (column j
// sums what reaches rack j from every rack; a row sum may exceed 1 as printed).
//
// Validation: A must be square with the block's size, finite and non-negative, and every column
// sum must be strictly below 1. Why strictly: the D solve needs K − AᵀK = (I − Aᵀ)·K invertible.
// K is diagonal and positive, and the largest row sum of Aᵀ (= the largest column sum of A) is
// an upper bound of its spectral radius, so column sums < 1 make I − Aᵀ invertible (Neumann
// series). A column summing to exactly 1 would mean rack j breathes only recirculated air.
//
// Built-in shape `nearestNeighbour` [U: our assumption, the shape Tang et al. and CFD studies
// describe qualitatively, no measured coefficients]: within a row of n racks (index order =
// physical order), each rack's outlet heat reaches each adjacent rack's inlet with fraction
// `neighbour`; an end rack (index 0 or n − 1) receives `endMultiplier` times as much from its
// one neighbour, and also takes back `endSelf` of its own outlet heat (hot air wrapping around
// the end of the row into the cold aisle). So column sums are 2·neighbour inside the row and
// endSelf + endMultiplier·neighbour at its ends (for n = 1: endSelf). Defaults 0.05, 2, 0.1
// give 0.10 inside and 0.20 at the ends: end racks run about twice as hot above supply.

import SimMath

/// One problem with a user-supplied recirculation matrix, with the (row, column) it concerns.
public struct RecirculationProblem: Sendable, Equatable, CustomStringConvertible {
  /// The zero-based row of A the problem is in, when it concerns one element or row.
  public var row: Int?
  /// The zero-based column of A the problem is in, when it concerns one element or column.
  public var column: Int?
  /// A sentence saying what is wrong and what is expected.
  public var message: String

  public init(row: Int?, column: Int?, message: String) {
    self.row = row
    self.column = column
    self.message = message
  }

  public var description: String {
    switch (row, column) {
    case (let r?, let c?): "recirculation matrix (\(r), \(c)): \(message)"
    case (nil, let c?): "recirculation matrix column \(c): \(message)"
    case (let r?, nil): "recirculation matrix row \(r): \(message)"
    case (nil, nil): "recirculation matrix: \(message)"
    }
  }
}

/// Builds and checks cross-interference matrices A (REFERENCES.md §4.6).
public enum RecirculationMatrix {
  /// The built-in shape: nearest-neighbour recirculation within a row, stronger at the row's
  /// ends (see the file header for the exact coefficients).
  ///
  /// - Parameters:
  ///   - size: Racks in the row, in physical order.
  ///   - neighbour: Fraction of a rack's outlet heat reaching each adjacent inlet.
  ///   - endMultiplier: How much more an end rack receives from its one neighbour.
  ///   - endSelf: Fraction of an end rack's own outlet heat that returns to its inlet.
  /// - Returns: A `size`×`size` matrix with α_ij = A[i, j].
  /// - Complexity: O(size²) to allocate, O(size) to fill.
  public static func nearestNeighbour(
    size: Int, neighbour: Double = 0.05, endMultiplier: Double = 2, endSelf: Double = 0.1
  ) -> Matrix {
    var a = Matrix(rows: max(0, size), columns: max(0, size))
    guard size > 0 else { return a }
    func isEnd(_ j: Int) -> Bool { j == 0 || j == size - 1 }
    for j in 0..<size {
      let inbound = isEnd(j) ? neighbour * endMultiplier : neighbour
      if j > 0 { a[j - 1, j] = inbound }
      if j < size - 1 { a[j + 1, j] = inbound }
      if isEnd(j) { a[j, j] = endSelf }
    }
    return a
  }

  /// Every problem with `a` as the matrix of a block of `blockSize` racks; empty when valid.
  ///
  /// Checks, all reported together: square; `blockSize`×`blockSize`; every element finite and
  /// ≥ 0 (with its (row, column)); every column sum < 1 (with its column).
  ///
  /// - Complexity: O(rows · columns).
  public static func validate(_ a: Matrix, blockSize: Int) -> [RecirculationProblem] {
    var problems: [RecirculationProblem] = []
    if !a.isSquare {
      problems.append(
        .init(
          row: nil, column: nil,
          message: "must be square, got \(a.rows) rows and \(a.columns) columns"))
    }
    if a.rows != blockSize || a.columns != blockSize {
      problems.append(
        .init(
          row: nil, column: nil,
          message: "must be \(blockSize)×\(blockSize) (one row and column per rack of the block), "
            + "got \(a.rows)×\(a.columns)"))
    }
    for i in 0..<a.rows {
      for j in 0..<a.columns where !(a[i, j] >= 0 && a[i, j].isFinite) {
        problems.append(
          .init(
            row: i, column: j,
            message: "must be a finite fraction >= 0 of rack \(i)'s outlet heat, got \(a[i, j])"))
      }
    }
    for j in 0..<a.columns {
      var sum = 0.0
      for i in 0..<a.rows { sum += a[i, j] }
      if sum.isFinite && !(sum < 1) {
        problems.append(
          .init(
            row: nil, column: j,
            message: "sums to \(sum); the heat recirculated into rack \(j)'s inlet must be "
              + "a fraction < 1 of its air, or K − AᵀK is singular"))
      }
    }
    return problems
  }
}
