import Foundation
import Testing

@testable import MelixREPL

@Suite struct HistoryFileTests {
  /// A fresh folder for one test's history file.
  private func scratchPath() -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-repl-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("history").path
  }

  @Test func pathComesFromTheEnvironment() {
    #expect(HistoryFile.path(in: ["MELIX_HISTORY": "/tmp/h", "HOME": "/home/u"]) == "/tmp/h")
    #expect(HistoryFile.path(in: ["HOME": "/home/u"]) == "/home/u/.melix_history")
    #expect(HistoryFile.path(in: ["HOME": "/home/u/"]) == "/home/u/.melix_history")
    #expect(HistoryFile.path(in: ["MELIX_HISTORY": "", "HOME": "/home/u"]) == nil)
    #expect(HistoryFile.path(in: [:]) == nil)
  }

  @Test func appendedEntriesRoundTripWithUnicode() throws {
    let file = HistoryFile(path: scratchPath(), limit: 100)
    #expect(try file.load() == [])
    try file.append("let naïve = \"héllo ✓ 🙂\"")
    try file.append("fn(x) => x * 2")
    #expect(try file.load() == ["let naïve = \"héllo ✓ 🙂\"", "fn(x) => x * 2"])
    let bytes = try #require(FileManager.default.contents(atPath: file.path))
    #expect(String(decoding: bytes, as: UTF8.self) == "let naïve = \"héllo ✓ 🙂\"\nfn(x) => x * 2\n")
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions]
    #expect((mode as? NSNumber)?.intValue == 0o600)
  }

  @Test func newlinesInAnEntryBecomeSpaces() throws {
    let file = HistoryFile(path: scratchPath(), limit: 100)
    try file.append("a\nb")
    #expect(try file.load() == ["a b"])
  }

  @Test func loadKeepsTheNewestAndCompactsALongFile() throws {
    let file = HistoryFile(path: scratchPath(), limit: 3)
    for i in 1...5 { try file.append("e\(i)") }
    #expect(try file.load() == ["e3", "e4", "e5"])  // 5 lines: not yet past 2 × 3
    let five = try String(contentsOfFile: file.path, encoding: .utf8)
    #expect(five.split(separator: "\n").count == 5)
    for i in 6...7 { try file.append("e\(i)") }
    #expect(try file.load() == ["e5", "e6", "e7"])  // 7 lines: rewritten
    #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "e5\ne6\ne7\n")
  }

  @Test func unwritablePathIsAnErrorNamingIt() {
    let file = HistoryFile(path: "/nonexistent-folder/sub/history", limit: 10)
    #expect(
      throws: HistoryFile.Failure(
        message: "cannot create history file '/nonexistent-folder/sub/history'")
    ) {
      try file.append("x")
    }
  }

  @Test func consecutiveDuplicatesAndBlanksAreNotStored() {
    var dedup = HistoryDeduplicator()
    let stored = ["a", "a", "b", "  ", "", "b", "a", "a"].filter { dedup.shouldStore($0) }
    #expect(stored == ["a", "b", "a"])
  }
}
