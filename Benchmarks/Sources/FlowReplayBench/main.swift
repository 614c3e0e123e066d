// Times Racksim's flow replay on a fabric file and a flow list (Benchmarks/flows.sh):
//   flow-replay [--repeats R] [--out FCT.csv] FABRIC.yaml FLOWS.csv
// Reads both files once (timed), replays R times (best wall and best CPU time reported; every
// run must give the same completions), writes the FCT file of the last run, and prints one TSV
// line:
//   flows  parse_s  replay_s  replay_cpu_s  events  solves  largest_component  mean_region
// CPU time (`clock()`) is what flows.sh compares: other processes on a shared machine inflate
// wall time, not CPU time.
import DataCenter
import Experiments
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
var out: String? = nil
var files: [String] = []
while let a = arguments.first {
  arguments.removeFirst()
  switch a {
  case "--repeats": repeats = Int(arguments.removeFirst())!
  case "--out": out = arguments.removeFirst()
  default: files.append(a)
  }
}
guard files.count == 2 else {
  let usage = "usage: flow-replay [--repeats R] [--out FCT] FABRIC FLOWS\n"
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}

func read(_ path: String) -> String {
  String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
}

let clock = ContinuousClock()
let parseStart = clock.now
let spec: FabricSpec
let rows: [FlowFile.Row]
do {
  spec = try FabricFile.parse(read(files[0]), file: files[0])
  rows = try FlowFile.parse(read(files[1]), file: files[1], hosts: spec.hosts)
} catch {
  FileHandle.standardError.write(Data((error.description + "\n").utf8))
  exit(1)
}
let requests = rows.map(\.request)
let fabric = Fabric(spec)
let parseTime = clock.now - parseStart

var best = Duration.seconds(1e9)
var bestCPU = Double.infinity
var last: FlowReplay.Result? = nil
for _ in 0..<repeats {
  let start = clock.now
  let cpuStart = Foundation.clock()
  let result = FlowReplay.run(requests, on: fabric)
  bestCPU = min(bestCPU, Double(Foundation.clock() - cpuStart) / Double(CLOCKS_PER_SEC))
  best = min(best, clock.now - start)
  if let last, last != result {
    FileHandle.standardError.write(Data("two replays differ\n".utf8))
    exit(1)
  }
  last = result
}
if let out {
  try! Data(FlowFile.completionCSV(rows, result: last!).utf8).write(to: URL(fileURLWithPath: out))
}
func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
print(
  "\(rows.count)\t\(seconds(parseTime))\t\(seconds(best))\t\(bestCPU)\t\(last!.events)\t\(last!.solves)"
    + "\t\(last!.largestComponent)"
    + "\t\(Double(last!.variablesResolved) / Double(max(1, last!.solves)))")
