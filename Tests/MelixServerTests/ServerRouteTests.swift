import Foundation
import MelixML
import MelixNumerics
import XCTest

@testable import MelixServer

/// The server's routes over real HTTP on an ephemeral loopback port.
final class ServerRouteTests: ServerTestCase {
  func testHealthAndMetadata() async throws {
    try await startServer([TestModels.classifier(), TestModels.regressor()])
    let live = try client.send("GET", "/v2/health/live")
    XCTAssertEqual(live.status, 200)
    XCTAssertEqual(live.json?["live"] as? Bool, true)
    XCTAssertEqual(try client.send("GET", "/v2/health/ready").json?["ready"] as? Bool, true)
    let ready = try client.send("GET", "/v2/models/iris/ready")
    XCTAssertEqual(ready.status, 200)
    XCTAssertEqual(ready.json?["ready"] as? Bool, true)

    let meta = try client.send("GET", "/v2/models/iris")
    XCTAssertEqual(meta.status, 200)
    let json = try XCTUnwrap(meta.json)
    XCTAssertEqual(json["name"] as? String, "iris")
    let inputs = try XCTUnwrap(json["inputs"] as? [[String: Any]])
    XCTAssertEqual(inputs.first?["datatype"] as? String, "FP64")
    XCTAssertEqual(asInts(inputs.first?["shape"]), [-1, 4])
    let outputs = try XCTUnwrap(json["outputs"] as? [[String: Any]])
    XCTAssertEqual(outputs.map { $0["name"] as? String }, ["predictions", "probabilities"])
    XCTAssertEqual(asInts(outputs[1]["shape"]), [-1, 3])
    let parameters = try XCTUnwrap(json["parameters"] as? [String: Any])
    XCTAssertEqual(parameters["feature_names"] as? [String], ["a", "b", "c", "d"])
    XCTAssertEqual(parameters["class_names"] as? [String], ["low", "mid", "high"])

    let reg = try client.send("GET", "/v2/models/reg").json
    XCTAssertEqual((reg?["outputs"] as? [[String: Any]])?.count, 1)
  }

  func testTFServingModelStatusSaysVersionOneIsAvailable() async throws {
    try await startServer([TestModels.classifier()])
    let reply = try client.send("GET", "/v1/models/iris")
    XCTAssertEqual(reply.status, 200, reply.body)
    XCTAssertEqual(
      reply.body,
      #"{"model_version_status":[{"version":"1","state":"AVAILABLE","#
        + #""status":{"error_code":"OK","error_message":""}}]}"#)
    let unknown = try client.send("GET", "/v1/models/irs")
    XCTAssertEqual(unknown.status, 404, unknown.body)
    XCTAssertEqual(unknown.json?["error"] as? String, "unknown model 'irs'")
    let other = try client.send("GET", "/v1/models/iris:classify")
    XCTAssertEqual(other.status, 404, other.body)
    XCTAssertEqual(try client.send("DELETE", "/v1/models/iris").status, 405)
  }

  func testInferBatchEqualsInProcessPredictBitForBit() async throws {
    let model = try TestModels.classifier()
    try await startServer([model])
    let batch = Array(TestModels.rows[10..<30])
    let data = batch.flatMap { $0 }
    let body =
      #"{"id": "r1", "inputs": [{"name": "input-0", "shape": [20, 4], "datatype": "FP64", "data": "#
      + "[" + data.map { $0.description }.joined(separator: ",") + "]}]}"
    let reply = try client.send("POST", "/v2/models/iris/infer", json: body)
    XCTAssertEqual(reply.status, 200, reply.body)
    let json = try XCTUnwrap(reply.json)
    XCTAssertEqual(json["id"] as? String, "r1")
    XCTAssertEqual(json["model_name"] as? String, "iris")
    let outputs = try XCTUnwrap(json["outputs"] as? [[String: Any]])
    let expected = try model.predict(data, count: 20)
    let labels = asDoubles(outputs[0]["data"])
    XCTAssertEqual(labels, expected.predictions)
    XCTAssertEqual(outputs[0]["datatype"] as? String, "INT64")
    XCTAssertEqual(asInts(outputs[1]["shape"]), [20, 3])
    let probabilities = asDoubles(outputs[1]["data"])
    XCTAssertEqual(probabilities, expected.probabilities)  // exact equality: bit for bit
    // The same through the library's own predict on a tensor.
    let direct = try model.state.predictProbabilities(Tensor(rows: batch)).scalars
    XCTAssertEqual(probabilities, direct)
  }

  func testNestedDataAndFP32AndOneRowShape() async throws {
    let model = try TestModels.regressor()
    try await startServer([model])
    let row = TestModels.rows[3]
    let nested =
      #"{"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP64", "data": [["#
      + row.map(\.description).joined(separator: ",") + "]]}]}"
    let a = try client.send("POST", "/v2/models/reg/infer", json: nested)
    XCTAssertEqual(a.status, 200, a.body)
    let value = asDoubles((a.json?["outputs"] as? [[String: Any]])?.first?["data"])?.first
    XCTAssertEqual(value, try model.predict(row, count: 1).predictions[0])
    let flat =
      #"{"inputs": [{"name": "x", "shape": [4], "datatype": "FP32", "data": [0.5, 1, 2, 3]}]}"#
    let b = try client.send("POST", "/v2/models/reg/infer", json: flat)
    XCTAssertEqual(b.status, 200, b.body)
    let value32 = asDoubles((b.json?["outputs"] as? [[String: Any]])?.first?["data"])?.first
    XCTAssertEqual(value32, try model.predict([0.5, 1, 2, 3], count: 1).predictions[0])
  }

  func testTFServingPredict() async throws {
    let model = try TestModels.classifier()
    try await startServer([model])
    let batch = Array(TestModels.rows[0..<5])
    let body =
      #"{"instances": "# + "["
      + batch.map { "[" + $0.map(\.description).joined(separator: ",") + "]" }
      .joined(separator: ",") + "]}"
    let reply = try client.send("POST", "/v1/models/iris:predict", json: body)
    XCTAssertEqual(reply.status, 200, reply.body)
    let expected = try model.predict(batch.flatMap { $0 }, count: 5)
    XCTAssertEqual(asDoubles(reply.json?["predictions"]), expected.predictions)
    let p = (reply.json?["probabilities"] as? [Any])?.flatMap { asDoubles($0) ?? [] }
    XCTAssertEqual(p, expected.probabilities)
  }

  func testMetricsCountRequestsRowsAndLoadTime() async throws {
    try await startServer([TestModels.classifier()])
    _ = try client.send(
      "POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3, 4], [0, 0, 0, 0]]}"#)
    _ = try client.send("POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2]]}"#)
    _ = try client.send("GET", "/v2/models/nope")
    let metrics = try client.send("GET", "/metrics")
    XCTAssertEqual(metrics.status, 200)
    let text = metrics.body
    XCTAssertTrue(
      text.contains(#"melix_requests_total{route="/v1/models/{name}:predict",status="200"} 1"#),
      text)
    XCTAssertTrue(
      text.contains(#"melix_requests_total{route="/v1/models/{name}:predict",status="400"} 1"#),
      text)
    XCTAssertTrue(
      text.contains(#"melix_requests_total{route="/v2/models/{name}",status="404"} 1"#), text)
    XCTAssertTrue(text.contains(#"melix_rows_predicted_total{model="iris"} 2"#), text)
    XCTAssertTrue(text.contains(#"melix_model_load_seconds{model="iris"} 0.25"#), text)
    XCTAssertTrue(text.contains("melix_request_duration_seconds_bucket"), text)
    XCTAssertTrue(text.contains("melix_request_duration_seconds_count 3"), text)
  }
}
