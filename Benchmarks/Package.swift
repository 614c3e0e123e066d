// swift-tools-version: 6.1
// Racksim benchmarks: a separate package so that CI's `swift test` never builds or times them
// (STYLE.md §4 rule 11). Run by hand, release builds only: `bash Benchmarks/run.sh`.
import PackageDescription

let package = Package(
  name: "RacksimBenchmarks",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "hold-model", targets: ["HoldModel"]),
    .executable(name: "plant-year", targets: ["PlantYear"]),
    .executable(name: "flow-replay", targets: ["FlowReplayBench"]),
    .executable(name: "maxmin-bench", targets: ["MaxMinBench"]),
  ],
  dependencies: [
    .package(name: "Racksim", path: "..")
  ],
  targets: [
    // The classic hold model: a bare array heap, `EventQueue` and `Kernel.run`, side by side.
    .executableTarget(
      name: "HoldModel",
      dependencies: [.product(name: "SimKernel", package: "Racksim")],
      path: "Sources/HoldModel"),
    // A year of hourly cooling-plant evaluation, compared with EnergyPlus by
    // EnergyPlus/compare.py. DataCenter is not a product of the root package; it comes in
    // through the Racksim product, which depends on it.
    .executableTarget(
      name: "PlantYear",
      dependencies: [.product(name: "Racksim", package: "Racksim")],
      path: "Sources/PlantYear"),
    // Racksim's flow replay on a fabric file and a flow list (flows.sh compares it with SimGrid).
    .executableTarget(
      name: "FlowReplayBench",
      dependencies: [.product(name: "Experiments", package: "Racksim")],
      path: "Sources/FlowReplayBench"),
    // MaxMinSolver with N flows: one full solve and incremental add/remove steps.
    .executableTarget(
      name: "MaxMinBench",
      dependencies: [
        .product(name: "SimMath", package: "Racksim"),
        .product(name: "SimKernel", package: "Racksim"),
      ],
      path: "Sources/MaxMinBench"),
  ]
)
