import Foundation
import MelixInterpreter
import MelixML
import MelixServer

/// The host side of `deploy` (STYLE.md section 2: the interpreter never imports the server;
/// the driver injects these built-ins into the sessions it makes).
enum DeployHost {
  /// `deploy(model, port:, host:, name:)`, `wait(server)` and `stop(server)`.
  ///
  /// - Parameter whenServing: Called once a `deploy` has started its server and before a
  ///   `wait` blocks: the driver makes the script's output unbuffered then
  ///   (`Console.flushEachWrite`), so a piped script shows what it printed while it serves.
  /// - Returns: The three built-ins.
  static func builtins(whenServing: @escaping @Sendable () -> Void = {}) -> [Builtin] {
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
        case .success(let running):
          whenServing()
          return .native(ServerValue(running, name: name))
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
      ) { args, context in
        guard case .native(let value) = args[0], let server = value as? ServerValue else {
          throw MelixError("'wait' needs a Server returned by 'deploy'")
        }
        whenServing()
        try server.waitForSignal()
        // The driver's own Ctrl-C handler may also have seen the SIGINT that ended the wait.
        context.clearInterrupt()
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
  /// gracefully. While it waits, both signals go to a handler that writes to
  /// `WaitSignals.pipe` (with the server's threads running, a signal left to a dispatch
  /// source alone is often taken and dropped by another thread) and to dispatch sources;
  /// the previous handlers are restored before it returns.
  ///
  /// - Throws: `MelixError` when the signal pipe could not be made.
  func waitForSignal() throws {
    guard isRunning else { return }
    let pipe = WaitSignals.pipe
    guard pipe.read >= 0, pipe.write >= 0 else {
      throw MelixError("cannot 'wait': no pipe for the signals could be made")
    }
    var byte: UInt8 = 0
    while read(pipe.read, &byte, 1) == 1 {}  // signals from an earlier wait
    let handler: @convention(c) (Int32) -> Void = { number in
      var byte = UInt8(truncatingIfNeeded: number)
      _ = Glibc.write(WaitSignals.pipe.write, &byte, 1)
    }
    let previous = [SIGINT, SIGTERM].map { ($0, signal($0, handler)) }
    // Unblocked on this thread (a parent may have started the process with them blocked),
    // so that the handler runs here rather than the signal waiting, pending, for a signalfd.
    var signals = sigset_t()
    var savedMask = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &signals, &savedMask)
    let ended = DispatchSemaphore(value: 0)
    // A script's or the REPL's own SIGINT source makes libdispatch read SIGINT from a
    // signalfd, which may take the signal before the handler runs: these sources (sharing
    // that signalfd) end the wait then too.
    let sources = [SIGINT, SIGTERM].map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { ended.signal() }
      source.resume()
      return source
    }
    let running = self.running
    let watcher = _Concurrency.Task {
      await running.finished()
      ended.signal()
    }
    FileHandle.standardError.write(
      Data("melix: serving '\(name)' on \(running.url); Ctrl-C stops\n".utf8))
    while ended.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if read(pipe.read, &byte, 1) == 1 { break }
    }
    watcher.cancel()
    for source in sources { source.cancel() }
    stop()
    pthread_sigmask(SIG_SETMASK, &savedMask, nil)
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

/// The pipe `wait(server)`'s signal handler writes to: a C signal handler cannot capture
/// context, so its file descriptors are a process-wide constant, made once (non-blocking,
/// close-on-exec) and never closed.
enum WaitSignals {
  /// Read and write ends; -1 and -1 when `pipe(2)` failed.
  static let pipe: (read: Int32, write: Int32) = {
    var fds: [Int32] = [-1, -1]
    guard Glibc.pipe(&fds) == 0 else { return (-1, -1) }
    for fd in fds {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
  }()
}
