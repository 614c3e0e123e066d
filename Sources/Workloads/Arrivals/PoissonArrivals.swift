import SimKernel

/// Homogeneous Poisson arrivals: independent exponential gaps with mean 1/λ.
///
/// Draws: one `Distribution.exponential(mean:)` sample per arrival (one `nextOpenDouble()`),
/// exactly the draws the generator made before arrival processes existed, so results of
/// existing scenarios are unchanged. Kleinrock (1975), *Queueing Systems* Vol. 1, §2.4
/// (REFERENCES.md §6): the count in a window of length T is Poisson with mean λT.
public struct PoissonArrivals: ArrivalProcess, Equatable {
  public var meanInterarrival: SimDuration

  public init(meanInterarrival: SimDuration) { self.meanInterarrival = meanInterarrival }

  public mutating func nextArrival(after time: SimTime, using random: inout RandomStream)
    -> SimTime
  {
    let gap = Distribution.exponential(mean: meanInterarrival.seconds).sample(using: &random)
    return adding(seconds: gap, to: time)
  }
}
