import DataCenter
import Racksim
import ScenarioFile
import Testing

/// DVFS states and a measured power table given in a scenario's `hardware:` section
/// (issue 8 item 1: "or a table (SPECpower-style steps, interpolated) where the scenario gives
/// one").
@Suite struct GPUPowerCurveTests {
  static let gpuSection = """

    hardware:
      gpus:
        - name: h100-sxm
          power_curve: [100W, 200W, 260W, 300W, 340W, 380W, 420W, 460W, 500W, 550W, 600W]
          dvfs:
            - {clock_mhz: 990, throughput: 0.5, power: 350W}
            - {clock_mhz: 1980, throughput: 1, power: 600W}
    """

  /// The table sets idle 100 W and full load 600 W. At u = 0.25 the table lies halfway
  /// between its 20 % (260 W) and 30 % (300 W) points: 280 W. In the 990 MHz state the shape is
  /// the same, f(0.25) = (280 − 100) / (600 − 100) = 0.36, so P = 100 + (350 − 100) · 0.36 = 190 W.
  /// At u = 0.05: halfway between 100 and 200 W = 150 W at full speed.
  @Test func aMeasuredTableShapesEveryState() throws {
    let catalog = try ScenarioTestHelpers.load(ScenarioTestHelpers.minimal + Self.gpuSection)
      .hardware
    let gpu = try #require(catalog.gpu(named: "h100-sxm"))
    #expect(gpu.idleW == 100 && gpu.tdpW == 600)
    #expect(gpu.dvfsStates.count == 2)
    #expect(abs(gpu.power(atUtilization: 0.25, dvfsState: 1) - 280) < 1e-9)
    #expect(abs(gpu.power(atUtilization: 0.25, dvfsState: 0) - 190) < 1e-9)
    #expect(abs(gpu.power(atUtilization: 0.05, dvfsState: 1) - 150) < 1e-9)
    #expect(gpu.power(atUtilization: 1, dvfsState: 1) == 600)
  }

  /// A DGX H100 node with this GPU (host 1,200 W idle to 2,400 W, linear): 8 GPUs at a mean
  /// utilisation of 0.25 (sum 2) draw 8 × 280 = 2,240 W, the host 1,200 + 1,200 · 0.25 =
  /// 1,500 W: 3,740 W.
  @Test func nodePowerFollowsTheTable() throws {
    let scenario = try ScenarioTestHelpers.load(ScenarioTestHelpers.minimal + Self.gpuSection)
    let site = Site(layout: scenario.site, catalog: scenario.hardware)
    #expect(abs(site.nodePower(0, utilizationSum: 2) - 3_740) < 1e-9)
  }

  /// A table that falls, or one given with idle, is one located error each.
  @Test func badTablesAreLocated() {
    let falling = ScenarioTestHelpers.problems(
      ScenarioTestHelpers.minimal + """

        hardware:
          gpus: [{name: h100-sxm, power_curve: [100W, 90W, 600W]}]
        """)
    // The catalog's check, at the entry: line 15 "  gpus: [" is 9 characters, column 10.
    #expect(
      falling == [
        "s.yaml:15:10: hardware.gpus[0]: gpu 'h100-sxm': power_curve must not fall as "
          + "utilisation rises, and must rise from idle to full load"
      ])
    let both = ScenarioTestHelpers.problems(
      ScenarioTestHelpers.minimal + """

        hardware:
          gpus: [{name: h100-sxm, idle: 50W, power_curve: [100W, 600W]}]
        """)
    #expect(both.count == 1 && both[0].hasPrefix("s.yaml:15:") && both[0].contains("not both"))
  }
}
