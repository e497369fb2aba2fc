import Foundation
import XCTest

@testable import MelixServer

#if canImport(Glibc)
  import Glibc
#endif

/// How the server handles connections: graceful shutdown with a response in flight, closing
/// after a 413 and for HTTP/1.0, the idle timeout.
final class ServerConnectionTests: XCTestCase {
  var running: RunningServer?

  override func tearDown() async throws {
    await running?.stop()
    running = nil
  }

  func start(maxBodySize: Int = 10 * 1024 * 1024, idleTimeout: Duration = .seconds(30))
    async throws -> Int
  {
    let server = try ModelServer(
      models: [try TestModels.classifier()],
      configuration: ServerConfiguration(
        host: "127.0.0.1", port: 0, maxBodySize: maxBodySize, idleTimeout: idleTimeout))
    let running = try await server.start()
    self.running = running
    return running.port
  }

  /// A predict request for `rows` rows, as HTTP/1.1 text.
  func predictRequest(rows: Int, close: Bool) -> [UInt8] {
    var body = #"{"instances": ["#
    body.reserveCapacity(rows * 16 + 20)
    for i in 0..<rows {
      if i > 0 { body += "," }
      body += "[\(i % 7), 1.5, -0.5, 0.25]"
    }
    body += "]}"
    var head = "POST /v1/models/iris:predict HTTP/1.1\r\nHost: localhost\r\n"
    head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
    if close { head += "Connection: close\r\n" }
    return Array((head + "\r\n" + body).utf8)
  }

  /// SIGTERM-style graceful shutdown while a 13 MB response is still being written: the client
  /// gets all of it, then the server stops (Hummingbird closed right after the last part,
  /// discarding what the socket had not taken yet).
  func testGracefulShutdownFinishesTheResponseInFlight() async throws {
    let server = try ModelServer(
      models: [try TestModels.classifier()],
      configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task { try await server.run(signals: .user2) { continuation.yield($0) } }
    var port = 0
    for await p in ports {
      port = p
      break
    }
    let connection = try RawConnection(port: port)
    let rows = 200_000
    try connection.send(predictRequest(rows: rows, close: true), timeout: 60)
    // The response has started (and, not being read, cannot all fit in the socket buffers).
    XCTAssertTrue(connection.waitForData(timeout: 60))
    kill(getpid(), SIGUSR2)
    try await Task.sleep(for: .milliseconds(300))
    let (bytes, closed) = connection.readToEnd(timeout: 30)
    XCTAssertTrue(closed)
    let text = String(decoding: bytes, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else {
      return XCTFail("no response head in \(bytes.count) bytes")
    }
    let head = String(text[..<split.lowerBound])
    XCTAssertTrue(head.hasPrefix("HTTP/1.1 200"), head)
    let length = try XCTUnwrap(RawConnection.contentLength(head))
    let body = text[split.upperBound...]
    XCTAssertGreaterThan(length, 10_000_000)
    XCTAssertEqual(body.utf8.count, length)
    let json = try JSONValue.parse(Array(body.utf8))
    guard case .array(let predictions) = json["predictions"] else {
      return XCTFail("no predictions")
    }
    XCTAssertEqual(predictions.count, rows)
    // The server stops on its own once the connection is done.
    try await task.value
  }

  /// `RunningServer.stop()` (what `stop(server)` of a deployed model calls) is graceful too:
  /// the response being written when it is called arrives whole.
  func testStopOfABackgroundServerFinishesTheResponseInFlight() async throws {
    let server = try ModelServer(
      models: [try TestModels.classifier()],
      configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
    let running = try await server.start()
    let connection = try RawConnection(port: running.port)
    let rows = 200_000
    try connection.send(predictRequest(rows: rows, close: true), timeout: 60)
    XCTAssertTrue(connection.waitForData(timeout: 60))
    let stopping = Task { await running.stop() }
    try await Task.sleep(for: .milliseconds(300))
    let (bytes, closed) = connection.readToEnd(timeout: 30)
    XCTAssertTrue(closed)
    let text = String(decoding: bytes, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else {
      return XCTFail("no response head in \(bytes.count) bytes")
    }
    let head = String(text[..<split.lowerBound])
    XCTAssertTrue(head.hasPrefix("HTTP/1.1 200"), head)
    let length = try XCTUnwrap(RawConnection.contentLength(head))
    XCTAssertEqual(text[split.upperBound...].utf8.count, length)
    await stopping.value
    // Stopped: nothing answers on the port any more.
    XCTAssertThrowsError(try RawConnection(port: running.port))
  }

  /// A body over the limit gets 413 with `Connection: close`, the server reads the rest away
  /// (the client's send does not block) and closes the connection.
  func testOversizedBodyGets413AndTheConnectionCloses() async throws {
    let port = try await start(maxBodySize: 1000)
    for close in [true, false] {
      let connection = try RawConnection(port: port)
      // 12 MB: more than the socket buffers hold, so the send only completes if the server
      // reads the rest of the body.
      try connection.send(predictRequest(rows: 600_000, close: close), timeout: 10)
      let (bytes, closed) = connection.readToEnd(timeout: 10)
      XCTAssertTrue(closed, "connection not closed (Connection: close \(close))")
      let text = String(decoding: bytes, as: UTF8.self)
      XCTAssertTrue(text.hasPrefix("HTTP/1.1 413"), text)
      XCTAssertTrue(text.lowercased().contains("connection: close"), text)
      XCTAssertTrue(text.contains("larger than the limit of 1000 bytes"), text)
    }
    // Declared small but sent large (chunked): the limit is found while reading.
    let connection = try RawConnection(port: port)
    let chunk = String(repeating: "1", count: 4000)
    try connection.send(
      "POST /v1/models/iris:predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "fa0\r\n\(chunk)\r\n0\r\n\r\n")
    let (bytes, closed) = connection.readToEnd(timeout: 10)
    XCTAssertTrue(closed)
    XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 413"))
  }

  /// HTTP/1.0 gets an HTTP/1.0 reply and the connection closes, unless it asks for keep-alive.
  func testHTTP10ClosesAfterTheResponse() async throws {
    let port = try await start()
    let connection = try RawConnection(port: port)
    try connection.send("GET /v2/health/live HTTP/1.0\r\n\r\n")
    let (bytes, closed) = connection.readToEnd(timeout: 10)
    XCTAssertTrue(closed)
    let text = String(decoding: bytes, as: UTF8.self)
    XCTAssertTrue(text.hasPrefix("HTTP/1.0 200"), text)
    XCTAssertTrue(text.lowercased().contains("connection: close"), text)
    XCTAssertTrue(text.hasSuffix(#"{"live":true}"#), text)

    let keepAlive = try RawConnection(port: port)
    for _ in 0..<2 {
      try keepAlive.send("GET /v2/health/ready HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
      let reply = try XCTUnwrap(keepAlive.readResponse(timeout: 10))
      XCTAssertTrue(reply.head.hasPrefix("HTTP/1.0 200"), reply.head)
      XCTAssertTrue(reply.head.lowercased().contains("connection: keep-alive"), reply.head)
      XCTAssertEqual(reply.body, #"{"ready":true}"#)
    }

    // HTTP/1.1 keeps the connection: two requests on one connection.
    let persistent = try RawConnection(port: port)
    for _ in 0..<2 {
      try persistent.send("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n")
      let reply = try XCTUnwrap(persistent.readResponse(timeout: 10))
      XCTAssertTrue(reply.head.hasPrefix("HTTP/1.1 200"), reply.head)
      XCTAssertFalse(reply.head.lowercased().contains("connection: close"), reply.head)
    }
  }

  /// A request that stalls (half a head, or a body shorter than declared) is closed after the
  /// idle timeout; a live connection is not.
  func testStalledRequestsAreClosedAfterTheIdleTimeout() async throws {
    let port = try await start(idleTimeout: .milliseconds(500))
    let halfHead = try RawConnection(port: port)
    try halfHead.send("GET /v2/health/live HTTP/1.1\r\nHo")
    let halfBody = try RawConnection(port: port)
    try halfBody.send(
      "POST /v1/models/iris:predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"inst")
    let silent = try RawConnection(port: port)
    let begin = ContinuousClock.now
    for connection in [halfHead, halfBody, silent] {
      let (bytes, closed) = connection.readToEnd(timeout: 10)
      XCTAssertTrue(closed)
      XCTAssertEqual(bytes, [])
    }
    let waited = ContinuousClock.now - begin
    XCTAssertGreaterThanOrEqual(waited, .milliseconds(400))
    XCTAssertLessThan(waited, .seconds(5))

    // A connection that keeps sending requests within the timeout stays open.
    let busy = try RawConnection(port: port)
    for _ in 0..<4 {
      try busy.send("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n")
      XCTAssertNotNil(busy.readResponse(timeout: 10))
      try await Task.sleep(for: .milliseconds(250))
    }
  }
}
