// swift-tools-version:6.0
// Benchmark for MelixNumerics against NumPy; run through ./run.sh. Kept as its own package
// so the main package has no bench target.
import PackageDescription

let package = Package(
  name: "TensorBench",
  dependencies: [.package(name: "Melix", path: "../..")],
  targets: [
    .executableTarget(
      name: "TensorBench",
      dependencies: [.product(name: "MelixNumerics", package: "Melix")])
  ]
)
