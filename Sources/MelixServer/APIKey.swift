/// Checks an `Authorization` header against the configured key in constant time: the time
/// taken depends on the lengths only, never on where the first differing byte is.
struct APIKey: Sendable {
  let key: [UInt8]

  init(_ key: String) { self.key = Array(key.utf8) }

  func accepts(authorization header: String?) -> Bool {
    guard let header, header.hasPrefix("Bearer ") else { return false }
    let given = Array(header.utf8.dropFirst(7))
    var difference = UInt8(truncatingIfNeeded: given.count ^ key.count)
    for i in 0..<max(given.count, key.count) {
      let a = i < given.count ? given[i] : 0
      let b = i < key.count ? key[i] : 0
      difference |= a ^ b
    }
    return difference == 0
  }
}
