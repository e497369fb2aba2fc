// swift-tools-version:6.0
// Benchmark of Melix's CSV and HDF5 readers; run through ./run.sh (release build).
import PackageDescription

let package = Package(
  name: "MelixDataBench",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "Melix", path: "../..")],
  targets: [
    .executableTarget(
      name: "melix-data-bench",
      dependencies: [.product(name: "MelixData", package: "Melix")],
      path: "Sources")
  ]
)
