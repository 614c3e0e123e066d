import ArgumentParser
import Experiments

struct FlowsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flows",
    abstract: "Replay a flow list on a fabric with the flow-level network model alone.",
    discussion: """
      FABRIC is a YAML file with the keys hosts, hosts_per_leaf, spines, host_link, uplink, \
      routing (modulo or hash) and optionally latency (per hop). FLOWS is a CSV file \
      id,sender,receiver,bytes,start_s with hosts h0.., sorted by start_s. The output adds \
      end_s with 17 significant digits.
      """)

  @Argument(help: "The fabric YAML file.")
  var fabric: String

  @Argument(help: "The flow list (CSV).")
  var flows: String

  @Option(help: "The flow completion time CSV to write.")
  var out: String

  @Flag(help: "No closing summary.")
  var quiet = false

  func run() throws {
    do {
      let outcome = try FlowsRun(fabricPath: fabric, flowsPath: flows, outputPath: out).execute()
      if !quiet {
        print("wrote \(out)")
        print("  " + outcome.summaryLine)
      }
    } catch {
      throw UserFacingFailure(lines: error.lines)
    }
  }
}
