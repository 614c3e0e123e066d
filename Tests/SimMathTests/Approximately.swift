/// Whether `actual` is within `tolerance` of `expected`, absolutely.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
  abs(actual - expected) <= tolerance
}

/// Whether two vectors have the same length and are element-wise within `tolerance`.
func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
  actual.count == expected.count
    && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}
