/// One output column: its name (with DESIGN.md's unit suffix), unit, fixed precision and
/// meaning. `racksim catalog columns` prints these tables; they are the one place columns are
/// documented, and they never change silently (a golden-file test sees every change).
public struct ColumnSpec: Sendable, Equatable {
  public let name: String
  public let unit: String
  /// Digits after the decimal point; nil for text and integer columns.
  public let decimals: Int?
  public let meaning: String

  public init(_ name: String, unit: String, decimals: Int?, _ meaning: String) {
    self.name = name
    self.unit = unit
    self.decimals = decimals
    self.meaning = meaning
  }
}

/// The columns of every file a run writes.
public enum OutputColumns {
  /// `timeseries.csv`: one row per sampling interval; every value is the time-weighted mean
  /// over the interval that ends at `time_s`.
  public static let timeseries: [ColumnSpec] = [
    ColumnSpec("time_s", unit: "s", decimals: 3, "end of the sampling interval"),
    ColumnSpec("it_power_kw", unit: "kW", decimals: 3, "IT power: GPUs and hosts of every node"),
    ColumnSpec(
      "facility_power_kw", unit: "kW", decimals: 3,
      "IT power plus cooling, UPS losses and other facility load"),
    ColumnSpec("pue", unit: "1", decimals: 4, "facility energy / IT energy over the interval"),
    ColumnSpec("gpu_util", unit: "1", decimals: 4, "mean utilisation over all GPUs of the site"),
    ColumnSpec("busy_gpus", unit: "GPUs", decimals: 3, "GPUs doing a job's work"),
    ColumnSpec(
      "down_gpus", unit: "GPUs", decimals: 3,
      "GPUs held by no job on nodes that are not up (down, off, waking or draining)"),
    ColumnSpec("running_jobs", unit: "jobs", decimals: 3, "jobs running"),
    ColumnSpec("queued_jobs", unit: "jobs", decimals: 3, "jobs submitted and waiting to start"),
  ]

  /// `timeseries.csv` columns of the facility plant (`FacilityPlantModel`, when a scenario has
  /// `cooling:`), after the engine's: time-weighted means over the interval unless stated.
  /// `cooling_power_kw` = chiller + CRAH fans + pumps + tower + dry cooler, and
  /// `facility_power_kw` = IT + PDU loss + UPS loss + cooling + other. `carbon_kg` only with
  /// `carbon:`, `wue_l_per_kwh` only for a plant with a cooling tower, the two temperatures only
  /// with `weather:`.
  public static let facilityPlant: [ColumnSpec] = [
    ColumnSpec("outside_temp_c", unit: "°C", decimals: 2, "outdoor dry bulb the plant ran at"),
    ColumnSpec("wetbulb_c", unit: "°C", decimals: 2, "outdoor wet bulb the plant ran at"),
    ColumnSpec("pdu_loss_kw", unit: "kW", decimals: 3, "rack PDU losses, each at its rack's load"),
    ColumnSpec("ups_loss_kw", unit: "kW", decimals: 3, "UPS losses at IT + PDU load"),
    ColumnSpec(
      "cooling_power_kw", unit: "kW", decimals: 3, "electrical power of the cooling plant"),
    ColumnSpec("chiller_kw", unit: "kW", decimals: 3, "chillers (all of a CoP-curve plant)"),
    ColumnSpec("crah_fan_kw", unit: "kW", decimals: 3, "CRAH fans"),
    ColumnSpec("pump_kw", unit: "kW", decimals: 3, "chilled-, condenser- and liquid-loop pumps"),
    ColumnSpec("tower_kw", unit: "kW", decimals: 3, "cooling-tower fans"),
    ColumnSpec("dry_cooler_kw", unit: "kW", decimals: 3, "DLC loop dry-cooler fans"),
    ColumnSpec("other_kw", unit: "kW", decimals: 3, "lighting and other loads"),
    ColumnSpec(
      "economiser", unit: "1", decimals: 4,
      "share of the plant's cooling demand carried by economisers, mean over the interval"),
    ColumnSpec(
      "carbon_kg", unit: "kg", decimals: 3,
      "CO2 of the facility energy in the interval at the grid intensity"),
    ColumnSpec(
      "wue_l_per_kwh", unit: "L/kWh", decimals: 4,
      "tower make-up water in the interval / IT energy in the interval"),
  ]

  /// `summary.json` scalars of the facility plant; each energy is from its term's own meter, so
  /// IT + PDU loss + UPS loss + cooling + other = facility energy.
  public static let facilityPlantSummary: [ColumnSpec] = [
    ColumnSpec("pdu_loss_kwh", unit: "kWh", decimals: 3, "∫ PDU losses dt"),
    ColumnSpec("ups_loss_kwh", unit: "kWh", decimals: 3, "∫ UPS losses dt"),
    ColumnSpec("cooling_energy_kwh", unit: "kWh", decimals: 3, "∫ cooling plant power dt"),
    ColumnSpec("chiller_kwh", unit: "kWh", decimals: 3, "∫ chiller power dt"),
    ColumnSpec("crah_fan_kwh", unit: "kWh", decimals: 3, "∫ CRAH fan power dt"),
    ColumnSpec("pump_kwh", unit: "kWh", decimals: 3, "∫ pump power dt"),
    ColumnSpec("tower_kwh", unit: "kWh", decimals: 3, "∫ cooling-tower fan power dt"),
    ColumnSpec("dry_cooler_kwh", unit: "kWh", decimals: 3, "∫ dry-cooler fan power dt"),
    ColumnSpec("other_kwh", unit: "kWh", decimals: 3, "∫ lighting and other loads dt"),
    ColumnSpec(
      "economiser_hours", unit: "h", decimals: 3, "∫ economiser share dt (full-economiser hours)"),
    ColumnSpec(
      "unmet_cooling_kwh", unit: "kWh", decimals: 3,
      "∫ cooling load the chillers could not carry dt (0 when the plant is large enough)"),
    ColumnSpec("carbon_kg", unit: "kg", decimals: 3, "∫ facility power × grid intensity dt"),
    ColumnSpec("water_l", unit: "L", decimals: 3, "cooling-tower make-up water"),
    ColumnSpec(
      "wue_l_per_kwh", unit: "L/kWh", decimals: 4, "water / IT energy (The Green Grid WUE)"),
  ]

  /// `racks.csv`: long format (rack names quoted by RFC 4180 where needed), one row per rack per sampling interval (time-weighted means).
  public static let racks: [ColumnSpec] = [
    ColumnSpec("time_s", unit: "s", decimals: 3, "end of the sampling interval"),
    ColumnSpec("rack", unit: "", decimals: nil, "rack name: hall/rROW/kRACK, 1-based"),
    ColumnSpec("power_kw", unit: "kW", decimals: 3, "power of the rack's nodes"),
    ColumnSpec("gpu_util", unit: "1", decimals: 4, "mean utilisation over the rack's GPUs"),
  ]

  /// `jobs.csv`: one row per job submitted before the horizon, finished or not.
  public static let jobs: [ColumnSpec] = [
    ColumnSpec("id", unit: "", decimals: nil, "job name: its trace id, or workload-N"),
    ColumnSpec("user", unit: "", decimals: nil, "submitting user"),
    ColumnSpec("submit_s", unit: "s", decimals: 3, "submission time"),
    ColumnSpec("start_s", unit: "s", decimals: 3, "start time; empty if it never started"),
    ColumnSpec(
      "end_s", unit: "s", decimals: 3, "end time; empty if it had not finished at the horizon"),
    ColumnSpec("gpus", unit: "GPUs", decimals: nil, "GPUs requested"),
    ColumnSpec("nodes", unit: "nodes", decimals: nil, "nodes it ran on; 0 if it never started"),
    ColumnSpec("wait_s", unit: "s", decimals: 3, "start − submit; empty if it never started"),
    ColumnSpec(
      "jct_s", unit: "s", decimals: 3, "job completion time, end − submit; empty if unfinished"),
    ColumnSpec(
      "slowdown", unit: "1", decimals: 4,
      "JCT / duration at full speed; empty if unfinished or of zero work"),
    ColumnSpec(
      "bounded_slowdown", unit: "1", decimals: 4,
      "max(1, JCT / max(duration at full speed, 10 s)); empty if unfinished"),
    ColumnSpec(
      "gpu_s", unit: "GPU·s", decimals: 3,
      "GPU-seconds held over all its allocations (busy or reserved idle), up to its end or the horizon"
    ),
    ColumnSpec("restarts", unit: "", decimals: nil, "times it was requeued after a stop"),
    ColumnSpec(
      "state", unit: "", decimals: nil,
      "finished, running, stopped, queued or rejected at the horizon"),
    ColumnSpec(
      "preemptions", unit: "", decimals: nil,
      "times the scheduler preempted it (suspended, progress kept, requeued)"),
    ColumnSpec(
      "lost_gpu_s", unit: "GPU·s", decimals: 3,
      "GPU-seconds of suspend/resume overhead: GPUs × policies.preemption_overhead per resume"),
  ]

  /// `summary.json`: every scalar of the run.
  public static let summary: [ColumnSpec] = [
    ColumnSpec("scenario", unit: "", decimals: nil, "scenario name"),
    ColumnSpec(
      "scenario_hash", unit: "", decimals: nil,
      "hash of the resolved scenario (after includes and --set)"),
    ColumnSpec("seed", unit: "", decimals: nil, "run seed"),
    ColumnSpec("racksim_version", unit: "", decimals: nil, "version of the simulator"),
    ColumnSpec("horizon_s", unit: "s", decimals: 3, "simulated duration"),
    ColumnSpec("events_processed", unit: "events", decimals: nil, "events handled by the engine"),
    ColumnSpec("gpus", unit: "GPUs", decimals: nil, "GPUs in the site"),
    ColumnSpec("nodes", unit: "nodes", decimals: nil, "nodes in the site"),
    ColumnSpec("racks", unit: "racks", decimals: nil, "racks in the site"),
    ColumnSpec("jobs_submitted", unit: "jobs", decimals: nil, "jobs submitted up to the horizon"),
    ColumnSpec("jobs_started", unit: "jobs", decimals: nil, "jobs that started"),
    ColumnSpec("jobs_finished", unit: "jobs", decimals: nil, "jobs that finished"),
    ColumnSpec(
      "jobs_rejected", unit: "jobs", decimals: nil, "jobs that can never run on this site"),
    ColumnSpec("jobs_stopped", unit: "stops", decimals: nil, "times a running job was stopped"),
    ColumnSpec(
      "jobs_dropped", unit: "jobs", decimals: nil,
      "trace jobs dropped as invalid under invalid_jobs: drop (wider than the site, negative "
        + "duration, estimate below the duration)"),
    ColumnSpec("it_energy_kwh", unit: "kWh", decimals: 3, "∫ IT power dt"),
    ColumnSpec("facility_energy_kwh", unit: "kWh", decimals: 3, "∫ facility power dt"),
    ColumnSpec("pue", unit: "1", decimals: 4, "facility energy / IT energy"),
    ColumnSpec("mean_it_power_kw", unit: "kW", decimals: 3, "IT energy / horizon"),
    ColumnSpec("gpu_util", unit: "1", decimals: 4, "∫ Σ GPU utilisation dt / (GPUs × horizon)"),
    ColumnSpec("busy_gpu_hours", unit: "GPU·h", decimals: 3, "∫ busy GPUs dt"),
    ColumnSpec(
      "reserved_idle_gpu_hours", unit: "GPU·h", decimals: 3,
      "∫ GPUs held idle on multi-node jobs' whole nodes dt"),
    ColumnSpec(
      "free_gpu_hours", unit: "GPU·h", decimals: 3, "∫ GPUs held by no job on up nodes dt"),
    ColumnSpec(
      "down_gpu_hours", unit: "GPU·h", decimals: 3,
      "∫ GPUs held by no job on nodes that are not up dt; busy + reserved idle + free + down = GPUs × horizon"
    ),
    ColumnSpec("mean_wait_s", unit: "s", decimals: 3, "mean start − submit over started jobs"),
    ColumnSpec("mean_jct_s", unit: "s", decimals: 3, "mean end − submit over finished jobs"),
    ColumnSpec(
      "median_jct_s", unit: "s", decimals: 3, "median JCT over finished jobs (linear interpolation)"
    ),
    ColumnSpec(
      "p95_jct_s", unit: "s", decimals: 3,
      "95th percentile JCT over finished jobs (linear interpolation)"),
    ColumnSpec("p99_jct_s", unit: "s", decimals: 3, "99th percentile JCT over finished jobs"),
    ColumnSpec("p50_wait_s", unit: "s", decimals: 3, "median wait over started jobs"),
    ColumnSpec("p95_wait_s", unit: "s", decimals: 3, "95th percentile wait over started jobs"),
    ColumnSpec("p99_wait_s", unit: "s", decimals: 3, "99th percentile wait over started jobs"),
    ColumnSpec("mean_slowdown", unit: "1", decimals: 4, "mean slowdown over finished jobs"),
    ColumnSpec("p50_slowdown", unit: "1", decimals: 4, "median slowdown over finished jobs"),
    ColumnSpec("p95_slowdown", unit: "1", decimals: 4, "95th percentile slowdown"),
    ColumnSpec("p99_slowdown", unit: "1", decimals: 4, "99th percentile slowdown"),
    ColumnSpec(
      "mean_bounded_slowdown", unit: "1", decimals: 4,
      "mean bounded slowdown (10 s bound) over finished jobs"),
    ColumnSpec(
      "makespan_s", unit: "s", decimals: 3,
      "last completion − first submission over finished jobs"),
    ColumnSpec(
      "jain_fairness", unit: "1", decimals: 4,
      "Jain's index (Σx)² / (n·Σx²) over users' GPU-hours (x = GPU-s held by each user's jobs)"),
  ]

  /// The thermal model's `timeseries.csv` columns (when the scenario has `thermal:`).
  public static let thermalTimeseries: [ColumnSpec] = [
    ColumnSpec(
      "max_inlet_c", unit: "°C", decimals: 2,
      "hottest rack inlet of the settled state at the sample time (a snapshot)")
  ]

  /// The thermal model's `racks.csv` columns.
  public static let thermalRacks: [ColumnSpec] = [
    ColumnSpec("inlet_c", unit: "°C", decimals: 2, "rack inlet temperature, time-weighted mean")
  ]

  /// The thermal model's `summary.json` scalars.
  public static let thermalSummary: [ColumnSpec] = [
    ColumnSpec("max_inlet_c", unit: "°C", decimals: 2, "hottest rack inlet over the run"),
    ColumnSpec(
      "throttle_events", unit: "events", decimals: nil, "times a rack started to throttle"),
  ]

  /// The power-cap strategy's `summary.json` scalars.
  public static let powerCapSummary: [ColumnSpec] = [
    ColumnSpec(
      "power_cap_actions", unit: "steps", decimals: nil,
      "DVFS steps the power-cap strategy took (one job, one state, down or up)"),
    ColumnSpec(
      "power_cap_refusals", unit: "", decimals: nil,
      "starts held back because no DVFS states could have kept a cap"),
  ]

  /// `events.csv`: one row per event a model records (throttles, releases, power-cap steps), in
  /// time order.
  public static let events: [ColumnSpec] = [
    ColumnSpec("time_s", unit: "s", decimals: 3, "when it happened"),
    ColumnSpec("model", unit: "", decimals: nil, "the model that recorded it"),
    ColumnSpec("kind", unit: "", decimals: nil, "what happened, e.g. throttle, release, cap-lower"),
    ColumnSpec("subject", unit: "", decimals: nil, "what it happened to: a rack or job name"),
    ColumnSpec(
      "value", unit: "", decimals: 3,
      "the event's number (an inlet in °C, a power state), empty if none"),
  ]

  /// The fabric model's `timeseries.csv` columns (`FabricModel`, when a scenario has
  /// `fabric:`): time-weighted means over the interval.
  public static let fabricTimeseries: [ColumnSpec] = [
    ColumnSpec(
      "fabric_max_link_util", unit: "1", decimals: 4,
      "largest interval-mean utilisation (carried load / capacity) of a switch-to-switch link"),
    ColumnSpec(
      "network_slowdown_mean", unit: "1", decimals: 4,
      "mean over running communicating jobs of ideal rate / network rate (1 = no contention)"),
    ColumnSpec("fabric_flows", unit: "flows", decimals: 3, "steady-state collective flows"),
  ]

  /// The fabric model's `summary.json` scalars.
  public static let fabricSummary: [ColumnSpec] = [
    ColumnSpec(
      "fabric_leaf_oversubscription", unit: "1", decimals: 4,
      "hosts per leaf · host link / (spines · uplink); 1 = non-blocking"),
    ColumnSpec(
      "fabric_spine_oversubscription", unit: "1", decimals: 4,
      "leaves per pod · uplink / (super-spines · super uplink); null for one pod"),
    ColumnSpec("fabric_solves", unit: "", decimals: nil, "max-min re-solves that changed rates"),
    ColumnSpec(
      "fabric_largest_component", unit: "flows", decimals: nil,
      "flows in the largest component re-solved at once"),
    ColumnSpec("fabric_max_flows", unit: "flows", decimals: nil, "most flows at once"),
  ]

  /// `jobs.csv` columns of the fabric (issue 9 item 5).
  public static let fabricJobs: [ColumnSpec] = [
    ColumnSpec(
      "leaves", unit: "switches", decimals: nil,
      "leaf switches of the job's hosts in its last run; empty if it never started"),
    ColumnSpec(
      "spines", unit: "switches", decimals: nil,
      "spine switches its collective's flows cross (0: within one leaf, or no communication)"),
  ]

  /// `links.csv` (when a scenario has `fabric:` with `links_csv: true`): one row per sampling
  /// interval and directed link that carried traffic in it, by time then link number.
  public static let links: [ColumnSpec] = [
    ColumnSpec("time_s", unit: "s", decimals: 3, "end of the sampling interval"),
    ColumnSpec(
      "link", unit: "", decimals: nil,
      "h<k>-up|down, leaf<l>-spine<s>-up|down, pod<p>-spine<s>-super<x>-up|down (0-based)"),
    ColumnSpec("tier", unit: "", decimals: nil, "0 host links, 1 leaf-spine, 2 spine-super-spine"),
    ColumnSpec("util", unit: "1", decimals: 4, "time-weighted mean load / capacity"),
    ColumnSpec("bytes", unit: "B", decimals: 0, "bytes carried in the interval"),
  ]
}
