import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A plain TCP connection to a test server, for requests curl will not send (HTTP/1.0, half a
/// request, a body larger than declared) and for watching when the server closes.
final class RawConnection {
  struct SocketError: Error, CustomStringConvertible {
    let description: String
  }

  let fd: Int32

  /// Connects to `127.0.0.1:port`.
  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SocketError(description: "socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw SocketError(description: "connect: errno \(errno)")
    }
  }

  deinit { close(fd) }

  /// Sends all of `bytes`, or throws (after `timeout` seconds of no progress, or on a reset).
  func send(_ bytes: [UInt8], timeout: Double = 10) throws {
    setTimeout(SO_SNDTIMEO, timeout)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else {
        throw SocketError(description: "send: errno \(errno) after \(sent) bytes")
      }
      sent += n
    }
  }

  func send(_ text: String, timeout: Double = 10) throws {
    try send(Array(text.utf8), timeout: timeout)
  }

  /// Waits up to `timeout` seconds for at least one byte, without consuming it.
  func waitForData(timeout: Double) -> Bool {
    setTimeout(SO_RCVTIMEO, timeout)
    var byte: UInt8 = 0
    return recv(fd, &byte, 1, Int32(MSG_PEEK)) > 0
  }

  /// Reads until the server closes its side.
  ///
  /// - Returns: The bytes and whether the end came from the server (false: `timeout` seconds
  ///   passed without a byte, or the connection was reset).
  func readToEnd(timeout: Double) -> (bytes: [UInt8], closed: Bool) {
    setTimeout(SO_RCVTIMEO, timeout)
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n == 0 { return (out, true) }
      if n < 0 { return (out, false) }
      out += buffer[..<n]
    }
  }

  /// Reads one HTTP response with a `Content-Length` body.
  ///
  /// - Returns: The head (status line and headers) and the body, or nil on a timeout or close.
  func readResponse(timeout: Double) -> (head: String, body: String)? {
    setTimeout(SO_RCVTIMEO, timeout)
    var data: [UInt8] = []
    var byte: UInt8 = 0
    while !data.ends(with: Array("\r\n\r\n".utf8)) {
      guard recv(fd, &byte, 1, 0) == 1 else { return nil }
      data.append(byte)
    }
    let head = String(decoding: data, as: UTF8.self)
    let length = RawConnection.contentLength(head) ?? 0
    var body = [UInt8](repeating: 0, count: length)
    var got = 0
    while got < length {
      let n = body[got...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      guard n > 0 else { return nil }
      got += n
    }
    return (head, String(decoding: body, as: UTF8.self))
  }

  /// The `Content-Length` of a response head.
  static func contentLength(_ head: String) -> Int? {
    for line in head.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == "content-length" {
        return Int(parts[1].trimmingCharacters(in: .whitespaces))
      }
    }
    return nil
  }

  private func setTimeout(_ option: Int32, _ seconds: Double) {
    var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
    setsockopt(fd, SOL_SOCKET, option, &tv, socklen_t(MemoryLayout<timeval>.size))
  }
}

extension Array where Element == UInt8 {
  func ends(with suffix: [UInt8]) -> Bool {
    count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
  }
}
