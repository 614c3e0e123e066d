/// The GPU, node and rack types a scenario can use: the built-ins below, plus whatever the
/// scenario overrides or adds. Lookups are by name; listing is always in name order.
public struct HardwareCatalog: Sendable, Equatable, Codable {
  public private(set) var gpus: [GPUType]
  public private(set) var nodes: [NodeType]
  public private(set) var racks: [RackType]

  public init(gpus: [GPUType] = [], nodes: [NodeType] = [], racks: [RackType] = []) {
    self.gpus = []
    self.nodes = []
    self.racks = []
    for g in gpus { upsert(g) }
    for n in nodes { upsert(n) }
    for r in racks { upsert(r) }
  }

  public func gpu(named name: String) -> GPUType? { gpus.first { $0.name == name } }
  public func node(named name: String) -> NodeType? { nodes.first { $0.name == name } }
  public func rack(named name: String) -> RackType? { racks.first { $0.name == name } }

  /// Adds `type`, or replaces the one with the same name; keeps the list sorted by name.
  public mutating func upsert(_ type: GPUType) { Self.upsert(type, into: &gpus, name: \.name) }
  public mutating func upsert(_ type: NodeType) { Self.upsert(type, into: &nodes, name: \.name) }
  public mutating func upsert(_ type: RackType) { Self.upsert(type, into: &racks, name: \.name) }

  /// Every problem in the catalog: invalid figures and references to unknown types.
  public func validate() -> [String] {
    gpus.flatMap { problems(ofGPU: $0.name) } + nodes.flatMap { problems(ofNode: $0.name) }
      + racks.flatMap { problems(ofRack: $0.name) }
  }

  /// The problems of GPU type `name` (none when there is no such type).
  public func problems(ofGPU name: String) -> [String] { gpu(named: name)?.validate() ?? [] }

  /// The problems of node type `name`: its figures, and a GPU type the catalog lacks.
  public func problems(ofNode name: String) -> [String] {
    guard let n = node(named: name) else { return [] }
    var problems = n.validate()
    if gpu(named: n.gpu) == nil {
      problems.append(
        "node '\(n.name)': unknown gpu '\(n.gpu)'; known: \(gpus.map(\.name).joined(separator: ", "))"
      )
    }
    return problems
  }

  /// The problems of rack type `name`: its figures, and a node type the catalog lacks.
  public func problems(ofRack name: String) -> [String] {
    guard let r = rack(named: name) else { return [] }
    var problems = r.validate()
    if node(named: r.node) == nil {
      problems.append(
        "rack '\(r.name)': unknown node '\(r.node)'; known: \(nodes.map(\.name).joined(separator: ", "))"
      )
    }
    return problems
  }

  // MARK: - Private

  private static func upsert<T>(_ item: T, into list: inout [T], name: KeyPath<T, String>) {
    if let i = list.firstIndex(where: { $0[keyPath: name] == item[keyPath: name] }) {
      list[i] = item
    } else {
      let i = list.firstIndex { $0[keyPath: name] > item[keyPath: name] } ?? list.count
      list.insert(item, at: i)
    }
  }
}
