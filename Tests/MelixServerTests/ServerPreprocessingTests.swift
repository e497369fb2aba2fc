import Foundation
import MelixML
import MelixNumerics
import XCTest

@testable import MelixServer

/// A checkpoint saved with preprocessing is served as a pipeline: requests carry RAW rows,
/// the server applies the stored scaler, and the answers equal, bit for bit, the model's
/// in-process predictions on the scaled rows.
final class ServerPreprocessingTests: ServerTestCase {
  /// A logistic regression trained on standardised `TestModels.rows`, saved with the
  /// scaler's numbers as `save(model, path, preprocessing: scaler)` writes them, and loaded.
  func pipelineCheckpoint() throws -> (Checkpoint, ClassicalState, mean: [Double], scale: [Double])
  {
    let rows = TestModels.rows
    let n = Double(rows.count)
    let mean = (0..<4).map { c in rows.reduce(0) { $0 + $1[c] } / n }
    let scale = (0..<4).map { c in
      (rows.reduce(0) { $0 + ($1[c] - mean[c]) * ($1[c] - mean[c]) } / n).squareRoot()
    }
    let scaled = rows.map { r in (0..<4).map { (r[$0] - mean[$0]) / scale[$0] } }
    let fitted = try LogisticRegression(C: 1, maxIter: 200).fit(scaled, TestModels.labels)
    let state = ClassicalState(
      configuration: .logisticRegression(C: 1, maxIter: 200), fitted: .logisticRegression(fitted))
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-serve-pipeline-\(UUID().uuidString).h5").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Checkpoint(
      .classical(state), featureNames: ["a", "b", "c", "d"],
      classNames: ["low", "mid", "high"],
      preprocessing: ["standard_scaler.mean": mean, "standard_scaler.scale": scale],
      metadata: ["standard_scaler.columns": "a,b,c,d"]
    ).save(to: file)
    return (try Checkpoint.load(from: file), state, mean, scale)
  }

  func testServedCheckpointAppliesTheStoredScalerToRawRows() async throws {
    let (checkpoint, state, mean, scale) = try pipelineCheckpoint()
    let servable = makeServable(checkpoint, name: "iris")
    XCTAssertTrue(servable is PreprocessedServable)
    try await startServer([servable])
    let raw = Array(TestModels.rows[5..<25])
    let body =
      #"{"inputs": [{"name": "input-0", "shape": [20, 4], "datatype": "FP64", "data": "#
      + "[" + raw.flatMap { $0 }.map(\.description).joined(separator: ",") + "]}]}"
    let reply = try client.send("POST", "/v2/models/iris/infer", json: body)
    XCTAssertEqual(reply.status, 200, reply.body)
    let outputs = try XCTUnwrap(reply.json?["outputs"] as? [[String: Any]])
    let scaled = raw.map { r in (0..<4).map { (r[$0] - mean[$0]) / scale[$0] } }
    let x = try Tensor(rows: scaled)
    XCTAssertEqual(asDoubles(outputs[0]["data"]), try state.predict(x).scalars)
    XCTAssertEqual(asDoubles(outputs[1]["data"]), try state.predictProbabilities(x).scalars)
    // The raw rows fed straight to the model (the bug) give other probabilities.
    XCTAssertNotEqual(
      asDoubles(outputs[1]["data"]), try state.predictProbabilities(try Tensor(rows: raw)).scalars)
  }

  func testCheckpointWithoutPreprocessingIsServedAsIs() throws {
    let (checkpoint, _, _, _) = try pipelineCheckpoint()
    var plain = checkpoint
    plain.preprocessing = [:]
    plain.pipeline = PreprocessingPipeline()
    XCTAssertTrue(makeServable(plain, name: "iris") is ClassicalServable)
  }
}
