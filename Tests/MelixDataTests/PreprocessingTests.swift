import XCTest

@testable import MelixData

/// Transformers against scikit-learn values in Fixtures/reference.json.
final class PreprocessingTests: XCTestCase {
  func penguins() throws -> Dataset { try Dataset.readHDF5(path: TestPaths.example("penguins.h5")) }

  func testStandardScalerMatchesScikitLearn() throws {
    let reference = try Reference.load()["scalers"] as? [String: Any] ?? [:]
    let data = try penguins()
    let train = try data.rows(0..<250)
    let test = try data.rows(250..<data.count)
    let fitted = try StandardScaler().fit(train)
    assertClose(fitted.mean, Reference.doubles(reference["standard_mean"]), "mean")
    assertClose(fitted.scale, Reference.doubles(reference["standard_scale"]), "scale")
    assertClose(
      try fitted.transform(test).features.values, Reference.doubles(reference["standard_test"]),
      "transform")
    let back = try fitted.inverseTransform(try fitted.transform(test))
    assertClose(back.features.values, test.features.values, tolerance: 1e-12, "inverse")
  }

  func testMinMaxScalerMatchesScikitLearn() throws {
    let reference = try Reference.load()["scalers"] as? [String: Any] ?? [:]
    let data = try penguins()
    let fitted = try MinMaxScaler().fit(try data.rows(0..<250))
    assertClose(fitted.dataMin, Reference.doubles(reference["minmax_min"]), "min")
    assertClose(fitted.dataMax, Reference.doubles(reference["minmax_max"]), "max")
    let test = try data.rows(250..<data.count)
    assertClose(
      try fitted.transform(test).features.values, Reference.doubles(reference["minmax_test"]),
      "transform")
  }

  func testConstantColumnScalesToZerosNotNaN() throws {
    let data = try Dataset(
      features: FeatureMatrix(rows: 3, columns: 2, values: [5, 1, 5, 2, 5, 3]),
      featureNames: ["c", "v"])
    let standard = try StandardScaler().fit(data).transform(data)
    XCTAssertEqual(standard.features.column(0), [0, 0, 0])
    let minmax = try MinMaxScaler().fit(data).transform(data)
    XCTAssertEqual(minmax.features.column(0), [0, 0, 0])
    XCTAssertEqual(minmax.features.column(1), [0, 0.5, 1])
  }

  func testImputerStrategiesMatchScikitLearn() throws {
    let reference = try Reference.load()["imputers"] as? [String: Any] ?? [:]
    let data = try penguins()
    for strategy in [ImputeStrategy.mean, .median, .mostFrequent, .constant] {
      let fitted = try Imputer(strategy: strategy).fit(data)
      let fills = data.featureNames.map { fitted.numericFills[$0] ?? .nan }
      assertClose(fills, Reference.doubles(reference[strategy.rawValue]), strategy.rawValue)
      let filled = try fitted.transform(data)
      XCTAssertFalse(filled.features.values.contains { $0.isNaN }, strategy.rawValue)
    }
    let mostFrequent = try Imputer(strategy: .mostFrequent).fit(data)
    XCTAssertEqual(mostFrequent.levelFills["sex"], reference["sex_most_frequent"] as? String)
    XCTAssertEqual(try mostFrequent.transform(data).missingCount, 0)
  }

  func testImputerRejectsAllMissingColumn() throws {
    let data = try Dataset(
      features: FeatureMatrix(rows: 2, columns: 1, values: [.nan, .nan]), featureNames: ["a"])
    XCTAssertThrowsError(try Imputer(strategy: .mean).fit(data)) { error in
      XCTAssertEqual(
        error as? DataError, .noObservedValues(operation: "imputer(mean)", column: "a"))
    }
  }

  func testOneHotEncoderMatchesScikitLearn() throws {
    let reference = try Reference.load()["one_hot"] as? [String: Any] ?? [:]
    let titanic = try readCSV(path: TestPaths.example("titanic.csv"), target: "survived")
    let fitted = try OneHotEncoder().fit(try titanic.rows(0..<1000))
    XCTAssertEqual(fitted.categories.map(\.levels), reference["categories"] as? [[String]])
    XCTAssertEqual(fitted.featureNamesOut, reference["feature_names"] as? [String])
    let test = try fitted.transform(try titanic.rows(1000..<titanic.count))
    XCTAssertEqual(test.categorical.count, 0)
    let encoded = try test.select(fitted.featureNamesOut)
    XCTAssertEqual(encoded.features.values, Reference.doubles(reference["test"]))
    XCTAssertEqual(
      test.columnOrder.prefix(4), ["pclass_1st", "pclass_2nd", "pclass_3rd", "survived"])
  }

  func testOneHotUnknownLevelIsAnError() throws {
    let titanic = try readCSV(path: TestPaths.example("titanic.csv"), target: "survived")
    let firstClassOnly = try titanic.filter { $0.text("pclass") == "1st" }
    let fitted = try OneHotEncoder(columns: ["pclass"]).fit(firstClassOnly)
    XCTAssertThrowsError(try fitted.transform(titanic)) { error in
      XCTAssertEqual(
        error as? DataError, .unknownLevel(operation: "one_hot", column: "pclass", level: "2nd"))
    }
    let ignoring = try OneHotEncoder(columns: ["pclass"], handleUnknown: .ignore).fit(
      firstClassOnly)
    XCTAssertEqual(try ignoring.transform(titanic).features.shape, [1309, 4])
  }

  /// One-hot encoding a column with a level per row asks for rows² values: with 40,000
  /// rows that is 1.6e9 doubles, refused with an error instead of a 12 GiB allocation.
  func testOneHotOfAnIdentifierColumnIsRefused() throws {
    let rows = 40_000
    let ids = CategoricalColumn(
      name: "id", codes: Array(0..<rows), levels: (0..<rows).map { "u\($0)" })
    let dataset = try Dataset(
      features: FeatureMatrix(rows: rows, columns: 0, values: []), featureNames: [],
      categorical: [ids])
    let fitted = try OneHotEncoder().fit(dataset)
    XCTAssertThrowsError(try fitted.transform(dataset)) {
      XCTAssertEqual(
        "\($0)",
        "'one_hot': column 'id' has 40000 levels: encoding 40000 rows would make more than "
          + "1073741824 feature values")
    }
    let small = try OneHotEncoder().fit(try dataset.rows(0..<100))
    XCTAssertEqual(try small.transform(try dataset.rows(0..<100)).features.shape, [100, 100])
  }

  func testLabelEncoderMatchesScikitLearn() throws {
    let reference = try Reference.load()["label_encoder_island"] as? [String: Any] ?? [:]
    let csv = try readCSV(path: TestPaths.example("penguins.csv"), target: "species")
    guard case .categorical(let island) = try csv.column("island") else { return XCTFail("island") }
    let labels = (0..<csv.count).compactMap { island.value(at: $0) }
    let fitted = LabelEncoder().fit(labels)
    XCTAssertEqual(fitted.classes, reference["classes"] as? [String])
    XCTAssertEqual(
      try fitted.transform(Array(labels.prefix(10))), (reference["first10"] as? [Int]) ?? [])
    XCTAssertEqual(try fitted.inverseTransform([0, 2]), ["Biscoe", "Torgersen"])
    XCTAssertThrowsError(try fitted.transform(["Mars"]))
    let encoded = try fitted.transform(csv, column: "island")
    XCTAssertEqual(encoded.featureNames.last, "island")
    XCTAssertEqual(encoded.features[0, encoded.features.columns - 1], 2)  // Torgersen
  }

  func testDescribeMatchesPandas() throws {
    let reference = try Reference.load()["describe_penguins_bill_length"] as? [String: Any] ?? [:]
    let csv = try readCSV(path: TestPaths.example("penguins.csv"), target: "species")
    let description = csv.describe()
    guard let bill = description.summary("bill_length_mm") else { return XCTFail("no summary") }
    XCTAssertEqual(Double(bill.count), (reference["count"] as? Double))
    XCTAssertEqual(bill.missing, 2)
    let got = [bill.mean, bill.std, bill.min, bill.q25, bill.median, bill.q75, bill.max].map {
      $0 ?? .nan
    }
    let want = ["mean", "std", "min", "25%", "50%", "75%", "max"].map {
      (reference[$0] as? Double) ?? .nan
    }
    assertClose(got, want, tolerance: 1e-12, "describe")
    let sex = description.summary("sex")
    XCTAssertEqual(sex?.levelCounts.map(\.0), ["female", "male"])
    XCTAssertEqual(sex?.levelCounts.map(\.1), [165, 168])
    XCTAssertEqual(sex?.missing, 11)
    let text = description.description
    XCTAssertTrue(text.hasPrefix("344 rows × 8 columns\n"), text)
    XCTAssertTrue(text.contains("species: Adelie 152, Chinstrap 68, Gentoo 124"), text)
  }
}
