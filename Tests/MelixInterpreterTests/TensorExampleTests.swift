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
    "minimum", "softmax", "log_softmax", "logsumexp", "mean", "variance", "std", "prod", "argmin",
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
