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
  ]
)
