import MelixDriver
import XCTest

/// `MELIX_STDLIB` naming a missing folder is reported (issue #20).
final class StdlibWarningTests: XCTestCase {
  func testMissingOverrideFolderIsAWarning() {
    let warning = StdlibLocator.overrideWarning(
      environment: ["MELIX_STDLIB": "/nonexistent"], isFolder: { _ in false })
    XCTAssertEqual(
      warning, "warning: MELIX_STDLIB is '/nonexistent', which is not a folder; using the built-in prelude")
  }

  func testExistingOrUnsetOverrideSaysNothing() {
    XCTAssertNil(
      StdlibLocator.overrideWarning(
        environment: ["MELIX_STDLIB": "/opt/stdlib"], isFolder: { _ in true }, hasPrelude: { _ in true }))
    XCTAssertEqual(
      StdlibLocator.overrideWarning(
        environment: ["MELIX_STDLIB": "/opt/empty"], isFolder: { _ in true }, hasPrelude: { _ in false }),
      "warning: MELIX_STDLIB folder '/opt/empty' has no prelude.mlx; using the built-in prelude")
    XCTAssertNil(StdlibLocator.overrideWarning(environment: [:], isFolder: { _ in false }))
    XCTAssertNil(StdlibLocator.overrideWarning(environment: ["MELIX_STDLIB": ""], isFolder: { _ in false }))
  }
}
