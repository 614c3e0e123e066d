import Experiments

enum RacksimVersionString {
  static let value = SingleRun.version
}
