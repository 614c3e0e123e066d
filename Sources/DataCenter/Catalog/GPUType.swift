/// A GPU model with datasheet figures.
///
/// Power figures feed the GPU `PowerModel`; the compute and memory figures are carried for the
/// network and workload models of later issues. Each built-in cites its source in `source`.
public struct GPUType: Sendable, Equatable, Codable {
  /// Catalog name used in scenario files, e.g. "h100-sxm".
  public var name: String
  /// Dense BF16 tensor throughput, TFLOP/s.
  public var peakTFLOPS: Double
  /// High-bandwidth memory size, bytes.
  public var memoryBytes: Double
  /// High-bandwidth memory bandwidth, bytes/s.
  public var memoryBandwidthBytesPerS: Double
  /// Thermal design power: the power at full utilisation, W.
  public var tdpW: Double
  /// Power when powered on and idle, W.
  public var idleW: Double
  /// Temperature above which the GPU throttles, °C.
  public var thermalLimitC: Double
  /// Where the figures come from (a REFERENCES.md section, or a vendor datasheet and a tag).
  public var source: String
  /// DVFS operating points in ascending clock order, the last one the full-speed state
  /// (relative throughput 1). Empty means one implicit state at TDP (see `GPUType+DVFS.swift`).
  public var dvfsStates: [DVFSState]
  /// A measured power-versus-utilisation table (SPECpower style) at full speed, W, at
  /// utilisations equally spaced from 0 to 1 (11 points for 0 %, 10 %, …, 100 %); nil means
  /// linear between idle and full load. Its first and last entries are `idleW` and `tdpW`. It
  /// gives the shape of every state's curve (`GPUType+DVFS.swift`).
  public var utilizationPowerW: [Double]?

  public init(
    name: String, peakTFLOPS: Double, memoryBytes: Double, memoryBandwidthBytesPerS: Double,
    tdpW: Double, idleW: Double, thermalLimitC: Double, source: String,
    dvfsStates: [DVFSState] = []
  ) {
    self.name = name
    self.peakTFLOPS = peakTFLOPS
    self.memoryBytes = memoryBytes
    self.memoryBandwidthBytesPerS = memoryBandwidthBytesPerS
    self.tdpW = tdpW
    self.idleW = idleW
    self.thermalLimitC = thermalLimitC
    self.source = source
    self.dvfsStates = dvfsStates
  }

  /// Problems with the figures, as sentences; empty when valid.
  public func validate() -> [String] {
    var problems: [String] = []
    if !(tdpW > 0) { problems.append("gpu '\(name)': tdp must be > 0 W, got \(tdpW)") }
    if !(idleW >= 0) { problems.append("gpu '\(name)': idle must be >= 0 W, got \(idleW)") }
    if idleW > tdpW {
      problems.append("gpu '\(name)': idle power \(idleW) W exceeds tdp \(tdpW) W")
    }
    if !(peakTFLOPS > 0) { problems.append("gpu '\(name)': peak_tflops must be > 0") }
    if !(memoryBytes > 0) { problems.append("gpu '\(name)': memory must be > 0") }
    problems += validateDVFS()
    if let table = utilizationPowerW {
      if table.count < 2 {
        problems.append("gpu '\(name)': power_curve needs at least 2 points (0 and 100 %)")
      } else if zip(table, table.dropFirst()).contains(where: { !($0 <= $1) })
        || !(table.last! > table.first!) || !table.allSatisfy(\.isFinite)
      {
        problems.append(
          "gpu '\(name)': power_curve must not fall as utilisation rises, and must rise from "
            + "idle to full load")
      }
    }
    return problems
  }
}
