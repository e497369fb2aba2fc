// swift-tools-version:6.0
// Melix: a small language for machine-learning work.
// Targets follow ../shared/DESIGN.md: C wrappers at the bottom, shells at the top,
// dependencies pointing one way.
import PackageDescription

/// Swift 5 language mode keeps strict-concurrency diagnostics as warnings while the
/// core is young; no target relies on global mutable state (STYLE.md section 1).
let v5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
  name: "Melix",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "melix", targets: ["melix"]),
    .library(name: "MelixNumerics", targets: ["MelixNumerics"]),
    .library(name: "MelixData", targets: ["MelixData"]),
    .library(name: "MelixML", targets: ["MelixML"]),
    .library(name: "MelixInterpreter", targets: ["MelixInterpreter"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // MARK: - C libraries (system libraries via pkg-config)
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
    .systemLibrary(
      name: "CHDF5", pkgConfig: "hdf5",
      providers: [.apt(["libhdf5-dev"])]),
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),

    // MARK: - Libraries
    .target(name: "MelixNumerics", dependencies: ["COpenBLAS"], swiftSettings: v5),
    .target(name: "MelixHDF5", dependencies: ["CHDF5"], swiftSettings: v5),
    .target(name: "MelixData", dependencies: ["MelixHDF5"], swiftSettings: v5),
    .target(name: "MelixML", dependencies: [], swiftSettings: v5),
    .target(name: "MelixSyntax", swiftSettings: v5),
    // The interpreter's hot loops read class-held storage (list items, the value stack);
    // dynamic exclusivity checks there cost more than the work itself.
    .target(
      name: "MelixInterpreter", dependencies: ["MelixSyntax"],
      swiftSettings: v5 + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
    .target(
      name: "MelixREPL", dependencies: ["CEditLine", "MelixSyntax", "MelixInterpreter"],
      swiftSettings: v5),
    .target(
      name: "MelixDriver",
      dependencies: [
        "MelixSyntax", "MelixInterpreter", "MelixREPL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: v5),
    .executableTarget(name: "melix", dependencies: ["MelixDriver"], swiftSettings: v5),

    // MARK: - Tests
    .testTarget(name: "MelixNumericsTests", dependencies: ["MelixNumerics"], swiftSettings: v5),
    .testTarget(name: "MelixHDF5Tests", dependencies: ["MelixHDF5"], swiftSettings: v5),
    .testTarget(name: "MelixDataTests", dependencies: ["MelixData"], swiftSettings: v5),
    .testTarget(name: "MelixMLTests", dependencies: ["MelixML"], swiftSettings: v5),
    .testTarget(name: "MelixSyntaxTests", dependencies: ["MelixSyntax"], swiftSettings: v5),
    .testTarget(
      name: "MelixInterpreterTests", dependencies: ["MelixInterpreter"], exclude: ["Fixtures"],
      swiftSettings: v5),
    .testTarget(
      name: "MelixREPLTests", dependencies: ["MelixREPL", "MelixInterpreter"], swiftSettings: v5),
    .testTarget(
      name: "LanguageTests", dependencies: ["MelixDriver", "MelixInterpreter", "MelixSyntax"],
      exclude: ["Fixtures"], swiftSettings: v5),
  ]
)
