import SimKernel

/// When a generated workload's jobs are submitted: a point process on simulated time.
///
/// One requirement: the next arrival strictly after `time`. A process may keep state between
/// calls (the MMPP's current phase), so it is a value with `mutating` state, started fresh
/// for each run. Every draw comes from the `RandomStream` passed in, through `Distribution`,
/// so a (seed, stream name) pair gives the same arrivals on every machine.
public protocol ArrivalProcess: Sendable {
  /// The first arrival after `time`, or `.never` when it would not fit in `SimTime`.
  mutating func nextArrival(after time: SimTime, using random: inout RandomStream) -> SimTime
}

extension ArrivalProcess where Self == PoissonArrivals {
  /// Homogeneous Poisson arrivals with mean gap `meanInterarrival`.
  public static func poisson(meanInterarrival: SimDuration) -> Self {
    PoissonArrivals(meanInterarrival: meanInterarrival)
  }
}

extension ArrivalProcess where Self == DiurnalArrivals {
  /// A daily cycle: mean gap `meanInterarrival` over a day, shaped by 24 hourly weights.
  public static func diurnal(meanInterarrival: SimDuration, profile: [Double]) -> Self {
    DiurnalArrivals(meanInterarrival: meanInterarrival, profile: profile)
  }
}

extension ArrivalProcess where Self == MarkovModulatedArrivals {
  /// Bursts: a two-state Markov-modulated Poisson process.
  public static func markovModulated(
    meanInterarrivals: [SimDuration], meanSojourns: [SimDuration]
  ) -> Self {
    MarkovModulatedArrivals(meanInterarrivals: meanInterarrivals, meanSojourns: meanSojourns)
  }
}

// MARK: - Private

/// `time + gap` for a gap in seconds, or `.never` when the sum would pass `Int64` nanoseconds.
@inlinable func adding(seconds gap: Double, to time: SimTime) -> SimTime {
  let d = SimDuration(seconds: gap)
  let (sum, overflow) = time.nanoseconds.addingReportingOverflow(d.nanoseconds)
  return overflow || d.nanoseconds == .max ? .never : SimTime(nanoseconds: sum)
}
