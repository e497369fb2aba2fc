import Foundation
import MelixML
import XCTest

@testable import MelixServer

/// Every bad request gets its status and a JSON error naming the field, and changes nothing.
final class ServerBadRequestTests: ServerTestCase {
  func assertError(
    _ reply: CurlClient.Reply, _ status: Int, _ fragment: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(reply.status, status, reply.body, file: file, line: line)
    let message = reply.error ?? "<no json error in \(reply.body)>"
    XCTAssertTrue(
      message.contains(fragment), "'\(message)' should contain '\(fragment)'", file: file,
      line: line)
  }

  func infer(_ data: String, shape: String = "[1, 4]", datatype: String = "FP64") -> String {
    #"{"inputs": [{"name": "x", "shape": "# + shape + #", "datatype": ""# + datatype
      + #"", "data": "# + data + "}]}"
  }

  func testBadBodiesAre400WithTheFieldNamed() async throws {
    let model = try TestModels.classifier()
    try await startServer([model])
    let good = try client.send(
      "POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3, 4]]}"#)
    XCTAssertEqual(good.status, 200)

    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: "{not json"), 400, "malformed json")
    assertError(try client.send("POST", "/v2/models/iris/infer", json: "[1, 2]"), 400, "'inputs'")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: "{}"), 400, "missing field 'inputs'")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer("[1, 2, 3]", shape: "[1, 3]")),
      400, "'inputs[0].shape'")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer("[1, 2, 3]")), 400,
      "'inputs[0].data' has 3 numbers")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer(#"[1, "x", 3, 4]"#)), 400,
      "'inputs[0].data[1]' is not a number")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer("[1, true, 3, 4]")), 400,
      "'inputs[0].data[1]' is not a number")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer(#"[1, "NaN", 3, 4]"#)), 400,
      "'inputs[0].data[1]'")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer("[1, NaN, 3, 4]")), 400,
      "malformed json")
    assertError(
      try client.send("POST", "/v2/models/iris/infer", json: infer("[1, 1e999, 3, 4]")), 400,
      "'inputs[0].data[1]' is NaN or infinite")
    assertError(
      try client.send(
        "POST", "/v2/models/iris/infer", json: infer("[1, 1e300, 3, 4]", datatype: "FP32")), 400,
      "'FP32'")
    assertError(
      try client.send(
        "POST", "/v2/models/iris/infer", json: infer("[1, 2, 3, 4]", datatype: "INT8")), 400,
      "'inputs[0].datatype'")
    assertError(
      try client.send("POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3]]}"#), 400,
      "'instances[0]' has 3 features, the model expects 4")
    assertError(
      try client.send(
        "POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3, null]]}"#), 400,
      "'instances[0][3]' is not a number")
    assertError(
      try client.send("POST", "/v1/models/iris:predict", json: #"{"instances": []}"#), 400,
      "'instances'")
    assertError(
      try client.send("POST", "/v1/models/iris:predict", json: #"{"rows": [[1, 2, 3, 4]]}"#), 400,
      "missing field 'instances'")

    // Nothing changed: the same request gives the same answer.
    let again = try client.send(
      "POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3, 4]]}"#)
    XCTAssertEqual(again.status, 200)
    XCTAssertEqual(again.body, good.body)
  }

  func testUnknownModelRouteAndWrongMethod() async throws {
    try await startServer([TestModels.classifier()])
    assertError(try client.send("GET", "/v2/models/other"), 404, "unknown model 'other'")
    assertError(
      try client.send("POST", "/v2/models/other/infer", json: infer("[1, 2, 3, 4]")), 404,
      "unknown model 'other'")
    assertError(
      try client.send("POST", "/v1/models/other:predict", json: #"{"instances": [[1, 2, 3, 4]]}"#),
      404, "unknown model 'other'")
    assertError(try client.send("GET", "/nowhere"), 404, "no route")
    assertError(
      try client.send("GET", "/v2/models/iris/infer"), 405,
      "method 'GET' is not allowed on '/v2/models/{name}/infer', use 'POST'")
    assertError(try client.send("DELETE", "/v2/models/iris"), 405, "use 'GET'")
    assertError(try client.send("POST", "/metrics", json: "{}"), 405, "use 'GET'")
    assertError(try client.send("GET", "/v1/models/iris:predict"), 405, "use 'POST'")
  }

  func testBodyOverTheLimitIs413() async throws {
    try await startServer([TestModels.classifier()], maxBodySize: 1000)
    let rows = Array(repeating: "[1.25, 2.5, 3.75, 4.0]", count: 100).joined(separator: ",")
    assertError(
      try client.send("POST", "/v1/models/iris:predict", json: #"{"instances": ["# + rows + "]}"),
      413, "larger than the limit of 1000 bytes")
    XCTAssertEqual(
      try client.send("POST", "/v1/models/iris:predict", json: #"{"instances": [[1, 2, 3, 4]]}"#)
        .status, 200)
  }

  func testAPIKeyIsRequiredExceptForHealth() async throws {
    try await startServer([TestModels.classifier()], apiKey: "s3cret-key")
    let body = #"{"instances": [[1, 2, 3, 4]]}"#
    assertError(try client.send("POST", "/v1/models/iris:predict", json: body), 401, "api key")
    assertError(
      try client.send(
        "POST", "/v1/models/iris:predict", json: body,
        headers: ["Authorization": "Bearer s3cret-kez"]), 401, "api key")
    assertError(
      try client.send("GET", "/metrics", headers: ["Authorization": "Bearer s3cret"]), 401,
      "api key")
    XCTAssertEqual(
      try client.send(
        "POST", "/v1/models/iris:predict", json: body,
        headers: ["Authorization": "Bearer s3cret-key"]
      ).status, 200)
    XCTAssertEqual(try client.send("GET", "/v2/health/live").status, 200)
  }

  func testConfigurationErrors() throws {
    XCTAssertThrowsError(try ModelServer(models: [])) {
      XCTAssertEqual(($0 as? ServeError)?.status, 500)
    }
    XCTAssertThrowsError(
      try ModelServer(models: [TestModels.classifier(), TestModels.classifier()])
    ) {
      XCTAssertEqual("\($0)", "two models are named 'iris'")
    }
  }

  func testKeyComparisonAndRouteLabels() {
    let key = APIKey("abc")
    XCTAssertTrue(key.accepts(authorization: "Bearer abc"))
    XCTAssertFalse(key.accepts(authorization: "Bearer abcd"))
    XCTAssertFalse(key.accepts(authorization: "Bearer ab"))
    XCTAssertFalse(key.accepts(authorization: "abc"))
    XCTAssertFalse(key.accepts(authorization: nil))
    XCTAssertEqual(ServerMiddleware.route("/v2/models/x/infer"), "/v2/models/{name}/infer")
    XCTAssertEqual(ServerMiddleware.route("/v1/models/x:predict"), "/v1/models/{name}:predict")
    XCTAssertEqual(ServerMiddleware.route("/v1/models/x"), "/v1/models/{name}")
    XCTAssertEqual(ServerMiddleware.route("/random/path"), "other")
  }
}
