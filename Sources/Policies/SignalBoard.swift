/// Named values that the models of a run publish for each other and for placement: a rack's
/// inlet temperature, a rack's power headroom under its caps, the plant's supply temperature.
///
/// Each signal has a fixed number of slots (1 for a scalar, one per rack, one per node),
/// registered once by the model that owns it. Everyone reads; only the owner writes, through
/// `RunState.setSignal` (the engine checks ownership). A signal another model has not
/// registered is absent: a reader asks `index(of:)` and decides what absence means.
///
/// Domain-free: it knows names and numbers, nothing of racks or models.
public struct SignalBoard: Sendable {
  /// Signal names, in registration order.
  public private(set) var names: [String] = []
  /// Each signal's values.
  public private(set) var values: [[Double]] = []

  public init() {}

  /// The index of the signal called `name`, or nil when no model publishes it.
  /// - Complexity: O(signals); readers look up once and keep the index.
  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// Slot `slot` of signal `signal`.
  @inlinable public func value(_ signal: Int, _ slot: Int = 0) -> Double { values[signal][slot] }

  /// Adds a signal of `count` slots, each `initial`; returns its index.
  public mutating func add(_ name: String, count: Int, initial: Double) -> Int {
    names.append(name)
    values.append(Array(repeating: initial, count: Swift.max(count, 0)))
    return names.count - 1
  }

  /// Sets one slot; returns whether the value changed.
  public mutating func set(_ signal: Int, _ slot: Int, to value: Double) -> Bool {
    guard values[signal][slot] != value else { return false }
    values[signal][slot] = value
    return true
  }
}
