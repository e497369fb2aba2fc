import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// An HTTP server for models, speaking the Open Inference Protocol (KServe V2) over REST and
/// TF-Serving's predict API, with Prometheus metrics, on Hummingbird 2.
///
/// Routes:
/// - `GET /v2/health/live`, `GET /v2/health/ready`: `{"live": true}`, `{"ready": true}`.
/// - `GET /v2/models/{name}`: metadata (inputs and outputs with names, datatypes, shapes;
///   feature and class names).
/// - `GET /v2/models/{name}/ready`: `{"name": …, "ready": true}`.
/// - `POST /v2/models/{name}/infer`: one FP32/FP64 input `[n, nFeatures]`, row-major data;
///   outputs `predictions` `[n]` and, for classifiers, `probabilities` `[n, nClasses]`.
/// - `POST /v1/models/{name}:predict`: `{"instances": [[…], …]}` → `{"predictions": […]}`.
/// - `GET /v1/models/{name}`: TF-Serving's model status, version "1" `AVAILABLE`.
/// - `GET /metrics`: Prometheus text.
///
/// Bad requests get JSON `{"error": "…"}` naming the field: 400 (malformed JSON, wrong shape
/// or feature count, non-numbers, NaN/Inf), 401 (API key), 404 (unknown model or route),
/// 405 (wrong method), 413 (body over the limit), 422 (the model refused the rows). No
/// request changes the server's state other than its metrics.
public struct ModelServer: Sendable {
  /// The configuration.
  public let configuration: ServerConfiguration
  let handlers: InferenceHandlers
  let metrics: ServerMetrics

  /// Creates a server for some models.
  ///
  /// - Parameters:
  ///   - models: The models, with distinct names.
  ///   - configuration: Address, body limit, API key.
  ///   - loadSeconds: Seconds each model took to load, by name, for `/metrics`.
  /// - Throws: `ServeError` (status 500) for no models, a duplicate or empty name, or an
  ///   invalid body limit.
  public init(
    models: [any ServableModel], configuration: ServerConfiguration = ServerConfiguration(),
    loadSeconds: [String: Double] = [:]
  ) throws {
    guard !models.isEmpty else {
      throw ServeError(status: 500, "a server needs at least one model")
    }
    guard configuration.maxBodySize > 0 else {
      throw ServeError(
        status: 500, "'max-body-size' must be positive, got \(configuration.maxBodySize)")
    }
    var byName: [String: any ServableModel] = [:]
    for model in models {
      guard !model.name.isEmpty, !model.name.contains("/"), !model.name.contains(":") else {
        throw ServeError(
          status: 500, "model name '\(model.name)' must be non-empty without '/' or ':'")
      }
      guard byName[model.name] == nil else {
        throw ServeError(status: 500, "two models are named '\(model.name)'")
      }
      byName[model.name] = model
    }
    let metrics = ServerMetrics()
    for (name, seconds) in loadSeconds { metrics.recordLoad(model: name, seconds: seconds) }
    self.configuration = configuration
    self.metrics = metrics
    self.handlers = InferenceHandlers(models: byName, metrics: metrics)
  }

  /// Serves in the foreground until the task is cancelled or a signal in
  /// `gracefulShutdownSignals` arrives, then lets requests in flight finish.
  ///
  /// - Parameters:
  ///   - handlesSignals: Whether SIGTERM and SIGINT stop the server gracefully. Default true.
  ///   - onRunning: Called with the bound port once the server accepts connections.
  /// - Throws: `ServeError` (status 500) `cannot listen on HOST:PORT: REASON` when the address
  ///   cannot be bound (in use, not permitted, not an address of this machine).
  public func run(
    handlesSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    try await run(signals: handlesSignals ? .standard : .none, onRunning: onRunning)
  }

  /// The signals that shut a server down gracefully.
  enum ShutdownSignals {
    /// SIGTERM and SIGINT.
    case standard
    /// None: only cancelling the task stops the server.
    case none
    /// SIGUSR2 only, for tests that signal their own process.
    case user2
  }

  /// Serves in the foreground until the task is cancelled or one of `signals` arrives.
  func run(
    signals: ShutdownSignals, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let app = makeApplication(onRunning: onRunning)
    do {
      switch signals {
      case .standard: try await app.runService()
      case .none: try await app.runService(gracefulShutdownSignals: [])
      case .user2: try await app.runService(gracefulShutdownSignals: [.sigusr2])
      }
    } catch {
      throw listenError(error)
    }
  }

  /// Starts serving in the background and returns once the server accepts connections.
  ///
  /// - Returns: The running server (its port and `stop()`).
  /// - Throws: `ServeError` (status 500) `cannot listen on HOST:PORT: REASON` when the address
  ///   cannot be bound (in use, not permitted, not an address of this machine).
  public func start() async throws -> RunningServer {
    let (ports, continuation) = AsyncThrowingStream<Int, Error>.makeStream()
    let app = makeApplication { port in continuation.yield(port) }
    // A group of our own, so that `stop()` can shut it down gracefully (cancelling the task
    // would cut requests in flight); after 30 s of shutting down it cancels what is left.
    var groupConfiguration = ServiceGroupConfiguration(
      services: [app], gracefulShutdownSignals: [], logger: app.logger)
    groupConfiguration.maximumGracefulShutdownDuration = .seconds(30)
    let group = ServiceGroup(configuration: groupConfiguration)
    let task = _Concurrency.Task {
      do {
        try await group.run()
        continuation.finish()
      } catch {
        let error = listenError(error)
        continuation.finish(throwing: error)
        throw error
      }
    }
    for try await port in ports {
      return RunningServer(host: configuration.host, port: port, task: task, group: group)
    }
    throw ServeError(status: 500, "the server stopped before it started listening")
  }

  /// A failure to bind as a `ServeError` naming the address and the reason in words
  /// (`cannot listen on 127.0.0.1:8080: address already in use`); other errors unchanged.
  func listenError(_ error: Error) -> Error {
    guard let io = error as? IOError else { return error }
    let reason = String(cString: strerror(io.errnoCode)).lowercased()
    return ServeError(
      status: 500, "cannot listen on \(configuration.host):\(configuration.port): \(reason)")
  }

  func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void)
    -> some ApplicationProtocol
  {
    let router = Router()
    router.add(
      middleware: ServerMiddleware(
        metrics: metrics, apiKey: configuration.apiKey.map(APIKey.init),
        maxBodySize: configuration.maxBodySize))
    let handlers = self.handlers
    let metrics = self.metrics
    let limit = configuration.maxBodySize
    func route(
      _ path: RouterPath, _ method: HTTPRequest.Method, _ display: String,
      _ body: @escaping @Sendable (Request, BasicRequestContext) async throws -> String
    ) {
      router.on(path, method: method) { request, context in
        Self.json(200, try await body(request, context))
      }
      for other in [HTTPRequest.Method.get, .post, .put, .delete, .patch] where other != method {
        router.on(path, method: other) { request, _ -> Response in
          throw ServeError.methodNotAllowed(other.rawValue, display, allowed: method.rawValue)
        }
      }
    }
    route("/v2/health/live", .get, "/v2/health/live") { _, _ in #"{"live":true}"# }
    route("/v2/health/ready", .get, "/v2/health/ready") { _, _ in #"{"ready":true}"# }
    route("/v2/models/{name}", .get, "/v2/models/{name}") { _, context in
      handlers.metadata(try handlers.model(context.parameters.get("name")))
    }
    route("/v2/models/{name}/ready", .get, "/v2/models/{name}/ready") { _, context in
      let model = try handlers.model(context.parameters.get("name"))
      return JSONText.object([("name", JSONText.string(model.name)), ("ready", "true")])
    }
    route("/v2/models/{name}/infer", .post, "/v2/models/{name}/infer") { request, context in
      let model = try handlers.model(context.parameters.get("name"))
      return try handlers.infer(model, body: try await Self.body(request, limit: limit))
    }
    // TF-Serving: POST /v1/models/NAME:predict, and GET /v1/models/NAME (model status).
    router.post("/v1/models/{spec}") { request, context -> Response in
      let spec = context.parameters.get("spec") ?? ""
      guard spec.hasSuffix(":predict") else {
        throw ServeError(
          status: 404, "unknown route '/v1/models/\(spec)'; use '/v1/models/{name}:predict'")
      }
      let model = try handlers.model(String(spec.dropLast(":predict".count)))
      return Self.json(
        200, try handlers.tfPredict(model, body: try await Self.body(request, limit: limit)))
    }
    router.get("/v1/models/{spec}") { _, context -> Response in
      let spec = context.parameters.get("spec") ?? ""
      if spec.hasSuffix(":predict") {
        throw ServeError.methodNotAllowed("GET", "/v1/models/{name}:predict", allowed: "POST")
      }
      guard !spec.contains(":") else {
        throw ServeError(
          status: 404,
          "unknown route '/v1/models/\(spec)'; use GET '/v1/models/{name}' or POST "
            + "'/v1/models/{name}:predict'")
      }
      return Self.json(200, handlers.tfStatus(try handlers.model(spec)))
    }
    for other in [HTTPRequest.Method.put, .delete, .patch] {
      router.on("/v1/models/{spec}", method: other) { _, context -> Response in
        let spec = context.parameters.get("spec") ?? ""
        if spec.hasSuffix(":predict") {
          throw ServeError.methodNotAllowed(
            other.rawValue, "/v1/models/{name}:predict", allowed: "POST")
        }
        throw ServeError.methodNotAllowed(other.rawValue, "/v1/models/{name}", allowed: "GET")
      }
    }
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
    }
    for other in [HTTPRequest.Method.post, .put, .delete, .patch] {
      router.on("/metrics", method: other) { _, _ -> Response in
        throw ServeError.methodNotAllowed(other.rawValue, "/metrics", allowed: "GET")
      }
    }
    // No log handler: cancelling a background server (`stop()`) makes HummingbirdCore log
    // errors about the closed channels, real failures are thrown to the caller instead, and
    // Hummingbird sets a request id on the logger of every request, which the default
    // `StreamLogHandler` formats eagerly (2% of a one-row request's CPU time in bench/serve).
    let logger = Logger(label: "melix.server", factory: { _ in SwiftLogNoOpLogHandler() })
    return Application(
      router: router,
      server: ClosingHTTP1Channel.builder(idleTimeout: configuration.idleTimeout),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "melix"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
  }

  /// Reads the whole body, refusing more than `limit` bytes with 413.
  static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
      throw ServeError.tooLarge(limit: limit)
    }
    do {
      let buffer = try await request.body.collect(upTo: limit)
      return Array(buffer.readableBytesView)
    } catch is NIOTooManyBytesError {
      throw ServeError.tooLarge(limit: limit)
    }
  }

  static func json(_ status: Int, _ text: String) -> Response {
    Response(
      status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// A server started with `ModelServer.start()`, serving in the background.
public final class RunningServer: Sendable {
  /// The bound address.
  public let host: String
  /// The bound port.
  public let port: Int
  let task: _Concurrency.Task<Void, Error>
  let group: ServiceGroup

  init(host: String, port: Int, task: _Concurrency.Task<Void, Error>, group: ServiceGroup) {
    self.host = host
    self.port = port
    self.task = task
    self.group = group
  }

  /// The base URL, `http://host:port`.
  public var url: String { "http://\(host):\(port)" }

  /// Waits until the server has stopped (by `stop()` or a failure) without stopping it.
  public func finished() async {
    _ = await task.result
  }

  /// Stops the server gracefully and waits for it: it stops accepting connections, the
  /// requests in flight finish (for at most 30 s, then they are cancelled).
  public func stop() async {
    await group.triggerGracefulShutdown()
    _ = await task.result
  }
}

/// Maps every failure to a JSON error, checks the API key and records metrics.
struct ServerMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext
  let metrics: ServerMetrics
  let apiKey: APIKey?
  let maxBodySize: Int

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    let path = request.uri.path
    let response: Response
    if let apiKey, !path.hasPrefix("/v2/health/"),
      !apiKey.accepts(authorization: request.headers[.authorization])
    {
      response = Self.error(.unauthorized)
    } else {
      do {
        response = try await next(request, context)
      } catch let error as ServeError {
        response = Self.error(error)
      } catch is NIOTooManyBytesError {
        response = Self.error(.tooLarge(limit: maxBodySize))
      } catch let error as HTTPResponseError {
        let status = Int(error.status.code)
        let message =
          status == 404
          ? "no route '\(request.method.rawValue) \(path)'" : error.status.reasonPhrase.lowercased()
        response = Self.error(ServeError(status: status, message))
      } catch {
        response = Self.error(ServeError(status: 500, "internal error: \(error)"))
      }
    }
    let elapsed = ContinuousClock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    metrics.recordRequest(
      route: Self.route(path), status: Int(response.status.code), seconds: seconds)
    return response
  }

  static func error(_ error: ServeError) -> Response {
    var response = ModelServer.json(
      error.status, JSONText.object([("error", JSONText.string(error.message))]))
    if error.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
    // The rest of an oversized body is not read: close the connection after the reply
    // (ConnectionCloser reads the rest away so the client sees the 413).
    if error.status == 413 { response.headers[.connection] = "close" }
    return response
  }

  /// The route template of a path, for metric labels (bounded cardinality).
  static func route(_ path: String) -> String {
    // The predict route first, without splitting: it is the one that carries the load.
    if path.hasPrefix("/v1/models/"), path.hasSuffix(":predict"),
      !path.dropFirst("/v1/models/".count).contains("/")
    {
      return "/v1/models/{name}:predict"
    }
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    switch (parts.count, parts.first) {
    case (3, "v2") where parts[1] == "health": return path
    case (3, "v2") where parts[1] == "models": return "/v2/models/{name}"
    case (4, "v2") where parts[1] == "models" && parts[3] == "ready":
      return "/v2/models/{name}/ready"
    case (4, "v2") where parts[1] == "models" && parts[3] == "infer":
      return "/v2/models/{name}/infer"
    case (3, "v1") where parts[1] == "models" && parts[2].hasSuffix(":predict"):
      return "/v1/models/{name}:predict"
    case (3, "v1") where parts[1] == "models" && !parts[2].contains(":"): return "/v1/models/{name}"
    case (1, "metrics"): return "/metrics"
    default: return "other"
    }
  }
}
