import Racksim
import ScenarioFile
import SimKernel
import Testing

@Suite struct IncludeTests {
  static let base = """
    name: base
    seed: 3
    horizon: 2d
    facility: {pue: 1.2}
    site:
      halls:
        - {name: hall-1, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
        - {name: hall-2, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}
    workloads:
      - {name: w, type: poisson, mean_interarrival: 10m, gpus: {8: 1}, duration: 1h}
    policies: {scheduler: fifo}
    """

  @Test func includedFileIsAppliedFirstAndTheIncluderWins() throws {
    let main = """
      include: base.yaml
      name: main
      facility: {pue: 1.5}
      policies: {placement: first-fit}
      site:
        halls:
          - {name: only, rows: 3, racks_per_row: 1, rack_type: dgx-h100-rack}
      """
    let scenario = try ScenarioTestHelpers.withFolder(["base.yaml": Self.base, "main.yaml": main]) {
      folder in try ScenarioLoader.load(path: folder + "/main.yaml")
    }
    #expect(scenario.name == "main")  // main wins
    #expect(scenario.seed == 3)  // only in base
    #expect(scenario.horizon == .seconds(172_800))  // base: 2d = 2 × 86400 s
    #expect(scenario.facility.pue == 1.5)  // main wins inside the merged mapping
    // Mappings merge key by key: scheduler from base, placement from main.
    #expect(scenario.policies == PolicySelection(scheduler: "fifo", placement: "first-fit"))
    // Sequences are replaced whole: main's one hall, not base's two.
    #expect(scenario.site.halls.map(\.name) == ["only"])
  }

  @Test func listOfIncludesAppliesInOrder() throws {
    let files = [
      "base.yaml": Self.base,
      "seed.yaml": "seed: 11\n",
      "main.yaml": "include: [base.yaml, seed.yaml]\nname: m\n",
    ]
    let scenario = try ScenarioTestHelpers.withFolder(files) { folder in
      try ScenarioLoader.load(path: folder + "/main.yaml")
    }
    #expect(scenario.seed == 11)  // seed.yaml comes after base.yaml
    #expect(scenario.name == "m")
  }

  @Test func errorsInAnIncludedFileNameThatFile() throws {
    let broken = Self.base.replacingOccurrences(of: "pue: 1.2", with: "pue: 0.5")
    let problems = try ScenarioTestHelpers.withFolder(
      ["base.yaml": broken, "main.yaml": "include: base.yaml\n"]
    ) { folder in
      ScenarioLoader.diagnostics(path: folder + "/main.yaml").map {
        $0.description.replacingOccurrences(of: folder, with: "<dir>")
      }
    }
    // base.yaml line 4 "facility: {pue: " is 16 characters → 17.
    #expect(problems == ["<dir>/base.yaml:4:17: facility.pue: must be >= 1, got 0.5"])
  }

  @Test func includeCycleIsReportedAtTheIncludeThatClosesIt() throws {
    let files = ["a.yaml": "include: b.yaml\nname: a\n", "b.yaml": "include: a.yaml\n"]
    let problems = try ScenarioTestHelpers.withFolder(files) { folder in
      ScenarioLoader.diagnostics(path: folder + "/a.yaml").map {
        $0.description.replacingOccurrences(of: folder, with: "<dir>")
      }
    }
    // b.yaml line 1 "include: " is 9 characters → the file name at 10.
    #expect(
      problems == [
        "<dir>/b.yaml:1:10: include cycle: <dir>/a.yaml -> <dir>/b.yaml -> <dir>/a.yaml"
      ])
  }

  @Test func missingIncludeIsReportedAtItsName() throws {
    let problems = try ScenarioTestHelpers.withFolder([:]) { folder in
      ScenarioTestHelpers.problems("name: x\ninclude: [nope.yaml]\n", directory: folder).map {
        $0.replacingOccurrences(of: folder, with: "<dir>")
      }
    }
    // Line 2 "include: [" is 10 characters → 11.
    #expect(problems == ["s.yaml:2:11: cannot include 'nope.yaml': no such file (<dir>/nope.yaml)"])
  }

  @Test func includeWithOverrideAppliesTheOverrideLast() throws {
    let scenario = try ScenarioTestHelpers.withFolder(
      ["base.yaml": Self.base, "main.yaml": "include: base.yaml\nseed: 5\n"]
    ) { folder in
      try ScenarioLoader.load(
        path: folder + "/main.yaml", overrides: ["seed=9", "site.halls[1].rows=4"])
    }
    #expect(scenario.seed == 9)  // base 3 < main 5 < --set 9
    #expect(scenario.site.halls[1].rows == 4)  // an index into base's list
  }
}
