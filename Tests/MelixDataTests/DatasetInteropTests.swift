import Foundation
import XCTest

@testable import MelixData

/// Datasets written by Melix open in h5py with the same datasets, values and attributes as
/// the h5py-written originals (Fixtures/check_dataset_roundtrip.py); skipped without h5py.
final class DatasetInteropTests: XCTestCase {
  static let checker = TestPaths.fixtures.appendingPathComponent("check_dataset_roundtrip.py").path

  func run(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  func testMelixWrittenDatasetsMatchH5pyOriginals() throws {
    guard let (status, _) = try? run(["python3", "-c", "import h5py"]), status == 0 else {
      print("skipped: python3 with h5py not available, dataset interop check not run")
      throw XCTSkip("python3 with h5py not available")
    }
    for name in ["iris", "penguins", "titanic", "diabetes", "digits"] {
      let original = TestPaths.example("\(name).h5")
      let written = TestPaths.temporary("interop-\(name).h5")
      try Dataset.readHDF5(path: original).writeHDF5(path: written)
      let (code, text) = try run(["python3", Self.checker, original, written])
      XCTAssertEqual(code, 0, "\(name): \(text)")
      XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "ok", name)
    }
  }
}
