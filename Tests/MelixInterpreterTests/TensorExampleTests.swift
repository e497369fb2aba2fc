import MelixInterpreter
import MelixSyntax
import XCTest

/// The examples `:help` shows for the tensor built-ins run, and their `# result` comments are
/// what they print (spacing aside, so a displayed tensor may be written on one line).
final class TensorExampleTests: XCTestCase {
  /// The tensor built-ins (docs/tensors.md lists them by area).
  static let names: Set<String> = [
    "tensor", "zeros", "ones", "full", "eye", "arange", "linspace", "zeros_like", "ones_like",
    "rand", "randn", "randint", "permutation", "choice", "set_seed", "item", "tolist", "astype",
    "log1p", "sign", "isfinite", "tanh", "sigmoid", "relu", "softplus", "clip", "where", "maximum",
    "minimum", "logical_and", "logical_or", "logical_xor", "logical_not", "softmax", "log_softmax", "logsumexp", "mean", "variance", "std", "prod", "argmin",
    "argmax", "cumsum", "reshape", "flatten", "transpose", "squeeze", "expand_dims", "concat",
    "stack", "sort", "argsort", "unique", "matmul", "dot", "solve", "inv", "det", "cholesky", "qr",
    "svd", "eigh", "lstsq", "norm", "backward", "zero_grad", "detach",
  ]

  func testEveryTensorExampleRunsAndPrintsItsComment() {
    let table = BuiltinTable.standard()
    var checked = 0
    for builtin in table {
      let entries = builtin.overloads.isEmpty ? [builtin] : builtin.overloads
      for entry in entries where Self.names.contains(entry.name) || entry.parameters.first?.type.name == "Tensor" {
        var program: [String] = []
        var expected: [String] = []
        for line in entry.example.split(separator: "\n").map(String.init) {
          guard let marker = line.range(of: "  # ") else {
            program.append(line)
            continue
          }
          let code = String(line[..<marker.lowerBound])
          let want = String(line[marker.upperBound...])
          if code.hasPrefix("let ") || want.contains("...") || want.hasPrefix("the ") {
            program.append(code)
            continue
          }
          program.append("print(repr(\(code)))")
          expected.append(want)
        }
        let (output, result) = runMelix(program.joined(separator: "\n"))
        guard case .success = result else {
          XCTFail("example of '\(entry.name)' failed: \(result)")
          continue
        }
        let printed = output.split(separator: "\n").map(String.init)
        // A multi-line tensor display is one expected line: compare without whitespace.
        let squash = { (s: String) in s.filter { !$0.isWhitespace } }
        XCTAssertEqual(squash(printed.joined()), squash(expected.joined()), "example of '\(entry.name)'")
        checked += 1
      }
    }
    XCTAssertGreaterThanOrEqual(checked, Self.names.count, "every tensor built-in has a checked example")
  }
}

/// `"{t:spec}"` formats every element (the hook the interpolation calls).
final class TensorFormatTests: XCTestCase {
  private func tensor(_ rows: [[Value]]) throws -> TensorValue {
    TensorValue(try asTensor(.list(ListRef(rows.map { .list(ListRef($0)) }))))
  }

  func testElementsFollowTheSpec() throws {
    let t = try tensor([[.float(1), .float(2.5)], [.float(-3.25), .float(1.0 / 3.0)]])
    XCTAssertEqual(try t.formatted(spec: ".2f"), "[[1.00, 2.50], [-3.25, 0.33]]")
    XCTAssertEqual(try t.formatted(spec: "+.1e"), "[[+1.0e+00, +2.5e+00], [-3.2e+00, +3.3e-01]]")
    let ints = try tensor([[.int(1), .int(22)]])
    XCTAssertEqual(try ints.formatted(spec: ">3d"), "[[  1,  22]]")
  }

  func testASpecThatDoesNotFitTheDtypeIsAnError() throws {
    let t = try tensor([[.float(1)]])
    XCTAssertThrowsError(try t.formatted(spec: "d")) { error in
      XCTAssertEqual((error as? MelixError)?.message, "format type 'd' needs an Int, got Float")
    }
  }

  func testLargeTensorsAreSummarised() throws {
    let t = TensorValue(try asTensor(.list(ListRef((0..<2000).map { .int($0) }))))
    XCTAssertEqual(try t.formatted(spec: "d"), "[0, 1, 2, ..., 1997, 1998, 1999]")
  }
}
