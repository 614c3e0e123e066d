/// A server type: its GPUs and the power of everything else in the chassis.
public struct NodeType: Sendable, Equatable, Codable {
  /// Catalog name, e.g. "dgx-h100".
  public var name: String
  /// Name of the `GPUType` it holds.
  public var gpu: String
  /// GPUs per node.
  public var gpusPerNode: Int
  /// Power of CPUs, memory, NICs, fans and switches when the GPUs are idle, W.
  public var hostIdleW: Double
  /// The same at full GPU utilisation (fans and CPUs work harder), W.
  public var hostMaxW: Double
  /// Maximum system power from the datasheet, W (the PSU budget; used to check the model).
  public var maxSystemW: Double
  /// Per-GPU NVLink bandwidth within the node, bytes/s (for the network model).
  public var nvlinkBytesPerS: Double
  public var source: String

  public init(
    name: String, gpu: String, gpusPerNode: Int, hostIdleW: Double, hostMaxW: Double,
    maxSystemW: Double, nvlinkBytesPerS: Double, source: String
  ) {
    self.name = name
    self.gpu = gpu
    self.gpusPerNode = gpusPerNode
    self.hostIdleW = hostIdleW
    self.hostMaxW = hostMaxW
    self.maxSystemW = maxSystemW
    self.nvlinkBytesPerS = nvlinkBytesPerS
    self.source = source
  }

  /// The most GPUs one node may have. The largest NVLink domains are racks of 72 (GB200
  /// NVL72) to 576 GPUs; placement keeps one index per free-GPU count, so the count bounds its
  /// memory (at 1,024, about 8 bytes × 1,025 per node).
  public static let maxGPUsPerNode = 1_024

  public func validate() -> [String] {
    var problems: [String] = []
    if gpusPerNode < 1 {
      problems.append("node '\(name)': gpus_per_node must be >= 1, got \(gpusPerNode)")
    } else if gpusPerNode > Self.maxGPUsPerNode {
      problems.append(
        "node '\(name)': gpus_per_node must be at most \(Self.maxGPUsPerNode), got \(gpusPerNode)")
    }
    if !(hostIdleW >= 0) { problems.append("node '\(name)': host_idle must be >= 0 W") }
    if hostMaxW < hostIdleW {
      problems.append("node '\(name)': host_max \(hostMaxW) W is below host_idle \(hostIdleW) W")
    }
    return problems
  }
}
