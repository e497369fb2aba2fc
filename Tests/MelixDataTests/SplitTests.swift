import XCTest

@testable import MelixData

final class SplitTests: XCTestCase {
  func iris() throws -> Dataset {
    try readCSV(path: TestPaths.example("iris.csv"), target: "species")
  }

  func classCounts(_ data: Dataset) -> [Int] {
    guard case .classes(let indices, let names)? = data.target else { return [] }
    var counts = [Int](repeating: 0, count: names.count)
    for i in indices { counts[i] += 1 }
    return counts
  }

  func testSplitMix64ReferenceValues() {
    // First outputs of Vigna's splitmix64.c seeded with 1234567.
    var generator = SeededGenerator(seed: 1_234_567)
    XCTAssertEqual(generator.next(), 6_457_827_717_110_365_317)
    XCTAssertEqual(generator.next(), 3_203_168_211_198_807_973)
    XCTAssertEqual(generator.next(), 9_817_491_932_198_370_423)
  }

  func testStratifiedSplitKeepsProportionsAndIsReproducible() throws {
    let data = try iris()
    let (train, test) = try data.split(test: 0.2, stratify: true, seed: 42)
    XCTAssertEqual(train.count, 120)
    XCTAssertEqual(test.count, 30)
    XCTAssertEqual(classCounts(test), [10, 10, 10])
    XCTAssertEqual(classCounts(train), [40, 40, 40])
    let again = try data.split(test: 0.2, stratify: true, seed: 42)
    XCTAssertEqual(again.test, test)
    XCTAssertNotEqual(try data.split(test: 0.2, stratify: true, seed: 43).test, test)
  }

  func testStratifiedSplitOnUnbalancedClassesMatchesScikitLearnCounts() throws {
    // StratifiedShuffleSplit(test_size=0.25) counts per class, from Fixtures/reference.json.
    let reference = try Reference.load()["splits"] as? [String: Any] ?? [:]
    let penguins = try Dataset.readHDF5(path: TestPaths.example("penguins.h5"))
    let (train, test) = try penguins.split(test: 0.25, stratify: true, seed: 7)
    XCTAssertEqual(classCounts(test), reference["penguins_stratified_test_counts"] as? [Int])
    XCTAssertEqual(classCounts(train), reference["penguins_stratified_train_counts"] as? [Int])
  }

  func testPlainSplitPartitionsRows() throws {
    let data = try iris()
    let (train, test) = try data.split(test: 0.3, seed: 1)
    XCTAssertEqual(train.count + test.count, 150)
    XCTAssertEqual(test.count, 45)
    let all = (train.features.values + test.features.values).sorted()
    XCTAssertEqual(all, data.features.values.sorted())
  }

  func testClassTooSmallNamesTheClass() throws {
    let data = try iris()
    let tiny = try data.rows(Array(0..<100) + [120])
    XCTAssertThrowsError(try tiny.split(test: 0.2, stratify: true, seed: 1)) { error in
      XCTAssertEqual(
        error as? DataError,
        .classTooSmall(operation: "stratified split", className: "virginica", count: 1, needed: 2))
      XCTAssertEqual(
        "\(error)", "stratified split: class 'virginica' has 1 sample, needs at least 2")
    }
    XCTAssertThrowsError(try data.rows(Array(0..<103)).kfold(k: 5, stratify: true, seed: 1)) {
      error in
      XCTAssertEqual(
        error as? DataError,
        .classTooSmall(operation: "stratified 5-fold", className: "virginica", count: 3, needed: 5))
    }
  }

  func testBadArguments() throws {
    let data = try iris()
    XCTAssertThrowsError(try data.split(test: 1.5, seed: 1))
    XCTAssertThrowsError(try data.kfold(k: 1, seed: 1))
    XCTAssertThrowsError(try data.sample(151, seed: 1))
    XCTAssertThrowsError(try data.rows(140..<151))
    let unlabelled = try data.drop(["species"])
    XCTAssertThrowsError(try unlabelled.split(test: 0.2, stratify: true, seed: 1)) { error in
      XCTAssertEqual(error as? DataError, .noTarget(operation: "stratified split"))
    }
  }

  func testStratifiedKFoldBalancesClassesAndCoversEveryRow() throws {
    let data = try Dataset.readHDF5(path: TestPaths.example("penguins.h5"))
    let folds = try data.kfoldIndices(k: 5, stratify: true, seed: 3)
    XCTAssertEqual(folds.flatMap { $0 }.sorted(), Array(0..<344))
    XCTAssertEqual(folds.map(\.count).max()! - folds.map(\.count).min()!, 1)
    for fold in folds {
      let counts = classCounts(try data.rows(fold))
      // Adelie 152, Chinstrap 68, Gentoo 124 over 5 folds: within one of the exact share.
      for (c, total) in [152, 68, 124].enumerated() {
        XCTAssertLessThanOrEqual(abs(Double(counts[c]) - Double(total) / 5), 1.0)
      }
    }
    let pairs = try data.kfold(k: 5, stratify: true, seed: 3)
    XCTAssertEqual(pairs.map { $0.train.count + $0.validation.count }, [344, 344, 344, 344, 344])
    XCTAssertEqual(try data.kfoldIndices(k: 5, stratify: true, seed: 3), folds)
  }

  func testPlainKFoldSizesFollowScikitLearn() throws {
    let data = try iris().rows(0..<11)
    let folds = try data.kfoldIndices(k: 3, seed: 9)
    XCTAssertEqual(folds.map(\.count), [4, 4, 3])
    XCTAssertEqual(folds.flatMap { $0 }.sorted(), Array(0..<11))
  }

  func testGroupKFoldMatchesScikitLearn() throws {
    let reference = try Reference.load()["splits"] as? [String: Any] ?? [:]
    let data = try iris().rows(0..<10)
    let groups = reference["group_kfold_groups"] as? [Int] ?? []
    let folds = try data.groupKFold(k: 2, groups: groups)
    let expected = reference["group_kfold_validation"] as? [[Int]] ?? []
    XCTAssertEqual(expected.count, 2)
    for (fold, rows) in zip(folds, expected) {
      XCTAssertEqual(fold.validation.features, try data.rows(rows).features)
      XCTAssertEqual(fold.train.count, 10 - rows.count)
    }
    XCTAssertThrowsError(try data.groupKFold(k: 5, groups: groups))
  }

  func testTimeSeriesSplitMatchesScikitLearn() throws {
    let reference = try Reference.load()["splits"] as? [String: Any] ?? [:]
    let data = try iris().rows(0..<10)
    let cases: [([(train: Dataset, validation: Dataset)], String)] = [
      (try data.timeSeriesSplit(splits: 3), "time_series_3"),
      (try data.timeSeriesSplit(splits: 2, testSize: 2, gap: 1), "time_series_2_size2_gap1"),
    ]
    for (splits, key) in cases {
      let expected = reference[key] as? [[[Int]]] ?? []
      XCTAssertEqual(splits.count, expected.count, key)
      for (split, pair) in zip(splits, expected) {
        XCTAssertEqual(split.train.features, try data.rows(pair[0]).features, key)
        XCTAssertEqual(split.validation.features, try data.rows(pair[1]).features, key)
      }
    }
  }

  func testSampleIsReproducibleAndDistinct() throws {
    let data = try iris()
    let a = try data.sample(50, seed: 1)
    XCTAssertEqual(a, try data.sample(50, seed: 1))
    XCTAssertEqual(a.count, 50)
    XCTAssertNotEqual(a, try data.sample(50, seed: 2))
    // Without replacement, drawing every row is a permutation.
    let all = try data.sample(150, seed: 3)
    XCTAssertEqual(all.features.values.sorted(), data.features.values.sorted())
    XCTAssertNotEqual(all.features, data.features)
    XCTAssertEqual(try data.sample(200, replace: true, seed: 2).count, 200)
  }
}
