import Experiments
import Racksim
import RacksimTestSupport
import Testing

/// The cap holds at every instant on the shipped power-cap scenario (10,240 GPUs, 5 MW site
/// cap, demand up to 10.2 MW), two days at one-minute samples: no interval mean of IT power
/// exceeds 5,000 kW (a mean above the cap would need an instant above it), and the strategy
/// acted.
@Suite struct PowerCapScenarioTests {
  @Test func sampledPowerNeverExceedsTheCap() throws {
    let path = TestSupport.repositoryRoot.appendingPathComponent("Scenarios/power-cap.yaml").path
    let scenario = try SingleRun(
      scenarioPath: path, overrides: ["horizon=2d", "sample_interval=1m"]
    ).loadScenario()
    var simulation = try Simulation(scenario: scenario)
    let r = try simulation.run()
    let kw = CSVTable(r.timeseriesCSV()).numbers("it_power_kw").map { $0! }
    #expect(kw.count == 2 * 24 * 60)
    #expect(kw.max()! <= 5_000)
    #expect(kw.max()! > 4_900)
    #expect(r[summary: "power_cap_actions"]!.number! > 0)
  }
}
