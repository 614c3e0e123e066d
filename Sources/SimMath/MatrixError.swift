/// Why a linear-algebra operation on a `Matrix` failed.
public enum MatrixError: Error, Equatable, Sendable {
  /// The operation needs a square matrix.
  case notSquare(rows: Int, columns: Int)
  /// The right-hand side has `actualRows` rows where the matrix needs `expectedRows`.
  case shapeMismatch(expectedRows: Int, actualRows: Int)
  /// The LU factorisation found an exactly zero pivot: U[pivot, pivot] == 0 (zero-based; LAPACK
  /// reports `info = pivot + 1`). The matrix is singular and the system has no unique solution.
  case singular(pivot: Int)
  /// The QR (or LQ) factor of a least-squares matrix has an exactly zero diagonal element at
  /// `index` (zero-based), so the matrix does not have full rank.
  case rankDeficient(index: Int)
  /// LAPACK returned an `info` code no other case covers: a negative code `-i` means its
  /// argument `i` was rejected (LAPACKE also does this for a NaN in the input, and returns
  /// -1010 when it cannot allocate its work space).
  case lapack(routine: String, info: Int)
}
