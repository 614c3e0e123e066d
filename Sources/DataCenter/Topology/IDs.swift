/// Typed IDs of the physical model. Each is an index into the arrays of `Site`, never a
/// dictionary key that gets iterated (STYLE.md §2).
public struct HallID: Hashable, Comparable, Sendable {
  public var raw: UInt32
  public init(_ raw: Int) { self.raw = UInt32(raw) }
  @inlinable public var index: Int { Int(raw) }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// A row of racks within a hall; numbered across the whole site.
public struct RowID: Hashable, Comparable, Sendable {
  public var raw: UInt32
  public init(_ raw: Int) { self.raw = UInt32(raw) }
  @inlinable public var index: Int { Int(raw) }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// A rack; numbered across the whole site.
public struct RackID: Hashable, Comparable, Sendable {
  public var raw: UInt32
  public init(_ raw: Int) { self.raw = UInt32(raw) }
  @inlinable public var index: Int { Int(raw) }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// A server (node); numbered across the whole site.
public struct NodeID: Hashable, Comparable, Sendable {
  public var raw: UInt32
  public init(_ raw: Int) { self.raw = UInt32(raw) }
  @inlinable public var index: Int { Int(raw) }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// A GPU; numbered across the whole site, contiguous within a node.
public struct GPUID: Hashable, Comparable, Sendable {
  public var raw: UInt32
  public init(_ raw: Int) { self.raw = UInt32(raw) }
  @inlinable public var index: Int { Int(raw) }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}
