import SimKernel
import Workloads

/// Running jobs' estimated ends in (end, job ID) order, for EASY's shadow time: an ordered
/// walk from the earliest end stops as soon as enough GPUs would be released.
///
/// Stored as sorted blocks of at most `maxBlock` entries (a one-level B-tree, "sqrt
/// decomposition"), so that inserting or removing one job moves at most `maxBlock` entries
/// instead of all running jobs (a single sorted array moved O(running) per start and finish:
/// 7,000 running jobs, 2 million moves of 80 KB on average in the EASY benchmark).
/// - Complexity: `insert` and `remove` O(log running + maxBlock); the walk O(entries walked).
struct RunningEnds: Sendable {
  struct Item: Sendable {
    var end: SimTime
    var gpus: Int
    var id: JobID
    func precedes(_ other: Item) -> Bool { (end, id) < (other.end, other.id) }
  }

  static let maxBlock = 256

  private(set) var blocks: [[Item]] = []

  /// The block that holds `item`'s place: the first whose last entry does not precede it (the
  /// last block when every entry precedes it).
  private func block(for item: Item) -> Int {
    var lo = 0
    var hi = blocks.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if blocks[mid][blocks[mid].count - 1].precedes(item) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The position of `item`'s place in block `b`.
  private func position(of item: Item, inBlock b: Int) -> Int {
    var lo = 0
    var hi = blocks[b].count
    while lo < hi {
      let mid = (lo + hi) / 2
      if blocks[b][mid].precedes(item) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  mutating func insert(_ item: Item) {
    guard !blocks.isEmpty else {
      blocks.append([item])
      return
    }
    let b = block(for: item)
    blocks[b].insert(item, at: position(of: item, inBlock: b))
    if blocks[b].count > Self.maxBlock {
      let half = blocks[b].count / 2
      let upper = Array(blocks[b][half...])
      blocks[b].removeSubrange(half...)
      blocks.insert(upper, at: b + 1)
    }
  }

  /// Removes the entry of job `id` ending at `end`; false when there is none.
  @discardableResult
  mutating func remove(end: SimTime, id: JobID) -> Bool {
    guard !blocks.isEmpty else { return false }
    let key = Item(end: end, gpus: 0, id: id)
    let b = block(for: key)
    let k = position(of: key, inBlock: b)
    guard k < blocks[b].count, blocks[b][k].id == id, blocks[b][k].end == end else {
      return false
    }
    blocks[b].remove(at: k)
    if blocks[b].isEmpty { blocks.remove(at: b) }
    return true
  }
}
