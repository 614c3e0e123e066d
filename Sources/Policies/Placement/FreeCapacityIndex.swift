/// A max segment tree over per-node values: "the first node at or after `start` whose value is
/// at least `v`" in O(log n), and a point update in O(log n).
///
/// Placement reads it instead of scanning every node (issue "Engine for many models", item 5):
/// with values = free GPUs of usable nodes (-1 when unusable), first-fit's single-node query is
/// one descent; with values = 1 for wholly free usable nodes, the k wholly free nodes of a
/// multi-node job are k descents.
///
/// Layout: an implicit complete binary tree in one array of `2 * size` entries, leaves at
/// `size ..< size + n` (size = the next power of two ≥ n), padding leaves at `Int32.min`.
public struct FreeCapacityIndex: Sendable, Equatable {
  @usableFromInline var tree: [Int32]
  @usableFromInline let size: Int
  /// The number of values.
  public let count: Int

  /// An index over `values`.
  /// - Complexity: O(n).
  public init(_ values: [Int32]) {
    count = values.count
    var size = 1
    while size < Swift.max(values.count, 1) { size <<= 1 }
    self.size = size
    var tree = Array(repeating: Int32.min, count: 2 * size)
    for (i, v) in values.enumerated() { tree[size + i] = v }
    var k = size - 1
    while k >= 1 {
      tree[k] = Swift.max(tree[2 * k], tree[2 * k + 1])
      k -= 1
    }
    self.tree = tree
  }

  /// The value at `i`.
  @inlinable public subscript(i: Int) -> Int32 { tree[size + i] }

  /// Sets the value at `i`.
  /// - Complexity: O(log n).
  @inlinable public mutating func set(_ i: Int, to value: Int32) {
    var k = size + i
    guard tree[k] != value else { return }
    tree[k] = value
    k >>= 1
    while k >= 1 {
      let m = Swift.max(tree[2 * k], tree[2 * k + 1])
      if tree[k] == m { break }
      tree[k] = m
      k >>= 1
    }
  }

  /// The smallest index ≥ `start` whose value is ≥ `value`, or nil.
  /// - Complexity: O(log n).
  @inlinable public func first(atLeast value: Int32, from start: Int = 0) -> Int? {
    guard start < count, tree[1] >= value else { return nil }
    // Walk up from the leaf of `start`, looking right for a subtree that holds a match.
    var k = size + Swift.max(start, 0)
    if tree[k] >= value { return k - size }
    while k > 1 {
      if k & 1 == 0 && tree[k + 1] >= value {
        k += 1
        break
      }
      k >>= 1
    }
    guard k > 1 else { return nil }
    // Descend to the leftmost matching leaf.
    while k < size { k = tree[2 * k] >= value ? 2 * k : 2 * k + 1 }
    let i = k - size
    return i < count ? i : nil
  }
}
