/// A typed index: each entity kind has its own ID type, so a rack ID cannot be passed where a
/// node ID is expected (STYLE.md §2). Each is an index into the arrays of `Site` or the job
/// table, never a dictionary key that gets iterated.
public protocol TypedID: Hashable, Comparable, Sendable {
  var raw: UInt32 { get }
  init(raw: UInt32)
}

extension TypedID {
  /// The ID of the entity at `index`.
  @inlinable public init(_ index: Int) { self.init(raw: UInt32(index)) }
  /// The array index.
  @inlinable public var index: Int { Int(raw) }
  @inlinable public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// A hall of the site.
public struct HallID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A row of racks; numbered across the whole site.
public struct RowID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A rack; numbered across the whole site.
public struct RackID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A server (node); numbered across the whole site.
public struct NodeID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A GPU; numbered across the whole site, contiguous within a node.
public struct GPUID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}
