import Foundation
import XCTest

@testable import MelixHDF5

/// Writes a file with MelixHDF5, reads it back, and (when python3 with h5py is present)
/// has Fixtures/check_melix_output.py verify it with h5py.
final class H5WriteTests: XCTestCase {
  static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/check_melix_output.py").path

  func writeSample(to path: String) throws {
    let file = try H5File(path: path, mode: .truncate)
    let group = try file.root.createGroup("data")
    try group.write((0..<15).map { Double($0) * 0.1 }, shape: [5, 3], to: "X")
    try group.attributes.set("weights", .doubles([1.5, -2.0]))
    try file.root.write([Int64(-1), 0, 1 << 40], shape: [3], to: "ints")
    try file.root.write([Int32(1), -2, 3], shape: [3], to: "small")
    try file.root.write([UInt8(0), 128, 255], shape: [3], to: "bytes")
    try file.root.write([true, false, true], shape: [3], to: "flags")
    try file.root.write([Float(0.5), -1.25], shape: [2], to: "single")
    try file.root.write(strings: ["x", "ÿ ✓", ""], to: "names")
    try file.root.write(
      (0..<400).map(Double.init), shape: [100, 4], to: "zipped", chunks: [50, 4],
      compression: H5Compression(gzipLevel: 4))
    try file.attributes.set("task", .string("classification"))
    try file.attributes.set("feature_names", .strings(["a", "b", "c"]))
    try file.attributes.set("format_version", .int(1))
    try file.attributes.set("rate", .double(0.25))
    try file.attributes.set("dims", .ints([28, 28]))
    try file.flush()
  }

  func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("melix-h5-\(getpid())-\(name)")
      .path
  }

  func testWriteThenReadBack() throws {
    let path = temporaryPath("roundtrip.h5")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try writeSample(to: path)
    let file = try H5File(path: path)
    XCTAssertEqual(try file.dataset("data/X").shape, [5, 3])
    XCTAssertEqual(
      try file.dataset("data/X").read(as: Double.self), (0..<15).map { Double($0) * 0.1 })
    XCTAssertEqual(try file.dataset("ints").read(as: Int64.self), [-1, 0, 1 << 40])
    XCTAssertEqual(try file.dataset("small").read(as: Int32.self), [1, -2, 3])
    XCTAssertEqual(try file.dataset("bytes").read(as: UInt8.self), [0, 128, 255])
    XCTAssertEqual(try file.dataset("flags").read(as: Bool.self), [true, false, true])
    XCTAssertEqual(try file.dataset("single").read(as: Float.self), [0.5, -1.25])
    XCTAssertEqual(try file.dataset("names").readStrings(), ["x", "ÿ ✓", ""])
    let zipped = try file.dataset("zipped")
    XCTAssertEqual(zipped.chunkShape, [50, 4])
    XCTAssertEqual(zipped.filterNames, ["shuffle", "deflate"])
    XCTAssertEqual(try zipped.readRows(99..<100, as: Double.self), [396, 397, 398, 399])
    XCTAssertEqual(try file.attributes.strings("feature_names"), ["a", "b", "c"])
    XCTAssertEqual(try file.attributes.int("format_version"), 1)
    XCTAssertEqual(try file.group("data").attributes.doubles("weights"), [1.5, -2.0])
  }

  func testReadWriteModeAddsToExistingFileAndReplacesAttributes() throws {
    let path = temporaryPath("rw.h5")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try writeSample(to: path)
    do {
      let file = try H5File(path: path, mode: .readWrite)
      try file.root.write([1.0, 2.0], shape: [2], to: "extra/values")
      try file.attributes.set("task", .string("regression"))
    }
    let file = try H5File(path: path)
    XCTAssertEqual(try file.dataset("extra/values").read(as: Double.self), [1, 2])
    XCTAssertEqual(try file.attributes.string("task"), "regression")
    XCTAssertThrowsError(try file.root.write([1.0], shape: [1], to: "readonly"))
    XCTAssertThrowsError(try file.root.write([1.0, 2.0], shape: [3], to: "bad")) { error in
      XCTAssertEqual(
        error as? HDF5Error, .shapeMismatch(file: path, path: "/bad", expected: [3], got: [2]))
    }
  }

  func testH5pyReadsMelixOutput() throws {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import h5py"]
    probe.standardError = FileHandle.nullDevice
    probe.standardOutput = FileHandle.nullDevice
    do {
      try probe.run()
      probe.waitUntilExit()
    } catch {
      print("skipped: python3 not available, h5py interop check not run")
      throw XCTSkip("python3 not available")
    }
    guard probe.terminationStatus == 0 else {
      print("skipped: python3 has no h5py, h5py interop check not run")
      throw XCTSkip("python3 has no h5py")
    }
    let path = temporaryPath("for-h5py.h5")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try writeSample(to: path)
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", Self.checker, path]
    let output = Pipe()
    check.standardOutput = output
    check.standardError = output
    try check.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    XCTAssertEqual(check.terminationStatus, 0, text)
    XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
  }
}
