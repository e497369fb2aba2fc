import Foundation
import MelixInterpreter
import MelixML
import MelixServer

/// The host side of `deploy` (STYLE.md section 2: the interpreter never imports the server;
/// the driver injects these built-ins into the sessions it makes).
enum DeployHost {
  /// `deploy(model, port:, host:, name:)`, `wait(server)` and `stop(server)`.
  static func builtins() -> [Builtin] {
    [
      Builtin(
        "deploy",
        [
          BuiltinParameter("model", .native("Model")),
          BuiltinParameter("port", .int, default: "8080"),
          BuiltinParameter("host", .string, default: "\"127.0.0.1\""),
          BuiltinParameter("name", .string, default: "\"model\""),
        ],
        returns: "Server",
        doc: """
          Serves a trained model over HTTP in the background (Open Inference Protocol / KServe V2 \
          REST, TF-Serving's ':predict', Prometheus '/metrics'; docs/serving.md) and returns a \
          Server with 'url', 'port', 'name' and 'is_running'; the session keeps working. Port 0 \
          picks a free port. 'name' is the model's name in URLs: with the default "model", \
          clients POST to '/v2/models/model/infer' or '/v1/models/model:predict'. \
          'stop(server)' stops it, and it stops when the program ends: a script that only \
          serves calls 'wait(server)' to serve until Ctrl-C or SIGTERM.
          """,
        example: "let server = deploy(model, port: 8080)\nprint(server.url)  # http://127.0.0.1:8080\nstop(server)"
      ) { args, _ in
        guard let model = nativeModel(args[0]), case .int(let port) = args[1],
          case .string(let host) = args[2], case .string(let name) = args[3]
        else { throw MelixError("'deploy' needs a Model, an Int port and String host and name") }
        guard (0...65535).contains(port) else {
          throw MelixError("argument 'port' of 'deploy' must be in 0...65535, got \(port)")
        }
        let checkpoint = try model.snapshot(for: "deploy")
        let server: ModelServer
        do {
          server = try ModelServer(
            models: [makeServable(checkpoint, name: name)],
            configuration: ServerConfiguration(host: host, port: port))
        } catch {
          throw MelixError("cannot deploy: \(error)")
        }
        let box = StartBox()
        let started = DispatchSemaphore(value: 0)
        _Concurrency.Task {
          do { box.set(.success(try await server.start())) } catch { box.set(.failure(error)) }
          started.signal()
        }
        started.wait()
        switch box.get() {
        case .success(let running): return .native(ServerValue(running, name: name))
        case .failure(let error as ServeError): throw MelixError("cannot deploy: \(error)")
        case .failure(let error): throw MelixError("cannot deploy on \(host):\(port): \(error)")
        case nil: throw MelixError("cannot deploy on \(host):\(port)")
        }
      },
      Builtin(
        "wait", [BuiltinParameter("server", .native("Server"))], returns: "Nil",
        doc: """
          Serves until Ctrl-C (SIGINT) or SIGTERM, then stops the server after the requests in \
          flight finish and returns: 'deploy' then 'wait' is the script form of 'melix serve'. \
          Prints 'melix: serving NAME on URL; Ctrl-C stops' on standard error once it listens \
          for the signals. Returns at once for a stopped server. Also 'server.wait()'.
          """,
        example: "let server = deploy(model, port: 8080)\nwait(server)  # until Ctrl-C or SIGTERM\nprint(\"stopped\")"
      ) { args, _ in
        guard case .native(let value) = args[0], let server = value as? ServerValue else {
          throw MelixError("'wait' needs a Server returned by 'deploy'")
        }
        server.waitForSignal()
        return .null
      },
      Builtin(
        "stop", [BuiltinParameter("server", .native("Server"))], returns: "Nil",
        doc: """
          Stops a server started by 'deploy' after the requests in flight finish; stopping a \
          stopped server does nothing. Also 'server.stop()'.
          """,
        example: "stop(server)\nprint(server.is_running)  # false"
      ) { args, _ in
        guard case .native(let value) = args[0], let server = value as? ServerValue else {
          return .null
        }
        server.stop()
        return .null
      },
    ]
  }

  static func nativeModel(_ value: Value) -> ModelValue? {
    if case .native(let v) = value { return v as? ModelValue }
    return nil
  }

  private final class StartBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<RunningServer, Error>?
    func set(_ value: Result<RunningServer, Error>) {
      lock.lock()
      result = value
      lock.unlock()
    }
    func get() -> Result<RunningServer, Error>? {
      lock.lock()
      defer { lock.unlock() }
      return result
    }
  }
}

/// The Melix `Server` value `deploy` returns: `url`, `port`, `name`, `is_running`.
final class ServerValue: NativeValue {
  let running: RunningServer
  let name: String
  private(set) var isRunning = true

  init(_ running: RunningServer, name: String) {
    self.running = running
    self.name = name
  }

  var typeName: String { "Server" }
  func display() -> String {
    "Server '\(name)' at \(running.url)" + (isRunning ? "" : " (stopped)")
  }
  var memberNames: [String] { ["url", "port", "name", "is_running"] }

  func member(_ field: String) throws -> Value {
    switch field {
    case "url": return .string(running.url)
    case "port": return .int(running.port)
    case "name": return .string(name)
    case "is_running": return .bool(isRunning)
    default: throw MelixError("Server has no field '\(field)'")
    }
  }

  /// Blocks until SIGINT or SIGTERM arrives or the server ends by itself, then stops it
  /// gracefully. The signals' previous dispositions are restored before it returns; while
  /// it waits they do not end the process.
  func waitForSignal() {
    guard isRunning else { return }
    let woken = DispatchSemaphore(value: 0)
    var sources: [DispatchSourceSignal] = []
    var previous: [(Int32, sig_t?)] = []
    for number in [SIGINT, SIGTERM] {
      // Ignored by default handling so that only the dispatch source sees it.
      previous.append((number, signal(number, SIG_IGN)))
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { woken.signal() }
      source.resume()
      sources.append(source)
    }
    let running = self.running
    let ended = _Concurrency.Task {
      await running.finished()
      woken.signal()
    }
    FileHandle.standardError.write(
      Data("melix: serving '\(name)' on \(running.url); Ctrl-C stops\n".utf8))
    woken.wait()
    ended.cancel()
    stop()
    for source in sources { source.cancel() }
    for (number, handler) in previous { signal(number, handler ?? SIG_DFL) }
  }

  func stop() {
    guard isRunning else { return }
    isRunning = false
    let running = self.running
    let done = DispatchSemaphore(value: 0)
    _Concurrency.Task {
      await running.stop()
      done.signal()
    }
    done.wait()
  }
}
