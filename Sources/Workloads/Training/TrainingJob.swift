import DataCenter
import SimKernel

/// A job's index in the run's job table, in submission order.
public struct JobID: TypedID {
  public var raw: UInt32
  public init(raw: UInt32) { self.raw = raw }
}

/// A training job as submitted: what it asks for and how much work it carries.
///
/// Work is expressed as the job's duration at full speed. While running, the job progresses
/// at a rate (1.0 = full speed) that later models lower (power caps, thermal throttling,
/// network contention); its completion is rescheduled whenever the rate changes.
public struct TrainingJob: Sendable, Equatable {
  /// The job's name: its id in a trace, or `<workload>-<n>` for generated jobs.
  public var name: String
  public var submit: SimTime
  public var gpus: Int
  /// Duration at rate 1.0.
  public var work: SimDuration
  /// Higher runs first under priority scheduling.
  public var priority: Int
  public var user: String
  /// Utilisation of each of its GPUs while it runs at full speed, in [0, 1].
  public var gpuUtilization: Double
  /// The submitter's estimate of the duration (a wall-time limit), when the trace gives one.
  /// Schedulers such as `sjf` and EASY backfilling plan with it; the job really runs for
  /// `work`. Readers of formats where the estimate is a limit reject an estimate below `work`.
  public var estimate: SimDuration?
  /// How long the job may be held back after its submission (a flexible job, which the
  /// `carbon-aware` energy strategy defers to low-carbon hours); nil for an ordinary job.
  public var maxDelay: SimDuration?
  /// How the job communicates per iteration (the fabric model slows it by its exposed
  /// communication); nil: it does not communicate, or its workload does not say.
  public var communication: CommunicationSpec?

  public init(
    name: String, submit: SimTime, gpus: Int, work: SimDuration, priority: Int = 0,
    user: String = "", gpuUtilization: Double = 1.0, estimate: SimDuration? = nil,
    maxDelay: SimDuration? = nil, communication: CommunicationSpec? = nil
  ) {
    self.name = name
    self.submit = submit
    self.gpus = gpus
    self.work = work
    self.priority = priority
    self.user = user
    self.gpuUtilization = gpuUtilization
    self.estimate = estimate
    self.maxDelay = maxDelay
    self.communication = communication
  }
}
