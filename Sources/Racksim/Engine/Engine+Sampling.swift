import DataCenter
import SimKernel

extension Engine {
  /// Records the interval that ends now: time-weighted means of every meter, then each
  /// model's columns; rows go straight to the run's files.
  mutating func recordSample(kernel: inout Kernel<SimEvent>) {
    let now = kernel.now
    state.now = now
    let it = state.meters.itPowerW.intervalMean(endingAt: now)
    let facility = state.meters.facilityPowerW.intervalMean(endingAt: now)
    let utilization = state.meters.utilizationSum.intervalMean(endingAt: now)
    let busy = state.meters.busyGPUs.intervalMean(endingAt: now)
    let down = state.meters.downGPUs.intervalMean(endingAt: now)
    let running = state.meters.runningJobs.intervalMean(endingAt: now)
    let queued = state.meters.queuedJobs.intervalMean(endingAt: now)
    var row = recorder.row
    recorder.row = []
    row.removeAll(keepingCapacity: true)
    row.append(it / 1000)
    row.append(facility / 1000)
    row.append(it > 0 ? facility / it : .nan)
    row.append(utilization / Double(site.gpuCount))
    row.append(busy)
    row.append(down)
    row.append(running)
    row.append(queued)
    for k in 0..<models.count where seriesColumnCounts[k] > 0 {
      let before = row.count
      models[k].sample(run: state, into: &row)
      guard row.count - before == seriesColumnCounts[k] else {
        let message =
          "model '\(models[k].name)' gave \(row.count - before) timeseries values for "
          + "\(seriesColumnCounts[k]) columns"
        return stop(.invalidModel(message), kernel: &kernel)
      }
    }
    recorder.row = row
    do {
      try recorder.writeTimeseries(at: now)
      if recordRacks {
        try sampleRacks(at: now)
        try recorder.writeRacks(at: now)
      }
    } catch {
      stop(error, kernel: &kernel)
    }
  }

  /// Fills the recorder's rack row: per rack, power and utilisation means, then each model's
  /// rack columns.
  private mutating func sampleRacks(at now: SimTime) throws(SimulationError) {
    let racks = site.rackCount
    let width = recorder.rackColumns.count - 2
    var values = recorder.rackRow
    recorder.rackRow = []
    values.removeAll(keepingCapacity: true)
    values.append(contentsOf: repeatElement(0, count: racks * width))
    for r in 0..<racks {
      let gpus = Double(site.rackGPUCount[r])
      values[r * width] = state.power.rackPowerW[r].intervalMean(endingAt: now) / 1000
      values[r * width + 1] = state.power.rackUtilizationSum[r].intervalMean(endingAt: now) / gpus
    }
    var offset = 2
    for k in 0..<models.count where rackColumnCounts[k] > 0 {
      let c = rackColumnCounts[k]
      var scratch = rackScratch
      rackScratch = []
      scratch.removeAll(keepingCapacity: true)
      models[k].sampleRacks(run: state, into: &scratch)
      guard scratch.count == racks * c else {
        throw .invalidModel(
          "model '\(models[k].name)' gave \(scratch.count) rack values for \(racks) racks × \(c) columns"
        )
      }
      for r in 0..<racks {
        for i in 0..<c { values[r * width + offset + i] = scratch[r * c + i] }
      }
      rackScratch = scratch
      offset += c
    }
    recorder.rackRow = values
  }
}
