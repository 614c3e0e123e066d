import Workloads

/// Every event of a Racksim run: a closed enum of IDs only, so the queue holds no closures,
/// existentials or references (STYLE.md §4 rule 2). The engine handles it in one `switch`.
public enum SimEvent: Sendable {
  /// A job is submitted.
  case arrival(JobID)
  /// A running job's work is done, if `generation` is still the job's current one.
  case completion(JobID, generation: UInt32)
  /// The scheduler asked for a pass now (`SchedulingPolicy.nextDecisionTime`: a LAS demotion,
  /// a round-robin quantum's end), if `generation` is still the engine's current wake-up.
  case schedulerWakeUp(generation: UInt32)
  /// The sampler records the interval that ends now (phase `.sample`: after settle).
  case sample
  /// An event of a model that joined the run: the engine hands it to that model.
  case model(ModelID, ModelEvent)
}

/// A model's index among the models of a run, in the order they joined.
public struct ModelID: Hashable, Sendable {
  public var raw: UInt16
  public init(raw: UInt16) { self.raw = raw }
  public var index: Int { Int(raw) }
}

/// A model's own event: two numbers whose meaning the model defines (an entity index, a
/// kind, a generation for lazy cancellation). Plain values, so the queue stays allocation-free.
public struct ModelEvent: Hashable, Sendable {
  public var code: UInt32
  public var value: UInt32
  public init(code: UInt32, value: UInt32 = 0) {
    self.code = code
    self.value = value
  }
}
