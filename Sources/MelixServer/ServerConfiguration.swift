/// How a model server listens and what it accepts.
public struct ServerConfiguration: Sendable {
  /// The address to bind. Default `127.0.0.1` (loopback only).
  public var host: String
  /// The TCP port; 0 picks a free one. Default 8080.
  public var port: Int
  /// The largest request body accepted, in bytes; larger ones get 413. Default 10 MB.
  public var maxBodySize: Int
  /// The API key clients must send as `Authorization: Bearer <key>`; nil for none.
  /// The health routes never need it (liveness probes).
  public var apiKey: String?
  /// How long a connection may stay silent, waiting for a request or in the middle of one
  /// (a stalled header or body), before the server closes it. Default 30 s.
  public var idleTimeout: Duration

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - host: Bind address. Default `127.0.0.1`.
  ///   - port: TCP port, 0 for any free one. Default 8080.
  ///   - maxBodySize: Request body limit in bytes. Default 10 MB (10 × 1024 × 1024).
  ///   - apiKey: Required bearer token, or nil.
  ///   - idleTimeout: Silence after which a connection is closed. Default 30 s.
  public init(
    host: String = "127.0.0.1", port: Int = 8080, maxBodySize: Int = 10 * 1024 * 1024,
    apiKey: String? = nil, idleTimeout: Duration = .seconds(30)
  ) {
    self.idleTimeout = idleTimeout
    self.host = host
    self.port = port
    self.maxBodySize = maxBodySize
    self.apiKey = apiKey
  }
}
