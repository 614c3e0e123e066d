import DataCenter
import Racksim
import Testing
import Workloads

/// The `fabric:` section and a workload's `communication:`: values, the derived
/// oversubscription, and one located error per bad input.
@Suite struct FabricSectionTests {
  /// 2 racks of DGX H100 (4 nodes of 8 GPUs each): 8 nodes.
  static let base = """
    name: t
    horizon: 1h
    site: {halls: [{name: h, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}]}
    workloads: [{name: w, type: poisson, mean_interarrival: 10m, gpus: {16: 1}, duration: {distribution: exponential, mean: 1h}}]

    """

  /// leaf: rack gives 4 nodes per leaf; 4 · 100 Gb/s / (1 · 100 Gb/s) = 4:1.
  @Test func readsAndResolves() throws {
    let s = try ScenarioTestHelpers.load(
      Self.base + "fabric: {leaf: rack, spines: 1, host_link: 100Gbps, uplink: 100Gbps}\n")
    let f = try #require(s.fabric)
    // 100 Gb/s = 100e9 / 8 = 12.5e9 B/s.
    #expect(f.hostLinkBytesPerSecond == 12.5e9 && f.routing == .hash && f.recordLinks)
    let spec = try f.resolve(site: s.site, catalog: s.hardware).get()
    #expect(spec.hosts == 8 && spec.hostsPerLeaf == 4 && spec.leaves == 2)
    #expect(spec.leafOversubscription == 4)
    // Rails: 8 nodes × 8 GPUs = 64 hosts on 2 groups × 8 rail leaves.
    let rails = try ScenarioTestHelpers.load(
      Self.base
        + "fabric: {hosts: rails, leaf: row, spines: 2, host_link: 400Gbps, uplink: 800Gbps}\n")
    let r = try #require(rails.fabric).resolve(site: rails.site, catalog: rails.hardware).get()
    // leaf: row = 8 nodes per group, one group, 8 rail leaves; 8 · 400 / (2 · 800) = 2.
    #expect(r.hosts == 64 && r.railsPerNode == 8 && r.leaves == 8)
    #expect(r.leafOversubscription == 2)
    #expect(try ScenarioTestHelpers.load(Self.base).fabric == nil)
  }

  /// Line 5 is the fabric line. In "fabric: {spines: 0, hosts_per_leaf: 3, host_link: 1Gbps,
  /// uplink: 1Gbps, routing: ecmp}" ("{" is column 9) the value "ecmp" starts at column 82.
  @Test func badInputIsLocated() {
    let problems = ScenarioTestHelpers.problems(
      Self.base
        + "fabric: {spines: 0, hosts_per_leaf: 3, host_link: 1Gbps, uplink: 1Gbps, routing: ecmp}\n"
    )
    #expect(
      problems.contains { $0.hasPrefix("s.yaml:5:82: fabric.routing: unknown routing 'ecmp'") })
    // "spines" starts at column 10 and its value 0 at 18; the value 3 of hosts_per_leaf at
    // 37, and 2 racks × 4 nodes = 8 nodes do not divide by 3. "spine" (below) at 54.
    #expect(problems.contains { $0.hasPrefix("s.yaml:5:18: fabric.spines: must be >= 1") })
    #expect(
      problems.contains {
        $0.hasPrefix("s.yaml:5:37: fabric.hosts_per_leaf: 8 nodes do not divide into leaves of 3")
      })
    let unknown = ScenarioTestHelpers.problems(
      Self.base + "fabric: {spines: 1, host_link: 1Gbps, uplink: 1Gbps, spine: 2}\n")
    #expect(
      unknown.contains {
        $0.hasPrefix("s.yaml:5:54: unknown key 'spine' in fabric; did you mean 'spines'?")
          && $0.contains("valid keys: host_link, hosts,")
      })
    // Two pods need a super-spine layer; super_spines is absent, so it is reported at the
    // section.
    let pods = ScenarioTestHelpers.problems(
      Self.base + "fabric: {pods: 2, spines: 1, host_link: 1Gbps, uplink: 1Gbps}\n")
    #expect(pods.contains { $0.contains("fabric.super_spines: must be >= 1 to join 2 pods") })
  }

  /// Both volume forms, and their errors.
  @Test func communicationIsRead() throws {
    let job =
      "{name: w, type: poisson, mean_interarrival: 10m, gpus: {16: 1}, "
      + "duration: {distribution: exponential, mean: 1h}, communication: "
    let head =
      "name: t\nhorizon: 1h\n"
      + "site: {halls: [{name: h, rows: 1, racks_per_row: 2, rack_type: dgx-h100-rack}]}\n"
    let s = try ScenarioTestHelpers.load(
      head + "workloads: [" + job
        + "{gradient_bytes: 2GB, compute_s_per_iteration: 0.5, overlap: 0.25}}]\n")
    guard case .poisson(let source) = s.workloads[0] else {
      Issue.record("not poisson")
      return
    }
    let c = try #require(source.communication)
    #expect(c.volume == .gradientBytes(2e9) && c.overlap == 0.25 && c.collective == .ring)
    // 7e9 parameters × 2 bytes (bf16) / (tensor 8 · pipeline 1) = 1.75e9 bytes.
    let m = try ScenarioTestHelpers.load(
      head + "workloads: [" + job
        + "{parameters: 7e9, precision: bf16, tensor: 8, compute_s_per_iteration: 1, "
        + "collective: tree}}]\n")
    guard case .poisson(let ms) = m.workloads[0] else {
      Issue.record("not poisson")
      return
    }
    #expect(ms.communication?.allReduceBytes == 1.75e9 && ms.communication?.collective == .tree)
    // 16 GPUs do not divide into tensor 3 × pipeline 1.
    let bad = ScenarioTestHelpers.problems(
      head + "workloads: [" + job + "{parameters: 1e9, tensor: 3, compute_s_per_iteration: 1}}]\n")
    #expect(bad.contains { $0.contains("does not divide into tensor × pipeline = 3") })
    // A degree of 2^63 − 1 is refused (at most a million each), so data × tensor × pipeline
    // never overflows: before the bound it trapped.
    let huge = ScenarioTestHelpers.problems(
      head + "workloads: [" + job
        + "{parameters: 1e9, tensor: 8, data: 9223372036854775807, compute_s_per_iteration: 1}}]\n")
    #expect(
      huge.contains {
        $0.hasSuffix("communication.data: must be at most 1000000, got 9223372036854775807")
      },
      "\(huge)")
    let neither = ScenarioTestHelpers.problems(
      head + "workloads: [" + job + "{compute_s_per_iteration: 1, overlap: 2}}]\n")
    #expect(neither.contains { $0.contains("missing gradient_bytes or parameters") })
  }
}
