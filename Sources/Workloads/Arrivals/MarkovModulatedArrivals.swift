import SimKernel

/// Bursty arrivals: a two-state Markov-modulated Poisson process (MMPP-2).
///
/// **Model** (Fischer and Meier-Hellstern 1993, "The Markov-modulated Poisson process (MMPP)
/// cookbook", Performance Evaluation 18(2)): a hidden phase s ∈ {1, 2} is a continuous-time
/// Markov chain that leaves phase 1 at rate q12 = 1/`meanSojourns[0]` and phase 2 at rate
/// q21 = 1/`meanSojourns[1]`; while in phase i, jobs arrive as a Poisson process of rate
/// r_i = 1/`meanInterarrivals[i]`. The stationary phase probabilities are
/// π1 = q21/(q12 + q21), π2 = q12/(q12 + q21), so the long-run arrival rate is
/// λ = π1·r1 + π2·r2 = (r1·q21 + r2·q12)/(q12 + q21).
///
/// **Simulation.** The first call draws the starting phase from π (one `nextDouble()` u:
/// phase 1 when u < π1) and its sojourn (one exponential), so the process is stationary from
/// t = 0 and the expected count in [0, T] is exactly λT. Then, repeatedly: draw a gap from the
/// current phase's exponential; if the arrival falls before the phase ends, return it;
/// otherwise move to the phase end, switch phase and draw the new sojourn. Restarting the
/// gap at a switch is exact because exponential gaps are memoryless.
public struct MarkovModulatedArrivals: ArrivalProcess, Equatable {
  /// Mean gap between arrivals in phase 1 and in phase 2.
  public var meanInterarrivals: [SimDuration]
  /// Mean time spent in phase 1 and in phase 2 before switching.
  public var meanSojourns: [SimDuration]
  private var phase = -1
  private var phaseEnd = SimTime.zero

  public init(meanInterarrivals: [SimDuration], meanSojourns: [SimDuration]) {
    self.meanInterarrivals = meanInterarrivals
    self.meanSojourns = meanSojourns
  }

  /// The long-run arrival rate (r1·q21 + r2·q12)/(q12 + q21), in arrivals per second.
  public var stationaryRate: Double {
    let r1 = 1 / meanInterarrivals[0].seconds
    let r2 = 1 / meanInterarrivals[1].seconds
    let q12 = 1 / meanSojourns[0].seconds
    let q21 = 1 / meanSojourns[1].seconds
    return (r1 * q21 + r2 * q12) / (q12 + q21)
  }

  /// Problems with the parameters, as sentences; empty when valid.
  public static func validate(
    meanInterarrivals: [SimDuration], meanSojourns: [SimDuration]
  ) -> [String] {
    var problems: [String] = []
    if meanInterarrivals.count != 2 {
      problems.append("needs 2 mean interarrival times, got \(meanInterarrivals.count)")
    }
    if meanSojourns.count != 2 {
      problems.append("needs 2 mean sojourn times, got \(meanSojourns.count)")
    }
    if meanInterarrivals.contains(where: { $0 <= .zero }) {
      problems.append("mean interarrival times must be > 0")
    }
    if meanSojourns.contains(where: { $0 <= .zero }) {
      problems.append("mean sojourn times must be > 0")
    }
    return problems
  }

  /// - Precondition: `validate` is empty.
  public mutating func nextArrival(after time: SimTime, using random: inout RandomStream)
    -> SimTime
  {
    if phase < 0 {
      let q12 = 1 / meanSojourns[0].seconds
      let q21 = 1 / meanSojourns[1].seconds
      phase = random.nextDouble() < q21 / (q12 + q21) ? 0 : 1
      phaseEnd = adding(seconds: sojourn(using: &random), to: time)
    }
    var t = time
    while true {
      let gap = Distribution.exponential(mean: meanInterarrivals[phase].seconds)
      let arrival = adding(seconds: gap.sample(using: &random), to: t)
      if arrival < phaseEnd { return arrival }
      if phaseEnd == .never { return .never }
      t = phaseEnd
      phase = 1 - phase
      phaseEnd = adding(seconds: sojourn(using: &random), to: t)
    }
  }

  // MARK: - Private

  private func sojourn(using random: inout RandomStream) -> Double {
    Distribution.exponential(mean: meanSojourns[phase].seconds).sample(using: &random)
  }
}
