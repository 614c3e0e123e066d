// The heat distribution matrix D of one recirculation block: t_in = t_sup + D · p.
//
// Model (REFERENCES.md §4.6, Tang et al., Eq. 3 [P]): with K = diag(K_1 … K_n) the racks'
// thermal capacity flows (W/K, `AirThermalCapacity`) and A the block's cross-interference
// matrix, D = (K − AᵀK)⁻¹ − K⁻¹ (K/W).
//
// How it is computed: with M = K − AᵀK = (I − Aᵀ)·K,
//   M⁻¹ − K⁻¹ = M⁻¹ · (I − M·K⁻¹) = M⁻¹ · (I − (I − Aᵀ)) = M⁻¹ · Aᵀ,
// so D = M⁻¹ · Aᵀ, found by one LU solve M · D = Aᵀ (LAPACK `dgesv` through SimMath's
// `Matrix.solve`) rather than by forming M⁻¹ and subtracting K⁻¹, which cancels digits when
// recirculation is small (D → 0 while M⁻¹ and K⁻¹ stay of order 1/K). Element by element,
// M[i, j] = (δ_ij − α_ji) · K_j. The tests check this against the printed form with an
// explicit inverse on a non-symmetric A.

import SimMath

/// Why a block's heat distribution matrix could not be built.
public enum HeatRecirculationProblem: Sendable, Equatable, CustomStringConvertible {
  /// The block's cross-interference matrix is invalid.
  case matrix(block: Int, RecirculationProblem)
  /// The block lists `actual` capacities for `expected` racks.
  case capacityCount(block: Int, expected: Int, actual: Int)
  /// Rack `index` (zero-based within the block) has a capacity that is not finite and > 0.
  case capacity(block: Int, index: Int, valueWPerK: Double)
  /// The blocks do not tile the racks `0..<rackCount` in order.
  case layout(block: Int, message: String)
  /// LAPACK failed on K − AᵀK (it is singular or holds a NaN).
  case solve(block: Int, MatrixError)

  public var description: String {
    switch self {
    case .matrix(let b, let p): "recirculation block \(b): \(p)"
    case .capacityCount(let b, let e, let a):
      "recirculation block \(b): \(a) rack airflows given for \(e) racks"
    case .capacity(let b, let i, let v):
      "recirculation block \(b), rack \(i): thermal capacity must be a finite value > 0 W/K, "
        + "got \(v)"
    case .layout(let b, let m): "recirculation block \(b): \(m)"
    case .solve(let b, let e): "recirculation block \(b): K − AᵀK could not be solved (\(e))"
    }
  }
}

/// Every problem found while building a `HeatRecirculationModel`.
public struct HeatRecirculationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The problems, in block order; each block's matrix problems in (row, column) order.
  public var problems: [HeatRecirculationProblem]

  public init(problems: [HeatRecirculationProblem]) { self.problems = problems }

  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Computes a block's heat distribution matrix D (REFERENCES.md §4.6, Eq. 3).
public enum HeatDistribution {
  /// D = (K − AᵀK)⁻¹ − K⁻¹ for one block, computed as the solution of (K − AᵀK) · D = Aᵀ.
  ///
  /// - Parameters:
  ///   - crossInterference: A, n×n, α_ij = fraction of rack i's outlet heat reaching rack j's
  ///     inlet; validated with `RecirculationMatrix.validate`.
  ///   - capacityWPerK: K_i = ρ · c_p · f_i for each of the n racks, W/K.
  ///   - block: The block's index, for error messages.
  /// - Returns: D, n×n, in K/W: D[i, j] is the rise of rack i's inlet per watt of rack j.
  /// - Throws: `HeatRecirculationError` with every problem of A and K, or the LAPACK failure.
  /// - Complexity: O(n³) (one LU factorisation and n right-hand sides).
  public static func matrix(
    crossInterference a: Matrix, capacityWPerK k: [Double], block: Int = 0
  ) throws(HeatRecirculationError) -> Matrix {
    var problems = RecirculationMatrix.validate(a, blockSize: k.count).map {
      HeatRecirculationProblem.matrix(block: block, $0)
    }
    if a.rows != k.count {
      problems.append(.capacityCount(block: block, expected: a.rows, actual: k.count))
    }
    for (i, value) in k.enumerated() where !(value > 0 && value.isFinite) {
      problems.append(.capacity(block: block, index: i, valueWPerK: value))
    }
    guard problems.isEmpty else { throw HeatRecirculationError(problems: problems) }
    let n = k.count
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n { m[i, j] = ((i == j ? 1 : 0) - a[j, i]) * k[j] }
    }
    do {
      return try m.solve(a.transposed)
    } catch {
      throw HeatRecirculationError(problems: [.solve(block: block, error)])
    }
  }
}
