import Foundation

/// Paths to fixtures, relative to this file (no SwiftPM resources).
enum TestPaths {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
  static let exampleData = repositoryRoot.appendingPathComponent("examples/data")
  static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
  static let shared = "/work/shared/data"

  static func example(_ name: String) -> String { exampleData.appendingPathComponent(name).path }
  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
  static func bad(_ name: String) -> String {
    fixtures.appendingPathComponent("bad").appendingPathComponent(name).path
  }

  static func temporary(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-data-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }
}
