import DataCenter
import Foundation
import Racksim
import ScenarioFile
import SimKernel
import Testing
import Workloads

@Suite struct QuickstartTests {
  @Test func compiledCopyMatchesTheFileByteForByte() throws {
    let url = ScenarioTestHelpers.repositoryRoot().appendingPathComponent(
      "Scenarios/quickstart.yaml")
    let file = try Data(contentsOf: url)
    #expect(file == Data(BuiltInScenarios.quickstartYAML.utf8))
  }

  @Test func quickstartHasTheFieldsItsYAMLSays() throws {
    let scenario = try BuiltInScenarios.quickstart()
    // From Scenarios/quickstart.yaml:
    //   horizon 7d = 7 × 86400 s = 604800 s; sample_interval 15m = 900 s
    //   one hall of 2 rows × 4 racks of dgx-h100-rack; pue 1.3; no hardware key → built-ins
    //   mean_interarrival 10m = 600 s; gpus weights in file order
    //   lognormal median 2h = 7200 s → mu = ln 7200 ≈ 8.882, sigma 1.2; users 20, the rest
    //   defaults (priority 0, gpu_utilization 1, start 0)
    let expected = Scenario(
      name: "quickstart", seed: 42, horizon: .seconds(604_800), sampleInterval: .seconds(900),
      hardware: .builtIn,
      site: SiteLayout(halls: [
        HallLayout(name: "hall-1", rows: 2, racksPerRow: 4, rackType: "dgx-h100-rack")
      ]),
      facility: FacilitySpec(pue: 1.3),
      workloads: [
        .poisson(
          PoissonJobSource(
            name: "training", meanInterarrival: .seconds(600),
            gpuWeights: [
              .init(gpus: 1, weight: 0.25), .init(gpus: 2, weight: 0.15),
              .init(gpus: 4, weight: 0.2), .init(gpus: 8, weight: 0.25),
              .init(gpus: 16, weight: 0.1), .init(gpus: 32, weight: 0.05),
            ],
            duration: .lognormal(mu: PortableMath.log(7200), sigma: 1.2), users: 20))
      ],
      policies: PolicySelection(scheduler: "fifo", placement: "first-fit"),
      output: OutputOptions(racks: true))
    #expect(scenario == expected)
    // ln 7200 = ln 7.2 + 3 ln 10 = 1.97408 + 6.90776 = 8.88184
    if case .poisson(let source) = scenario.workloads.first,
      case .lognormal(let mu, _) = source.duration
    {
      #expect(abs(mu - 8.88184) < 1e-5)
    } else {
      Issue.record("expected a lognormal Poisson workload")
    }
  }

  @Test func defaultsApplyWhenKeysAreAbsent() throws {
    // `minimal` has no seed, sample_interval, facility or hardware.
    let scenario = try ScenarioTestHelpers.load(ScenarioTestHelpers.minimal)
    #expect(scenario.seed == 1)
    #expect(scenario.sampleInterval == .seconds(900))
    #expect(scenario.facility.pue == 1.3)
    #expect(scenario.hardware == .builtIn)
    #expect(scenario.output.racks == false)
  }

  /// Every `*.yaml` directly in `Scenarios/`, sorted by path (STYLE.md §5.6).
  static let scenarioFiles: [String] = {
    let folder = ScenarioTestHelpers.repositoryRoot().appendingPathComponent("Scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map {
      folder.appendingPathComponent($0).path
    }
  }()

  @Test func scenariosFolderIsNotEmpty() {
    #expect(Self.scenarioFiles.contains { $0.hasSuffix("/quickstart.yaml") })
  }

  @Test(arguments: scenarioFiles)
  func shippedScenarioLoadsWithoutDiagnostics(path: String) {
    #expect(ScenarioLoader.diagnostics(path: path) == [])
  }
}
