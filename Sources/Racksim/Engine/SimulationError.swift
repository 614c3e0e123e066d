/// Why a simulation could not be built or run.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The scenario has problems; each names its key path.
  case invalidScenario([ScenarioIssue])
  /// A policy name that is not registered (the message lists the valid ones).
  case unknownPolicy(String)
  /// A policy returned a decision the engine cannot apply.
  case invalidDecision(policy: String, message: String)
  /// A model that joined the run broke the rules of the seam (the message names it).
  case invalidModel(String)
  /// Zero-delay changes at one instant did not settle within the round limit.
  case unsettled(String)
  /// The run's output could not be written.
  case output(String)

  public var description: String {
    switch self {
    case .invalidScenario(let issues): issues.map(\.description).joined(separator: "\n")
    case .unknownPolicy(let message): message
    case .invalidDecision(let policy, let message):
      "policy '\(policy)' made an invalid decision: \(message)"
    case .invalidModel(let message): message
    case .unsettled(let message): message
    case .output(let message): message
    }
  }
}
