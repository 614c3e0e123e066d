/// Generation counters for lazy cancellation, one per entity, indexed by the entity's raw ID.
///
/// To reschedule an entity's completion, `bump` its generation and schedule a new event that
/// carries the new value; when an event pops, `isCurrent` tells whether it is still valid.
/// Stale events cost one pop each and no search (STYLE.md §4 rule 3).
public struct Generations: Sendable {
  @usableFromInline internal var values: [UInt32]

  public init(count: Int = 0) { values = Array(repeating: 0, count: count) }

  /// Makes room for entities `0..<count`, with generation 0 for new ones.
  public mutating func grow(to count: Int) {
    if values.count < count {
      values.append(contentsOf: repeatElement(0, count: count - values.count))
    }
  }

  /// The current generation of entity `index`.
  @inlinable public subscript(index: Int) -> UInt32 { values[index] }

  /// Invalidates every pending event of entity `index` and returns the new generation.
  /// - Complexity: O(1).
  @inlinable @discardableResult
  public mutating func bump(_ index: Int) -> UInt32 {
    values[index] &+= 1
    return values[index]
  }

  /// Whether an event stamped with `generation` is still valid for entity `index`.
  @inlinable public func isCurrent(_ index: Int, _ generation: UInt32) -> Bool {
    values[index] == generation
  }
}
