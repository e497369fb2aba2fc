import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// Defects found by attacking the interpreter with hostile input: each test fails on the
/// code before its fix.
final class HardeningTests: XCTestCase {
  /// `sum` over a huge range used to build the whole list first (gigabytes) and ignored
  /// Ctrl-C until it finished.
  func testInterruptStopsSumOfAHugeRange() {
    let session = Session(output: { _ in })
    let stopper = Thread { [session] in
      Thread.sleep(forTimeInterval: 0.3)
      session.interrupt()
    }
    stopper.start()
    let started = Date()
    let result = session.run(SourceFile(path: "sum.mlx", text: "let n = 1000000000000\nprint(sum(range(n)))"))
    guard case .runtimeError(let failure) = result else { return XCTFail("expected interrupted, got \(result)") }
    XCTAssertEqual(failure.message, "interrupted")
    XCTAssertEqual(failure.line, 2)
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
  }
}
