import DataCenter
import SimKernel

/// The facility placeholder as a model: facility power = IT power × PUE, i.e. one power term
/// `facility-overhead` = (PUE − 1) × IT power, recomputed whenever IT power changes.
///
/// It is the first model that joins a run through `RunModel`; the cooling-plant model of the
/// plant issue replaces it (and its overhead term) with chillers, CRAHs, pumps and UPS losses.
struct ConstantPUEModel: RunModel {
  let pue: Double
  var term = PowerTermID(raw: 0)

  init(pue: Double) { self.pue = pue }

  var name: String { "constant-pue" }
  var stage: SettleStage { .facility }

  mutating func attach(to run: inout RunState, as id: ModelID) throws(SimulationError) {
    term = try run.registerPowerTerm("facility-overhead")
    run.setPowerTerm(term, to: (pue - 1) * run.power.itPowerW)
  }

  mutating func settle(run: inout RunState) {
    guard !run.changes.racksWithNewPower.isEmpty else { return }
    run.setPowerTerm(term, to: (pue - 1) * run.power.itPowerW)
  }
}
