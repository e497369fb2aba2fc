import Foundation
import XCTest

@testable import MelixHDF5

/// Reads Fixtures/fixtures.h5 (written by h5py via Fixtures/make_fixtures.py) and checks
/// every value against the formulas that script uses.
final class H5FixtureTests: XCTestCase {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixture = directory.appendingPathComponent("Fixtures/fixtures.h5").path

  func open() throws -> H5File { try H5File(path: Self.fixture) }

  func testNumericDatasetsOfEveryType() throws {
    let file = try open()
    let n = 12
    XCTAssertEqual(
      try file.dataset("float64").read(as: Double.self), (0..<n).map { Double($0) * 0.5 - 1 })
    XCTAssertEqual(
      try file.dataset("float32").read(as: Float.self), (0..<n).map { Float($0) * 0.25 })
    XCTAssertEqual(
      try file.dataset("int64").read(as: Int64.self), (0..<n).map { Int64($0) * -3 + (1 << 40) })
    XCTAssertEqual(
      try file.dataset("int32").read(as: Int32.self), (0..<n).map { Int32($0) * 7 - 20 })
    XCTAssertEqual(
      try file.dataset("uint8").read(as: UInt8.self), (0..<n).map { UInt8($0 * 20 % 256) })
    XCTAssertEqual(try file.dataset("bool").read(as: Bool.self), (0..<n).map { $0 % 3 == 0 })
    XCTAssertEqual(try file.dataset("float64").elementType, .float64)
    XCTAssertEqual(try file.dataset("bool").elementType, .bool)
    XCTAssertEqual(try file.dataset("uint8").elementType, .uint8)
    // libhdf5 converts on read: int32 → Double, float64 → Float.
    XCTAssertEqual(try file.dataset("int32").read(as: Double.self).first, -20)
  }

  func testMatrixShapeAndDirectBufferRead() throws {
    let data = try open().dataset("matrix")
    XCTAssertEqual(data.shape, [4, 6])
    var storage = [Double](repeating: -1, count: 24)
    try storage.withUnsafeMutableBufferPointer { try data.read(into: $0) }
    XCTAssertEqual(storage, (0..<24).map { Double($0) / 8 })
    var wrongSize = [Double](repeating: 0, count: 5)
    XCTAssertThrowsError(try wrongSize.withUnsafeMutableBufferPointer { try data.read(into: $0) })
  }

  func testStrings() throws {
    let file = try open()
    XCTAssertEqual(
      try file.dataset("vlen_strings").readStrings(), ["alpha", "béta", "", "gamma ✓"])
    XCTAssertEqual(try file.dataset("vlen_strings").elementType, .variableString)
    XCTAssertEqual(try file.dataset("fixed_strings").readStrings(), ["ab", "cde", "fghij"])
    XCTAssertEqual(try file.dataset("fixed_strings").elementType, .fixedString(length: 5))
  }

  func testChunkedGzipDatasetAndRowRanges() throws {
    let data = try open().group("group").group("nested").dataset("chunked")
    XCTAssertEqual(data.path, "/group/nested/chunked")
    XCTAssertEqual(data.shape, [1000, 7])
    XCTAssertEqual(data.chunkShape, [100, 7])
    XCTAssertEqual(data.filterNames, ["shuffle", "deflate"])
    let all = try data.read(as: Double.self)
    XCTAssertEqual(all[6999], 6999 * 0.001)
    let rows = try data.readRows(250..<253, as: Double.self)
    XCTAssertEqual(rows, (250 * 7..<253 * 7).map { Double($0) * 0.001 })
    XCTAssertEqual(rows, Array(all[(250 * 7)..<(253 * 7)]))
    XCTAssertThrowsError(try data.readRows(990..<1001, as: Double.self)) { error in
      XCTAssertEqual(
        error as? HDF5Error,
        .rowsOutOfRange(
          file: Self.fixture, path: "/group/nested/chunked", lower: 990, upper: 1001, rows: 1000))
    }
  }

  func testAttributes() throws {
    let file = try open()
    let attributes = file.attributes
    XCTAssertEqual(try attributes.string("title"), "Melix fixtures")
    XCTAssertEqual(try attributes.strings("names"), ["a", "bb", "ccc"])
    XCTAssertEqual(try attributes.value("version"), .int(3))
    XCTAssertEqual(try attributes.value("scale"), .double(2.5))
    XCTAssertEqual(try attributes.ints("shape"), [8, 8])
    XCTAssertEqual(try attributes.value("weights"), .doubles([0.5, 1.5]))
    XCTAssertEqual(try attributes.string("unicode"), "café ✓")
    XCTAssertEqual(try attributes.string("fixed"), "fixed-len")
    XCTAssertEqual(
      try attributes.names(),
      ["fixed", "names", "scale", "shape", "title", "unicode", "version", "weights"])
    XCTAssertEqual(try file.group("group").attributes.string("note"), "nested group")
    XCTAssertEqual(try file.dataset("float64").attributes.string("unit"), "cm")
    XCTAssertEqual(
      try file.root.memberNames(),
      [
        "bool", "fixed_strings", "float32", "float64", "group", "int32", "int64", "matrix", "uint8",
        "vlen_strings",
      ])
  }

  func testErrorsNameFileAndPath() throws {
    let file = try open()
    let path = Self.fixture
    XCTAssertThrowsError(try file.dataset("missing/y")) { error in
      XCTAssertEqual(error as? HDF5Error, .objectNotFound(file: path, path: "/missing/y"))
      XCTAssertEqual("\(error)", "'\(path)': no object at '/missing/y'")
    }
    XCTAssertThrowsError(try file.dataset("group")) { error in
      XCTAssertEqual(
        error as? HDF5Error,
        .wrongObjectKind(file: path, path: "/group", expected: "dataset", found: "group"))
    }
    XCTAssertThrowsError(try file.group("float64"))
    XCTAssertThrowsError(try file.dataset("vlen_strings").read(as: Double.self)) { error in
      XCTAssertEqual(
        error as? HDF5Error,
        .typeMismatch(
          file: path, path: "/vlen_strings", expected: "float64", found: "variable-length string"))
    }
    XCTAssertThrowsError(try file.dataset("float64").readStrings())
    XCTAssertThrowsError(try file.attributes.string("nope")) { error in
      XCTAssertEqual(error as? HDF5Error, .attributeNotFound(file: path, path: "/", name: "nope"))
    }
    XCTAssertThrowsError(try file.attributes.string("version")) { error in
      XCTAssertEqual("\(error)", "'\(path)': '/@version' holds an integer, expected a string")
    }
    XCTAssertThrowsError(try H5File(path: "/nonexistent/file.h5")) { error in
      XCTAssertEqual(error as? HDF5Error, .fileNotFound(file: "/nonexistent/file.h5"))
    }
  }

  func testNotHDF5AndTruncatedFiles() throws {
    let notHDF5 = FileManager.default.temporaryDirectory.appendingPathComponent(
      "melix-not-hdf5-\(getpid()).h5"
    ).path
    try "a,b\n1,2\n".write(toFile: notHDF5, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: notHDF5) }
    XCTAssertThrowsError(try H5File(path: notHDF5)) { error in
      XCTAssertEqual(error as? HDF5Error, .notHDF5(file: notHDF5))
    }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixture))
    let truncated = FileManager.default.temporaryDirectory.appendingPathComponent(
      "melix-truncated-\(getpid()).h5"
    ).path
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
    defer { try? FileManager.default.removeItem(atPath: truncated) }
    XCTAssertThrowsError(try H5File(path: truncated)) { error in
      guard case .corruptFile(let file, let reason)? = error as? HDF5Error else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(file, truncated)
      XCTAssertTrue(reason.contains("truncated file"), reason)
    }
  }

  /// A never-written chunked dataset may declare 2^64 elements in a 2 KB file: opening it
  /// must throw `tooLarge`, not trap on the element-count overflow.
  func testHugeDeclaredShapeThrowsInsteadOfOverflowing() throws {
    let path = Self.directory.appendingPathComponent("Fixtures/huge_shape.h5").path
    let file = try H5File(path: path)
    XCTAssertThrowsError(try file.dataset("X")) { error in
      XCTAssertEqual(
        error as? HDF5Error,
        .tooLarge(file: path, path: "/X", dimensions: [1 << 32, 1 << 32]))
      XCTAssertEqual(
        "\(error)",
        "'\(path)': '/X' has shape [4294967296, 4294967296], too many elements to address")
    }
    // 2^62 elements fit in Int, but not their byte count.
    XCTAssertThrowsError(try file.dataset("wide")) { error in
      XCTAssertEqual(
        error as? HDF5Error, .tooLarge(file: path, path: "/wide", dimensions: [1 << 62]))
    }
    // 2^40 fixed-length strings of 2^24 bytes: the count is fine, the byte count overflows.
    let strings = try file.dataset("long_strings")
    XCTAssertEqual(strings.shape, [1 << 40])
    XCTAssertThrowsError(try strings.readStrings()) { error in
      XCTAssertEqual(
        error as? HDF5Error,
        .tooLarge(file: path, path: "/long_strings", dimensions: [1 << 40, 1 << 24]))
    }
  }
}
