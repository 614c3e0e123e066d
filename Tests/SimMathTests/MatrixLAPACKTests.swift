import SimMath
import Testing

@Suite struct MatrixLAPACKTests {
  // 2×2, non-symmetric: A = [[2, 1], [5, 3]], det A = 2·3 − 1·5 = 1, so
  //   A⁻¹ = (1/det)·[[3, −1], [−5, 2]] = [[3, −1], [−5, 2]].
  // For b = [4, 11]: x = A⁻¹·b = [3·4 − 11, −5·4 + 2·11] = [1, 2].
  //   Check: 2·1 + 1·2 = 4, 5·1 + 3·2 = 11.
  // Solving the transpose instead (a row-major/column-major mix-up) would give
  //   A⁻ᵀ·b = [[3, −5], [−1, 2]]·[4, 11] = [−43, 18].
  let a2 = Matrix([[2, 1], [5, 3]])

  // 3×3, non-symmetric: A = [[1, 2, 0], [0, 1, 3], [4, 0, 1]], b = [−1, 5, 6].
  //   Row 1: x₁ = −1 − 2x₂.  Row 2: x₃ = (5 − x₂)/3.
  //   Row 3: 4(−1 − 2x₂) + (5 − x₂)/3 = 6  →  −12 − 24x₂ + 5 − x₂ = 18  →  x₂ = −1,
  //   so x₁ = 1, x₃ = 2:  x = [1, −1, 2].
  // det A = 1·(1·1 − 3·0) − 2·(0·1 − 3·4) + 0 = 25. Cofactors C[i][j]:
  //   C11 = 1, C12 = 12, C13 = −4, C21 = −2, C22 = 1, C23 = 8, C31 = 6, C32 = −3, C33 = 1,
  //   A⁻¹ = Cᵀ/25 = [[1, −2, 6], [12, 1, −3], [−4, 8, 1]] / 25.
  //   Check row 1 of A · column 1 of Cᵀ: 1·1 + 2·12 + 0·(−4) = 25.
  let a3 = Matrix([[1, 2, 0], [0, 1, 3], [4, 0, 1]])

  @Test func solvesANonSymmetric2x2System() throws {
    #expect(isClose(try a2.solve([4, 11]), [1, 2]))
  }

  @Test func solvesANonSymmetric3x3System() throws {
    #expect(isClose(try a3.solve([-1, 5, 6]), [1, -1, 2]))
  }

  @Test func solvesSeveralRightHandSidesAtOnce() throws {
    // Column 1 of B is b above → [1, 2]. Column 2 is e₁ = [1, 0] → column 1 of A⁻¹ = [3, −5].
    // ldb must be the number of right-hand sides (2) for the columns not to be mixed up.
    let x = try a2.solve(Matrix([[4, 1], [11, 0]]))
    #expect(x.rows == 2 && x.columns == 2)
    #expect(isClose(x.elements, [1, 3, 2, -5]))
  }

  @Test func inverseMatchesTheHandInverse() throws {
    #expect(isClose(try a2.inverse().elements, [3, -1, -5, 2]))
    let expected = [1.0, -2, 6, 12, 1, -3, -4, 8, 1].map { $0 / 25 }
    #expect(isClose(try a3.inverse().elements, expected))
  }

  @Test func inverseTimesMatrixIsIdentity() throws {
    for a in [a2, a3] {
      let inverse = try a.inverse()
      let identity = Matrix.identity(a.rows).elements
      #expect(isClose((inverse * a).elements, identity))
      #expect(isClose((a * inverse).elements, identity))
    }
  }

  @Test func singularMatrixThrowsWithItsZeroPivot() {
    // [[1, 2], [2, 4]]: partial pivoting swaps the rows (|2| > |1|), l₂₁ = 1/2, and
    // u₂₂ = 2 − (1/2)·4 = 0 exactly, so the second pivot (zero-based 1) is zero.
    let singular = Matrix([[1, 2], [2, 4]])
    #expect(throws: MatrixError.singular(pivot: 1)) { try singular.solve([1, 2]) }
    #expect(throws: MatrixError.singular(pivot: 1)) { try singular.inverse() }
  }

  @Test func shapeErrorsThrowBeforeCallingLAPACK() {
    let wide = Matrix(rows: 2, columns: 3)
    #expect(throws: MatrixError.notSquare(rows: 2, columns: 3)) { try wide.solve([1, 2]) }
    #expect(throws: MatrixError.notSquare(rows: 2, columns: 3)) { try wide.inverse() }
    #expect(throws: MatrixError.shapeMismatch(expectedRows: 2, actualRows: 3)) {
      try a2.solve([1, 2, 3])
    }
    #expect(throws: MatrixError.shapeMismatch(expectedRows: 2, actualRows: 1)) {
      try a2.leastSquares([1])
    }
  }

  @Test func nonFiniteInputIsReportedByLAPACKE() {
    // LAPACKE checks its inputs for NaN and reports the argument: A is argument 4 of
    // LAPACKE_dgesv(layout, n, nrhs, a, lda, ipiv, b, ldb).
    let withNaN = Matrix([[1, .nan], [0, 1]])
    #expect(throws: MatrixError.lapack(routine: "dgesv", info: -4)) { try withNaN.solve([1, 1]) }
  }

  @Test func leastSquaresFitsALineByHand() throws {
    // Fit y = c₀ + c₁·t through (0, 1), (1, 2), (2, 4): rows of A are [1, t].
    //   Normal equations AᵀA·c = Aᵀy: AᵀA = [[3, 3], [3, 5]], Aᵀy = [1 + 2 + 4, 0 + 2 + 8]
    //   = [7, 10]; det = 15 − 9 = 6, c = [[5, −3], [−3, 3]]·[7, 10]/6 = [5/6, 9/6].
    //   Check with the slope formula: t̄ = 1, ȳ = 7/3, Σ(t−t̄)(y−ȳ) = 4/3 + 5/3 = 3,
    //   Σ(t−t̄)² = 2, slope = 3/2; intercept = 7/3 − 3/2 = 5/6.
    let design = Matrix([[1, 0], [1, 1], [1, 2]])
    #expect(isClose(try design.leastSquares([1, 2, 4]), [5.0 / 6, 1.5]))
  }

  @Test func leastSquaresRecoversAnExactLine() throws {
    // (−1, 5), (0, 2), (1, −1), (2, −4) all lie on y = 2 − 3t: zero residual, c = [2, −3].
    let design = Matrix([[1, -1], [1, 0], [1, 1], [1, 2]])
    #expect(isClose(try design.leastSquares([5, 2, -1, -4]), [2, -3]))
  }

  @Test func leastSquaresOfAnUnderdeterminedSystemHasMinimumNorm() throws {
    // x₁ + 2x₂ = 5: the minimum-norm solution is Aᵀ(AAᵀ)⁻¹b = [1, 2]·5/5 = [1, 2].
    #expect(isClose(try Matrix([[1, 2]]).leastSquares([5]), [1, 2]))
  }

  @Test func rankDeficientLeastSquaresThrows() {
    // The second column is zero, so R's second diagonal element (zero-based 1) is exactly 0.
    let design = Matrix([[1, 0], [2, 0], [3, 0]])
    #expect(throws: MatrixError.rankDeficient(index: 1)) { try design.leastSquares([1, 2, 3]) }
  }
}
