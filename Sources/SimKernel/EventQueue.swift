/// A priority queue of events ordered by (time, phase, sequence number): a total order, so
/// that the same schedule calls always pop in the same order on every machine.
///
/// It is an array-backed binary min-heap of small structs. After the array has grown to the
/// peak number of pending events it allocates nothing more (DESIGN.md principle 6). The phase
/// and the sequence number are packed into one `UInt64` (phase in the top 8 bits), so an order
/// comparison is two integer compares.
///
/// Cancellation is lazy: the queue never searches for an event to remove it. A model that
/// reschedules a completion bumps the entity's generation (see `Generations`) and drops the
/// stale event when it pops.
public struct EventQueue<Payload> {
  /// One pending event.
  @frozen public struct Entry {
    public var time: SimTime
    /// `phase << 56 | sequence`.
    public var order: UInt64
    public var payload: Payload

    @inlinable public var phase: EventPhase { EventPhase(rawValue: UInt8(order >> 56))! }
    @inlinable public var sequence: UInt64 { order & EventQueue.sequenceMask }

    @inlinable init(time: SimTime, order: UInt64, payload: Payload) {
      self.time = time
      self.order = order
      self.payload = payload
    }

    @inlinable @inline(__always)
    func precedes(_ other: Entry) -> Bool {
      time.nanoseconds < other.time.nanoseconds
        || (time.nanoseconds == other.time.nanoseconds && order < other.order)
    }
  }

  @usableFromInline static var sequenceMask: UInt64 { (1 << 56) - 1 }

  @usableFromInline internal var heap: [Entry]
  @usableFromInline internal var nextSequence: UInt64 = 0

  /// An empty queue with room for `capacity` events before it first grows.
  public init(capacity: Int = 0) {
    heap = []
    heap.reserveCapacity(capacity)
  }

  /// The number of pending events (stale ones included until they pop).
  @inlinable public var count: Int { heap.count }
  @inlinable public var isEmpty: Bool { heap.isEmpty }
  /// The time of the earliest pending event, or `nil` when none is pending.
  /// - Complexity: O(1).
  @inlinable public var nextTime: SimTime? { heap.first?.time }
  /// The earliest pending event, without removing it.
  @inlinable public var first: Entry? { heap.first }
  /// How many events have been scheduled so far (the next sequence number).
  @inlinable public var scheduledCount: UInt64 { nextSequence }

  /// Adds an event.
  /// - Complexity: O(log n), amortised; no allocation once the array has reached its peak size.
  @inlinable
  public mutating func schedule(
    _ payload: Payload, at time: SimTime, phase: EventPhase = .completion
  ) {
    let entry = Entry(
      time: time, order: UInt64(phase.rawValue) << 56 | nextSequence, payload: payload)
    nextSequence &+= 1
    heap.append(entry)
    siftUp(from: heap.count - 1)
    checkInvariants()
  }

  /// Removes and returns the earliest event.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func pop() -> Entry? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    siftDown(placing: last)
    checkInvariants()
    return top
  }

  /// Removes and returns the earliest event if it is due at `time` exactly.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func popIfDue(at time: SimTime) -> Entry? {
    guard let head = heap.first, head.time == time else { return nil }
    return pop()
  }

  /// Removes and returns the earliest event if it is due at `time` exactly and its phase is
  /// earlier than `phase`.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func popIfDue(at time: SimTime, before phase: EventPhase) -> Entry? {
    guard let head = heap.first, head.time == time, head.order < UInt64(phase.rawValue) << 56
    else { return nil }
    return pop()
  }

  /// Removes every pending event; the sequence counter keeps counting.
  public mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

  // MARK: - Private

  @inlinable @inline(__always)
  mutating func siftUp(from start: Int) {
    var child = start
    let item = heap[child]
    while child > 0 {
      let parent = (child - 1) >> 1
      let p = heap[parent]
      guard item.precedes(p) else { break }
      heap[child] = p
      child = parent
    }
    heap[child] = item
  }

  /// Moves `item` down from the root, filling the hole left by the removed minimum.
  @inlinable @inline(__always)
  mutating func siftDown(placing item: Entry) {
    let n = heap.count
    var hole = 0
    while true {
      var child = 2 &* hole &+ 1
      if child >= n { break }
      let right = child &+ 1
      if right < n && heap[right].precedes(heap[child]) { child = right }
      guard heap[child].precedes(item) else { break }
      heap[hole] = heap[child]
      hole = child
    }
    heap[hole] = item
  }
}
