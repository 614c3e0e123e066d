import DataCenter
import SimKernel
import Workloads

// Power accounting (REFERENCES.md §3 and §4.6, linear model; see Site+Power.swift):
// a job's first `gpus` GPUs across its allocations run at its utilisation; the rest of its
// whole nodes idle. Node power follows from the node's utilisation sum; rack power is the sum
// of its nodes, recomputed from them (no drift); site IT power changes by the racks' deltas;
// facility power comes from the facility model.

extension RunModel {
  /// Applies (`on`) or removes job `j`'s load on its GPUs at `now`.
  mutating func setJobLoad(_ j: Int, on: Bool, now: SimTime) {
    let spec = jobs.specs[j]
    let sign = on ? 1.0 : -1.0
    var unassigned = Int32(spec.gpus)
    var busy = 0.0
    var reserved = 0.0
    var itDelta = 0.0
    for a in jobs.allocations[j] {
      let n = a.node.index
      let working = Swift.min(a.gpus, unassigned)
      unassigned -= working
      busy += Double(working)
      reserved += Double(a.gpus - working)
      nodeUtilizationSum[n] += sign * Double(working) * spec.gpuUtilization
      if nodeUtilizationSum[n] < 1e-9 { nodeUtilizationSum[n] = 0 }
      let r = site.nodeRack[n].index
      rackUtilizationSum[r].add(sign * Double(working) * spec.gpuUtilization, at: now)
      nodePowerW[n] = site.nodePower(n, utilizationSum: nodeUtilizationSum[n])
      var rackW = 0.0
      for m in site.nodes(of: RackID(r)) { rackW += nodePowerW[m] }
      itDelta += rackW - rackPowerW[r].value
      rackPowerW[r].set(rackW, at: now)
    }
    let held = busy + reserved
    meters.busyGPUs.add(sign * busy, at: now)
    meters.reservedIdleGPUs.add(sign * reserved, at: now)
    meters.freeGPUs.add(-sign * held, at: now)
    meters.utilizationSum.add(sign * busy * spec.gpuUtilization, at: now)
    let it = meters.itPowerW.value + itDelta
    meters.itPowerW.set(it, at: now)
    meters.facilityPowerW.set(facilityModel.facilityPower(itPowerW: it), at: now)
  }
}
