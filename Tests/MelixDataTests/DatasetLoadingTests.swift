import Foundation
import MelixHDF5
import XCTest

@testable import MelixData

/// Every dataset loads from CSV and from HDF5 with the documented shape, names and values
/// (documented in examples/data/README.md, copied from the shared data README).
final class DatasetLoadingTests: XCTestCase {
  struct Expected {
    let name: String
    let target: String
    let rows: Int
    let features: Int
    let task: TaskKind
    let classCounts: [String: Int]
    let missing: Int
    let categorical: [String]
  }

  static let expectations: [Expected] = [
    Expected(
      name: "iris", target: "species", rows: 150, features: 4, task: .classification,
      classCounts: ["setosa": 50, "versicolor": 50, "virginica": 50], missing: 0, categorical: []),
    Expected(
      name: "wine", target: "target", rows: 178, features: 13, task: .classification,
      classCounts: [:], missing: 0, categorical: []),
    Expected(
      name: "breast_cancer", target: "diagnosis", rows: 569, features: 30, task: .classification,
      classCounts: ["malignant": 212, "benign": 357], missing: 0, categorical: []),
    Expected(
      name: "digits", target: "label", rows: 1797, features: 64, task: .classification,
      classCounts: [:], missing: 0, categorical: []),
    Expected(
      name: "diabetes", target: "target", rows: 442, features: 10, task: .regression,
      classCounts: [:], missing: 0, categorical: []),
    Expected(
      name: "penguins", target: "species", rows: 344, features: 5, task: .classification,
      classCounts: ["Adelie": 152, "Chinstrap": 68, "Gentoo": 124], missing: 19,
      categorical: ["island", "sex"]),
    Expected(
      name: "titanic", target: "survived", rows: 1309, features: 3, task: .classification,
      classCounts: ["died": 809, "survived": 500], missing: 263, categorical: ["pclass", "sex"]),
  ]

  static let large: [Expected] = [
    Expected(
      name: "diamonds", target: "price", rows: 53940, features: 6, task: .regression,
      classCounts: [:], missing: 0, categorical: ["cut", "color", "clarity"]),
    Expected(
      name: "mnist_5k", target: "label", rows: 5000, features: 784, task: .classification,
      classCounts: [:], missing: 0, categorical: []),
  ]

  func testEveryExampleDatasetLoadsFromCSVAndHDF5Identically() throws {
    for expected in Self.expectations {
      try check(expected, directory: TestPaths.exampleData.path)
    }
  }

  func testLargeSharedDatasetsWhenPresent() throws {
    guard FileManager.default.fileExists(atPath: TestPaths.shared + "/diamonds.csv") else {
      throw XCTSkip("skipped: \(TestPaths.shared) not present")
    }
    for expected in Self.large { try check(expected, directory: TestPaths.shared) }
  }

  private func check(_ expected: Expected, directory: String) throws {
    let csv = try readCSV(path: "\(directory)/\(expected.name).csv", target: expected.target)
    let h5 = try Dataset.readHDF5(path: "\(directory)/\(expected.name).h5")
    for dataset in [csv, h5] {
      XCTAssertEqual(dataset.features.shape, [expected.rows, expected.features], expected.name)
      XCTAssertEqual(dataset.task, expected.task, expected.name)
      XCTAssertEqual(dataset.targetName, expected.target, expected.name)
      XCTAssertEqual(dataset.missingCount, expected.missing, expected.name)
      XCTAssertEqual(dataset.categoricalNames, expected.categorical, expected.name)
    }
    XCTAssertEqual(csv.featureNames, h5.featureNames, expected.name)
    XCTAssertEqual(csv.columnOrder, h5.columnOrder, expected.name)
    // Bit-for-bit equal features: the CSV numbers are shortest round-trip forms of /X.
    XCTAssertEqual(csv.features, h5.features, expected.name)
    for (a, b) in zip(csv.categorical, h5.categorical) {
      XCTAssertEqual(
        (0..<csv.count).map { a.value(at: $0) }, (0..<h5.count).map { b.value(at: $0) }, a.name)
    }
    switch (csv.target, h5.target) {
    case (.classes(let ci, let cn)?, .classes(let hi, let hn)?):
      let csvLabels = ci.map { cn[$0] }
      let h5Labels = hi.map { hn[$0] }
      if expected.classCounts.isEmpty {
        // Integer labels in the CSV (wine, digits, mnist) map to target_names by index.
        XCTAssertEqual(ci, hi, expected.name)
      } else {
        XCTAssertEqual(csvLabels, h5Labels, expected.name)
        var counts: [String: Int] = [:]
        for label in csvLabels { counts[label, default: 0] += 1 }
        XCTAssertEqual(counts, expected.classCounts, expected.name)
      }
    case (.values(let cv)?, .values(let hv)?):
      XCTAssertEqual(cv, hv, expected.name)
    default:
      XCTFail(
        "\(expected.name): target kinds differ: \(String(describing: csv.task)) vs \(String(describing: h5.task))"
      )
    }
  }

  func testIrisFirstAndLastRowValues() throws {
    let iris = try readCSV(path: TestPaths.example("iris.csv"), target: "species")
    XCTAssertEqual(
      iris.featureNames, ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    XCTAssertEqual(Array(iris.features.row(0)), [5.1, 3.5, 1.4, 0.2])
    XCTAssertEqual(Array(iris.features.row(149)), [5.9, 3.0, 5.1, 1.8])
    XCTAssertEqual(iris.classNames, ["setosa", "versicolor", "virginica"])
  }

  func testTitanicFractionalAgesAndLevels() throws {
    let titanic = try readCSV(path: TestPaths.example("titanic.csv"), target: "survived")
    XCTAssertTrue(titanic.features.values.contains(0.916700006))
    XCTAssertEqual(titanic.categorical[0].levels, ["1st", "2nd", "3rd"])
    XCTAssertEqual(titanic.categorical[1].levels, ["female", "male"])
    XCTAssertEqual(titanic.columnOrder.first, "pclass")
  }

  func testBreastCancerHDF5KeepsScikitLearnClassOrder() throws {
    let h5 = try Dataset.readHDF5(path: TestPaths.example("breast_cancer.h5"))
    XCTAssertEqual(h5.classNames, ["malignant", "benign"])
    let csv = try readCSV(path: TestPaths.example("breast_cancer.csv"), target: "diagnosis")
    XCTAssertEqual(csv.classNames, ["benign", "malignant"])  // CSV: sorted
  }

  func testDigitsImageShapeAndPenguinsOrderedFlag() throws {
    let digits = try Dataset.readHDF5(path: TestPaths.example("digits.h5"))
    XCTAssertEqual(digits.imageShape, [8, 8])
    XCTAssertEqual(digits.classNames, (0...9).map(String.init))
    let penguins = try Dataset.readHDF5(path: TestPaths.example("penguins.h5"))
    XCTAssertEqual(penguins.categorical.map(\.isOrdered), [false, false])
    XCTAssertEqual(penguins.categorical[0].levels, ["Biscoe", "Dream", "Torgersen"])
    XCTAssertEqual(
      penguins.metadata["source"], "palmerpenguins 0.1.6 (PyPI): palmerpenguins/data/penguins.csv")
  }

  func testRoundTripThroughHDF5AndCSV() throws {
    for name in ["penguins", "titanic", "diabetes"] {
      let original = try Dataset.readHDF5(path: TestPaths.example("\(name).h5"))
      let h5Path = TestPaths.temporary("\(name).h5")
      try save(original, path: h5Path)
      XCTAssertEqual(try load(path: h5Path), original, name)
      let csvPath = TestPaths.temporary("\(name).csv")
      try save(original, path: csvPath)
      let reread = try load(path: csvPath, target: original.targetName)
      XCTAssertEqual(reread.features, original.features, name)
      XCTAssertEqual(reread.columnOrder, original.columnOrder, name)
    }
  }

  func testRowRangeReadEqualsSliceOfFullRead() throws {
    let path = TestPaths.example("titanic.h5")
    let full = try Dataset.readHDF5(path: path)
    let part = try Dataset.readHDF5(path: path, rows: 100..<250)
    XCTAssertEqual(part, try full.rows(100..<250))
    XCTAssertThrowsError(try Dataset.readHDF5(path: path, rows: 1300..<1310)) { error in
      XCTAssertEqual(error as? DataError, .rowsOutOfRange(lower: 1300, upper: 1310, count: 1309))
    }
  }

  func testCompressedWriteReadsBack() throws {
    let original = try Dataset.readHDF5(path: TestPaths.example("digits.h5"))
    let path = TestPaths.temporary("digits-gzip.h5")
    try original.writeHDF5(path: path, gzipLevel: 4)
    XCTAssertEqual(try Dataset.readHDF5(path: path), original)
    let x = try H5File(path: path).dataset("X")
    XCTAssertEqual(x.chunkShape, [1024, 64])
    XCTAssertEqual(x.filterNames, ["shuffle", "deflate"])
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    XCTAssertLessThan(size, 300_000)  // the uncompressed file is 948,776 bytes
  }

  /// A corrupt class index in a `/y` without `target_names` (here `Int64.max`, where
  /// `max + 1` used to overflow) is a layout error naming the row.
  func testHugeUnnamedClassIndexIsALayoutError() throws {
    let path = TestPaths.temporary("huge-class-index.h5")
    do {
      let file = try H5File(path: path, mode: .truncate)
      try file.root.write([0.0, 1.0, 2.0, 3.0], shape: [2, 2], to: "X")
      try file.root.write([Int64(1), Int64.max], shape: [2], to: "y")
      try file.root.attributes.set("task", .string("classification"))
    }
    XCTAssertThrowsError(try Dataset.readHDF5(path: path)) { error in
      XCTAssertEqual(
        "\(error)",
        "'\(path)': '/y': class index 9223372036854775807 at row 1 is outside 0..<65536 "
          + "and there is no 'target_names' attribute")
    }
    // Small unnamed indices still name the classes 0...max.
    do {
      let file = try H5File(path: path, mode: .truncate)
      try file.root.write([0.0, 1.0, 2.0, 3.0], shape: [2, 2], to: "X")
      try file.root.write([Int64(2), Int64(0)], shape: [2], to: "y")
      try file.root.attributes.set("task", .string("classification"))
    }
    let dataset = try Dataset.readHDF5(path: path)
    XCTAssertEqual(dataset.target, .classes(indices: [2, 0], names: ["0", "1", "2"]))
  }

  func testLoadRejectsUnknownExtension() {
    XCTAssertThrowsError(try load(path: "data.parquet")) { error in
      XCTAssertEqual(error as? DataError, .unsupportedExtension(path: "data.parquet"))
    }
  }
}
