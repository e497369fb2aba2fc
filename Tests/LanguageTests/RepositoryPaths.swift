import Foundation

/// Paths in this repository and its build folder, found from this file's location.
enum RepositoryPaths {
  /// The package root (`Tests/LanguageTests/` is two levels below it).
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var golden: URL { root.appendingPathComponent("Tests/Golden") }
  static var examples: URL { root.appendingPathComponent("examples") }
  static var stdlib: URL { root.appendingPathComponent("stdlib") }

  /// Every file under `folder` whose name ends in `.\(ext)`, sorted by path. Files whose name
  /// starts with `_` are helpers (modules imported by golden files), not tests.
  static func files(under folder: URL, ext: String) -> [URL] {
    guard let walker = FileManager.default.enumerator(
      at: folder, includingPropertiesForKeys: nil)
    else { return [] }
    var found: [URL] = []
    for case let url as URL in walker
    where url.pathExtension == ext && !url.lastPathComponent.hasPrefix("_") {
      found.append(url)
    }
    return found.sorted { $0.path < $1.path }
  }

  /// The built `melix` executable beside the test bundle (`swift test` builds it too).
  static func melixBinary() -> URL? {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent())
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(Bundle.main.bundleURL)
    for folder in candidates {
      // The xctest bundle may sit inside the products folder or be that folder's child.
      for candidate in [folder, folder.deletingLastPathComponent()] {
        let binary = candidate.appendingPathComponent("melix")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDirectory),
          !isDirectory.boolValue
        {
          return binary
        }
      }
    }
    return nil
  }
}
