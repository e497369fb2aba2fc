// swift-tools-version:6.0
// Kernel SHAP benchmark: Melix's KernelSHAP in a release build, compared with
// shap.KernelExplainer by run.sh. Depends on the root package by path.
import PackageDescription

let package = Package(
  name: "MelixShapBench",
  dependencies: [.package(name: "Melix", path: "../..")],
  targets: [
    .executableTarget(
      name: "melix-shap-bench",
      dependencies: [.product(name: "MelixML", package: "Melix")],
      swiftSettings: [.swiftLanguageMode(.v5)])
  ]
)
