// DVFS operating points of a GPU, and the model that makes them where no table is measured.
//
// A state is (SM clock, relative throughput, power at full load). Power at utilisation u in
// state s is P = idle + (P_max,s − idle) · u, the linear model of `LinearPowerModel` with the
// state's full-load power in place of the TDP (issue 8, item 1; REFERENCES.md §4.6 linear
// model).
//
// Model for the built-in catalog [D], because REFERENCES.md §3.1 found no per-setting (clock,
// throughput, power) table for any GPU:
// - throughput ∝ f (compute-bound phases: work per clock is fixed), so r = f / f_max;
// - P_max(f) = TDP · (σ + (1 − σ) · (f / f_max)³): a static share σ plus dynamic power
//   C·V²·f with the voltage scaled in proportion to the clock (the P ~ idle + k f³ shape that
//   §3.1 suggests);
// - σ fitted to POLCA (§3.1 [P]): frequency capping cuts peak power by about 20 % for about
//   10 % lost training throughput. With r = 0.9 at f = 0.9 f_max:
//   0.8 = σ + (1 − σ) · 0.729, so σ = 0.071 / 0.271 = 0.262 [D].
//   Check on POLCA's A100 policy clocks: 1,275 MHz (0.904 of 1,410) gives
//   0.262 + 0.738 · 0.904³ = 0.808 of TDP, about the 80 % row-power cap POLCA applies there.
// Memory-bound phases (LLM decode) lose less than f: the model is pessimistic there; §3's
// "energy vs frequency is U-shaped" follows from the static share (energy per unit of work
// = P / r has a minimum where σ = 2 (1 − σ) (f/f_max)³, at f ≈ 0.56 f_max).

/// One DVFS operating point of a GPU type.
public struct DVFSState: Sendable, Equatable, Codable {
  /// SM (graphics) clock, MHz.
  public var smClockMHz: Double
  /// Throughput relative to the type's highest state (1 at the top), for the engine's
  /// `compute` rate factor.
  public var relativeThroughput: Double
  /// Power at full utilisation in this state, W.
  public var maxPowerW: Double

  public init(smClockMHz: Double, relativeThroughput: Double, maxPowerW: Double) {
    self.smClockMHz = smClockMHz
    self.relativeThroughput = relativeThroughput
    self.maxPowerW = maxPowerW
  }

  /// The static share σ of the built-in cubic model, fitted to POLCA (file header) [D].
  public static let polcaStaticShare = 0.071 / 0.271

  /// States from the cubic model: r = f / f_max and P = TDP · (σ + (1 − σ)(f / f_max)³).
  ///
  /// - Parameters:
  ///   - clocksMHz: The clocks of the states, ascending; the last is f_max.
  ///   - tdpW: Full-load power at f_max, W.
  ///   - staticShare: σ, the share of TDP that does not scale with the clock.
  /// - Returns: One state per clock, in the same order.
  public static func cubicModel(
    clocksMHz: [Double], tdpW: Double, staticShare: Double = polcaStaticShare
  ) -> [DVFSState] {
    guard let fMax = clocksMHz.last, fMax > 0 else { return [] }
    return clocksMHz.map { f in
      let x = f / fMax
      return DVFSState(
        smClockMHz: f, relativeThroughput: x,
        maxPowerW: tdpW * (staticShare + (1 - staticShare) * x * x * x))
    }
  }

  /// Clocks at the fractions 0.5, 0.6, …, 1.0 of `maxClockMHz`, rounded to the 15 MHz steps
  /// NVIDIA clocks move in (the top stays exactly `maxClockMHz`).
  public static func clockLadder(maxClockMHz: Double) -> [Double] {
    [0.5, 0.6, 0.7, 0.8, 0.9].map { ($0 * maxClockMHz / 15).rounded() * 15 } + [maxClockMHz]
  }
}
