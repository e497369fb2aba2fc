import Foundation

@testable import MelixServer

/// A parsed JSON value as Foundation types (numbers as Double), parsed with the server's
/// exact parser: Foundation's JSONSerialization on Linux misrounds some doubles.
func foundationValue(_ v: JSONValue) -> Any {
  switch v {
  case .null: return NSNull()
  case .bool(let b): return b
  case .number(let d): return d
  case .string(let s): return s
  case .array(let items): return items.map(foundationValue)
  case .object(let fields): return fields.mapValues(foundationValue)
  }
}

func asDoubles(_ x: Any?) -> [Double]? {
  x as? [Double] ?? (x as? [Any])?.compactMap { $0 as? Double }
}
func asInts(_ x: Any?) -> [Int]? { asDoubles(x)?.map { Int($0) } }

/// Sends real HTTP requests with curl (a separate process, so the server under test sees
/// ordinary loopback connections).
struct CurlClient {
  struct Reply {
    let status: Int
    let body: String
    var json: [String: Any]? {
      (try? JSONValue.parse(Array(body.utf8))).map(foundationValue) as? [String: Any]
    }
    var error: String? { json?["error"] as? String }
  }

  let base: String

  func send(
    _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]
  ) throws -> Reply {
    let dir = FileManager.default.temporaryDirectory
    let bodyFile = dir.appendingPathComponent("melix-serve-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: bodyFile) }
    var arguments = ["-s", "-S", "-X", method, "-w", "\n%{http_code}", "--max-time", "20"]
    for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
    if let body {
      try body.write(to: bodyFile)
      arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + bodyFile.path]
    }
    arguments.append(base + path)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let split = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: split)...])
    else {
      return Reply(status: -1, body: text)
    }
    return Reply(status: status, body: String(text[..<split]))
  }

  func send(_ method: String, _ path: String, json: String, headers: [String: String] = [:]) throws
    -> Reply
  {
    try send(method, path, body: Data(json.utf8), headers: headers)
  }
}
