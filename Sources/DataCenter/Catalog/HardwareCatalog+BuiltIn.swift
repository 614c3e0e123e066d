// The built-in hardware figures. Tags follow REFERENCES.md: [S] secondary quote of a primary,
// [U] unconfirmed or an assumption of ours, [D] derived by the arithmetic shown.
// Figures marked "vendor datasheet" are not yet in REFERENCES.md and count as [U] until added.

extension HardwareCatalog {
  /// The catalog that ships with Racksim.
  public static let builtIn = HardwareCatalog(
    gpus: [
      // REFERENCES.md §3.1 supersedes the foundation's [U] tags here: A100 idle 52 → 65 W (the
      // 52 W reading is the 40 GB part; the 80 GB part idles at 62-68 W), H100/H200 989 → 989.4
      // TFLOPS, B200 HBM 192 → 180 GB and 8 → 7.7 TB/s (current table), MI300X 1307 → 1307.4.
      // H100's idle stays 70 W: §3.1's only figure is one H800 reading (74.7 W, [U]).
      // DVFS: the cubic model of DVFSState.swift [D] on each type's clock ladder.
      GPUType(
        name: "a100-sxm", peakTFLOPS: 312, memoryBytes: 80e9, memoryBandwidthBytesPerS: 2.039e12,
        tdpW: 400, idleW: 65, thermalLimitC: 85,
        source: "TDP 400 W, 312 TFLOPS, 80 GB / 2.039 TB/s: REFERENCES.md §3.1 [P]; "
          + "idle 65 W (62-68 W at P0) and 85 C max operating: §3.1 nvidia-smi [U]; "
          + "DVFS: POLCA clocks 1110/1275/1305 MHz (§3.1 [P]), 1005/1410 MHz (§3 [S]), 810 MHz "
          + "ours; cubic power model fitted to POLCA [D]",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: [810, 1_005, 1_110, 1_275, 1_305, 1_410], tdpW: 400)),
      GPUType(
        name: "h100-sxm", peakTFLOPS: 989.4, memoryBytes: 80e9, memoryBandwidthBytesPerS: 3.35e12,
        tdpW: 700, idleW: 70, thermalLimitC: 87,
        source: "TDP 700 W (200-700 W), 989.4 TFLOPS, 80 GB / 3.35 TB/s: REFERENCES.md §3.1 [P]; "
          + "idle 70 W: middle of the 60-80 W quoted in §3 [U]; 87 C: Hopper readout, §3.1 [U]; "
          + "DVFS: cubic model [D] on 0.5-1.0 of a 1980 MHz max clock (vendor datasheet [U])",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: DVFSState.clockLadder(maxClockMHz: 1_980), tdpW: 700)),
      GPUType(
        name: "h200-sxm", peakTFLOPS: 989.4, memoryBytes: 141e9, memoryBandwidthBytesPerS: 4.8e12,
        tdpW: 700, idleW: 70, thermalLimitC: 87,
        source: "TDP 700 W, 989.4 TFLOPS, 141 GB / 4.8 TB/s: REFERENCES.md §3.1 [S]/[P]; "
          + "idle as h100-sxm [U]; 87 C: Hopper figures used for H200 as §3.1 says [U]; "
          + "DVFS: as h100-sxm (same GH100 compute) [D]",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: DVFSState.clockLadder(maxClockMHz: 1_980), tdpW: 700)),
      GPUType(
        name: "b200", peakTFLOPS: 2250, memoryBytes: 180e9, memoryBandwidthBytesPerS: 7.7e12,
        tdpW: 1000, idleW: 137, thermalLimitC: 87,
        source: "TDP 1,000 W, 2,250 TFLOPS, 180 GB / 7.7 TB/s: REFERENCES.md §3.1 [P]; "
          + "idle 137 W: §3.1 (ROCm issue reading) [U]; 87 C: Hopper figure, none published [U]; "
          + "DVFS: cubic model [D] on 0.5-1.0 of a 1965 MHz max clock [U: not confirmed]",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: DVFSState.clockLadder(maxClockMHz: 1_965), tdpW: 1_000)),
      GPUType(
        name: "gb200", peakTFLOPS: 2500, memoryBytes: 186e9, memoryBandwidthBytesPerS: 8e12,
        tdpW: 1200, idleW: 150, thermalLimitC: 87,
        source: "up to 1,200 W (200-1,200 W), 2,500 TFLOPS, 186 GB / 8 TB/s: REFERENCES.md §3.1 "
          + "[P]; idle 150 W and 87 C: assumptions, none published [U]; "
          + "DVFS: cubic model [D] on 0.5-1.0 of a 1965 MHz max clock [U: as b200]",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: DVFSState.clockLadder(maxClockMHz: 1_965), tdpW: 1_200)),
      GPUType(
        name: "mi300x", peakTFLOPS: 1307.4, memoryBytes: 192e9, memoryBandwidthBytesPerS: 5.3e12,
        tdpW: 750, idleW: 140, thermalLimitC: 90,
        source: "750 W, 1,307.4 TFLOPS, 192 GB / 5.3 TB/s: REFERENCES.md §3.1 [S]; "
          + "idle power and 90 C: assumptions [U]; "
          + "DVFS: cubic model [D] on 0.5-1.0 of a 2100 MHz peak engine clock (AMD spec [U])",
        dvfsStates: DVFSState.cubicModel(
          clocksMHz: [1_050, 1_260, 1_470, 1_680, 1_890, 2_100], tdpW: 750)),
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
