/// How a training job communicates each iteration: the bytes of its gradient all-reduce, its
/// compute time per iteration, the collective algorithm and how much of the communication
/// hides behind compute (issue 9 item 4; DESIGN.md "Network").
///
/// Iteration time = compute + exposed communication, exposed = max(0, comm − overlap · compute)
/// (the fabric model computes `comm` from the rates of the job's flows).
///
/// **Volume.** Either the gradient bytes all-reduced per iteration directly, or a model:
/// `parameters × bytes(precision) / (tensor · pipeline)`, the gradient shard each GPU holds.
/// Simplification [D]: tensor- and pipeline-parallel traffic is not modelled (assumed inside
/// the NVLink domain and hidden), and the `tensor · pipeline` concurrent data-parallel rings
/// are represented by one ring over the job's GPUs carrying that shard; `data`, when given,
/// must equal `gpus / (tensor · pipeline)` for every job size.
public struct CommunicationSpec: Sendable, Equatable {
  /// The all-reduce algorithm.
  public enum Collective: String, Sendable, Equatable, CaseIterable {
    case ring, tree
  }

  /// Gradient precision, with its bytes per parameter.
  public enum Precision: String, Sendable, Equatable, CaseIterable {
    case fp32, bf16, fp16, fp8
    /// Bytes per parameter.
    public var bytes: Double {
      switch self {
      case .fp32: 4
      case .bf16, .fp16: 2
      case .fp8: 1
      }
    }
  }

  /// Where the bytes per iteration come from.
  public enum Volume: Sendable, Equatable {
    /// The gradient bytes all-reduced per iteration.
    case gradientBytes(Double)
    /// A model's parameters, precision and parallel degrees (`data` optional, checked).
    case model(parameters: Double, precision: Precision, data: Int?, tensor: Int, pipeline: Int)
  }

  public var volume: Volume
  /// Compute time of one iteration at full speed, seconds (> 0).
  public var computeSecondsPerIteration: Double
  public var collective: Collective
  /// The fraction of compute time that communication can hide behind, in [0, 1].
  public var overlap: Double

  public init(
    volume: Volume, computeSecondsPerIteration: Double, collective: Collective = .ring,
    overlap: Double = 0
  ) {
    self.volume = volume
    self.computeSecondsPerIteration = computeSecondsPerIteration
    self.collective = collective
    self.overlap = overlap
  }

  /// The bytes one all-reduce of the job moves (the `S` of REFERENCES.md §5.1).
  public var allReduceBytes: Double {
    switch volume {
    case .gradientBytes(let s): s
    case .model(let p, let precision, _, let t, let pp):
      p * precision.bytes / Double(Swift.max(1, t * pp))
    }
  }

  /// Iteration time for a communication time `comm` (seconds):
  /// `compute + max(0, comm − overlap · compute)`.
  public func iterationSeconds(communicationSeconds comm: Double) -> Double {
    computeSecondsPerIteration
      + Swift.max(0, comm - overlap * computeSecondsPerIteration)
  }

  /// Problems with the spec alone, each with its scenario key (under `communication`).
  /// The largest data, tensor or pipeline degree (a million GPUs).
  public static let maxParallelDegree = 1_000_000

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if !(computeSecondsPerIteration > 0 && computeSecondsPerIteration.isFinite) {
      problems.append(("compute_s_per_iteration", "must be > 0 s"))
    }
    if !(overlap >= 0 && overlap <= 1) {
      problems.append(("overlap", "must be in [0, 1], got \(overlap)"))
    }
    switch volume {
    case .gradientBytes(let s):
      if !(s >= 0 && s.isFinite) { problems.append(("gradient_bytes", "must be >= 0 bytes")) }
    case .model(let p, _, let d, let t, let pp):
      if !(p > 0 && p.isFinite) { problems.append(("parameters", "must be > 0")) }
      // At most a million each, so that data · tensor · pipeline (≤ 10^18) fits in 64 bits.
      for (key, value) in [("tensor", t), ("pipeline", pp), ("data", d ?? 1)] {
        if value < 1 {
          problems.append((key, "must be >= 1, got \(value)"))
        } else if value > Self.maxParallelDegree {
          problems.append((key, "must be at most \(Self.maxParallelDegree), got \(value)"))
        }
      }
    }
    return problems
  }

  /// Whether a job of `gpus` GPUs can run this model: `gpus` divisible by `tensor · pipeline`,
  /// and equal to `data · tensor · pipeline` when `data` is given; nil when it can, else why.
  public func sizeProblem(gpus: Int) -> String? {
    guard case .model(_, _, let d, let t, let pp) = volume, t >= 1, pp >= 1,
      t <= Self.maxParallelDegree, pp <= Self.maxParallelDegree,
      (d ?? 1) <= Self.maxParallelDegree
    else { return nil }
    if gpus % (t * pp) != 0 {
      return "a job of \(gpus) GPUs does not divide into tensor × pipeline = \(t * pp)"
    }
    if let d, d * t * pp != gpus {
      return "a job of \(gpus) GPUs is not data × tensor × pipeline = \(d * t * pp)"
    }
    return nil
  }
}
