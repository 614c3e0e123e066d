import SimKernel

extension Scenario {
  /// A 128-bit fingerprint of the resolved scenario, as 32 hex digits.
  ///
  /// It is computed over the scenario's full value description (`String(reflecting:)`, which
  /// lists every stored property in declaration order and doubles in shortest round-trip form),
  /// not over the file's bytes: comments, key order, includes and `--set` that resolve to the
  /// same values give the same hash. Two 64-bit FNV-1a passes with different seeds make the
  /// 128 bits; it identifies, it does not protect (not cryptographic).
  public var hash: String {
    let text = String(reflecting: self)
    let a = RandomStream.fnv1a64(text)
    let b = RandomStream.fnv1a64("racksim-scenario\u{0}" + text)
    return hex(a) + hex(b)
  }

  private func hex(_ x: UInt64) -> String {
    let digits = String(x, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
