import Foundation
import MelixML
import MelixNumerics
import XCTest

@testable import MelixInterpreter

/// Metric warnings worded with Melix's names and printed once per call (`MetricWarnings`),
/// and a Dataset's feature columns matched to a model's by name (`MLBridge.featureOrder`).
/// The scikit-learn values are in `Tests/Golden/ml/features_are_matched_by_name.mlx` and
/// `binary_metrics_follow_scikit_learn.mlx`.
final class MetricWarningsAndFeatureOrderTests: XCTestCase {
  func testWarningsNameTheBuiltinAndMelixArguments() {
    XCTAssertEqual(
      MetricWarnings.text(.onlyOneClass(metric: "roc_auc_score"), "roc_auc"),
      "'roc_auc': only one class is present in y_true, so the score is undefined (nan)")
    let illDefined = MetricWarnings.text(
      .illDefined(metric: "precision", reason: "classes with no predicted samples"), "precision")
    XCTAssertEqual(
      illDefined,
      "'precision': precision is ill-defined and set to 0 for classes with no predicted samples")
    XCTAssertFalse(illDefined.contains("zeroDivision"))
    XCTAssertEqual(
      MetricWarnings.text(.noPositiveSamples(metric: "precision_recall_curve"), "average_precision"),
      "'average_precision': no positive samples in y_true")
  }

  /// A one-vs-rest score on a subset that lacks a class raises the same warning per class
  /// (and again from the curve): the call prints it once.
  func testEachDistinctWarningIsKeptOnce() {
    var warnings = MetricWarnings("roc_auc")
    for _ in 0..<3 { warnings.note(.onlyOneClass(metric: "roc_auc_score")) }
    warnings.note(.noPositiveSamples(metric: "roc_curve"))
    warnings.note(.noPositiveSamples(metric: "precision_recall_curve"))
    XCTAssertEqual(
      warnings.lines,
      [
        "'roc_auc': only one class is present in y_true, so the score is undefined (nan)",
        "'roc_auc': no positive samples in y_true",
      ])
  }

  func testSameNamesInAnotherOrderAreReordered() throws {
    let model = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    let data = ["petal_width", "petal_length", "sepal_width", "sepal_length"]
    XCTAssertEqual(try MLBridge.featureOrder(data, to: model, "predict", "x"), [3, 2, 1, 0])
    XCTAssertNil(try MLBridge.featureOrder(model, to: model, "predict", "x"))
    XCTAssertNil(try MLBridge.featureOrder([], to: model, "predict", "x"))
    XCTAssertNil(try MLBridge.featureOrder(data, to: [], "predict", "x"))
  }

  func testOtherNamesAreAnErrorNamingThem() {
    XCTAssertThrowsError(
      try MLBridge.featureOrder(["a", "c", "d"], to: ["a", "b", "c"], "evaluate", "data")
    ) { error in
      XCTAssertEqual(
        (error as? MelixError)?.message,
        "argument 'data' of 'evaluate' lacks the model's feature(s) 'b' and has feature(s) the "
          + "model was not trained on: 'd'; the model's features are 'a', 'b', 'c'")
    }
  }

  func testReorderedColumnsMoveWholeColumns() throws {
    let x = try Tensor(shape: [2, 3], scalars: [1.0, 2, 3, 4, 5, 6])
    let y = try MLBridge.reorderedColumns(x, [2, 0, 1])
    XCTAssertEqual(y.shape, [2, 3])
    XCTAssertEqual(y.scalars, [3, 1, 2, 6, 4, 5])
  }

  /// The help of a names-versus-codes error no longer recommends 'tensor(ds.y)', which strips
  /// the names and scores a reordered checkpoint's codes against the data's, silently.
  func testMixedLabelsHelpRecommendsKeepingTheNames() throws {
    let named = Value.native(
      TensorValue(try Tensor(shape: [2], scalars: [Int64(0), 1]), classNames: ["a", "b"]))
    let t = try ClassLabels.read(named, "f1", "y_true")
    let p = try ClassLabels.read(.tensor(try Tensor(shape: [2], scalars: [Int64(0), 1])), "f1", "y_pred")
    XCTAssertThrowsError(try ClassLabels.paired(t, p, "f1")) { error in
      let help = (error as? MelixError)?.help ?? ""
      XCTAssertTrue(help.hasPrefix("pass both with their classes: 'ds.y' of a Dataset"), help)
      XCTAssertFalse(help.contains("or both as plain codes"), help)
    }
    XCTAssertThrowsError(try ClassLabels.requirePlain(t, forScores: "scores", "roc_auc")) { error in
      XCTAssertFalse(((error as? MelixError)?.help ?? "").contains("tensor(ds.y)"))
    }
  }

  /// A printed Report's warnings name its fields ('roc_auc'), not scikit-learn's functions.
  func testReportWarningsNameMelixFields() {
    let iris = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../examples/data/iris.csv").standardizedFileURL.path
    let text = output(
      """
      let iris = read_csv("\(iris)", target: "species")
      let m = logistic_regression(max_iter: 5000)
      train(m, iris)
      print(evaluate(m, iris[40:60]))
      """)
    XCTAssertTrue(
      text.contains(
        "warning: 'roc_auc': only one class is present in y_true, so the score is undefined (nan)"),
      text)
    XCTAssertTrue(text.contains("warning: 'average_precision': no positive samples in y_true"), text)
    XCTAssertFalse(text.contains("_score'") || text.contains("_curve'"), text)
  }
}
