import DataCenter
import SimKernel

/// Buffers of sampled rows, appended once per sampling interval and encoded as CSV only at
/// the end (STYLE.md §4 rule 9): no formatting or I/O inside the event loop.
struct Recorder {
  let rackCount: Int
  let recordRacks: Bool
  /// Sample times.
  var times: [SimTime] = []
  /// `OutputColumns.timeseries` values after `time_s`, row-major.
  var siteValues: [Double] = []
  /// Per sample, per rack: power kW, GPU utilisation.
  var rackValues: [Double] = []

  static let siteColumns = OutputColumns.timeseries.count - 1

  init(rackCount: Int, recordRacks: Bool, expectedSamples: Int) {
    self.rackCount = rackCount
    self.recordRacks = recordRacks
    times.reserveCapacity(expectedSamples)
    siteValues.reserveCapacity(expectedSamples * Self.siteColumns)
    if recordRacks { rackValues.reserveCapacity(expectedSamples * rackCount * 2) }
  }
}

extension RunModel {
  /// Records the interval that ends at `now`: time-weighted means of every meter.
  mutating func recordSample(at now: SimTime) {
    let it = meters.itPowerW.intervalMean(endingAt: now)
    let facility = meters.facilityPowerW.intervalMean(endingAt: now)
    let utilization = meters.utilizationSum.intervalMean(endingAt: now)
    let busy = meters.busyGPUs.intervalMean(endingAt: now)
    let running = meters.runningJobs.intervalMean(endingAt: now)
    let queued = meters.queuedJobs.intervalMean(endingAt: now)
    recorder.times.append(now)
    recorder.siteValues.append(it / 1000)
    recorder.siteValues.append(facility / 1000)
    recorder.siteValues.append(it > 0 ? facility / it : .nan)
    recorder.siteValues.append(utilization / Double(site.gpuCount))
    recorder.siteValues.append(busy)
    recorder.siteValues.append(running)
    recorder.siteValues.append(queued)
    guard recorder.recordRacks else { return }
    for r in 0..<site.rackCount {
      let gpus = Double(site.rackGPUCount[r])
      recorder.rackValues.append(rackPowerW[r].intervalMean(endingAt: now) / 1000)
      recorder.rackValues.append(rackUtilizationSum[r].intervalMean(endingAt: now) / gpus)
    }
  }
}
