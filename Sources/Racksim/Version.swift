/// The simulator's version, written into every `summary.json`.
public enum RacksimVersion {
  public static let current = "0.1.0"
}
