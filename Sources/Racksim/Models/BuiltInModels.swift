import DataCenter

/// The models every run of a scenario gets before the caller's own: the energy strategies
/// `policies.energy` lists (in that order), the thermal model when there is `thermal:`, the
/// fabric when there is `fabric:` (streaming `links.csv` into `links`), and the
/// facility model (the plant, or the constant-PUE placeholder). A new built-in model joins by
/// one line here.
///
/// Order matters twice: it is the order of the models' output columns, and the order in which
/// they attach, so a model finds at `attach` the signals of the models before it (the plant
/// reads the cooling-setpoint strategy's `energy.supply_setpoint_c`); signals of later models
/// are looked up at the first settle (the thermal model's `plant.supply_air_c`).
enum BuiltInModels {
  static func models(for scenario: Scenario, site: Site, links: ModelFile? = nil)
    throws(SimulationError) -> [any RunModel]
  {
    var models: [any RunModel] = []
    models += try EnergyStrategies.models(for: scenario, site: site)
    if let thermal = scenario.thermal {
      // With a plant, T_sup starts at the plant's supply air temperature (and then follows
      // its `plant.supply_air_c` signal); without one, at `thermal.supply_c`.
      models.append(
        try ThermalModel(spec: thermal, site: site, supplyC: scenario.facility.plant?.supplyAirC))
    }
    if let fabric = scenario.fabric {
      models.append(try FabricModel(layout: fabric, scenario: scenario, links: links))
    }
    models.append(try FacilityPlantModel.builtIn(for: scenario))
    return models
  }
}
