// MaxMinSolver micro-benchmark (STYLE.md §4 rule 11: "MaxMinSolver with N flows").
//   maxmin-bench [--sizes 1000,10000,100000] [--ops M]
// A leaf-spine-like instance: 128 hosts (2 links each), 8 leaves × 4 spines (2 links each),
// 320 constraints; N variables on random 4-link paths (host up, leaf up, spine down, host down).
// Reports the CPU time (`clock()`; the benchmark machine is shared) of the first solve and, in
// steady state, the mean CPU time of one (remove a random flow, add a random flow, solve) step,
// with the component size re-solved.
import SimKernel
import SimMath

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

var sizes = [1_000, 10_000, 100_000]
var ops = 2_000
var arguments = Array(CommandLine.arguments.dropFirst())
while let a = arguments.first {
  arguments.removeFirst()
  switch a {
  case "--sizes": sizes = arguments.removeFirst().split(separator: ",").map { Int($0)! }
  case "--ops": ops = Int(arguments.removeFirst())!
  default: fatalError("usage: maxmin-bench [--sizes a,b,c] [--ops M]")
  }
}

let hosts = 128
let leaves = 8
let spines = 4
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
func path(_ r: inout RandomStream) -> [MaxMinSolver.Constraint] {
  let s = r.nextInt(below: hosts)
  let d = (s + 1 + r.nextInt(below: hosts - 1)) % hosts
  let spine = r.nextInt(below: spines)
  let base = 2 * hosts
  return [
    .init(raw: UInt32(2 * s)),
    .init(raw: UInt32(base + 2 * ((s / 16) * spines + spine))),
    .init(raw: UInt32(base + 2 * ((d / 16) * spines + spine) + 1)),
    .init(raw: UInt32(2 * d + 1)),
  ]
}

print("N\tfirst_solve_ms\tstep_us\tcomponent")
for n in sizes {
  var r = RandomStream(seed: 1, name: "benchmarks/maxmin")
  var solver = MaxMinSolver()
  for l in 0..<(2 * hosts + 2 * leaves * spines) {
    _ = solver.addConstraint(capacity: l < 2 * hosts ? 12.5e9 : 50e9)
  }
  var live: [MaxMinSolver.Variable] = []
  for _ in 0..<n { live.append(solver.addVariable(constraints: path(&r))) }
  let t0 = cpuSeconds()
  solver.solve()
  let full = cpuSeconds() - t0
  var checksum = 0.0
  let t1 = cpuSeconds()
  var component = 0
  for _ in 0..<ops {
    let k = r.nextInt(below: live.count)
    solver.removeVariable(live[k])
    live[k] = solver.addVariable(constraints: path(&r))
    solver.solve()
    component = max(component, solver.statistics.largestComponent)
    checksum += solver.value(of: live[k])
  }
  let step = cpuSeconds() - t1
  precondition(checksum > 0)
  print("\(n)\t\(full * 1e3)\t\(step / Double(ops) * 1e6)\t\(component)")
}
