import XCTest

@testable import MelixData

final class DatasetOperationTests: XCTestCase {
  func penguins() throws -> Dataset {
    try readCSV(path: TestPaths.example("penguins.csv"), target: "species")
  }

  func testHeadSliceSelectDropFilterAndColumnAccess() throws {
    let data = try penguins()
    XCTAssertEqual(data.head(3).count, 3)
    XCTAssertEqual(data.head(1000).count, 344)
    let slice = try data.rows(10..<20)
    XCTAssertEqual(slice.features.row(0), data.features.row(10))
    let selected = try data.select(["body_mass_g", "island"])
    XCTAssertEqual(selected.featureNames, ["body_mass_g"])
    XCTAssertEqual(selected.categoricalNames, ["island"])
    XCTAssertEqual(selected.columns, ["species", "island", "body_mass_g"])
    let dropped = try data.drop(["year", "sex", "species"])
    XCTAssertNil(dropped.target)
    XCTAssertEqual(
      dropped.columns,
      ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"])
    XCTAssertThrowsError(try data.select(["wingspan"])) { error in
      XCTAssertEqual(
        "\(error)",
        "no column 'wingspan' (columns: 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year', 'island', 'sex')"
      )
    }
    let heavy = try data.filter { ($0.number("body_mass_g") ?? 0) > 5000 }
    XCTAssertEqual(heavy.count, 61)
    let gentoo = try data.filter { $0.text("species") == "Gentoo" }
    XCTAssertEqual(gentoo.count, 124)
    guard case .numeric(let mass) = try data.column("body_mass_g") else {
      return XCTFail("column kind")
    }
    XCTAssertEqual(mass[0], 3750)
    XCTAssertTrue(mass[3].isNaN)
  }

  func testTableAndSchemaRendering() throws {
    let data = try penguins()
    let text = data.table(maxRows: 4)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(lines[0], "Dataset: 344 rows × 8 columns, classification on 'species'")
    XCTAssertTrue(lines[1].hasPrefix("species  island     bill_length_mm"), lines[1])
    XCTAssertTrue(lines[2].hasPrefix("Adelie   Torgersen            39.1"), lines[2])
    XCTAssertTrue(lines[5].contains("NA"), lines[5])  // row 3 has missing measurements
    XCTAssertEqual(lines[6], "… 340 more rows")
    XCTAssertEqual(data.description, data.table(maxRows: 10))
    let schema = data.schema().description
    XCTAssertTrue(schema.hasPrefix("Schema: 8 columns, inferred from 344 rows\n"), schema)
    XCTAssertTrue(
      schema.contains("  body_mass_g: number in [2700, 6300], missing allowed\n"), schema)
    XCTAssertTrue(
      schema.contains("  species: category (target) of {Adelie, Chinstrap, Gentoo}, no missing"),
      schema)
  }

  func testTaskInference() throws {
    XCTAssertEqual(
      try readCSV(path: TestPaths.example("wine.csv"), target: "target").classNames,
      ["0", "1", "2"])
    XCTAssertEqual(
      try readCSV(path: TestPaths.example("diabetes.csv"), target: "target").task, .regression)
    let forced = try readCSV(
      path: TestPaths.example("wine.csv"), target: "target", task: .regression)
    XCTAssertEqual(forced.task, .regression)
    // Forcing classification on the 442 integer diabetes targets gives one class per value
    // (214 distinct values, counted with pandas' nunique).
    let classes = try readCSV(
      path: TestPaths.example("diabetes.csv"), target: "target", task: .classification)
    XCTAssertEqual(classes.classNames?.count, 214)
    XCTAssertEqual(classes.classNames?.first, "25")
  }

  func testSchemaInferenceAndValidationReportsEveryViolation() throws {
    let data = try penguins()
    let schema = data.schema()
    XCTAssertTrue(data.validate(schema).isValid)
    XCTAssertEqual(schema.rowCount, 344)
    let mass = schema.columns.first { $0.name == "body_mass_g" }
    XCTAssertEqual(mass?.minimum, 2700)
    XCTAssertEqual(mass?.maximum, 6300)
    XCTAssertEqual(mass?.allowsMissing, true)
    XCTAssertEqual(
      schema.columns.first { $0.name == "island" }?.levels, ["Biscoe", "Dream", "Torgersen"])

    var strict = schema
    if let k = strict.columns.firstIndex(where: { $0.name == "body_mass_g" }) {
      strict.columns[k].maximum = 6000
      strict.columns[k].allowsMissing = false
    }
    if let k = strict.columns.firstIndex(where: { $0.name == "island" }) {
      strict.columns[k].levels = ["Biscoe", "Dream"]
    }
    strict.columns.append(ColumnSchema(name: "wingspan", kind: .number))
    let report = data.validate(strict)
    XCTAssertFalse(report.isValid)
    let byRule = Dictionary(
      uniqueKeysWithValues: report.violations.map { ("\($0.column)/\($0.rule.rawValue)", $0) })
    XCTAssertEqual(byRule["body_mass_g/above maximum"]?.count, 2)
    XCTAssertEqual(byRule["body_mass_g/missing values"]?.count, 2)
    XCTAssertEqual(byRule["island/unknown level"]?.count, 52)
    XCTAssertEqual(byRule["island/unknown level"]?.examples.first, "'Torgersen' (row 0)")
    XCTAssertEqual(byRule["wingspan/missing column"]?.count, 1)
    XCTAssertEqual(report.violations.count, 4)
    XCTAssertTrue(report.description.hasPrefix("4 violations:\n"))
  }

  func testValidationWrongTypeAndTooFewRows() throws {
    let data = try penguins()
    var schema = data.schema()
    schema.minimumRows = 400
    if let k = schema.columns.firstIndex(where: { $0.name == "sex" }) {
      schema.columns[k] = ColumnSchema(name: "sex", kind: .number)
    }
    let report = data.validate(schema)
    XCTAssertEqual(
      report.violations.map { "\($0.column)/\($0.rule.rawValue)" },
      ["/too few rows", "sex/wrong type"])
    XCTAssertEqual(
      report.violations[0].description, "dataset: too few rows: 344 values, e.g. 344 < 400")
    XCTAssertEqual(report.violations[1].examples, ["expected number, found category"])
    let dropped = try data.drop(["island"])
    XCTAssertEqual(dropped.validate(data.schema()).violations.map(\.rule), [.missingColumn])
  }

  func testConstantImputerAddsALevelAndRowViewsReadTargets() throws {
    let data = try penguins()
    let filled = try Imputer(strategy: .constant, fillValue: -1, fillLevel: "unknown").fit(data)
      .transform(data)
    guard case .categorical(let sex) = try filled.column("sex") else { return XCTFail("sex") }
    XCTAssertEqual(sex.levels, ["female", "male", "unknown"])
    XCTAssertEqual(sex.codes.filter { $0 == 2 }.count, 11)
    guard case .numeric(let mass) = try filled.column("body_mass_g") else { return XCTFail("mass") }
    XCTAssertEqual(mass[3], -1)
    let diabetes = try readCSV(path: TestPaths.example("diabetes.csv"), target: "target")
    let high = try diabetes.filter { ($0.number("target") ?? 0) > 300 }
    XCTAssertEqual(high.count, 14)  // pandas: (df.target > 300).sum()
    XCTAssertEqual(diabetes.targetValues?.first, 151)
  }

  func testSHA256FIPSVectors() {
    XCTAssertEqual(
      SHA256.hex(Array("abc".utf8)),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(
      SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var million = SHA256()
    for _ in 0..<1000 { million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
    XCTAssertEqual(
      million.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testFingerprintMatchesPythonCanonicalEncoding() throws {
    let reference = try Reference.load()["fingerprints"] as? [String: String] ?? [:]
    for name in ["iris", "penguins", "diabetes"] {
      let data = try Dataset.readHDF5(path: TestPaths.example("\(name).h5"))
      XCTAssertEqual(data.fingerprint(), reference[name], name)
    }
    let iris = try Dataset.readHDF5(path: TestPaths.example("iris.h5"))
    var changed = iris
    changed.features[0, 0] = 5.2
    XCTAssertNotEqual(changed.fingerprint(), iris.fingerprint())
  }
}
