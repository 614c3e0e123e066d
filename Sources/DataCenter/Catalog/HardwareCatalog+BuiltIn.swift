// The built-in hardware figures. Tags follow REFERENCES.md: [S] secondary quote of a primary,
// [U] unconfirmed or an assumption of ours, [D] derived by the arithmetic shown.
// Figures marked "vendor datasheet" are not yet in REFERENCES.md and count as [U] until added.

extension HardwareCatalog {
  /// The catalog that ships with Racksim.
  public static let builtIn = HardwareCatalog(
    gpus: [
      GPUType(
        name: "a100-sxm", peakTFLOPS: 312, memoryBytes: 80e9, memoryBandwidthBytesPerS: 2.039e12,
        tdpW: 400, idleW: 52, thermalLimitC: 85,
        source: "TDP 400 W: REFERENCES.md §3 [S]; idle 52 W: §3 nvidia-smi anecdote [U]; "
          + "TFLOPS, HBM: vendor datasheet [U]; thermal limit: assumption [U]"),
      GPUType(
        name: "h100-sxm", peakTFLOPS: 989, memoryBytes: 80e9, memoryBandwidthBytesPerS: 3.35e12,
        tdpW: 700, idleW: 70, thermalLimitC: 87,
        source:
          "TDP 700 W: REFERENCES.md §3 [S]; idle 70 W: middle of the 60-80 W quoted in §3 [U]; "
          + "TFLOPS, HBM: vendor datasheet [U]; thermal limit: assumption [U]"),
      GPUType(
        name: "h200-sxm", peakTFLOPS: 989, memoryBytes: 141e9, memoryBandwidthBytesPerS: 4.8e12,
        tdpW: 700, idleW: 70, thermalLimitC: 87,
        source: "TDP 700 W: REFERENCES.md §3 [S]; idle as h100-sxm [U]; "
          + "TFLOPS, HBM: vendor datasheet [U]"),
      GPUType(
        name: "b200", peakTFLOPS: 2250, memoryBytes: 192e9, memoryBandwidthBytesPerS: 8e12,
        tdpW: 1000, idleW: 137, thermalLimitC: 87,
        source: "idle 137 W: REFERENCES.md §3 (ROCm issue anecdote) [U]; "
          + "TDP, TFLOPS, HBM: vendor datasheet [U]"),
      GPUType(
        name: "gb200", peakTFLOPS: 2500, memoryBytes: 186e9, memoryBandwidthBytesPerS: 8e12,
        tdpW: 1200, idleW: 150, thermalLimitC: 87,
        source: "vendor and trade-press figures [U]; see REFERENCES.md §3 GB200 NVL72"),
      GPUType(
        name: "mi300x", peakTFLOPS: 1307, memoryBytes: 192e9, memoryBandwidthBytesPerS: 5.3e12,
        tdpW: 750, idleW: 140, thermalLimitC: 90,
        source: "vendor datasheet [U]; idle power an assumption [U]"),
    ],
    nodes: [
      // Host power: Zeus (REFERENCES.md §3 [S]) finds GPUs draw ~70% of server power in
      // training, so host = GPU power × 0.3/0.7 at full load [D]; at idle we assume half [U].
      NodeType(
        name: "dgx-a100", gpu: "a100-sxm", gpusPerNode: 8, hostIdleW: 686, hostMaxW: 1371,
        maxSystemW: 6500, nvlinkBytesPerS: 600e9,
        source: "6.5 kW max: REFERENCES.md §3 [S]; host 8×400/0.7−3200 = 1371 W [D]"),
      NodeType(
        name: "dgx-h100", gpu: "h100-sxm", gpusPerNode: 8, hostIdleW: 1200, hostMaxW: 2400,
        maxSystemW: 10200, nvlinkBytesPerS: 900e9,
        source: "~10.2 kW max: REFERENCES.md §3 [S]; host 8×700/0.7−5600 = 2400 W [D]"),
      NodeType(
        name: "dgx-h200", gpu: "h200-sxm", gpusPerNode: 8, hostIdleW: 1200, hostMaxW: 2400,
        maxSystemW: 10200, nvlinkBytesPerS: 900e9,
        source: "~10.2 kW max: REFERENCES.md §3 [S]; host as dgx-h100 [D]"),
      NodeType(
        name: "dgx-b200", gpu: "b200", gpusPerNode: 8, hostIdleW: 1714, hostMaxW: 3429,
        maxSystemW: 14300, nvlinkBytesPerS: 1800e9,
        source: "14.3 kW max: REFERENCES.md §3 [U]; host 8×1000/0.7−8000 = 3429 W [D]"),
      NodeType(
        name: "gb200-tray", gpu: "gb200", gpusPerNode: 4, hostIdleW: 850, hostMaxW: 1700,
        maxSystemW: 6500, nvlinkBytesPerS: 1800e9,
        source: "~6.5 kW per compute tray: REFERENCES.md §3 [U]; host 6500−4×1200 = 1700 W [D]"),
      NodeType(
        name: "mi300x-8", gpu: "mi300x", gpusPerNode: 8, hostIdleW: 1286, hostMaxW: 2571,
        maxSystemW: 10200, nvlinkBytesPerS: 896e9,
        source: "vendor figures [U]; host 8×750/0.7−6000 = 2571 W [D]"),
    ],
    racks: [
      RackType(
        name: "dgx-a100-rack", node: "dgx-a100", nodesPerRack: 4, pduRatingW: 30_000,
        cooling: .air, source: "4 × 6.5 kW = 26 kW max [D]; PDU size an assumption [U]"),
      RackType(
        name: "dgx-h100-rack", node: "dgx-h100", nodesPerRack: 4, pduRatingW: 50_000,
        cooling: .air, source: "4 × 10.2 kW = 40.8 kW max [D]; PDU size an assumption [U]"),
      RackType(
        name: "dgx-h200-rack", node: "dgx-h200", nodesPerRack: 4, pduRatingW: 50_000,
        cooling: .air, source: "4 × 10.2 kW = 40.8 kW max [D]; PDU size an assumption [U]"),
      RackType(
        name: "dgx-b200-rack", node: "dgx-b200", nodesPerRack: 4, pduRatingW: 65_000,
        cooling: .air, source: "4 × 14.3 kW = 57.2 kW max [D]; PDU size an assumption [U]"),
      RackType(
        name: "gb200-nvl72", node: "gb200-tray", nodesPerRack: 18, pduRatingW: 132_000,
        cooling: .liquid, source: "72 GPUs, ~120 kW, liquid: REFERENCES.md §3 [U]"),
      RackType(
        name: "mi300x-rack", node: "mi300x-8", nodesPerRack: 4, pduRatingW: 50_000,
        cooling: .air, source: "PDU size an assumption [U]"),
    ])
}
