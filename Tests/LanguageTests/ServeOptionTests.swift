import Foundation
import XCTest

/// `melix serve`'s number options refuse bad values before anything loads, with a message
/// naming the option and the value (exit 64): negative values are values, not options
/// (`--max-body-size -1` is not "missing value" followed by an unknown option '-1').
final class ServeOptionTests: XCTestCase {
  /// Runs `melix serve model.h5 arguments...` (the checkpoint need not exist: the options are
  /// checked first) and returns the status and the first line of stderr.
  private func serve(_ arguments: [String]) throws -> (status: Int32, error: String) {
    let result = try MelixProcess.locate().run(["serve", "model.h5"] + arguments)
    let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
    return (result.status, first)
  }

  func testNegativeAndZeroSizesAreRefusedByName() throws {
    let cases: [([String], String)] = [
      (["--max-body-size", "-1"], "'--max-body-size' must be a positive number of bytes, got -1"),
      (["--max-body-size", "0"], "'--max-body-size' must be a positive number of bytes, got 0"),
      (["--max-body-size=-5"], "'--max-body-size' must be a positive number of bytes, got -5"),
      (["--threads", "-1"], "'--threads' must be in 1...1024, got -1"),
      (["--threads", "0"], "'--threads' must be in 1...1024, got 0"),
      (["--port", "-1"], "'--port' must be in 0...65535, got -1"),
      (["--port", "65536"], "'--port' must be in 0...65535, got 65536"),
      (["--idle-timeout", "-1"], "'--idle-timeout' must be a positive number of seconds, got -1"),
      (["--idle-timeout", "-0.5"], "'--idle-timeout' must be a positive number of seconds, got -0.5"),
      (["--idle-timeout", "0"], "'--idle-timeout' must be a positive number of seconds, got 0"),
      (["--idle-timeout", "nan"], "'--idle-timeout' must be a positive number of seconds, got nan"),
      (["--idle-timeout", "inf"], "'--idle-timeout' must be a positive number of seconds, got inf"),
      (
        ["--idle-timeout", "1e9"],
        "'--idle-timeout' must be between 0.001 and 31536000 seconds (a year), got 1000000000"
      ),
      (
        ["--idle-timeout", "0.0001"],
        "'--idle-timeout' must be between 0.001 and 31536000 seconds (a year), got 0.0001"
      ),
    ]
    for (arguments, message) in cases {
      let (status, error) = try serve(arguments)
      XCTAssertEqual(status, 64, "\(arguments): \(error)")
      XCTAssertEqual(error, "Error: " + message, "\(arguments)")
    }
  }

  func testAValueThatIsNotANumberIsNamed() throws {
    for option in ["--port", "--max-body-size", "--threads", "--idle-timeout"] {
      let (status, error) = try serve([option, "ten"])
      XCTAssertEqual(status, 64, "\(option): \(error)")
      XCTAssertTrue(error.hasPrefix("Error: The value 'ten' is invalid for '\(option) <"), error)
    }
  }

  /// Good values pass the option checks: the run then stops at the missing checkpoint.
  func testGoodValuesReachTheCheckpoint() throws {
    let (status, error) = try serve([
      "--port", "0", "--max-body-size", "1", "--threads", "1", "--idle-timeout", "0.25",
    ])
    XCTAssertEqual(status, 64, error)
    XCTAssertEqual(error, "melix: error: no such file 'model.h5'")
  }

  func testHelpDocumentsTheIdleTimeout() throws {
    let result = try MelixProcess.locate().run(["serve", "--help"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    XCTAssertTrue(
      help.contains(
        "--idle-timeout <seconds> Seconds a connection may stay silent (between requests or "
          + "mid-request) before it is closed; fractions allowed. (default: 30.0)"), help)
  }
}
