import MelixNumerics
import XCTest

@testable import MelixInterpreter

/// How the metric built-ins pair labels that carry class names (`ClassLabels`). The
/// scikit-learn values on real checkpoints are in `Tests/Golden/ml/metric_builtins_*`.
final class ClassLabelsTests: XCTestCase {
  private func named(_ codes: [Int64], _ classes: [String]) throws -> Value {
    .native(TensorValue(try Tensor(shape: [codes.count], scalars: codes), classNames: classes))
  }

  private func strings(_ names: [String]) -> Value { .list(ListRef(names.map { .string($0) })) }

  func testCodesOfTheSameClassListAreKept() throws {
    let t = try ClassLabels.read(try named([0, 1, 1], ["a", "b"]), "accuracy", "y_true")
    let p = try ClassLabels.read(try named([1, 1, 0], ["a", "b"]), "accuracy", "y_pred")
    let (yTrue, yPred) = try ClassLabels.paired(t, p, "accuracy")
    XCTAssertEqual(yTrue, [0, 1, 1])
    XCTAssertEqual(yPred, [1, 1, 0])
  }

  func testPredictionsInAnotherClassOrderAreRecodedIntoYTruesOrder() throws {
    // The model codes 'malignant' as 0; the data codes it as 1.
    let t = try ClassLabels.read(
      try named([0, 1, 1, 0], ["benign", "malignant"]), "accuracy", "y_true")
    let p = try ClassLabels.read(
      try named([1, 0, 0, 0], ["malignant", "benign"]), "accuracy", "y_pred")
    let (yTrue, yPred) = try ClassLabels.paired(t, p, "accuracy")
    XCTAssertEqual(yTrue, [0, 1, 1, 0])
    XCTAssertEqual(yPred, [0, 1, 1, 1])
  }

  func testAClassOnlyThePredictionsHaveComesAfterYTruesClasses() throws {
    let t = try ClassLabels.read(try named([0, 1], ["versicolor", "virginica"]), "f1", "y_true")
    let p = try ClassLabels.read(
      try named([1, 0], ["virginica", "setosa", "versicolor"]), "f1", "y_pred")
    let (yTrue, yPred) = try ClassLabels.paired(t, p, "f1")
    XCTAssertEqual(yTrue, [0, 1])
    XCTAssertEqual(yPred, [2, 1])  // setosa = 2 (after y_true's two), virginica = 1
  }

  func testStringLabelsUseTheSortedUnionAsScikitLearn() throws {
    let t = try ClassLabels.read(strings(["dog", "bird"]), "accuracy", "y_true")
    let p = try ClassLabels.read(strings(["cat", "dog"]), "accuracy", "y_pred")
    let (yTrue, yPred) = try ClassLabels.paired(t, p, "accuracy")
    XCTAssertEqual(yTrue, [2, 0])  // bird 0, cat 1, dog 2
    XCTAssertEqual(yPred, [1, 2])
  }

  func testMixingClassNamesAndPlainCodesNamesTheClasses() throws {
    let t = try ClassLabels.read(.list(ListRef([.int(0), .int(1)])), "accuracy", "y_true")
    let p = try ClassLabels.read(try named([0, 1], ["a", "b"]), "accuracy", "y_pred")
    XCTAssertThrowsError(try ClassLabels.paired(t, p, "accuracy")) { error in
      XCTAssertEqual(
        (error as? MelixError)?.message,
        "'accuracy': y_pred carries the classes 'a', 'b' but y_true is plain integer codes, "
          + "so they cannot be matched by name")
    }
  }

  func testACodeOutsideItsClassesIsAnError() throws {
    XCTAssertThrowsError(
      try ClassLabels.read(try named([0, 2], ["a", "b"]), "accuracy", "y_true")
    ) { error in
      XCTAssertEqual(
        (error as? MelixError)?.message,
        "argument 'y_true' of 'accuracy': class code 2 of element 1 is outside its 2 classes")
    }
  }

  func testProbabilityColumnsAreReorderedIntoYTruesClassOrder() throws {
    let t = try ClassLabels.read(
      try named([0, 1, 2], ["setosa", "versicolor", "virginica"]), "log_loss", "y_true")
    let rows = [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3]]
    let paired = try ClassLabels.pairedColumns(
      t, rows, columns: ["virginica", "setosa", "versicolor"], "probabilities", "log_loss")
    XCTAssertEqual(paired.yTrue, [0, 1, 2])
    XCTAssertEqual(paired.rows, [[0.2, 0.1, 0.7], [0.3, 0.6, 0.1], [0.5, 0.3, 0.2]])
    XCTAssertEqual(paired.labels, [0, 1, 2])
  }

  func testColumnsOfClassesYTrueLacksAreKeptAsLabels() throws {
    let t = try ClassLabels.read(
      try named([0, 1, 1], ["versicolor", "virginica"]), "log_loss", "y_true")
    let rows = [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3]]
    let paired = try ClassLabels.pairedColumns(
      t, rows, columns: ["virginica", "setosa", "versicolor"], "probabilities", "log_loss")
    XCTAssertEqual(paired.yTrue, [0, 1, 1])
    // versicolor, virginica (y_true's order), then setosa.
    XCTAssertEqual(paired.rows, [[0.1, 0.7, 0.2], [0.6, 0.1, 0.3], [0.3, 0.2, 0.5]])
    XCTAssertEqual(paired.labels, [0, 1, 2])
  }

  func testDuplicateClassNamesFromAFileDoNotTrap() throws {
    let t = try ClassLabels.read(try named([0, 1], ["a", "a"]), "accuracy", "y_true")
    let p = try ClassLabels.read(try named([0, 1], ["a", "b", "b"]), "accuracy", "y_pred")
    XCTAssertNoThrow(try ClassLabels.paired(t, p, "accuracy"))
    XCTAssertNoThrow(
      try ClassLabels.pairedColumns(t, [[0.5, 0.5], [0.5, 0.5]], columns: ["a", "a"], "p", "x"))
  }
}

/// The errors of `ClassLabels.pairedColumns` name both sides.
final class ClassLabelsColumnErrorTests: XCTestCase {
  func testPlainColumnsWithNamedLabelsAreAnError() throws {
    let y: Value = .native(
      TensorValue(try Tensor(shape: [2], scalars: [Int64(0), 1]), classNames: ["a", "b"]))
    let t = try ClassLabels.read(y, "roc_auc", "y_true")
    XCTAssertThrowsError(
      try ClassLabels.pairedColumns(
        t, [[0.4, 0.6], [0.3, 0.7]], columns: nil, "scores", "roc_auc")
    ) { error in
      XCTAssertEqual(
        (error as? MelixError)?.message,
        "'roc_auc': y_true carries the classes 'a', 'b' but the columns of 'scores' carry no "
          + "class names, so they cannot be matched by name")
    }
    let plain = try ClassLabels.read(.list(ListRef([.int(0), .int(1)])), "roc_auc", "y_true")
    XCTAssertThrowsError(
      try ClassLabels.pairedColumns(
        plain, [[0.4, 0.6], [0.3, 0.7]], columns: ["b", "a"], "scores", "roc_auc")
    ) { error in
      XCTAssertEqual(
        (error as? MelixError)?.message,
        "'roc_auc': the columns of 'scores' carry the classes 'b', 'a' but y_true is plain "
          + "integer codes, so they cannot be matched by name")
    }
  }
}
