import Racksim

/// Scenarios compiled into the tool, so `racksim run` works without a file.
public enum BuiltInScenarios {
  /// The quickstart's YAML, byte-identical to `Scenarios/quickstart.yaml` (a test checks it).
  public static let quickstartYAML: String = #"""
    # The built-in quickstart: one hall of 8 racks of DGX H100 (4 nodes × 8 GPUs each, 256 GPUs),
    # one simulated week of Poisson-arriving training jobs, FIFO scheduling, first-fit placement.
    # `racksim run` with no file runs exactly this (the copy compiled into the tool is checked
    # against this file by the tests).
    #
    # Offered load [D]: 6 jobs/h × E[gpus] 6.55 × E[duration] 2h·e^(1.2²/2) = 4.10 h
    #   = 161 GPU-hours per hour on 256 GPUs, about 63% of the site.
    name: quickstart
    seed: 42
    horizon: 7d
    sample_interval: 15m

    site:
      halls:
        - name: hall-1
          rows: 2
          racks_per_row: 4
          rack_type: dgx-h100-rack

    facility:
      pue: 1.3            # placeholder until the cooling-plant model replaces it

    workloads:
      - name: training
        type: poisson
        mean_interarrival: 10m
        gpus: {1: 0.25, 2: 0.15, 4: 0.2, 8: 0.25, 16: 0.1, 32: 0.05}
        duration: {distribution: lognormal, median: 2h, sigma: 1.2}
        users: 20

    policies:
      scheduler: fifo
      placement: first-fit

    output:
      racks: true

    """#

  /// The quickstart scenario, with `--set` overrides applied.
  /// - Throws: `ScenarioLoadError` when an override is invalid (the YAML itself is tested).
  public static func quickstart(overrides: [String] = []) throws(ScenarioLoadError) -> Scenario {
    try ScenarioLoader.load(
      yaml: quickstartYAML, file: "quickstart.yaml", baseDirectory: ".", overrides: overrides)
  }
}
