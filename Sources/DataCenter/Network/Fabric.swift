import SimKernel

/// A host of the fabric: one NIC port, named `h<raw>` in flow files.
public struct HostID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// One direction of one fabric link.
public struct LinkID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A built spine-leaf fabric: its directed links and their capacities, and static routing.
///
/// **Link numbering** (each direction its own link; `S` spines per pod, `X` super-spines):
/// - host `h`: up (host → leaf) `2h`, down (leaf → host) `2h + 1`;
/// - leaf `l`, spine `s` of its pod: up `B₁ + 2(l·S + s)`, down `+1`, with `B₁ = 2·hosts`;
/// - spine `g = pod·S + s`, super-spine `x`: up `B₂ + 2(g·X + x)`, down `+1`,
///   with `B₂ = B₁ + 2·leaves·S`.
///
/// **Paths** (one static path per flow, DESIGN.md "Topology"): same host, no link; same leaf,
/// host up then host down; same pod, host up, leaf → spine `s`, spine `s` → leaf, host down;
/// other pod, host up, leaf → spine `s`, spine → super-spine `x`, super-spine → spine `s` of the
/// destination pod, spine → leaf, host down (spine planes: the same `s` in both pods).
public struct Fabric: Sendable {
  /// What was built.
  public let spec: FabricSpec
  /// Directed links.
  public let linkCount: Int
  let leafBase: Int
  let spineBase: Int

  /// Builds the fabric of a valid spec (`spec.validate()` empty; checked).
  public init(_ spec: FabricSpec) {
    precondition(spec.validate().isEmpty, "invalid fabric: \(spec.validate())")
    self.spec = spec
    leafBase = 2 * spec.hosts
    spineBase = leafBase + 2 * spec.leaves * spec.spines
    let superLinks = spec.pods > 1 ? 2 * spec.pods * spec.spines * spec.superSpines : 0
    linkCount = spineBase + superLinks
  }

  /// The leaf switch of `host` (rail-optimised layout included).
  public func leaf(of host: HostID) -> Int {
    let k = spec.railsPerNode
    if k == 1 { return host.index / spec.hostsPerLeaf }
    let node = host.index / k
    return (node / spec.hostsPerLeaf) * k + host.index % k
  }

  /// The pod of leaf `leaf`.
  public func pod(ofLeaf leaf: Int) -> Int {
    guard let perPod = spec.leavesPerPod else { return 0 }
    return leaf / perPod
  }

  /// The capacity of `link` in bytes per second, each direction.
  public func capacity(of link: LinkID) -> Double {
    if link.index < leafBase { return spec.hostLinkBytesPerSecond }
    if link.index < spineBase { return spec.uplinkBytesPerSecond }
    return spec.superUplinkBytesPerSecond
  }

  /// The tier of `link`: 0 host links, 1 leaf-spine, 2 spine-super-spine.
  public func tier(of link: LinkID) -> Int {
    link.index < leafBase ? 0 : link.index < spineBase ? 1 : 2
  }

  /// Host `h`'s uplink (host → leaf).
  public func hostUplink(_ h: HostID) -> LinkID { LinkID(2 * h.index) }
  /// Host `h`'s downlink (leaf → host).
  public func hostDownlink(_ h: HostID) -> LinkID { LinkID(2 * h.index + 1) }
  /// Leaf `leaf` → spine `spine` of its pod (`down: true` for spine → leaf).
  public func leafLink(leaf: Int, spine: Int, down: Bool) -> LinkID {
    LinkID(leafBase + 2 * (leaf * spec.spines + spine) + (down ? 1 : 0))
  }
  /// Spine `spine` of pod `pod` → super-spine `superSpine` (`down: true` for the reverse).
  public func spineLink(pod: Int, spine: Int, superSpine: Int, down: Bool) -> LinkID {
    let g = pod * spec.spines + spine
    return LinkID(spineBase + 2 * (g * spec.superSpines + superSpine) + (down ? 1 : 0))
  }

  /// Writes the path of a flow from `source` to `destination` into `path` (cleared first).
  /// `flowKey` feeds the ECMP hash; it does not matter for `modulo` routing.
  /// - Complexity: O(1); no allocation once `path` has room for 6 links.
  public func route(
    from source: HostID, to destination: HostID, flowKey: UInt64, into path: inout [LinkID]
  ) {
    path.removeAll(keepingCapacity: true)
    if source == destination { return }
    let ls = leaf(of: source)
    let ld = leaf(of: destination)
    path.append(hostUplink(source))
    if ls != ld {
      let (s, x) = choice(source, destination, flowKey)
      path.append(leafLink(leaf: ls, spine: s, down: false))
      let ps = pod(ofLeaf: ls)
      let pd = pod(ofLeaf: ld)
      if ps != pd {
        path.append(spineLink(pod: ps, spine: s, superSpine: x, down: false))
        path.append(spineLink(pod: pd, spine: s, superSpine: x, down: true))
      }
      path.append(leafLink(leaf: ld, spine: s, down: true))
    }
    path.append(hostDownlink(destination))
  }

  /// The path as a new array (see `route(from:to:flowKey:into:)`).
  public func route(from source: HostID, to destination: HostID, flowKey: UInt64) -> [LinkID] {
    var path: [LinkID] = []
    route(from: source, to: destination, flowKey: flowKey, into: &path)
    return path
  }

  /// The ECMP hash: `h = m(m(m(flowKey) ⊕ source) ⊕ destination)`, where `m` is the SplitMix64
  /// finaliser (`z ^= z >> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >> 27; z *= 0x94d049bb133111eb;
  /// z ^= z >> 31`, wrapping). The spine is `⌊h · S / 2⁶⁴⌋`, the super-spine `⌊m(h) · X / 2⁶⁴⌋`.
  /// Integer operations only: the same on every machine and process (no `Hasher`).
  public static func ecmpHash(source: HostID, destination: HostID, flowKey: UInt64) -> UInt64 {
    mix(mix(mix(flowKey) ^ UInt64(source.raw)) ^ UInt64(destination.raw))
  }

  // MARK: - Private

  /// (spine within the pod, super-spine) for a flow between leaves.
  func choice(_ source: HostID, _ destination: HostID, _ flowKey: UInt64) -> (Int, Int) {
    let spines = UInt64(spec.spines)
    let supers = UInt64(Swift.max(spec.superSpines, 1))
    switch spec.routing {
    case .modulo:
      let sum = UInt64(source.raw) + UInt64(destination.raw)
      return (Int(sum % spines), Int((sum / spines) % supers))
    case .hash:
      let h = Self.ecmpHash(source: source, destination: destination, flowKey: flowKey)
      return (
        Int(h.multipliedFullWidth(by: spines).high),
        Int(Self.mix(h).multipliedFullWidth(by: supers).high)
      )
    }
  }

  static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
