// swift-tools-version:6.0
// Training benchmark: Melix's models in a release build, compared with scikit-learn by
// run.sh. Depends on the root package by path so it measures the current sources.
import PackageDescription

let package = Package(
  name: "MelixTrainBench",
  dependencies: [.package(name: "Melix", path: "../..")],
  targets: [
    .executableTarget(
      name: "melix-train-bench",
      dependencies: [.product(name: "MelixML", package: "Melix")],
      swiftSettings: [.swiftLanguageMode(.v5)])
  ]
)
