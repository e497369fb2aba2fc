/// A request the server refuses, with its HTTP status and a message naming the field at fault.
///
/// Answered as JSON `{"error": "<message>"}`. Messages follow the style guide: lower case, no
/// trailing period, field names in single quotes.
public struct ServeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The HTTP status code (400, 401, 404, 405, 413, 422, 500).
  public let status: Int
  /// The message.
  public let message: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - status: The HTTP status code.
  ///   - message: The message naming the field at fault.
  public init(status: Int, _ message: String) {
    self.status = status
    self.message = message
  }

  /// The message.
  public var description: String { message }

  static func badRequest(_ message: String) -> ServeError { ServeError(status: 400, message) }
  static func unknownModel(_ name: String) -> ServeError {
    ServeError(status: 404, "unknown model '\(name)'")
  }
  static func tooLarge(limit: Int) -> ServeError {
    ServeError(status: 413, "request body is larger than the limit of \(limit) bytes")
  }
  static let unauthorized = ServeError(
    status: 401, "missing or wrong api key; send 'Authorization: Bearer <key>'")
  static func methodNotAllowed(_ method: String, _ path: String, allowed: String) -> ServeError {
    ServeError(status: 405, "method '\(method)' is not allowed on '\(path)', use '\(allowed)'")
  }
}
