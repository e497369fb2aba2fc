import Foundation
import MelixNumerics
import XCTest

@testable import MelixML

/// A checkpoint's stored preprocessing as a pipeline: built from the `/preprocessing`
/// vectors and `/metadata` column lists in the stored order, applied to raw rows as
/// scikit-learn's `Pipeline` (reference values from
/// `Fixtures/preprocessing/make_pipeline_fixture.py`), and clear errors for damaged entries.
final class PreprocessingPipelineTests: XCTestCase {
  /// The fixture's raw rows `[3, 3]` row-major, `null` as NaN.
  func rawRows(_ f: JSONValue) -> [Double] {
    f["raw"]?.array.flatMap { $0.array.map { $0.double ?? .nan } } ?? []
  }

  /// The vectors and metadata `save(model, path, preprocessing: [imputer, scaler])` writes.
  func imputerThenScaler(_ f: JSONValue) throws -> ([String: [Double]], [String: String]) {
    let vectors = [
      "0_imputer.fills": try XCTUnwrap(f["fills"]).doubles,
      "1_standard_scaler.mean": try XCTUnwrap(f["mean"]).doubles,
      "1_standard_scaler.scale": try XCTUnwrap(f["scale"]).doubles,
    ]
    return (vectors, ["0_imputer.columns": "a,b,c", "1_standard_scaler.columns": "a,b,c"])
  }

  func testImputerThenStandardScalerMatchesScikitLearnPipeline() throws {
    let f = try loadFixture("preprocessing/pipeline.json")
    let (vectors, metadata) = try imputerThenScaler(f)
    let pipeline = try PreprocessingPipeline(
      vectors: vectors, metadata: metadata, featureNames: ["a", "b", "c"], inputWidth: 3,
      file: "m.h5")
    XCTAssertEqual(pipeline.stepNames, ["imputer", "standard_scaler"])
    let got = pipeline.apply(rows: rawRows(f))
    let want = try XCTUnwrap(f["imputer_then_standard"]).matrix.flatMap { $0 }
    XCTAssertEqual(got.count, 9)
    for (g, w) in zip(got, want) { assertClose(g, w, tolerance: 1e-12) }
    // The same through a tensor, rank 2 and one row of rank 1.
    let x = try Tensor(shape: [3, 3], scalars: rawRows(f))
    XCTAssertEqual(try pipeline.apply(x).scalars, got)
    let row = try Tensor(shape: [3], scalars: Array(rawRows(f)[3..<6]))
    XCTAssertEqual(try pipeline.apply(row).scalars, Array(got[3..<6]))
    // A tensor of another width is left for the model to reject.
    let wide = try Tensor(shape: [1, 4], scalars: [1, 2, 3, 4])
    XCTAssertEqual(try pipeline.apply(wide).scalars, [1, 2, 3, 4])
  }

  func testMinMaxScalerAfterImputerMatchesScikitLearn() throws {
    let f = try loadFixture("preprocessing/pipeline.json")
    let pipeline = try PreprocessingPipeline(
      vectors: [
        "0_imputer.fills": try XCTUnwrap(f["fills"]).doubles,
        "1_minmax_scaler.scale": try XCTUnwrap(f["minmax_scale"]).doubles,
        "1_minmax_scaler.offset": try XCTUnwrap(f["minmax_offset"]).doubles,
        "1_minmax_scaler.data_min": [0, 0, 0], "1_minmax_scaler.data_max": [1, 1, 1],
      ],
      metadata: ["0_imputer.columns": "a,b,c", "1_minmax_scaler.columns": "a,b,c"],
      featureNames: ["a", "b", "c"], inputWidth: 3, file: "m.h5")
    let got = pipeline.apply(rows: rawRows(f))
    let want = try XCTUnwrap(f["imputer_then_minmax"]).matrix.flatMap { $0 }
    for (g, w) in zip(got, want) { assertClose(g, w, tolerance: 1e-12) }
  }

  func testStepsRunInTheStoredOrderNotTheKeyOrder() throws {
    // Scaler first (position 0), then the imputer: a NaN is filled AFTER scaling, with 100.
    let pipeline = try PreprocessingPipeline(
      vectors: [
        "1_imputer.fills": [100], "0_standard_scaler.mean": [1], "0_standard_scaler.scale": [2],
      ],
      metadata: ["1_imputer.columns": "b", "0_standard_scaler.columns": "b"],
      featureNames: ["a", "b"], inputWidth: 2, file: "m.h5")
    XCTAssertEqual(pipeline.stepNames, ["standard_scaler", "imputer"])
    XCTAssertEqual(pipeline.apply(rows: [5, 5, 7, .nan]), [5, 2, 7, 100])
    // Positions compare as numbers: step 10 runs after step 2.
    var vectors: [String: [Double]] = [:]
    var metadata: [String: String] = [:]
    for i in 0...10 {
      vectors["\(i)_standard_scaler.mean"] = [0]
      vectors["\(i)_standard_scaler.scale"] = [1]
      metadata["\(i)_standard_scaler.columns"] = "a"
    }
    vectors["10_standard_scaler.mean"] = [1]
    vectors["2_standard_scaler.scale"] = [2]
    let eleven = try PreprocessingPipeline(
      vectors: vectors, metadata: metadata, featureNames: ["a"], inputWidth: 1, file: "m.h5")
    XCTAssertEqual(eleven.apply(rows: [8]), [3])  // (8 / 2) - 1, not (8 - 1) / 2
  }

  func testColumnsAreMatchedByNameToTheModelInput() throws {
    // A scaler fitted on columns c and a only; b passes through.
    let pipeline = try PreprocessingPipeline(
      vectors: ["standard_scaler.mean": [10, 1], "standard_scaler.scale": [2, 4]],
      metadata: ["standard_scaler.columns": "c,a"], featureNames: ["a", "b", "c"],
      inputWidth: 3, file: "m.h5")
    XCTAssertEqual(pipeline.apply(rows: [5, 7, 14, 1, 0, 10]), [1, 7, 2, 0, 0, 0])
  }

  func testDamagedEntriesAreClearErrors() throws {
    let cases: [([String: [Double]], [String: String], String)] = [
      (
        ["standard_scaler.mean": [1, 2]], ["standard_scaler.columns": "a,b"],
        "'m.h5' is a damaged checkpoint: /preprocessing/standard_scaler.scale is missing"
      ),
      (
        ["standard_scaler.mean": [1], "standard_scaler.scale": [1]], [:],
        "'m.h5' is a damaged checkpoint: /metadata attribute 'standard_scaler.columns' is missing"
      ),
      (
        ["imputer.fills": [1]], ["imputer.columns": "a,b"],
        "'m.h5' is a damaged checkpoint: /preprocessing/imputer.fills has 1 values for 2 columns"
      ),
      (
        ["imputer.fills": [1]], ["imputer.columns": "z"],
        "'m.h5' is a damaged checkpoint: column 'z' of preprocessing step 'imputer' is not a model feature"
      ),
    ]
    for (vectors, metadata, message) in cases {
      XCTAssertThrowsError(
        try PreprocessingPipeline(
          vectors: vectors, metadata: metadata, featureNames: ["a", "b"], inputWidth: 2,
          file: "m.h5")
      ) { error in
        XCTAssertEqual("\(error)", message)
      }
    }
  }

  func testFreeFormVectorsAreDataNotSteps() throws {
    let pipeline = try PreprocessingPipeline(
      vectors: ["scaler_mean": [1, 2], "pca.components": [3], "imputer.fills": [9]],
      metadata: ["imputer.columns": "b"], featureNames: ["a", "b"], inputWidth: 2, file: "m.h5")
    XCTAssertEqual(pipeline.steps, [.imputer(columns: [1], fills: [9])])
  }

  func testCheckpointLoadBuildsThePipelineAndModelPredictsRawRows() throws {
    let f = try loadFixture("preprocessing/pipeline.json")
    let (vectors, metadata) = try imputerThenScaler(f)
    let x = try Tensor(shape: [4, 3], scalars: [1, 2, 3, 2, 1, 0, 0, 1, 1, 3, 3, 2])
    var model = ClassicalModel(.linearRegression(alpha: 0))
    try model.fit(x, Tensor([1.0, 2, 3, 4]), task: .regression)
    let state = try XCTUnwrap(ClassicalState(model))
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-pipeline-\(UUID().uuidString).h5").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Checkpoint(
      .classical(state), featureNames: ["a", "b", "c"], preprocessing: vectors, metadata: metadata
    ).save(to: file)
    let loaded = try Checkpoint.load(from: file)
    XCTAssertEqual(loaded.pipeline.stepNames, ["imputer", "standard_scaler"])
    XCTAssertEqual(loaded.pipeline.inputWidth, 3)
    let raw = try Tensor(shape: [3, 3], scalars: rawRows(f))
    let prepared = try Tensor(
      shape: [3, 3], scalars: try XCTUnwrap(f["imputer_then_standard"]).matrix.flatMap { $0 })
    let viaPipeline = try state.predict(try loaded.pipeline.apply(raw)).scalars
    let direct = try state.predict(prepared).scalars
    for (g, w) in zip(viaPipeline, direct) { assertClose(g, w, tolerance: 1e-12) }
    // A checkpoint without preprocessing has the empty pipeline.
    try Checkpoint(.classical(state), featureNames: ["a", "b", "c"]).save(to: file)
    XCTAssertTrue(try Checkpoint.load(from: file).pipeline.isEmpty)
  }
}
