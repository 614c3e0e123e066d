import SimKernel

/// The parameters of the energy strategies (the `energy:` section of a scenario), one
/// sub-section per strategy; which strategies run is `PolicySelection.energy`. A strategy that
/// is listed but has no sub-section runs with the defaults below. Every field is plain data;
/// `validate()` gathers every problem.
public struct EnergySpec: Sendable, Equatable {
  public var powerDown: PowerDownSpec?
  public var dvfs: DVFSStrategySpec?
  public var coolingSetpoint: CoolingSetpointSpec?
  public var carbonAware: CarbonAwareSpec?

  public init(
    powerDown: PowerDownSpec? = nil, dvfs: DVFSStrategySpec? = nil,
    coolingSetpoint: CoolingSetpointSpec? = nil, carbonAware: CarbonAwareSpec? = nil
  ) {
    self.powerDown = powerDown
    self.dvfs = dvfs
    self.coolingSetpoint = coolingSetpoint
    self.carbonAware = carbonAware
  }

  /// The sub-sections that are given, by their scenario key and strategy name.
  public var givenSections: [(key: String, strategy: String)] {
    var given: [(key: String, strategy: String)] = []
    if powerDown != nil { given.append(("power_down", "power-down")) }
    if dvfs != nil { given.append(("dvfs", "dvfs")) }
    if coolingSetpoint != nil { given.append(("cooling_setpoint", "cooling-setpoint")) }
    if carbonAware != nil { given.append(("carbon_aware", "carbon-aware")) }
    return given
  }

  /// Problems, each at its key below `energy`.
  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    for p in powerDown?.validate() ?? [] { problems.append(("power_down.\(p.key)", p.message)) }
    for p in dvfs?.validate() ?? [] { problems.append(("dvfs.\(p.key)", p.message)) }
    for p in coolingSetpoint?.validate() ?? [] {
      problems.append(("cooling_setpoint.\(p.key)", p.message))
    }
    for p in carbonAware?.validate() ?? [] {
      problems.append(("carbon_aware.\(p.key)", p.message))
    }
    return problems
  }
}

/// `energy.power_down`: idle nodes switch off after `idleTimeout`; waking one takes
/// `wakeLatency` at idle power plus `wakeEnergyJ`.
public struct PowerDownSpec: Sendable, Equatable {
  /// How long a node must have been wholly idle before it switches off.
  public var idleTimeout: SimDuration
  /// How long a node takes from `off` to `up` (it draws idle power meanwhile).
  public var wakeLatency: SimDuration
  /// Extra energy per wake (boot, fans, self-test), J, drawn evenly over the wake latency.
  public var wakeEnergyJ: Double

  public init(
    idleTimeout: SimDuration = .minutes(10), wakeLatency: SimDuration = .minutes(3),
    wakeEnergyJ: Double = 50_000
  ) {
    self.idleTimeout = idleTimeout
    self.wakeLatency = wakeLatency
    self.wakeEnergyJ = wakeEnergyJ
  }

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    if idleTimeout < .zero { problems.append(("idle_timeout", "must be >= 0s")) }
    if wakeLatency <= .zero { problems.append(("wake_latency", "must be > 0s")) }
    if !(wakeEnergyJ.isFinite && wakeEnergyJ >= 0) {
      problems.append(("wake_energy", "must be >= 0 J"))
    } else if wakeEnergyJ > 1e9 {
      // A node wakes on tens to hundreds of kJ; a GJ bound keeps the wake power term (energy
      // over latency) finite for any latency of at least 1 ns.
      problems.append(("wake_energy", "must be at most 1 GJ (1e9 J), got \(wakeEnergyJ) J"))
    }
    return problems
  }
}

/// `energy.dvfs`: each job runs in the slowest DVFS state that still meets `targetSlowdown`.
public struct DVFSStrategySpec: Sendable, Equatable {
  /// The slowdown (JCT / duration at full speed) each job may reach, ≥ 1.
  public var targetSlowdown: Double

  public init(targetSlowdown: Double = 1.2) { self.targetSlowdown = targetSlowdown }

  public func validate() -> [(key: String, message: String)] {
    guard targetSlowdown.isFinite && targetSlowdown >= 1 && targetSlowdown <= 100 else {
      return [("target_slowdown", "must be in [1, 100], got \(targetSlowdown)")]
    }
    return []
  }
}

/// `energy.cooling_setpoint`: a periodic controller of the supply air temperature that keeps
/// the hottest rack inlet at most `upperC − marginK` (REFERENCES.md §4.1: the ASHRAE
/// recommended envelope for air-cooled equipment is 18–27 °C).
public struct CoolingSetpointSpec: Sendable, Equatable {
  /// Time between two controller steps.
  public var interval: SimDuration
  /// The change of one step, K.
  public var stepK: Double
  /// The bounds of the setpoint, °C.
  public var minC: Double
  public var maxC: Double
  /// The inlet limit the controller respects, °C (ASHRAE recommended upper bound, §4.1).
  public var upperInletC: Double
  /// How far below `upperInletC` the controller keeps the hottest inlet, K.
  public var marginK: Double

  public init(
    interval: SimDuration = .minutes(15), stepK: Double = 0.5, minC: Double = 18,
    maxC: Double = 27, upperInletC: Double = 27, marginK: Double = 1
  ) {
    self.interval = interval
    self.stepK = stepK
    self.minC = minC
    self.maxC = maxC
    self.upperInletC = upperInletC
    self.marginK = marginK
  }

  public func validate() -> [(key: String, message: String)] {
    var problems: [(key: String, message: String)] = []
    // At least a second: the controller is one event per interval, so a nanosecond interval
    // would be 86 trillion events a simulated day (a hang, not a control loop).
    if interval < .seconds(1) { problems.append(("interval", "must be at least 1s")) }
    if !(stepK.isFinite && stepK > 0 && stepK <= 10) {
      problems.append(("step_k", "must be in (0, 10] K"))
    }
    if !(minC.isFinite && minC >= 5 && minC <= 40) {
      problems.append(("min_c", "must be in [5, 40] C"))
    }
    if !(maxC.isFinite && maxC <= 45) { problems.append(("max_c", "must be at most 45 C")) }
    if minC.isFinite && maxC.isFinite && maxC < minC {
      problems.append(("max_c", "must be >= min_c (\(minC))"))
    }
    if !(upperInletC.isFinite && upperInletC > 0 && upperInletC <= 45) {
      problems.append(("upper_inlet_c", "must be in (0, 45] C"))
    }
    if !(marginK.isFinite && marginK >= 0 && marginK <= 10) {
      problems.append(("margin_k", "must be in [0, 10] K"))
    }
    return problems
  }
}

/// `energy.carbon_aware`: a flexible job starts when the grid intensity is within
/// `tolerance` (a fraction) of the lowest intensity left in its allowed window.
public struct CarbonAwareSpec: Sendable, Equatable {
  public var tolerance: Double

  public init(tolerance: Double = 0.05) { self.tolerance = tolerance }

  public func validate() -> [(key: String, message: String)] {
    guard tolerance.isFinite && tolerance >= 0 && tolerance <= 10 else {
      return [("tolerance", "must be in [0, 10] (a fraction: 0.05 is 5 %)")]
    }
    return []
  }
}
