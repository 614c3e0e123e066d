import SimKernel
import Testing

@testable import DataCenter

/// Fabric shapes, link numbering, routing and validation, derived from the definitions in
/// `Fabric.swift` and `FabricSpec.swift`.
@Suite struct FabricTests {
  /// 100 Gb/s = 12.5e9 B/s; 400 Gb/s = 50e9 B/s.
  static let g100 = 12.5e9
  static let g400 = 50e9

  static func benchmarkSpec(spines: Int, routing: FabricSpec.Routing = .modulo) -> FabricSpec {
    FabricSpec(
      hosts: 128, hostsPerLeaf: 16, spines: spines, hostLinkBytesPerSecond: g100,
      uplinkBytesPerSecond: g400, routing: routing)
  }

  /// 128 hosts / 16 = 8 leaves; links: 2·128 host + 2·8·4 leaf-spine = 320. Oversubscription
  /// 16·100 / (4·400) = 1 (non-blocking), and 16·100 / (1·400) = 4 with one spine.
  @Test func shapeAndOversubscription() {
    let f = Fabric(Self.benchmarkSpec(spines: 4))
    #expect(f.spec.leaves == 8)
    #expect(f.linkCount == 320)
    #expect(f.spec.leafOversubscription == 1)
    #expect(f.spec.spineOversubscription == nil)
    #expect(Self.benchmarkSpec(spines: 1).leafOversubscription == 4)
  }

  /// h1 → h3 under leaf 0: only h1's uplink (2·1 = 2) and h3's downlink (2·3 + 1 = 7).
  /// h1 → h20 (leaf 1), modulo: spine (1 + 20) mod 4 = 1; leaf-spine links start at 256:
  /// leaf 0 up to spine 1 = 256 + 2(0·4 + 1) = 258, spine 1 down to leaf 1 = 256 + 2(1·4 + 1)
  /// + 1 = 267; h20 down = 41.
  @Test func moduloPaths() {
    let f = Fabric(Self.benchmarkSpec(spines: 4))
    #expect(f.route(from: HostID(1), to: HostID(3), flowKey: 0) == [LinkID(2), LinkID(7)])
    #expect(
      f.route(from: HostID(1), to: HostID(20), flowKey: 99)
        == [LinkID(2), LinkID(258), LinkID(267), LinkID(41)])
    #expect(f.route(from: HostID(5), to: HostID(5), flowKey: 0).isEmpty)
    #expect(f.capacity(of: LinkID(2)) == Self.g100 && f.capacity(of: LinkID(258)) == Self.g400)
  }

  /// The hash's finaliser is SplitMix64's: the first output of SplitMix64 seeded 0 is
  /// mix(0x9e3779b97f4a7c15) = 0xe220a8397b1dcdaf (Vigna's reference splitmix64.c).
  /// Over 4,000 flow keys between one pair of leaves the spines are used about evenly: each
  /// count is within 1000 ± 150 (a binomial(4000, 1/4) has σ ≈ 27).
  @Test func hashRoutingIsFixedAndSpreads() {
    #expect(Fabric.mix(0x9e37_79b9_7f4a_7c15) == 0xe220_a839_7b1d_cdaf)
    let f = Fabric(Self.benchmarkSpec(spines: 4, routing: .hash))
    var counts = [0, 0, 0, 0]
    for key in UInt64(0)..<4_000 {
      let path = f.route(from: HostID(0), to: HostID(16), flowKey: key)
      let spine = (path[1].index - 256) / 2 % 4
      counts[spine] += 1
      let h = Fabric.ecmpHash(source: HostID(0), destination: HostID(16), flowKey: key)
      #expect(spine == Int(h.multipliedFullWidth(by: 4).high))
    }
    #expect(counts.allSatisfy { abs($0 - 1000) <= 150 }, "\(counts)")
  }

  /// Two pods of 2 leaves (4 hosts each, 2 spines per pod, 2 super-spines). h0 (pod 0, leaf 0)
  /// → h12 (pod 1, leaf 3), modulo: spine (0 + 12) mod 2 = 0, super-spine (12 / 2) mod 2 = 0.
  /// Bases: B₁ = 2·16 = 32, B₂ = 32 + 2·4·2 = 48. Links: h0 up 0; leaf 0 → spine 0: 32;
  /// pod-0 spine 0 → super 0: 48; super 0 → pod-1 spine 0 (g = 2): 48 + 2(2·2 + 0) + 1 = 57;
  /// spine 0 → leaf 3: 32 + 2(3·2 + 0) + 1 = 45; h12 down 25. Spine oversubscription
  /// 2 leaves · 50 / (2 · 25) = 2.
  @Test func superSpineJoinsPods() {
    let spec = FabricSpec(
      hosts: 16, hostsPerLeaf: 4, spines: 2, leavesPerPod: 2, superSpines: 2,
      hostLinkBytesPerSecond: 1, uplinkBytesPerSecond: 50, superUplinkBytesPerSecond: 25,
      routing: .modulo)
    #expect(spec.validate().isEmpty)
    let f = Fabric(spec)
    #expect(f.linkCount == 48 + 2 * 4 * 2)
    #expect(spec.spineOversubscription == 2)
    #expect(
      f.route(from: HostID(0), to: HostID(12), flowKey: 0).map(\.raw) == [0, 32, 48, 57, 45, 25])
    #expect(f.tier(of: LinkID(48)) == 2 && f.capacity(of: LinkID(57)) == 25)
  }

  /// Rail-optimised, 8 ports per node, groups of 2 nodes: GPU 0 of node 0 (h0) and of node 1
  /// (h8) share rail leaf 0, so their flow uses only two host links; GPU 0 and GPU 1 of one
  /// node (h0, h1) are on rail leaves 0 and 1 and cross a spine.
  @Test func railOptimisedLayout() {
    let spec = FabricSpec(
      hosts: 32, hostsPerLeaf: 2, spines: 2, hostLinkBytesPerSecond: 1,
      uplinkBytesPerSecond: 1, railsPerNode: 8)
    #expect(spec.validate().isEmpty)
    let f = Fabric(spec)
    #expect(f.leaf(of: HostID(0)) == 0 && f.leaf(of: HostID(8)) == 0)
    #expect(f.leaf(of: HostID(1)) == 1 && f.leaf(of: HostID(17)) == 9)
    #expect(f.route(from: HostID(0), to: HostID(8), flowKey: 0).count == 2)
    #expect(f.route(from: HostID(0), to: HostID(1), flowKey: 0).count == 4)
  }

  /// Every problem is reported, each under its key.
  @Test func validationReportsEveryProblem() {
    var spec = Self.benchmarkSpec(spines: 0)
    spec.hosts = 130
    spec.uplinkBytesPerSecond = 0
    let keys = spec.validate().map(\.key)
    #expect(keys == ["spines", "uplink", "hosts_per_leaf"])
    #expect(spec.validate().last?.message == "130 hosts do not divide into leaves of 16")
    spec = Self.benchmarkSpec(spines: 4)
    spec.leavesPerPod = 4
    #expect(spec.validate().map(\.key) == ["super_spines", "super_uplink"])
  }

  /// A mistyped spine count is refused before anything is allocated: 32 hosts in leaves of 4
  /// (8 leaves) with 1e9 spines would number 2·32 + 2·8·1e9 = 16,000,000,064 directed links,
  /// above the 10 million bound; 2 pods of 4 leaves with 10,000 spines and 10,000
  /// super-spines would add 2·2·1e4·1e4 = 4e8.
  @Test func hugeSpineCountsAreRefused() {
    let wide = FabricSpec(
      hosts: 32, hostsPerLeaf: 4, spines: 1_000_000_000, hostLinkBytesPerSecond: 1,
      uplinkBytesPerSecond: 1)
    #expect(
      wide.validate().map(\.message) == [
        "the fabric would have 16000000064 directed links; at most 10000000 (check hosts, "
          + "spines and super_spines)"
      ])
    let tall = FabricSpec(
      hosts: 32, hostsPerLeaf: 4, spines: 10_000, leavesPerPod: 4, superSpines: 10_000,
      hostLinkBytesPerSecond: 1, uplinkBytesPerSecond: 1, superUplinkBytesPerSecond: 1)
    #expect(tall.validate().contains { $0.key == "spines" })
  }
}
