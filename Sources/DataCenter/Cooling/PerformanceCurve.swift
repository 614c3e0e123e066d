// EnergyPlus performance curves (EnergyPlus Input-Output Reference, "Curve:Quadratic",
// "Curve:Cubic", "Curve:Biquadratic"; Engineering Reference, "Electric Chiller Model Based on
// Condenser Entering Temperature"):
//
//   quadratic    f(x)    = c1 + c2·x + c3·x²
//   cubic        f(x)    = c1 + c2·x + c3·x² + c4·x³
//   biquadratic  f(x, y) = c1 + c2·x + c3·x² + c4·y + c5·y² + c6·x·y
//
// As EnergyPlus's curve manager does, every independent variable is first clamped to the
// curve's [minimum, maximum] of that variable, and the result is then clamped to the optional
// [minimum output, maximum output]. A curve therefore never extrapolates beyond its data set.

/// A curve of one variable with input and optional output limits (Curve:Quadratic, Curve:Cubic).
public struct PolynomialCurve: Sendable, Equatable {
  /// Coefficients c1, c2, ... of 1, x, x², (x³).
  public var coefficients: [Double]
  public var minX: Double
  public var maxX: Double
  public var minOutput: Double?
  public var maxOutput: Double?

  public init(
    coefficients: [Double], minX: Double = -.infinity, maxX: Double = .infinity,
    minOutput: Double? = nil, maxOutput: Double? = nil
  ) {
    self.coefficients = coefficients
    self.minX = minX
    self.maxX = maxX
    self.minOutput = minOutput
    self.maxOutput = maxOutput
  }

  /// f(clamp(x)), clamped to the output limits.
  /// - Complexity: O(degree), Horner's rule, no allocation.
  @inlinable public func callAsFunction(_ x: Double) -> Double {
    let t = Swift.min(Swift.max(x, minX), maxX)
    var v = 0.0
    var i = coefficients.count
    while i > 0 {
      i -= 1
      v = v * t + coefficients[i]
    }
    if let lo = minOutput { v = Swift.max(v, lo) }
    if let hi = maxOutput { v = Swift.min(v, hi) }
    return v
  }
}

/// f(x, y) = c1 + c2·x + c3·x² + c4·y + c5·y² + c6·x·y with limits (Curve:Biquadratic).
public struct BiquadraticCurve: Sendable, Equatable {
  public var c1, c2, c3, c4, c5, c6: Double
  public var minX, maxX, minY, maxY: Double
  public var minOutput: Double?
  public var maxOutput: Double?

  public init(
    _ c1: Double, _ c2: Double, _ c3: Double, _ c4: Double, _ c5: Double, _ c6: Double,
    x: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
    y: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
    minOutput: Double? = nil, maxOutput: Double? = nil
  ) {
    (self.c1, self.c2, self.c3, self.c4, self.c5, self.c6) = (c1, c2, c3, c4, c5, c6)
    (minX, maxX, minY, maxY) = (x.lowerBound, x.upperBound, y.lowerBound, y.upperBound)
    self.minOutput = minOutput
    self.maxOutput = maxOutput
  }

  /// f(clamp(x), clamp(y)), clamped to the output limits.
  @inlinable public func callAsFunction(_ x: Double, _ y: Double) -> Double {
    let a = Swift.min(Swift.max(x, minX), maxX)
    let b = Swift.min(Swift.max(y, minY), maxY)
    var v = c1 + c2 * a + c3 * a * a + c4 * b + c5 * b * b + c6 * a * b
    if let lo = minOutput { v = Swift.max(v, lo) }
    if let hi = maxOutput { v = Swift.min(v, hi) }
    return v
  }
}
