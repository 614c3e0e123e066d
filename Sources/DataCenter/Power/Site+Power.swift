// Node power (REFERENCES.md §3, §4.6 linear model):
//   P_node = P_host(ū) + n · P_gpu(ū),  ū = (Σ_g u_g) / n
// where n is the node's GPU count, u_g each GPU's utilisation, and P_host, P_gpu the node
// type's linear models. Because both models are linear, Σ_g P_gpu(u_g) = n · P_gpu(ū), so the
// node's power depends only on the sum of its GPUs' utilisations, which the simulation keeps.
// A GPU type with a measured power table (`GPUType.utilizationPowerW`) is not linear: its GPUs
// are then taken to run at the node's mean utilisation (exact when a job holds the node, or
// when the jobs sharing it have one utilisation; otherwise within the table's curvature).
// Rack power is the sum of its nodes; PDU losses and facility overheads are added above.

extension Site {
  /// Power of `node`, W, when the utilisations of its GPUs add up to `utilizationSum`.
  @inlinable
  public func nodePower(_ node: Int, utilizationSum: Double) -> Double {
    let type = Int(nodeTypeIndex[node])
    let n = Double(nodeGPUCount[node])
    let mean = utilizationSum / n
    let gpu = nodeTypeGPUs[type]
    let perGPU =
      gpu.utilizationPowerW == nil
      ? gpuPowerModels[type].power(atUtilization: mean)
      : gpu.idleW + (gpu.tdpW - gpu.idleW) * gpu.utilizationShape(mean)
    return hostPowerModels[type].power(atUtilization: mean) + n * perGPU
  }

  /// Power of the whole site with every GPU idle, W.
  public var idlePowerW: Double {
    var total = 0.0
    for node in 0..<nodeCount { total += nodePower(node, utilizationSum: 0) }
    return total
  }
}
