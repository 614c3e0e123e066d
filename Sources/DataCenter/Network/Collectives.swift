/// A collective operation of `n` ranks expressed as synchronous steps of flows: what each
/// NVLink hop and each fabric flow carries per step (issue 9 item 4; DESIGN.md "Network").
///
/// **Ranks and hosts.** The ranks are the GPUs of `N` nodes, `g` per node, in node-major order
/// (`n = N · g`). Each node has `C` fabric hosts (1, or `g` for rails; host `node · C + c`, as
/// in `FabricSpec`'s rail layout). Traffic between GPUs of one node goes over NVLink/NVSwitch
/// at the node type's per-GPU bandwidth per direction, never over the fabric; traffic between
/// nodes is split evenly over the `C` channels, channel `c` using host `c` of each node.
///
/// **Time** (REFERENCES.md §5.1 [P]): every step waits for its slowest transfer, so
/// `T = steps · max(nvlinkBytesPerStep / B_nvlink, flowBytesPerStep / r_min)` with `r_min` the
/// smallest rate among the flows. Per algorithm (`S` the operation size in bytes):
/// - ring all-reduce: `2(n−1)` steps; each rank sends `S/n` to its successor per step, so an
///   NVLink hop carries `S/n` and each of the `C` flows from node `i` to node `i+1 (mod N)`
///   carries `S/(n·C)`. On `n` single-GPU hosts of bandwidth `B` on a non-blocking switch:
///   `T = 2(n−1)/n · S/B`, the §5.1 ideal; busbw = (S/T) · 2(n−1)/n = B.
/// - reduce-scatter and all-gather (ring): `n−1` steps of the same pattern,
///   `T = (n−1)/n · S/B` (§5.1, S the total array size).
/// - tree all-reduce: a pipelined binary tree over the nodes (node `i`'s parent is
///   `(i−1)/2`) and a chain inside each node; reduce (up) and broadcast (down) stream
///   concurrently, so it is one "step" in which every tree edge carries `S/C` per channel each
///   way and NVLink carries `S`. Interior nodes send to a parent and two children at once:
///   on a non-blocking switch their uplink is shared by three flows, `T = 3S/B` [D]. NCCL's
///   double binary tree halves that; this model is the simpler single tree.
/// - all-to-all: one step; each rank sends `S/n` to every other rank, so node `i` sends
///   `g²·S/n` to node `j ≠ i` (split over `C` flows) and NVLink carries `(g−1)·S/n` per GPU.
///   `N(N−1)·C` flows: meant for small groups.
///
/// Latency terms (the α of the α–β model, §5.1 [U]) are left out: the flow model has zero
/// hop latency by default.
public struct CollectivePlan: Sendable, Equatable {
  /// The collectives.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case ringAllReduce = "ring-all-reduce"
    case treeAllReduce = "tree-all-reduce"
    case reduceScatter = "reduce-scatter"
    case allGather = "all-gather"
    case allToAll = "all-to-all"
  }

  /// One fabric flow of the plan.
  public struct Flow: Sendable, Equatable {
    public var source: HostID
    public var destination: HostID
    public init(source: HostID, destination: HostID) {
      self.source = source
      self.destination = destination
    }
  }

  public let kind: Kind
  /// Ranks (GPUs).
  public let ranks: Int
  /// Synchronous steps.
  public let steps: Int
  /// Bytes each NVLink hop (one GPU, one direction) carries per step; 0 without NVLink traffic.
  public let nvlinkBytesPerStep: Double
  /// Bytes each fabric flow carries per step.
  public let flowBytesPerStep: Double
  /// The fabric flows, all carrying `flowBytesPerStep` per step.
  public let flows: [Flow]

  /// The plan of `kind` over `S = bytes` on the GPUs of `nodes` (in rank order), each with
  /// `gpusPerNode` GPUs and `hostsPerNode` fabric hosts.
  /// - Complexity: O(N · C) flows (O(N² · C) for all-to-all).
  public init(
    _ kind: Kind, bytes: Double, nodes: [Int], gpusPerNode: Int, hostsPerNode: Int = 1
  ) {
    let bigN = nodes.count
    let g = Swift.max(1, gpusPerNode)
    let c = Swift.max(1, hostsPerNode)
    let n = bigN * g
    self.kind = kind
    ranks = n
    var flows: [Flow] = []
    func host(_ k: Int, _ channel: Int) -> HostID { HostID(nodes[k] * c + channel) }
    func link(_ a: Int, _ b: Int) {
      for ch in 0..<c { flows.append(Flow(source: host(a, ch), destination: host(b, ch))) }
    }
    let perRank = n > 0 ? bytes / Double(n) : 0
    switch kind {
    case .ringAllReduce, .reduceScatter, .allGather:
      steps = n <= 1 ? 0 : (kind == .ringAllReduce ? 2 * (n - 1) : n - 1)
      nvlinkBytesPerStep = g > 1 ? perRank : 0
      flowBytesPerStep = perRank / Double(c)
      if bigN > 1 { for k in 0..<bigN { link(k, (k + 1) % bigN) } }
    case .treeAllReduce:
      steps = n <= 1 ? 0 : 1
      nvlinkBytesPerStep = g > 1 ? bytes : 0
      flowBytesPerStep = bytes / Double(c)
      if bigN > 1 {
        for k in 1..<bigN {
          link(k, (k - 1) / 2)
          link((k - 1) / 2, k)
        }
      }
    case .allToAll:
      steps = n <= 1 ? 0 : 1
      nvlinkBytesPerStep = g > 1 ? Double(g - 1) * perRank : 0
      flowBytesPerStep = Double(g * g) * perRank / Double(c)
      for a in 0..<bigN { for b in 0..<bigN where b != a { link(a, b) } }
    }
    self.flows = flows
  }

  /// The time of the operation when the flows run at `minimumFlowRate` (the slowest; bytes/s)
  /// and NVLink at `nvlinkBytesPerSecond` per GPU and direction:
  /// `steps · max(nvlinkBytesPerStep / B_nvlink, flowBytesPerStep / r_min)`, seconds.
  /// Infinite when a needed rate is 0.
  public func seconds(nvlinkBytesPerSecond: Double, minimumFlowRate: Double) -> Double {
    guard steps > 0 else { return 0 }
    var step = 0.0
    if nvlinkBytesPerStep > 0 { step = nvlinkBytesPerStep / nvlinkBytesPerSecond }
    if !flows.isEmpty && flowBytesPerStep > 0 {
      step = Swift.max(step, flowBytesPerStep / minimumFlowRate)
    }
    return Double(steps) * step
  }

  /// The NCCL bus-bandwidth factor of REFERENCES.md §5.1: busbw = algbw × factor, with
  /// algbw = S / t. All-reduce 2(n−1)/n; reduce-scatter, all-gather, all-to-all (n−1)/n.
  public static func busBandwidthFactor(_ kind: Kind, ranks n: Int) -> Double {
    guard n > 0 else { return 0 }
    let x = Double(n - 1) / Double(n)
    switch kind {
    case .ringAllReduce, .treeAllReduce: return 2 * x
    case .reduceScatter, .allGather, .allToAll: return x
    }
  }
}
