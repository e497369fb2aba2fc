import ArgumentParser
import Foundation
import MelixML
import MelixServer

/// `melix serve MODEL.h5`: serves a checkpoint over HTTP in the foreground (Open Inference
/// Protocol / KServe V2 REST, TF-Serving's predict API, Prometheus metrics) until SIGINT or
/// SIGTERM, then shuts down gracefully.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve a model checkpoint over HTTP (KServe V2 and TF-Serving REST).",
    discussion: """
      Routes: GET /v2/health/live, GET /v2/health/ready, GET /v2/models/NAME, \
      GET /v2/models/NAME/ready, POST /v2/models/NAME/infer, GET /v1/models/NAME, \
      POST /v1/models/NAME:predict, GET /metrics. Bad requests get a JSON {"error": ...} \
      naming the field. \
      Binds 127.0.0.1 unless --host says otherwise. With --api-key-file, every route but \
      the health checks needs 'Authorization: Bearer KEY'. Ctrl-C or SIGTERM stops the \
      server after the requests in flight.
      """)

  @Argument(help: ArgumentHelp("A checkpoint written by 'save' (HDF5).", valueName: "model.h5"))
  var checkpoint: String

  // Every number option parses `.unconditional`: `--port -1` is a (bad) port, reported by
  // `validate()`, not a missing value followed by an unknown option '-1'.
  @Option(parsing: .unconditional, help: "TCP port (0 picks a free one).")
  var port: Int = 8080

  @Option(help: "Address to bind.")
  var host: String = "127.0.0.1"

  @Option(help: "Model name in URLs (default: the file name without extension).")
  var name: String?

  @Option(help: ArgumentHelp("File holding the API key clients must send.", valueName: "path"))
  var apiKeyFile: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Largest request body in bytes; larger ones get 413.", valueName: "bytes"))
  var maxBodySize: Int = 10 * 1024 * 1024

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Event-loop threads (default: 1 on machines with up to 2 cores, else one per core).",
      valueName: "n"))
  var threads: Int?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Seconds a connection may stay silent (between requests or mid-request) before it is "
        + "closed; fractions allowed.",
      valueName: "seconds"))
  var idleTimeout: Double = ServeCommand.defaultIdleTimeout

  /// The idle timeout when `--idle-timeout` is not given, in seconds:
  /// `ServerConfiguration`'s default (30).
  static let defaultIdleTimeout: Double = {
    let parts = ServerConfiguration().idleTimeout.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }()
  /// The longest `--idle-timeout` accepted, in seconds (a year): far beyond any use, and far
  /// below where the conversion to nanoseconds could overflow.
  static let longestIdleTimeout = 365.0 * 24 * 3600
  /// The shortest `--idle-timeout` accepted, in seconds (one millisecond).
  static let shortestIdleTimeout = 0.001

  func validate() throws {
    guard (0...65535).contains(port) else {
      throw ValidationError("'--port' must be in 0...65535, got \(port)")
    }
    if let threads, !(1...1024).contains(threads) {
      throw ValidationError("'--threads' must be in 1...1024, got \(threads)")
    }
    guard maxBodySize > 0 else {
      throw ValidationError(
        "'--max-body-size' must be a positive number of bytes, got \(maxBodySize)")
    }
    // `!(x > 0)` also refuses NaN.
    guard idleTimeout > 0, idleTimeout.isFinite else {
      throw ValidationError(
        "'--idle-timeout' must be a positive number of seconds, got \(Self.shown(idleTimeout))")
    }
    guard (Self.shortestIdleTimeout...Self.longestIdleTimeout).contains(idleTimeout) else {
      throw ValidationError(
        "'--idle-timeout' must be between 0.001 and 31536000 seconds (a year), got "
          + Self.shown(idleTimeout))
    }
  }

  /// `seconds` as the user would write it: `2` rather than `2.0`.
  private static func shown(_ seconds: Double) -> String {
    seconds.isFinite && seconds == seconds.rounded() && abs(seconds) < 1e15
      ? String(Int64(seconds)) : String(seconds)
  }

  func run() throws {
    // Before anything starts a Swift task or an event loop (ServerProcess explains why).
    _ = ServerProcess.dedicate(
      eventLoopThreads: threads ?? ServerProcess.defaultEventLoopThreads())
    let console = DriverContext.fromProcess().console
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: checkpoint, isDirectory: &isDirectory) else {
      console.report(.fileNotFound(path: checkpoint))
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    var apiKey: String?
    if let apiKeyFile {
      guard let text = try? String(contentsOfFile: apiKeyFile, encoding: .utf8) else {
        console.report(.unreadable(path: apiKeyFile, reason: "cannot read the api key file"))
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !key.isEmpty else {
        console.err("melix: error: the api key file '\(apiKeyFile)' is empty")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      apiKey = key
    }
    let modelName =
      name ?? URL(fileURLWithPath: checkpoint).deletingPathExtension().lastPathComponent
    let started = ContinuousClock.now
    let model: any ServableModel
    do {
      model = makeServable(try Checkpoint.load(from: checkpoint), name: modelName)
    } catch {
      console.err("melix: error: cannot serve '\(checkpoint)': \(error)")
      throw ExitCode(ExitStatus.runtimeError.rawValue)
    }
    let loadTime = ContinuousClock.now - started
    let seconds =
      Double(loadTime.components.seconds) + Double(loadTime.components.attoseconds) * 1e-18
    let server: ModelServer
    do {
      server = try ModelServer(
        models: [model],
        configuration: ServerConfiguration(
          host: host, port: port, maxBodySize: maxBodySize, apiKey: apiKey,
          idleTimeout: .seconds(idleTimeout)),
        loadSeconds: [modelName: seconds])
    } catch {
      console.err("melix: error: \(error)")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let host = self.host
    let kind = model.isClassifier ? "classifier" : "regressor"
    let outcome = BlockingTask.run {
      try await server.run(handlesSignals: true) { port in
        console.err(
          "melix: serving '\(modelName)' (\(kind), \(model.inputWidth) features) on http://\(host):\(port)"
            + "; Ctrl-C stops")
      }
    }
    if case .failure(let error) = outcome {
      if let error = error as? ServeError {
        console.err("melix: error: \(error)")
      } else {
        console.err("melix: error: cannot serve on \(host):\(port): \(error)")
      }
      throw ExitCode(ExitStatus.runtimeError.rawValue)
    }
    console.err("melix: server stopped")
  }
}

/// Runs async work to completion from synchronous code (the driver's commands are
/// synchronous; the server is async).
enum BlockingTask {
  static func run(_ work: @escaping @Sendable () async throws -> Void) -> Result<Void, Error> {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    _Concurrency.Task {
      do {
        try await work()
        box.set(.success(()))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    done.wait()
    return box.get()
  }

  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Void, Error> = .success(())
    func set(_ value: Result<Void, Error>) {
      lock.lock()
      result = value
      lock.unlock()
    }
    func get() -> Result<Void, Error> {
      lock.lock()
      defer { lock.unlock() }
      return result
    }
  }
}
