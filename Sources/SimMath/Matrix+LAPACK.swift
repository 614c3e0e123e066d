// Linear solves, inversion and least squares through LAPACKE, in row-major layout.
//
// Model:
// - `solve`: A·X = B for square A, by LU with partial pivoting, P·A = L·U (`dgesv`). Only an
//   exactly zero pivot is reported as singular; a nearly singular A gives an inaccurate answer
//   without an error (the relative error grows with the condition number of A).
// - `inverse`: A⁻¹ from the same LU (`dgetrf`), then `dgetri` solves for the inverse.
//   Prefer `solve` to `inverse() * b`: it is cheaper and more accurate.
// - `leastSquares`: for m ≥ n, the x minimising ‖A·x − b‖₂, by Householder QR of A (`dgels`);
//   for m < n, the minimum-norm x among those with A·x = b, by LQ. A must have full rank.
//
// Row-major rules (STYLE.md §7): every call passes `LAPACK_ROW_MAJOR`, lda = the number of
// columns of A and ldb = the number of right-hand sides. LAPACKE transposes to column-major
// internally (one O(size) copy each way). A wrong ldb returns info = 0 with a wrong answer, so
// the tests solve non-symmetric systems, whose answer changes if A is transposed.
import CLapack

extension Matrix {
  /// Solves A·x = b, where A is this square matrix.
  ///
  /// - Parameter b: The right-hand side, one element per row of A.
  /// - Returns: The unique x with A·x = b.
  /// - Throws: `MatrixError.notSquare`, `.shapeMismatch` if `b.count != rows`, `.singular` if LU
  ///   finds a zero pivot, `.lapack` for any other LAPACK failure (e.g. a NaN in the input).
  /// - Complexity: O(n³) for the factorisation plus O(n²) for the solve, n = `rows`.
  public func solve(_ b: [Double]) throws(MatrixError) -> [Double] {
    try solve(Matrix(rows: b.count, columns: 1, elements: b)).elements
  }

  /// Solves A·X = B for all columns of B at once, where A is this square matrix.
  ///
  /// - Parameter b: The right-hand sides as columns; `b.rows` must equal `rows`.
  /// - Returns: X, with the shape of `b`.
  /// - Throws: As `solve(_:)` for a vector.
  /// - Complexity: O(n³ + n²·k), n = `rows`, k = `b.columns`: one factorisation for all columns.
  public func solve(_ b: Matrix) throws(MatrixError) -> Matrix {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    guard b.rows == rows else { throw .shapeMismatch(expectedRows: rows, actualRows: b.rows) }
    guard rows > 0, b.columns > 0 else { return b }
    OpenBLAS.ensureSingleThreaded()
    let n = Int32(rows)
    let nrhs = Int32(b.columns)
    var a = elements
    var x = b.elements
    var pivots = [Int32](repeating: 0, count: rows)
    let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, nrhs, &a, n, &pivots, &x, nrhs)
    try Self.check(info, routine: "dgesv", positive: MatrixError.singular)
    return Matrix(rows: b.rows, columns: b.columns, elements: x)
  }

  /// The inverse A⁻¹ of this square matrix.
  ///
  /// - Returns: The matrix M with A·M = M·A = I (up to rounding).
  /// - Throws: `MatrixError.notSquare`, `.singular` if LU finds a zero pivot, `.lapack` for any
  ///   other LAPACK failure.
  /// - Complexity: O(n³), n = `rows`.
  public func inverse() throws(MatrixError) -> Matrix {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    guard rows > 0 else { return self }
    OpenBLAS.ensureSingleThreaded()
    let n = Int32(rows)
    var a = elements
    var pivots = [Int32](repeating: 0, count: rows)
    let factorInfo = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, &a, n, &pivots)
    try Self.check(factorInfo, routine: "dgetrf", positive: MatrixError.singular)
    let inverseInfo = LAPACKE_dgetri(LAPACK_ROW_MAJOR, n, &a, n, &pivots)
    try Self.check(inverseInfo, routine: "dgetri", positive: MatrixError.singular)
    return Matrix(rows: rows, columns: columns, elements: a)
  }

  /// The least-squares solution of A·x ≈ b, where A is this m×n matrix of full rank.
  ///
  /// For m ≥ n (overdetermined, e.g. fitting a line through m points), x minimises the residual
  /// ‖A·x − b‖₂. For m < n (underdetermined), x is the solution of A·x = b with the smallest
  /// ‖x‖₂.
  ///
  /// - Parameter b: The observations, one per row of A.
  /// - Returns: x, one element per column of A.
  /// - Throws: `MatrixError.shapeMismatch` if `b.count != rows`, `.rankDeficient` if the
  ///   triangular factor has an exactly zero diagonal element, `.lapack` for any other failure.
  /// - Complexity: O(m·n²) for m ≥ n, O(m²·n) otherwise.
  public func leastSquares(_ b: [Double]) throws(MatrixError) -> [Double] {
    guard b.count == rows else { throw .shapeMismatch(expectedRows: rows, actualRows: b.count) }
    guard rows > 0, columns > 0 else { return [Double](repeating: 0, count: columns) }
    OpenBLAS.ensureSingleThreaded()
    var a = elements
    // dgels overwrites b with x, so the buffer needs max(m, n) rows (ldb = nrhs = 1).
    var x = b + [Double](repeating: 0, count: max(0, columns - rows))
    let info = LAPACKE_dgels(
      LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), Int32(rows), Int32(columns), 1, &a,
      Int32(columns), &x, 1)
    try Self.check(info, routine: "dgels", positive: MatrixError.rankDeficient)
    return Array(x.prefix(columns))
  }

  // MARK: - Private

  /// Maps a LAPACK `info` code: 0 is success, a positive code is the one-based index that
  /// `positive` turns into an error, a negative code is an argument or allocation error.
  private static func check(
    _ info: Int32, routine: String, positive: (Int) -> MatrixError
  ) throws(MatrixError) {
    if info == 0 { return }
    if info > 0 { throw positive(Int(info) - 1) }
    throw .lapack(routine: routine, info: Int(info))
  }
}
