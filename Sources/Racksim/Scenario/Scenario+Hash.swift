import SimKernel
import Workloads

// The scenario hash is a contract: sweeps key resumption on it, so it must be the same on every
// machine and every Swift version. It is computed over a canonical encoding of the resolved
// scenario written by the project (not over `String(reflecting:)`), with these rules:
//
//   value                      encoding
//   nil                        n
//   Bool                       t | f
//   any integer type           i<decimal digits, with '-' when negative>
//   Double, Float              d<16 lowercase hex digits of the IEEE-754 binary64 bit pattern>
//                              (-0 is written as +0; every NaN as 7ff8000000000000)
//   String                     s<UTF-8 byte count>:<the UTF-8 bytes>
//   array                      [<item>,<item>,…]
//   struct                     {<key>=<value>,…} with keys (stored property names) sorted
//                              by their UTF-8 bytes; a property whose value is nil is left
//                              out, so adding an optional section to `Scenario` does not
//                              change the hash of scenarios that do not use it
//   enum case                  <<case name><payload>> where a payload is a struct-like
//                              {label=value,…} (unlabelled items are named 0, 1, …), or
//                              nothing for a case without one
//   dictionary                 {<encoded key>=<value>,…} sorted by the encoded keys
//
// Stored property names come from Swift's `Mirror`, whose labels are the names in the source;
// `TrainingJob` (traces of a million jobs) has a direct encoding that follows the same rules.
// The hash is two 64-bit FNV-1a passes over the canonical bytes (the second prefixed with
// "racksim-scenario\0"), written as 32 hex digits. It identifies, it does not protect.

extension Scenario {
  /// A 128-bit fingerprint of the resolved scenario, as 32 hex digits: equal for scenarios
  /// that resolve to the same values (comments, key order, includes and `--set` do not matter).
  public var hash: String {
    let bytes = canonicalEncoding
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "racksim-scenario\u{0}".utf8 {
      b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    for byte in bytes {
      a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
      b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return Self.hex(a) + Self.hex(b)
  }

  /// The canonical encoding of the scenario (see the rules at the top of this file).
  public var canonicalEncoding: [UInt8] {
    var encoder = CanonicalEncoder()
    encoder.encode(self)
    return encoder.bytes
  }

  static func hex(_ x: UInt64) -> String {
    let digits = String(x, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// Writes values by the canonical rules above.
public struct CanonicalEncoder {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func encode(_ value: Any) {
    switch value {
    case let job as TrainingJob: encodeJob(job)
    case let jobs as [TrainingJob]:
      // A trace's jobs, without a Mirror walk per job (the same bytes as the list rule).
      ascii("[")
      for (k, job) in jobs.enumerated() {
        if k > 0 { ascii(",") }
        encodeJob(job)
      }
      ascii("]")
    case let x as Bool: bytes.append(x ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    case let x as Int: integer(Int64(x))
    case let x as Int8: integer(Int64(x))
    case let x as Int16: integer(Int64(x))
    case let x as Int32: integer(Int64(x))
    case let x as Int64: integer(x)
    case let x as UInt: unsigned(UInt64(x))
    case let x as UInt8: unsigned(UInt64(x))
    case let x as UInt16: unsigned(UInt64(x))
    case let x as UInt32: unsigned(UInt64(x))
    case let x as UInt64: unsigned(UInt64(x))
    case let x as Double: double(x)
    case let x as Float: double(Double(x))
    case let x as String: string(x)
    case let x as Substring: string(String(x))
    default: encodeReflecting(value)
    }
  }

  mutating func encodeReflecting(_ value: Any) {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      if let some = mirror.children.first { encode(some.value) } else { ascii("n") }
    case .collection, .set:
      ascii("[")
      var items: [[UInt8]] = []
      for child in mirror.children {
        var e = CanonicalEncoder()
        e.encode(child.value)
        items.append(e.bytes)
      }
      // A set has no order of its own: sort its encoded items.
      if mirror.displayStyle == .set { items.sort { $0.lexicographicallyPrecedes($1) } }
      for (k, item) in items.enumerated() {
        if k > 0 { ascii(",") }
        bytes += item
      }
      ascii("]")
    case .dictionary:
      var pairs: [([UInt8], [UInt8])] = []
      for child in mirror.children {
        let pair = Mirror(reflecting: child.value).children.map(\.value)
        var k = CanonicalEncoder()
        k.encode(pair[0])
        var v = CanonicalEncoder()
        v.encode(pair[1])
        pairs.append((k.bytes, v.bytes))
      }
      pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
      ascii("{")
      for (k, pair) in pairs.enumerated() {
        if k > 0 { ascii(",") }
        bytes += pair.0
        ascii("=")
        bytes += pair.1
      }
      ascii("}")
    case .enum:
      ascii("<")
      if let payload = mirror.children.first {
        ascii(payload.label ?? "")
        fields(Mirror(reflecting: payload.value), payloadOf: payload.value)
      } else {
        ascii(String(describing: value))
      }
      ascii(">")
    default:
      fields(mirror, payloadOf: value)
    }
  }

  /// `{label=value,…}` sorted by label; unlabelled children are named by position.
  mutating func fields(_ mirror: Mirror, payloadOf value: Any) {
    var children: [(String, Any)] = []
    if mirror.displayStyle == .tuple || mirror.displayStyle == .struct
      || mirror.displayStyle == .class
    {
      for (k, child) in mirror.children.enumerated() {
        children.append(
          (child.label.map { $0.hasPrefix(".") ? String(k) : $0 } ?? String(k), child.value))
      }
    } else {
      // A single payload value that is not a tuple.
      children.append(("0", value))
    }
    children.removeAll { child in
      let m = Mirror(reflecting: child.1)
      return m.displayStyle == .optional && m.children.isEmpty
    }
    children.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    ascii("{")
    for (k, child) in children.enumerated() {
      if k > 0 { ascii(",") }
      ascii(child.0)
      ascii("=")
      encode(child.1)
    }
    ascii("}")
  }

  /// A job, directly: the same bytes as the reflecting rules give (a test checks it), without
  /// the cost of `Mirror` for traces of a million jobs. Keys in sorted order.
  mutating func encodeJob(_ job: TrainingJob) {
    ascii("{")
    if let c = job.communication {
      // Only jobs that carry a communication model (issue 9): by the reflecting rules.
      ascii("communication=")
      encodeReflecting(c)
      ascii(",")
    }
    if let e = job.estimate {
      ascii("estimate=")
      duration(e)
      ascii(",")
    }
    ascii("gpuUtilization=")
    double(job.gpuUtilization)
    ascii(",gpus=")
    integer(Int64(job.gpus))
    if let d = job.maxDelay {
      ascii(",maxDelay=")
      duration(d)
    }
    ascii(",name=")
    string(job.name)
    ascii(",priority=")
    integer(Int64(job.priority))
    ascii(",submit={nanoseconds=")
    integer(job.submit.nanoseconds)
    ascii("},user=")
    string(job.user)
    ascii(",work=")
    duration(job.work)
    ascii("}")
  }

  mutating func duration(_ d: SimDuration) {
    ascii("{nanoseconds=")
    integer(d.nanoseconds)
    ascii("}")
  }

  /// Encodes by the reflecting rules only (tests compare the direct encodings with it).
  public mutating func encodeReflectingForTests(_ value: Any) { encodeReflecting(value) }

  mutating func ascii(_ s: String) { bytes.append(contentsOf: s.utf8) }

  /// `i` and the decimal digits of an unsigned value.
  mutating func unsigned(_ x: UInt64) {
    bytes.append(UInt8(ascii: "i"))
    FixedDecimal.appendDigits(x, to: &bytes)
  }

  /// `i` and the decimal digits, written without an intermediate String.
  mutating func integer(_ x: Int64) {
    bytes.append(UInt8(ascii: "i"))
    if x < 0 { bytes.append(UInt8(ascii: "-")) }
    FixedDecimal.appendDigits(x.magnitude, to: &bytes)
  }

  mutating func double(_ x: Double) {
    let bits: UInt64 = x.isNaN ? 0x7ff8_0000_0000_0000 : (x == 0 ? 0 : x.bitPattern)
    ascii("d")
    ascii(Scenario.hex(bits))
  }

  mutating func string(_ s: String) {
    bytes.append(UInt8(ascii: "s"))
    FixedDecimal.appendDigits(UInt64(s.utf8.count), to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: s.utf8)
  }
}
