import DataCenter
import RacksimTestSupport
import SimKernel
import Testing
import Workloads

@testable import Racksim

/// The fabric model in whole runs: training jobs' all-reduces as flows, the `network` rate
/// factor, links.csv, determinism (issue 9).
@Suite struct FabricModelTests {
  /// 100 Gb/s = 12.5e9 B/s host links; 50 Gb/s = 6.25e9 B/s leaf uplinks.
  static let b = 12.5e9

  /// One rack of 8 test nodes (8 GPUs each; NVLink 1e11 B/s total, 5e10 per direction), a
  /// leaf per 2 nodes (4 leaves) and 1 spine with uplinks of B/2: leaf oversubscription
  /// 2 · B / (1 · B/2) = 4:1.
  static func scenario(_ jobs: [TrainingJob], routing: FabricSpec.Routing = .modulo) -> Scenario {
    var s = TestSupport.traceScenario(
      jobs: jobs, racks: 1, horizon: .seconds(3000), sample: .seconds(100), gpusPerNode: 8,
      nodesPerRack: 8)
    s.fabric = FabricLayoutSpec(
      leaf: .nodes(2), spines: 1, hostLinkBytesPerSecond: b, uplinkBytesPerSecond: b / 2,
      routing: routing)
    return s
  }

  /// 1.2 GB of gradients per 1 s of compute, nothing overlapped.
  static let comm = CommunicationSpec(
    volume: .gradientBytes(1.2e9), computeSecondsPerIteration: 1, collective: .ring, overlap: 0)

  static func job(_ name: String, gpus: Int = 24, work: Double = 1000) -> TrainingJob {
    TrainingJob(
      name: name, submit: .zero, gpus: gpus, work: .seconds(work), communication: comm)
  }

  static func run(_ scenario: Scenario) throws -> RunResult {
    var simulation = try Simulation(scenario: scenario)
    return try simulation.run()
  }

  static func jct(_ result: RunResult, _ name: String) -> Double? {
    result.jobRows.first { $0.name == name }?.jct?.seconds
  }

  /// Two identical 24-GPU jobs: first-fit gives A nodes 0-2 (leaves 0, 0, 1) and B nodes 3-5
  /// (leaves 1, 2, 2). Their rings are 0→1 (inside leaf 0), 1→2 and 2→0 (across the spine);
  /// 3→4, 4→5 (inside leaf 2), 5→3. A's 2→0 and B's 3→4 share leaf 1's uplink, A's 1→2 and
  /// B's 5→3 its downlink (capacity B/2 = 6.25e9): each gets half, 3.125e9 B/s.
  ///
  /// n = 24 ranks, 2(n−1) = 46 steps of S/n = 1.2e9 / 24 = 5e7 bytes. NVLink: 5e7 / 5e10 =
  /// 1 ms per step. Alone, a job's slowest flow runs at the uplink's 6.25e9: 8 ms per step,
  /// comm 46 · 8 ms = 0.368 s, iteration 1.368 s (the ideal). Together 16 ms per step, comm
  /// 0.736 s, iteration 1.736 s. Factor 1.368 / 1.736, so 1000 s of work take
  /// 1000 · 1.736 / 1.368 = 1269.0058 s for both (they start and end together).
  @Test func twoJobsShareAnOversubscribedSpine() throws {
    let result = try Self.run(Self.scenario([Self.job("a"), Self.job("b")]))
    let expected = 1000 * 1.736 / 1.368
    for name in ["a", "b"] {
      let jct = try #require(Self.jct(result, name))
      #expect(abs(jct - expected) < 1e-6, "\(name): \(jct) s, expected \(expected) s")
    }
    // links.csv: in the first interval (0-100 s) leaf 1's uplink carries A's 2→0 and B's 3→4,
    // each 46 · 5e7 bytes per 1.736 s iteration = 1.32488e9 B/s: utilisation
    // 2 · 1.32488e9 / 6.25e9 = 0.42396 → 0.4240, bytes 4.6e11 / 1.736 = 264,976,958,525.3.
    let links = result.files().first { $0.name == "links.csv" }?.contents ?? ""
    let row = links.split(separator: "\n").first { $0.hasPrefix("100.000,leaf1-spine0-up,") }
    #expect(row.map(String.init) == "100.000,leaf1-spine0-up,1,0.4240,264976958525")
    #expect(result.summary.first { $0.key == "fabric_leaf_oversubscription" }?.value.number == 4)
    // jobs.csv: A's nodes 0-2 sit under leaves 0 and 1, B's 3-5 under leaves 1 and 2: 2 leaves
    // each; every cross-leaf flow crosses the one spine: 1 spine each.
    let jobs = CSVTable(result.jobsCSV())
    #expect(jobs.column("leaves") == ["2", "2"])
    #expect(jobs.column("spines") == ["1", "1"])
  }

  /// A single-node job s takes node 0 (leaf 0) under either placement. Then a 16-GPU job w:
  /// first-fit gives it nodes 1 and 2, under leaves 0 and 1, so its ring crosses the spine;
  /// topology-aware gives it the leaf with the fewest free nodes that holds both: leaf 0 has
  /// one, leaves 1-3 two each, so leaf 1 (nodes 2, 3; the lowest of the ties): 1 leaf, no
  /// spine. Both run at factor 1 here (w alone on the fabric), so only the spans differ.
  @Test func topologyAwarePlacementKeepsARingInOneLeaf() throws {
    let jobs = [Self.job("s", gpus: 8, work: 2000), Self.job("w", gpus: 16)]
    let firstFit = CSVTable(try Self.run(Self.scenario(jobs)).jobsCSV())
    #expect(firstFit.column("leaves") == ["1", "2"])
    #expect(firstFit.column("spines") == ["0", "1"])
    var scenario = Self.scenario(jobs)
    scenario.policies.placement = "topology-aware"
    let packed = try Self.run(scenario)
    #expect(CSVTable(packed.jobsCSV()).column("leaves") == ["1", "1"])
    #expect(CSVTable(packed.jobsCSV()).column("spines") == ["0", "0"])
    #expect(Self.jct(packed, "w") == 1000)
    // Without a fabric there are no leaves to pack into: a located error.
    scenario.fabric = nil
    #expect(scenario.validate().contains { $0.path == "policies.placement" })
  }

  /// Alone, the same job's flows share no link: its rate is its ideal, factor 1, JCT = work.
  /// A single-node job (8 GPUs) talks over NVLink only: factor 1 too, and no fabric flow.
  @Test func aJobAloneRunsAtItsWork() throws {
    let result = try Self.run(Self.scenario([Self.job("a"), Self.job("n", gpus: 8, work: 500)]))
    #expect(Self.jct(result, "a") == 1000)
    #expect(Self.jct(result, "n") == 500)
    // A's ring has 3 fabric flows; the single-node job none.
    #expect(result.summary.first { $0.key == "fabric_max_flows" }?.value.number == 3)
    // The single-node job spans its node's one leaf and no spine.
    #expect(CSVTable(result.jobsCSV()).column("spines").last == "0")
    #expect(CSVTable(result.jobsCSV()).column("leaves").last == "1")
  }

  /// When B ends, A gets its ideal rate back: A (work 1000) with B (work 200) starting
  /// together. Both run at f = 1.368/1.736 until B's 200 s of work are done at
  /// 200 / f = 253.8012 s; A has done 200 s of work then and runs its last 800 at factor 1:
  /// JCT 253.8012 + 800 = 1053.8012 s.
  @Test func theFactorRecoversWhenAJobLeaves() throws {
    let result = try Self.run(Self.scenario([Self.job("a"), Self.job("b", work: 200)]))
    let f = 1.368 / 1.736
    #expect(abs(Self.jct(result, "b")! - 200 / f) < 1e-6)
    #expect(abs(Self.jct(result, "a")! - (200 / f + 800)) < 1e-6)
  }

  /// Same scenario, hash routing (`Fabric.ecmpHash`, integer-only, no `Hasher`): two runs give
  /// byte-identical files, links.csv included.
  @Test func runsAreByteIdentical() throws {
    let s = Self.scenario([Self.job("a"), Self.job("b", work: 700)], routing: .hash)
    let a = try Self.run(s).files()
    let b = try Self.run(s).files()
    #expect(a.map(\.name).contains("links.csv"))
    #expect(a.map(\.name) == b.map(\.name))
    for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name) differs") }
  }

  /// Rails: one host per GPU (8 per node, 64 hosts), rail leaves per group of 2 nodes. A
  /// 16-GPU job on nodes 0 and 1 runs 8 channels, each a flow from port c of one node to port c
  /// of the other and back, all inside rail leaf c of group 0: 16 flows, each alone on its host
  /// links, so the job runs at its ideal: JCT = work.
  @Test func railsRunEveryChannel() throws {
    var s = Self.scenario([Self.job("a", gpus: 16)])
    s.fabric?.hosts = .rails
    let result = try Self.run(s)
    #expect(Self.jct(result, "a") == 1000)
    #expect(result.summary.first { $0.key == "fabric_max_flows" }?.value.number == 16)
  }

  /// A scenario without `fabric:` has no network model: no links.csv, no fabric columns.
  @Test func noFabricNoModel() throws {
    var s = Self.scenario([Self.job("a")])
    s.fabric = nil
    let result = try Self.run(s)
    #expect(!result.files().map(\.name).contains("links.csv"))
    #expect(!result.timeseriesCSV().contains("fabric_max_link_util"))
    #expect(Self.jct(result, "a") == 1000)
  }
}
