// swift-tools-version:6.0
// Melix: a small language for machine-learning work.
// Targets follow ../shared/DESIGN.md: C wrappers at the bottom, shells at the top,
// dependencies pointing one way.
import PackageDescription

/// Swift 5 language mode keeps strict-concurrency diagnostics as warnings while the
/// core is young; no target relies on global mutable state (STYLE.md section 1).
let v5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

/// MelixNumerics' SIMD kernels (exp/log/tanh, element-wise loops) need AVX2 and FMA to beat
/// NumPy's vectorised loops: the Swift default for x86-64 is SSE2, where an 8-lane double
/// vector costs four registers per operation (measured 3x slower). `haswell` (AVX2, FMA,
/// BMI2; x86-64-v3) runs on every x86-64 server CPU since 2013, including our Zen 4 machines.
#if arch(x86_64)
  let numericsCodegen: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
  let numericsCodegen: [SwiftSetting] = []
#endif

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
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    // Already in the graph through Hummingbird; named so MelixServer can size the event loops.
    .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    // ServiceGroup, so that a deployed server stops gracefully.
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
    .target(
      name: "MelixNumerics", dependencies: ["COpenBLAS"], swiftSettings: v5 + numericsCodegen),
    .target(name: "MelixHDF5", dependencies: ["CHDF5"], swiftSettings: v5),
    .target(name: "MelixData", dependencies: ["MelixHDF5"], swiftSettings: v5),
    // MelixML's training loops (optimizer updates, activations) vectorise like MelixNumerics'.
    .target(
      name: "MelixML", dependencies: ["MelixNumerics", "MelixHDF5"],
      swiftSettings: v5 + numericsCodegen),
    .target(name: "MelixSyntax", swiftSettings: v5),
    // The interpreter's hot loops read class-held storage (list items, the value stack);
    // dynamic exclusivity checks there cost more than the work itself.
    .target(
      name: "MelixInterpreter", dependencies: ["MelixSyntax", "MelixNumerics", "MelixData", "MelixML"],
      swiftSettings: v5 + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
    .target(
      name: "MelixREPL", dependencies: ["CEditLine", "MelixSyntax", "MelixInterpreter"],
      swiftSettings: v5),
    .target(
      name: "MelixDriver",
      dependencies: [
        "MelixSyntax", "MelixInterpreter", "MelixREPL", "MelixML", "MelixServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: v5),
    // The model server (issue 7): Hummingbird 2 speaking the Open Inference Protocol, with
    // Prometheus metrics. Only the driver imports it (STYLE.md section 2).
    .target(
      name: "MelixServer",
      dependencies: [
        "MelixML",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      swiftSettings: v5),
    .executableTarget(name: "melix", dependencies: ["MelixDriver"], swiftSettings: v5),

    // MARK: - Tests
    .testTarget(
      name: "MelixNumericsTests", dependencies: ["MelixNumerics"], exclude: ["Fixtures"],
      swiftSettings: v5),
    .testTarget(
      name: "MelixHDF5Tests", dependencies: ["MelixHDF5"], exclude: ["Fixtures"], swiftSettings: v5),
    .testTarget(
      name: "MelixDataTests", dependencies: ["MelixData", "MelixHDF5"], exclude: ["Fixtures"],
      swiftSettings: v5),
    .testTarget(
      name: "MelixMLTests", dependencies: ["MelixML", "MelixNumerics"], exclude: ["Fixtures"],
      swiftSettings: v5),
    .testTarget(
      name: "MelixServerTests", dependencies: ["MelixServer", "MelixML"], swiftSettings: v5),
    .testTarget(name: "MelixSyntaxTests", dependencies: ["MelixSyntax"], swiftSettings: v5),
    .testTarget(
      name: "MelixInterpreterTests", dependencies: ["MelixInterpreter"], exclude: ["Fixtures"],
      swiftSettings: v5),
    .testTarget(
      name: "MelixREPLTests", dependencies: ["MelixREPL", "MelixInterpreter"],
      exclude: ["pty"],  // the pseudo-terminal driver scripts (Python), run by PtyTests
      swiftSettings: v5),
    .testTarget(
      name: "LanguageTests", dependencies: ["MelixDriver", "MelixInterpreter", "MelixSyntax"],
      exclude: ["Fixtures"], swiftSettings: v5),
  ]
)
