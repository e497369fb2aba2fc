import MelixML
import MelixNumerics
import XCTest

@testable import MelixServer

/// Deterministic models for the server tests.
enum TestModels {
  /// 60 rows, 4 features, 3 classes that depend on the features.
  static let rows: [[Double]] = (0..<60).map { i in
    let a = Double(i % 7) * 0.5
    let b = Double((i * 5) % 11) * 0.3
    let c = Double((i * 3) % 13) * 0.2 - 1
    let d = sin(Double(i))
    return [a, b, c, d]
  }
  static let labels: [Int] = rows.map { r in r[0] + r[3] > 2 ? 2 : (r[1] > 1.5 ? 1 : 0) }

  static func classifier() throws -> ClassicalServable {
    let fitted = try LogisticRegression(C: 1, maxIter: 200).fit(rows, labels)
    return ClassicalServable(
      ClassicalState(
        configuration: .logisticRegression(C: 1, maxIter: 200), fitted: .logisticRegression(fitted)),
      name: "iris", featureNames: ["a", "b", "c", "d"], classNames: ["low", "mid", "high"])
  }

  static func regressor() throws -> ClassicalServable {
    let y = rows.map { 2 * $0[0] - $0[1] + 0.5 * $0[2] * $0[3] }
    let fitted = try LinearRegression().fit(rows, y)
    return ClassicalServable(
      ClassicalState(configuration: .linearRegression(alpha: 0), fitted: .linearRegression(fitted)),
      name: "reg")
  }
}

/// Starts a server for each test and stops it afterwards.
class ServerTestCase: XCTestCase {
  var running: RunningServer?
  var client = CurlClient(base: "")

  func startServer(
    _ models: [any ServableModel], maxBodySize: Int = 10 * 1024 * 1024, apiKey: String? = nil
  )
    async throws
  {
    let server = try ModelServer(
      models: models,
      configuration: ServerConfiguration(
        host: "127.0.0.1", port: 0, maxBodySize: maxBodySize, apiKey: apiKey),
      loadSeconds: ["iris": 0.25])
    let running = try await server.start()
    self.running = running
    client = CurlClient(base: running.url)
  }

  override func tearDown() async throws {
    await running?.stop()
    running = nil
  }
}
