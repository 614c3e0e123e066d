// A dense matrix of `Double` in row-major order, with products through CBLAS.
//
// Model: element (i, j) of an m×n matrix lives at `elements[i * n + j]`. The product
// C = A·B (A m×k, B k×n) is C[i, j] = Σ_p A[i, p]·B[p, j], computed by `cblas_dgemm` with
// `CblasRowMajor`, lda = k, ldb = n, ldc = n (the leading dimension of a row-major matrix is its
// number of columns). Sums and differences are element-wise Swift loops.
//
// Determinism: OpenBLAS runs single-threaded (see `OpenBLAS.ensureSingleThreaded()`), so one
// machine gives the same bits every run. OpenBLAS picks its kernels per CPU, so a different
// CPU may round a product differently in the last bit; never feed a product's low bits into
// a random draw or an event time without rounding to a documented precision first.
import CLapack

/// A dense, row-major matrix of `Double`.
///
/// Value semantics: copies share storage until one is mutated. Shape errors in operators
/// (`*`, `+`, `-`) are programming errors and trap, as an out-of-range array index does; the
/// solvers in `Matrix+LAPACK.swift` throw `MatrixError` instead, because their inputs usually
/// come from data.
public struct Matrix: Equatable, Sendable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The elements in row-major order: element (i, j) is `elements[i * columns + j]`.
  public private(set) var elements: [Double]

  /// Creates a `rows`×`columns` matrix with every element equal to `value`.
  ///
  /// - Complexity: O(rows · columns).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// Creates a matrix from row-major elements.
  ///
  /// - Precondition: `elements.count == rows * columns`.
  /// - Complexity: O(1) (the array is adopted, not copied).
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative")
    precondition(
      elements.count == rows * columns,
      "\(elements.count) elements do not fill a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// Creates a matrix from an array of rows, e.g. `Matrix([[1, 2], [3, 4]])`.
  ///
  /// An empty array gives a 0×0 matrix.
  ///
  /// - Precondition: every row has the same length.
  /// - Complexity: O(rows · columns).
  public init(_ rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    var elements: [Double] = []
    elements.reserveCapacity(rows.count * columns)
    for (i, row) in rows.enumerated() {
      precondition(row.count == columns, "row \(i) has \(row.count) elements, expected \(columns)")
      elements.append(contentsOf: row)
    }
    self.init(rows: rows.count, columns: columns, elements: elements)
  }

  /// The n×n identity matrix.
  ///
  /// - Complexity: O(n²).
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Whether the matrix has as many rows as columns.
  public var isSquare: Bool { rows == columns }

  /// The element in row `i`, column `j` (both zero-based).
  public subscript(i: Int, j: Int) -> Double {
    get {
      precondition(0 <= i && i < rows && 0 <= j && j < columns, "index (\(i), \(j)) out of range")
      return elements[i * columns + j]
    }
    set {
      precondition(0 <= i && i < rows && 0 <= j && j < columns, "index (\(i), \(j)) out of range")
      elements[i * columns + j] = newValue
    }
  }

  /// The transpose: a `columns`×`rows` matrix with element (j, i) equal to this one's (i, j).
  ///
  /// - Complexity: O(rows · columns).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] }
    }
    return t
  }
}

// MARK: - Arithmetic

extension Matrix {
  /// The matrix product `lhs · rhs`, computed by `cblas_dgemm`.
  ///
  /// - Precondition: `lhs.columns == rhs.rows`.
  /// - Complexity: O(lhs.rows · lhs.columns · rhs.columns).
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(
      lhs.columns == rhs.rows,
      "cannot multiply \(lhs.rows)×\(lhs.columns) by \(rhs.rows)×\(rhs.columns)")
    var product = Matrix(rows: lhs.rows, columns: rhs.columns)
    // BLAS rejects a leading dimension of 0; an empty inner dimension gives the zero matrix.
    guard lhs.rows > 0, rhs.columns > 0, lhs.columns > 0 else { return product }
    OpenBLAS.ensureSingleThreaded()
    let m = Int32(lhs.rows)
    let n = Int32(rhs.columns)
    let k = Int32(lhs.columns)
    lhs.elements.withUnsafeBufferPointer { a in
      rhs.elements.withUnsafeBufferPointer { b in
        product.elements.withUnsafeMutableBufferPointer { c in
          cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k,
            1, a.baseAddress, k, b.baseAddress, n, 0, c.baseAddress, n)
        }
      }
    }
    return product
  }

  /// The matrix-vector product `lhs · rhs`, computed by `cblas_dgemv`.
  ///
  /// - Precondition: `lhs.columns == rhs.count`.
  /// - Returns: A vector of `lhs.rows` elements.
  /// - Complexity: O(lhs.rows · lhs.columns).
  public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
    precondition(
      lhs.columns == rhs.count,
      "cannot multiply \(lhs.rows)×\(lhs.columns) by a vector of \(rhs.count)")
    var y = [Double](repeating: 0, count: lhs.rows)
    guard lhs.rows > 0, lhs.columns > 0 else { return y }
    OpenBLAS.ensureSingleThreaded()
    let m = Int32(lhs.rows)
    let n = Int32(lhs.columns)
    lhs.elements.withUnsafeBufferPointer { a in
      rhs.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { out in
          cblas_dgemv(
            CblasRowMajor, CblasNoTrans, m, n, 1, a.baseAddress, n, x.baseAddress, 1, 0,
            out.baseAddress, 1)
        }
      }
    }
    return y
  }

  /// Every element multiplied by `scalar`.
  ///
  /// - Complexity: O(rows · columns).
  public static func * (scalar: Double, matrix: Matrix) -> Matrix {
    Matrix(
      rows: matrix.rows, columns: matrix.columns, elements: matrix.elements.map { scalar * $0 })
  }

  /// The element-wise sum.
  ///
  /// - Precondition: both matrices have the same shape.
  /// - Complexity: O(rows · columns).
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    elementwise(lhs, rhs, "+", +)
  }

  /// The element-wise difference.
  ///
  /// - Precondition: both matrices have the same shape.
  /// - Complexity: O(rows · columns).
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    elementwise(lhs, rhs, "-", -)
  }

  // MARK: - Private

  private static func elementwise(
    _ lhs: Matrix, _ rhs: Matrix, _ symbol: String, _ op: (Double, Double) -> Double
  ) -> Matrix {
    precondition(
      lhs.rows == rhs.rows && lhs.columns == rhs.columns,
      "cannot apply \(symbol) to \(lhs.rows)×\(lhs.columns) and \(rhs.rows)×\(rhs.columns)")
    let elements = zip(lhs.elements, rhs.elements).map { op($0, $1) }
    return Matrix(rows: lhs.rows, columns: lhs.columns, elements: elements)
  }
}
