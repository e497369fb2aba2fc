import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// The real `melix serve` binary and `deploy()` from a script, over loopback with curl (a
/// separate process, so the server sees ordinary connections): every route, predictions equal
/// to the library's `predict` bit for bit, the bad requests and their statuses, the API key,
/// graceful shutdown on SIGTERM and SIGINT, and a port already in use.
///
/// The model is a logistic regression trained by the binary on the iris CSV committed for
/// the MelixML tests (`Tests/MelixMLTests/Fixtures/explain/iris.csv`, see SOURCES.md there).
final class ServeBinaryTests: XCTestCase {
  private var scratch = FileManager.default.temporaryDirectory
  private var servers: [BackgroundMelix] = []

  /// Rows sent to the servers: one of each class, one near a class boundary, and one
  /// whose smallest probability is about 1e-8 (an exponent in the JSON).
  private let rows: [[Double]] = [
    [6.1, 2.8, 4.7, 1.2], [5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5], [5.9, 3.0, 5.1, 1.8],
    [4.9, 2.4, 3.3, 1.0],
  ]

  private static let iris = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../MelixMLTests/Fixtures/explain/iris.csv").standardized.path

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    for server in servers { server.kill() }
    servers = []
    try? FileManager.default.removeItem(at: scratch)
  }

  // MARK: - melix serve

  func testServeAnswersEveryRouteWithTheLibrarysPredictionsAndStopsOnSIGTERM() throws {
    let checkpoint = try trainCheckpoint()
    let reference = try referencePredictions(checkpoint: checkpoint)
    let (server, base) = try serve([
      checkpoint, "--port", "0", "--host", "127.0.0.1", "--name", "iris",
    ])

    XCTAssertEqual(try curl("GET", base + "/v2/health/live").body, #"{"live":true}"#)
    XCTAssertEqual(try curl("GET", base + "/v2/health/ready").body, #"{"ready":true}"#)
    XCTAssertEqual(
      try curl("GET", base + "/v2/models/iris/ready").body, #"{"name":"iris","ready":true}"#)
    let metadata = try curl("GET", base + "/v2/models/iris")
    XCTAssertEqual(metadata.status, 200)
    for part in [
      #""name":"iris""#, #""shape":[-1,4]"#, #""datatype":"INT64""#, #""shape":[-1,3]"#,
      #""feature_names":["sepal_length","sepal_width","petal_length","petal_width"]"#,
      #""class_names":["setosa","versicolor","virginica"]"#, #""task":"classification""#,
    ] {
      XCTAssertTrue(metadata.body.contains(part), "\(part) not in \(metadata.body)")
    }

    let instances = rows.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }
    let v1 = try curl(
      "POST", base + "/v1/models/iris:predict",
      json: #"{"instances": ["# + instances.joined(separator: ", ") + "]}")
    XCTAssertEqual(v1.status, 200, v1.body)
    assertBitEqual(numbers(in: v1.body, after: #""predictions":"#), reference.labels, "v1 labels")
    assertBitEqual(
      numbers(in: v1.body, after: #""probabilities":"#), reference.probabilities, "v1 probabilities"
    )

    let flat = rows.flatMap { $0 }.map { "\($0)" }.joined(separator: ",")
    let v2 = try curl(
      "POST", base + "/v2/models/iris/infer",
      json:
        #"{"id": "7", "inputs": [{"name": "input-0", "shape": [5, 4], "datatype": "FP64", "data": ["#
        + flat + "]}]}")
    XCTAssertEqual(v2.status, 200, v2.body)
    XCTAssertTrue(v2.body.contains(#""model_name":"iris","model_version":"1","id":"7""#), v2.body)
    assertBitEqual(
      numbers(in: v2.body, after: #""name":"predictions","shape":[5],"datatype":"INT64","data":"#),
      reference.labels, "v2 labels")
    assertBitEqual(
      numbers(
        in: v2.body, after: #""name":"probabilities","shape":[5,3],"datatype":"FP64","data":"#),
      reference.probabilities, "v2 probabilities")

    let metrics = try curl("GET", base + "/metrics").body
    XCTAssertTrue(metrics.contains(#"melix_rows_predicted_total{model="iris"} 10"#), metrics)
    XCTAssertTrue(
      metrics.contains(#"melix_requests_total{route="/v1/models/{name}:predict",status="200"} 1"#),
      metrics)

    server.signal(SIGTERM)
    XCTAssertEqual(server.waitForExit(timeout: 20), 0, server.stderr)
    XCTAssertTrue(server.stderr.hasSuffix("melix: server stopped\n"), server.stderr)
  }

  func testServeRefusesBadRequestsWithTheirStatusAndStopsOnSIGINT() throws {
    let checkpoint = try trainCheckpoint()
    // Two event-loop threads here (one, the default on small machines, in the other tests).
    let (server, base) = try serve([
      checkpoint, "--port", "0", "--max-body-size", "200", "--threads", "2",
    ])
    let predict = base + "/v1/models/model:predict"  // the default name: the file's stem
    let good = #"{"instances": [[6.1, 2.8, 4.7, 1.2]]}"#
    let before = try curl("POST", predict, json: good)
    XCTAssertEqual(before.status, 200, before.body)

    let cases: [(String, String, String?, Int, String)] = [
      ("POST", predict, #"{"instances": [[6.1, 2.8,}"#, 400, "malformed json at byte 25"),
      (
        "POST", predict, #"{"instances": [[6.1, 2.8, 4.7]]}"#, 400,
        "field 'instances[0]' has 3 features, the model expects 4"
      ),
      ("POST", predict, #"{"instances": [[NaN, 2.8, 4.7, 1.2]]}"#, 400, "malformed json"),
      (
        "POST", predict, #"{"instances": [[1e999, 2.8, 4.7, 1.2]]}"#, 400,
        "field 'instances[0][0]' is NaN or infinite"
      ),
      (
        "POST", predict, #"{"instances": [["6.1", 2.8, 4.7, 1.2]]}"#, 400,
        "field 'instances[0][0]' is not a number"
      ),
      (
        "POST", base + "/v2/models/model/infer",
        #"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP64", "data": [1, 2, 3]}]}"#,
        400, "field 'inputs[0].shape' is [1, 3], the model expects [n, 4] with n >= 1"
      ),
      (
        "POST", predict,
        #"{"instances": ["#
          + Array(repeating: "[6.1, 2.8, 4.7, 1.2]", count: 10)
          .joined(separator: ",") + "]}", 413, "request body is larger than the limit of 200 bytes"
      ),
      ("POST", base + "/v1/models/irs:predict", good, 404, "unknown model 'irs'"),
      ("GET", base + "/v3/nothing", nil, 404, "no route 'GET /v3/nothing'"),
      (
        "GET", base + "/v2/models/model/infer", nil, 405,
        "method 'GET' is not allowed on '/v2/models/{name}/infer', use 'POST'"
      ),
      ("DELETE", predict, nil, 405, "use 'POST'"),
    ]
    for (method, url, body, status, message) in cases {
      let reply = try curl(method, url, json: body)
      XCTAssertEqual(reply.status, status, "\(method) \(url) \(body ?? ""): \(reply.body)")
      XCTAssertTrue(
        reply.body.hasPrefix(#"{"error":""#) && reply.body.contains(message),
        "\(method) \(url) \(body ?? ""): \(reply.body)")
    }
    let after = try curl("POST", predict, json: good)
    XCTAssertEqual(after.body, before.body, "a bad request changed the server's answers")

    server.signal(SIGINT)
    XCTAssertEqual(server.waitForExit(timeout: 20), 0, server.stderr)
    XCTAssertTrue(server.stderr.hasSuffix("melix: server stopped\n"), server.stderr)
  }

  func testServeWithAnAPIKeyFileAnswers401WithoutTheKey() throws {
    let checkpoint = try trainCheckpoint()
    let keyFile = scratch.appendingPathComponent("key.txt")
    try "s3cret-key\n".write(to: keyFile, atomically: true, encoding: .utf8)
    let (server, base) = try serve([
      checkpoint, "--port", "0", "--name", "iris", "--api-key-file", keyFile.path,
    ])
    let url = base + "/v1/models/iris:predict"
    let body = #"{"instances": [[6.1, 2.8, 4.7, 1.2]]}"#
    for headers in [[:], ["Authorization": "Bearer wrong"], ["Authorization": "s3cret-key"]] {
      let reply = try curl("POST", url, json: body, headers: headers)
      XCTAssertEqual(reply.status, 401, "\(headers): \(reply.body)")
      XCTAssertTrue(reply.body.contains("missing or wrong api key"), reply.body)
    }
    let allowed = try curl("POST", url, json: body, headers: ["Authorization": "Bearer s3cret-key"])
    XCTAssertEqual(allowed.status, 200, allowed.body)
    XCTAssertTrue(allowed.body.hasPrefix(#"{"predictions":[1],"#), allowed.body)
    XCTAssertEqual(try curl("GET", base + "/v2/health/live").status, 200, "health needs no key")
    server.signal(SIGTERM)
    XCTAssertEqual(server.waitForExit(timeout: 20), 0, server.stderr)
  }

  func testServeOnAPortInUseExitsOneNamingTheAddress() throws {
    let checkpoint = try trainCheckpoint()
    let (_, base) = try serve([checkpoint, "--port", "0"])
    let port = String(base.split(separator: ":").last ?? "")
    let second = try MelixProcess.locate().run(["serve", checkpoint, "--port", port])
    XCTAssertEqual(second.status, 1, second.stderr)
    XCTAssertEqual(
      second.stderr, "melix: error: cannot listen on 127.0.0.1:\(port): address already in use\n")
  }

  /// With `--idle-timeout 1.5`, a silent connection and one stalled in the middle of a request
  /// are closed after about 1.5 s (the default, 30 s, would keep them open past the test's
  /// limit); a connection sending a request every 0.6 s stays open past 1.5 s.
  func testServeClosesAConnectionIdleLongerThanTheIdleTimeout() throws {
    let checkpoint = try trainCheckpoint()
    let (server, base) = try serve([checkpoint, "--port", "0", "--idle-timeout", "1.5"])
    let port = UInt16(base.split(separator: ":").last ?? "") ?? 0
    let silent = try RawSocket(port: port)
    let stalled = try RawSocket(port: port)
    XCTAssertTrue(stalled.send("GET /v2/health/live HTTP/1.1\r\nHo"))
    let begin = Date()
    for (connection, what) in [(silent, "silent"), (stalled, "stalled")] {
      XCTAssertTrue(connection.waitForClose(timeout: 12), "the \(what) connection stayed open")
      let waited = Date().timeIntervalSince(begin)
      XCTAssertGreaterThanOrEqual(waited, 1.3, what)
      XCTAssertLessThan(waited, 12, what)
    }
    let busy = try RawSocket(port: port)
    let busySince = Date()
    for _ in 0..<5 {
      XCTAssertTrue(busy.send("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n"))
      XCTAssertTrue(
        busy.read(until: #"{"live":true}"#, timeout: 10).contains(#"{"live":true}"#),
        "the busy connection was closed after \(Date().timeIntervalSince(busySince)) s")
      Thread.sleep(forTimeInterval: 0.6)
    }
    XCTAssertGreaterThan(Date().timeIntervalSince(busySince), 2.5)
    XCTAssertTrue(busy.waitForClose(timeout: 12), "the busy connection stayed open once silent")
    server.signal(SIGTERM)
    XCTAssertEqual(server.waitForExit(timeout: 20), 0, server.stderr)
  }

  func testServeRejectsAThreadCountOutOfRange() throws {
    let result = try MelixProcess.locate().run(["serve", "model.h5", "--threads", "0"])
    XCTAssertEqual(result.status, 64, result.stderr)
    XCTAssertTrue(
      result.stderr.contains("'--threads' must be in 1...1024, got 0"), result.stderr)
  }

  func testServeAMissingCheckpointIsAUsageError() throws {
    let missing = scratch.appendingPathComponent("nope.h5").path
    let result = try MelixProcess.locate().run(["serve", missing, "--port", "0"])
    XCTAssertEqual(result.status, 64, result.stderr)
    XCTAssertTrue(result.stderr.contains("'\(missing)'"), result.stderr)
  }

  // MARK: - deploy()

  func testDeployServesWhileTheScriptRunsAndStopStopsIt() throws {
    let port = try freePort()
    let flag = scratch.appendingPathComponent("flag.csv")
    try "done\n0\n".write(to: flag, atomically: true, encoding: .utf8)
    // The language has no HTTP client, so the test calls the server while the script waits
    // for the flag file to gain a second row (at most 60 s).
    let script = try write(
      "deploy.mlx",
      """
      let iris = read_csv("\(Self.iris)", target: "species")
      let model = logistic_regression(max_iter: 1000)
      train(model, iris)
      let s = deploy(model, port: \(port), name: "m")
      print(s.url)
      let x = tensor(\(rows))
      print(predict(model, x).tolist())
      print(predict_proba(model, x).tolist())
      let t0 = time()
      while len(read_csv("\(flag.path)")) < 2 and time() - t0 < 60 {
      }
      s.stop()
      print(s.is_running)
      """)
    let run = try BackgroundMelix(["run", script])
    servers.append(run)
    let base = "http://127.0.0.1:\(port)"
    XCTAssertTrue(waitForHealth(base, while: run), run.stderr)
    let instances = rows.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }
    let v1 = try curl(
      "POST", base + "/v1/models/m:predict",
      json: #"{"instances": ["# + instances.joined(separator: ", ") + "]}")
    XCTAssertEqual(v1.status, 200, v1.body)
    let flat = rows.flatMap { $0 }.map { "\($0)" }.joined(separator: ",")
    let v2 = try curl(
      "POST", base + "/v2/models/m/infer",
      json: #"{"inputs": [{"name": "x", "shape": [5, 4], "datatype": "FP64", "data": ["# + flat
        + "]}]}")
    XCTAssertEqual(v2.status, 200, v2.body)
    // Standard output is a pipe, yet what the script printed while it serves is out already.
    XCTAssertTrue(
      run.waitForStdout { $0.split(separator: "\n").count == 3 }, "stdout so far: \(run.stdout)")
    try "done\n0\n1\n".write(to: flag, atomically: true, encoding: .utf8)
    XCTAssertEqual(run.waitForExit(timeout: 60), 0, run.stderr)

    let lines = run.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 4, run.stdout)
    guard lines.count == 4 else { return }
    XCTAssertEqual(lines[0], base)
    XCTAssertEqual(lines[3], "false")
    let labels = numbers(in: lines[1], after: "")
    let probabilities = numbers(in: lines[2], after: "")
    XCTAssertEqual(labels.count, rows.count)
    XCTAssertEqual(probabilities.count, rows.count * 3)
    assertBitEqual(numbers(in: v1.body, after: #""predictions":"#), labels, "v1 labels")
    assertBitEqual(numbers(in: v1.body, after: #""probabilities":"#), probabilities, "v1 probs")
    assertBitEqual(
      numbers(in: v2.body, after: #""name":"predictions","shape":[5],"datatype":"INT64","data":"#),
      labels, "v2 labels")
    assertBitEqual(
      numbers(
        in: v2.body, after: #""name":"probabilities","shape":[5,3],"datatype":"FP64","data":"#),
      probabilities, "v2 probabilities")
    XCTAssertNotEqual(
      try curl("GET", base + "/v2/health/live").status, 200, "the server still answers after stop")
  }

  func testWaitServesUntilSIGTERMThenStopsAndTheScriptEndsWithZero() throws {
    try assertWaitServesUntil(SIGTERM)
  }

  func testWaitServesUntilSIGINTThenReturnsAndTheScriptGoesOn() throws {
    try assertWaitServesUntil(SIGINT)
  }

  /// A script that deploys then waits serves until `signal`, after which `wait` returns,
  /// the server is stopped and the script runs to its end with status 0.
  private func assertWaitServesUntil(_ signal: Int32, line: UInt = #line) throws {
    let script = try write(
      "wait.mlx",
      """
      let iris = read_csv("\(Self.iris)", target: "species")
      let model = logistic_regression(max_iter: 1000)
      train(model, iris)
      let s = deploy(model, port: 0)
      print(s.url)
      s.wait()
      print("stopped", s.is_running)
      wait(s)
      fn twice(x) {
        return 2 * x
      }
      var total = 0
      for i in 0..<3 {
        total += twice(i)
      }
      print("again", total)
      """)
    let run = try BackgroundMelix(["run", script])
    servers.append(run)
    guard
      let base = run.waitForStderr(
        #"melix: serving 'model' on (http://127\.0\.0\.1:[0-9]+); Ctrl-C stops"#)
    else {
      XCTFail("the script did not start serving: \(run.stderr)")
      return
    }
    XCTAssertEqual(try curl("GET", base + "/v2/models/model/ready").status, 200)
    // What the script printed before `wait` is out, though standard output is a pipe.
    XCTAssertTrue(run.waitForStdout { $0 == base + "\n" }, "stdout so far: \(run.stdout)")
    let v1 = try curl(
      "POST", base + "/v1/models/model:predict", json: #"{"instances": [[5.1, 3.5, 1.4, 0.2]]}"#)
    XCTAssertEqual(v1.status, 200, v1.body)
    XCTAssertTrue(v1.body.contains(#""predictions":[0]"#), v1.body)
    XCTAssertTrue(run.isRunning, "the script ended while 'wait' should block", line: line)
    run.signal(signal)
    XCTAssertEqual(run.waitForExit(timeout: 60), 0, run.stderr, line: line)
    // A loop and a call after `wait`: the Ctrl-C that ended the wait is not a pending interrupt.
    XCTAssertEqual(run.stdout, base + "\nstopped false\nagain 6\n", line: line)
    XCTAssertNotEqual(
      try curl("GET", base + "/v2/health/live").status, 200, "the server still answers after wait",
      line: line)
  }

  func testDeployOnAPortInUseIsARuntimeErrorWithItsLocation() throws {
    let checkpoint = try trainCheckpoint()
    let (_, base) = try serve([checkpoint, "--port", "0"])
    let port = String(base.split(separator: ":").last ?? "")
    let script = try write(
      "busy.mlx",
      """
      let model = load_model("\(checkpoint)")
      print("before")
      let s = deploy(model, port: \(port), name: "m")
      print("after")
      """)
    let result = try MelixProcess.locate().run(["run", script])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(result.stdout, "before\n")
    XCTAssertTrue(
      result.stderr.hasPrefix(
        "\(script):3:9: runtime error: cannot deploy: cannot listen on 127.0.0.1:\(port): "
          + "address already in use\n"), result.stderr)
  }

  // MARK: - Helpers

  /// Trains the iris logistic regression with the binary and returns the checkpoint's path.
  private func trainCheckpoint() throws -> String {
    let checkpoint = scratch.appendingPathComponent("model.h5").path
    let script = try write(
      "train.mlx",
      """
      let iris = read_csv("\(Self.iris)", target: "species")
      let model = logistic_regression(max_iter: 1000)
      train(model, iris)
      save(model, "\(checkpoint)")
      """)
    let result = try MelixProcess.locate().run(["run", script])
    XCTAssertEqual(result.status, 0, result.stderr)
    return checkpoint
  }

  /// Labels `[n]` and probabilities `[n, 3]` (flattened) of `rows`, computed in this process
  /// by loading the checkpoint through the library (`load_model`, `predict`,
  /// `predict_proba`); Melix prints floats in their shortest round-trip form.
  private func referencePredictions(checkpoint: String) throws -> (
    labels: [Double], probabilities: [Double]
  ) {
    let printed = Printed()
    let session = Session(output: { printed.append($0) })
    let result = session.run(
      SourceFile(
        path: "reference.mlx",
        text: """
          let m = load_model("\(checkpoint)")
          let x = tensor(\(rows))
          print(predict(m, x).tolist())
          print(predict_proba(m, x).tolist())
          """))
    guard case .success = result else {
      XCTFail("the reference script failed: \(result)")
      throw XCTSkip("no reference")
    }
    let lines = printed.text.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 2, printed.text)
    let labels = numbers(in: lines.first ?? "", after: "")
    let probabilities = numbers(in: lines.last ?? "", after: "")
    XCTAssertEqual(labels.count, rows.count)
    XCTAssertEqual(probabilities.count, rows.count * 3)
    // Different classes, and a probability needing an exponent: the rows test something.
    XCTAssertEqual(Set(labels).count, 3, "\(labels)")
    XCTAssertTrue(probabilities.contains { $0 < 1e-5 }, "\(probabilities)")
    return (labels, probabilities)
  }

  /// Starts `melix serve arguments...` and returns it with its base URL, read from the line
  /// it prints on stderr once it listens.
  private func serve(_ arguments: [String]) throws -> (BackgroundMelix, String) {
    let server = try BackgroundMelix(["serve"] + arguments)
    servers.append(server)
    guard let base = server.waitForStderr(#"on (http://127\.0\.0\.1:[0-9]+); Ctrl-C stops"#)
    else {
      XCTFail("the server did not start: \(server.stderr)")
      throw XCTSkip("no server")
    }
    return (server, base)
  }

  /// Polls `GET /v2/health/live` until it answers 200, while `process` runs (at most 60 s).
  private func waitForHealth(_ base: String, while process: BackgroundMelix) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline && process.isRunning {
      if (try? curl("GET", base + "/v2/health/live").status) == 200 { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }

  private func write(_ name: String, _ text: String) throws -> String {
    let url = scratch.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// Sends a request with /usr/bin/curl; status -1 when no HTTP answer came.
  private func curl(
    _ method: String, _ url: String, json: String? = nil, headers: [String: String] = [:]
  ) throws -> (status: Int, body: String) {
    var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", "--max-time", "20"]
    for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
    if let json {
      let file = scratch.appendingPathComponent("body-\(UUID().uuidString).json")
      try json.write(to: file, atomically: true, encoding: .utf8)
      arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + file.path]
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = arguments + [url]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard let split = text.lastIndex(of: "\n"), let code = Int(text[text.index(after: split)...]),
      code != 0
    else { return (-1, text) }
    return (code, String(text[..<split]))
  }

  /// The numbers of the JSON array (or nested arrays) that follows `key` in `text` (the
  /// first array when `key` is empty), parsed with Swift's correctly rounded `Double(_:)`.
  private func numbers(in text: String, after key: String) -> [Double] {
    guard let keyRange = key.isEmpty ? text.range(of: "[") : text.range(of: key) else {
      return []
    }
    var depth = 0
    var end = text.endIndex
    var index = key.isEmpty ? keyRange.lowerBound : keyRange.upperBound
    while index < text.endIndex {
      if text[index] == "[" { depth += 1 }
      if text[index] == "]" {
        depth -= 1
        if depth == 0 {
          end = text.index(after: index)
          break
        }
      }
      index = text.index(after: index)
    }
    let start = key.isEmpty ? keyRange.lowerBound : keyRange.upperBound
    let array = String(text[start..<end])
    let pattern = #"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    let whole = NSRange(array.startIndex..., in: array)
    return regex.matches(in: array, range: whole).compactMap { match in
      Range(match.range, in: array).flatMap { Double(array[$0]) }
    }
  }

  private func assertBitEqual(
    _ got: [Double], _ expected: [Double], _ what: String, line: UInt = #line
  ) {
    XCTAssertEqual(got.count, expected.count, "\(what): \(got) vs \(expected)", line: line)
    XCTAssertFalse(expected.isEmpty, what, line: line)
    XCTAssertEqual(
      got.map(\.bitPattern), expected.map(\.bitPattern), "\(what): \(got) vs \(expected)",
      line: line)
  }

  /// A TCP port free on 127.0.0.1 a moment ago (the kernel's pick for port 0).
  private func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw XCTSkip("no socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw XCTSkip("cannot bind a port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// Output printed by an in-process session (from the session's thread).
private final class Printed: @unchecked Sendable {
  private let lock = NSLock()
  private var chunks: [String] = []
  func append(_ text: String) { lock.withLock { chunks.append(text) } }
  var text: String { lock.withLock { chunks.joined() } }
}

/// A `melix` process running in the background (a server, or a script that deploys one),
/// its output collected as it comes; killed by `kill()` if still running.
private final class BackgroundMelix: @unchecked Sendable {
  private let process = Process()
  private let lock = NSLock()
  private var outData = Data()
  private var errData = Data()
  private let drained = DispatchGroup()

  init(_ arguments: [String]) throws {
    let binary = try MelixProcess.locate().binary
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["MELIX_STDLIB"] = RepositoryPaths.stdlib.path
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    for (pipe, isError) in [(output, false), (errors, true)] {
      DispatchQueue.global().async(group: drained) { [self] in
        while true {
          let chunk = pipe.fileHandleForReading.availableData
          if chunk.isEmpty { break }
          lock.withLock {
            if isError { errData.append(chunk) } else { outData.append(chunk) }
          }
        }
      }
    }
  }

  var isRunning: Bool { process.isRunning }
  var stdout: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }
  var stderr: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }

  /// The first capture group of `pattern` in stderr, once it appears (at most 60 s).
  func waitForStderr(_ pattern: String) -> String? {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let text = stderr
      if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        let range = Range(match.range(at: 1), in: text)
      {
        return String(text[range])
      }
      if !process.isRunning { return nil }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
  }

  /// True once stdout satisfies `condition` (at most 10 s).
  func waitForStdout(_ condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if condition(stdout) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return condition(stdout)
  }

  func signal(_ number: Int32) { Foundation.kill(process.processIdentifier, number) }

  /// The exit status once the process has exited normally within `timeout` seconds and its
  /// output is drained; nil if it is still running or was ended by a signal.
  func waitForExit(timeout: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    guard !process.isRunning else { return nil }
    _ = drained.wait(timeout: .now() + 10)
    return process.terminationReason == .exit ? process.terminationStatus : nil
  }

  func kill() {
    if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
  }
}

/// A blocking TCP connection to 127.0.0.1 for the idle-timeout test: raw bytes, so the test
/// controls exactly when the server last heard from the client.
private final class RawSocket {
  private let descriptor: Int32

  /// Connects to `127.0.0.1:port`.
  init(port: UInt16) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw XCTSkip("no socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
    guard connected else {
      close(descriptor)
      throw XCTSkip("cannot connect to port \(port)")
    }
  }

  deinit { close(descriptor) }

  /// Sends `text`; false if the connection refused it.
  func send(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) == bytes.count
    }
  }

  /// What arrives until it contains `marker`, the peer closes, or `timeout` seconds pass.
  func read(until marker: String, timeout: Double) -> String {
    var received: [UInt8] = []
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      guard let chunk = receive(timeout: deadline.timeIntervalSinceNow), !chunk.isEmpty else {
        break
      }
      received += chunk
      if String(decoding: received, as: UTF8.self).contains(marker) { break }
    }
    return String(decoding: received, as: UTF8.self)
  }

  /// True once the peer closes the connection (reads end of file) within `timeout` seconds,
  /// discarding any bytes that come first.
  func waitForClose(timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      guard let chunk = receive(timeout: deadline.timeIntervalSinceNow) else { return false }
      if chunk.isEmpty { return true }
    }
    return false
  }

  /// The next bytes: empty at end of file (or a reset), nil when nothing came in `timeout`.
  private func receive(timeout: Double) -> [UInt8]? {
    var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&request, 1, Int32(max(0, timeout * 1000))) > 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
    return count > 0 ? Array(buffer[..<count]) : []
  }
}
