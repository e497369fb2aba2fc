import XCTest

@testable import MelixServer

/// The metrics' cached counters, the route labels they use, and the default thread count.
final class ServerMetricsTests: XCTestCase {
  func testRequestCountersAccumulateOnTheCachedCounter() {
    let metrics = ServerMetrics()
    for _ in 0..<3 {
      metrics.recordRequest(route: "/v1/models/{name}:predict", status: 200, seconds: 0.0002)
    }
    metrics.recordRequest(route: "/v1/models/{name}:predict", status: 400, seconds: 0.003)
    let text = metrics.text()
    XCTAssertTrue(
      text.contains(#"melix_requests_total{route="/v1/models/{name}:predict",status="200"} 3"#),
      text)
    XCTAssertTrue(
      text.contains(#"melix_requests_total{route="/v1/models/{name}:predict",status="400"} 1"#),
      text)
    XCTAssertTrue(text.contains("melix_request_duration_seconds_count 4"), text)
    // 0.0002 s falls in the 250 µs bucket, 0.003 s only from the 5 ms bucket on.
    XCTAssertTrue(text.contains(#"melix_request_duration_seconds_bucket{le="0.00025"} 3"#), text)
    XCTAssertTrue(text.contains(#"melix_request_duration_seconds_bucket{le="0.0025"} 3"#), text)
    XCTAssertTrue(text.contains(#"melix_request_duration_seconds_bucket{le="0.005"} 4"#), text)
  }

  func testRowsCountersStartAtZeroAndCountRows() throws {
    let metrics = ServerMetrics()
    let handlers = InferenceHandlers(
      models: ["iris": try TestModels.classifier()], metrics: metrics)
    XCTAssertTrue(metrics.text().contains(#"melix_rows_predicted_total{model="iris"} 0"#))
    _ = try handlers.tfPredict(
      try handlers.model("iris"), body: Array(#"{"instances": [[1, 2, 3, 4], [0, 1, 0, 1]]}"#.utf8))
    XCTAssertTrue(
      metrics.text().contains(#"melix_rows_predicted_total{model="iris"} 2"#), metrics.text())
  }

  func testRouteLabelsAreTheTemplates() {
    let cases: [(String, String)] = [
      ("/v1/models/iris:predict", "/v1/models/{name}:predict"),
      ("/v1/models/a/b:predict", "other"),
      ("/v1/models/iris:classify", "other"),
      ("/v2/models/iris/infer", "/v2/models/{name}/infer"),
      ("/v2/models/iris/ready", "/v2/models/{name}/ready"),
      ("/v2/models/iris", "/v2/models/{name}"),
      ("/v2/health/live", "/v2/health/live"),
      ("/metrics", "/metrics"),
      ("/", "other"),
    ]
    for (path, route) in cases {
      XCTAssertEqual(ServerMiddleware.route(path), route, path)
    }
  }

  func testOneEventLoopThreadOnSmallMachines() {
    XCTAssertEqual(ServerProcess.defaultEventLoopThreads(cores: 1), 1)
    XCTAssertEqual(ServerProcess.defaultEventLoopThreads(cores: 2), 1)
    XCTAssertEqual(ServerProcess.defaultEventLoopThreads(cores: 8), 8)
  }
}
