// swift-tools-version: 6.1
// Racksim: a deterministic discrete-event simulator of AI data centres.
//
// Build flags:
// - `RACKSIM_INTERNAL_CHECKS`: define it (`-Xswiftc -DRACKSIM_INTERNAL_CHECKS`) to verify the
//   event queue's heap invariant after every operation. Debug aid only; slow.
//
// The dependency direction is fixed (STYLE.md §1) and checked by `ArchitectureTests`:
// RacksimCLI -> Experiments -> ScenarioFile -> Racksim -> Policies -> Workloads -> DataCenter
// -> SimKernel; SimMath may be imported by any model target.
import PackageDescription

let package = Package(
  name: "Racksim",
  products: [
    .executable(name: "racksim", targets: ["RacksimCLI"]),
    .library(name: "SimKernel", targets: ["SimKernel"]),
    .library(name: "SimMath", targets: ["SimMath"]),
    .library(name: "Racksim", targets: ["Racksim"]),
    .library(name: "ScenarioFile", targets: ["ScenarioFile"]),
    .library(name: "Experiments", targets: ["Experiments"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
    // GRDB: sweep.sqlite (issue 11). On Linux it links the system SQLite (Debian libsqlite3-dev).
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    // Plot: the HTML of `racksim report` (issue 11), built as a typed tree, never by hand.
    .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLapack", pkgConfig: "lapacke",
      providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
    // libm: PortableMath's rounding and square roots lower to libm calls; executables that
    // import SimKernel without Foundation need it linked.
    .target(name: "SimKernel", linkerSettings: [.linkedLibrary("m")]),
    .target(name: "SimMath", dependencies: ["SimKernel", "CLapack"]),
    .target(name: "DataCenter", dependencies: ["SimKernel", "SimMath"]),
    .target(name: "Workloads", dependencies: ["SimKernel", "SimMath", "DataCenter"]),
    // HeapModule: the schedulers' queues are heaps (a pass must not scan the whole queue).
    .target(
      name: "Policies",
      dependencies: [
        "SimKernel", "DataCenter", "Workloads",
        .product(name: "HeapModule", package: "swift-collections"),
      ]),
    .target(
      name: "Racksim",
      dependencies: ["SimKernel", "SimMath", "DataCenter", "Workloads", "Policies"]),
    .target(
      name: "ScenarioFile",
      dependencies: [
        "Racksim", "SimKernel", "DataCenter", "Workloads", .product(name: "Yams", package: "Yams"),
      ]),
    .target(
      name: "Experiments",
      dependencies: [
        "ScenarioFile", "Racksim", "DataCenter", "SimMath",
        .product(name: "GRDB", package: "GRDB.swift"),
        // GRDBSQLite: the SQLite C API, to bind sweep.sqlite's per-run rows without SQL text.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Plot", package: "Plot"),
      ]),
    .executableTarget(
      name: "RacksimCLI",
      dependencies: [
        "Experiments", "ScenarioFile",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "RacksimTestSupport",
      dependencies: ["SimKernel", "DataCenter", "Workloads", "Racksim"],
      path: "Tests/RacksimTestSupport"),
    .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
    .testTarget(name: "SimMathTests", dependencies: ["SimMath", "SimKernel"]),
    .testTarget(name: "DataCenterTests", dependencies: ["DataCenter", "SimKernel"]),
    .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "DataCenter", "SimKernel"]),
    .testTarget(
      name: "PoliciesTests", dependencies: ["Policies", "Workloads", "DataCenter", "SimKernel"]),
    .testTarget(
      name: "RacksimTests",
      dependencies: [
        "Racksim", "RacksimTestSupport", "SimKernel", "DataCenter", "Workloads", "Policies",
      ]),
    .testTarget(
      name: "ScenarioFileTests",
      dependencies: [
        "ScenarioFile", "Racksim", "RacksimTestSupport", "SimKernel", "DataCenter", "Workloads",
      ]),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: ["Experiments", "Racksim", "RacksimTestSupport", "SimKernel"]),
    .testTarget(name: "RacksimCLITests", dependencies: ["RacksimTestSupport", "RacksimCLI"]),
    .testTarget(name: "ArchitectureTests"),
  ]
)
