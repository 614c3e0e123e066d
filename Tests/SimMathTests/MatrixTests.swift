import Testing

@testable import SimMath

@Suite struct MatrixTests {
  // A (2×3) and B (3×2), products by hand, row i of the left times column j of the right:
  //   A·B = [[1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12],    = [[ 58,  64],
  //          [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]]       [139, 154]]
  //   B·A = [[7·1 + 8·4, 7·2 + 8·5, 7·3 + 8·6],        = [[39, 54,  69],
  //          [9·1 + 10·4, 9·2 + 10·5, 9·3 + 10·6],        [49, 68,  87],
  //          [11·1 + 12·4, 11·2 + 12·5, 11·3 + 12·6]]     [59, 82, 105]]
  // All values are small integers, so the products are exact in Double.
  let a = Matrix([[1, 2, 3], [4, 5, 6]])
  let b = Matrix([[7, 8], [9, 10], [11, 12]])

  @Test func storesRowsInRowMajorOrder() {
    #expect(a.rows == 2)
    #expect(a.columns == 3)
    #expect(a.elements == [1, 2, 3, 4, 5, 6])
    #expect(a[0, 2] == 3)
    #expect(a[1, 0] == 4)
  }

  @Test func subscriptSetsOneElement() {
    var m = Matrix(rows: 2, columns: 2, repeating: 7)
    m[1, 0] = -1
    #expect(m == Matrix([[7, 7], [-1, 7]]))
  }

  @Test func identityHasOnesOnTheDiagonalOnly() {
    #expect(Matrix.identity(3) == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
  }

  @Test func transposedSwapsRowsAndColumns() {
    // (Aᵀ)[j, i] = A[i, j]: the rows of A become the columns.
    #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    #expect(a.transposed.transposed == a)
  }

  @Test func equalityComparesShapeNotOnlyElements() {
    // Same six elements, different shape.
    #expect(a != Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6]))
  }

  @Test func productMatchesHandProduct() {
    #expect(a * b == Matrix([[58, 64], [139, 154]]))
    #expect(b * a == Matrix([[39, 54, 69], [49, 68, 87], [59, 82, 105]]))
  }

  @Test func productWithIdentityIsUnchanged() {
    #expect(a * Matrix.identity(3) == a)
    #expect(Matrix.identity(2) * a == a)
  }

  @Test func productOverAnEmptyInnerDimensionIsZero() {
    // (2×0)·(0×3): every sum Σ_p over no terms is 0.
    let empty = Matrix(rows: 2, columns: 0) * Matrix(rows: 0, columns: 3)
    #expect(empty == Matrix(rows: 2, columns: 3, repeating: 0))
  }

  @Test func matrixVectorProductMatchesHandProduct() {
    // A·[1, 1, 2] = [1 + 2 + 3·2, 4 + 5 + 6·2] = [9, 21].
    #expect(a * [1, 1, 2] == [9, 21])
    // Aᵀ·[1, -1] = [1 - 4, 2 - 5, 3 - 6] = [-3, -3, -3].
    #expect(a.transposed * [1, -1] == [-3, -3, -3])
  }

  @Test func sumAndDifferenceAreElementwise() {
    let c = Matrix([[1, -1, 0.5], [0, 2, -3]])
    #expect(a + c == Matrix([[2, 1, 3.5], [4, 7, 3]]))
    #expect(a - c == Matrix([[0, 3, 2.5], [4, 3, 9]]))
    #expect(2 * c == Matrix([[2, -2, 1], [0, 4, -6]]))
  }

  @Test func openBLASRunsSingleThreaded() {
    // OpenBLAS defaults to one thread per core; SimMath sets 1 before its first BLAS call.
    _ = a * b
    #expect(OpenBLAS.currentThreadCount == 1)
  }
}
