import DataCenter
import Racksim
import ScenarioFile
import Testing

@Suite struct HardwareTests {
  @Test func overridingABuiltInChangesOnlyTheGivenFields() throws {
    let yaml = ScenarioTestHelpers.minimal + "\nhardware:\n  gpus: [{name: h100-sxm, idle: 80W}]"
    let catalog = try ScenarioTestHelpers.load(yaml).hardware
    let builtIn = try #require(HardwareCatalog.builtIn.gpu(named: "h100-sxm"))
    var expected = builtIn
    expected.idleW = 80
    expected.source = builtIn.source + "; changed by the scenario: idle"
    #expect(catalog.gpu(named: "h100-sxm") == expected)
    // Every other type is untouched.
    #expect(
      catalog.gpus.filter { $0.name != "h100-sxm" }
        == HardwareCatalog.builtIn.gpus.filter { $0.name != "h100-sxm" })
    #expect(catalog.nodes == HardwareCatalog.builtIn.nodes)
    #expect(catalog.racks == HardwareCatalog.builtIn.racks)
  }

  @Test func newTypesNeedEveryFieldAndCanBeUsedBySite() throws {
    let yaml =
      ScenarioTestHelpers.minimal.replacingOccurrences(
        of: "rack_type: dgx-h100-rack", with: "rack_type: my-rack") + """

        hardware:
          gpus:
            - {name: my-gpu, peak_tflops: 500, memory: 96GiB, memory_bandwidth: 4TB/s, tdp: 600W,
               idle: 60W, thermal_limit: 85C}
          nodes:
            - {name: my-node, gpu: my-gpu, gpus_per_node: 8, host_idle: 1kW, host_max: 2kW,
               max_system: 10kW, nvlink: 900GB/s}
          racks:
            - {name: my-rack, node: my-node, nodes_per_rack: 2, pdu_rating: 30kW, cooling: liquid}
        """
    let catalog = try ScenarioTestHelpers.load(yaml).hardware
    // 96 GiB = 96 × 2^30 = 103,079,215,104 bytes; 4 TB/s = 4e12 B/s; 1 kW = 1000 W.
    #expect(
      catalog.gpu(named: "my-gpu")
        == GPUType(
          name: "my-gpu", peakTFLOPS: 500, memoryBytes: 103_079_215_104,
          memoryBandwidthBytesPerS: 4e12, tdpW: 600, idleW: 60, thermalLimitC: 85,
          source: "defined in the scenario"))
    #expect(
      catalog.node(named: "my-node")
        == NodeType(
          name: "my-node", gpu: "my-gpu", gpusPerNode: 8, hostIdleW: 1_000, hostMaxW: 2_000,
          maxSystemW: 10_000, nvlinkBytesPerS: 900e9, source: "defined in the scenario"))
    #expect(
      catalog.rack(named: "my-rack")
        == RackType(
          name: "my-rack", node: "my-node", nodesPerRack: 2, pduRatingW: 30_000,
          cooling: .liquid, source: "defined in the scenario"))
  }

  @Test func newTypeWithMissingFieldsReportsEachAtTheEntry() {
    let yaml =
      ScenarioTestHelpers.minimal + """

        hardware:
          nodes:
            - {name: my-node, gpu: h100-sxm, gpus_per_node: 8, host_idle: 1kW}
        """
    // `minimal` has 13 lines and no final newline; the appended text starts with the newline
    // that ends line 13, so `hardware:` is line 14, `nodes:` 15, and the entry is line 16.
    // "    - {" is 7 characters → the mapping starts at column 7.
    let missing = ["host_max", "max_system", "nvlink"].map {
      "s.yaml:16:7: hardware.nodes[0]: missing required key '\($0)' "
        + "(node type 'my-node' is new, so every field is needed)"
    }
    #expect(ScenarioTestHelpers.problems(yaml) == missing)
  }

  @Test func badUnitsAndCoolingInHardware() {
    let yaml =
      ScenarioTestHelpers.minimal + """

        hardware:
          gpus: [{name: a100-sxm, tdp: 400s}]
          racks: [{name: dgx-a100-rack, cooling: water}]
        """
    // Line 15 "  gpus: [{name: a100-sxm, tdp: " is 31 characters → 32.
    // Line 16 "  racks: [{name: dgx-a100-rack, cooling: " is 41 characters → 42.
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:15:32: hardware.gpus[0].tdp: expected a power like 700W, 50kW, 30MW, got '400s'",
        "s.yaml:16:42: hardware.racks[0].cooling: unknown cooling 'water'; valid: air, liquid",
      ])
  }

  @Test func catalogProblemsAreReportedAtTheEntryThatMadeThem() {
    // idle above tdp passes every field's reader; the catalog's check finds it, and it is
    // reported once, at the entry that set it: line 15 "  gpus: [" is 9 characters, so the
    // entry's mapping starts at column 10 (REFERENCES.md §3.1: the A100's tdp is 400 W).
    // A new node type naming a GPU type nobody defined is reported at its own entry, line 16
    // column 11 ("  nodes: [" is 10 characters).
    let yaml =
      ScenarioTestHelpers.minimal + """

        hardware:
          gpus: [{name: a100-sxm, idle: 500W}]
          nodes: [{name: dgx-a100, gpu: nope}]
        """
    #expect(
      ScenarioTestHelpers.problems(yaml) == [
        "s.yaml:15:10: hardware.gpus[0]: gpu 'a100-sxm': idle power 500.0 W exceeds tdp 400.0 W",
        "s.yaml:16:11: hardware.nodes[0]: node 'dgx-a100': unknown gpu 'nope'; known: "
          + "a100-sxm, b200, gb200, h100-sxm, h200-sxm, mi300x",
      ])
  }
}
