import ArgumentParser
import Experiments

struct CatalogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog",
    abstract: "What ships: hardware types, strategies, output columns.")

  @Argument(help: "hardware, policies or columns (default: all three).")
  var topic: String?

  func run() throws {
    if let topic {
      guard let t = CatalogListing.Topic(rawValue: topic) else {
        let valid = CatalogListing.Topic.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("unknown topic '\(topic)'; valid: \(valid)")
      }
      print(CatalogListing.text(t), terminator: "")
    } else {
      for (i, t) in CatalogListing.Topic.allCases.enumerated() {
        if i > 0 { print() }
        print(CatalogListing.text(t), terminator: "")
      }
    }
  }
}
