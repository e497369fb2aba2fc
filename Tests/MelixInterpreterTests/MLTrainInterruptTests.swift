import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// Ctrl-C during `train` (the session's interrupt flag) ends training cleanly: the
/// History so far comes back, the model keeps its best weights, and the script goes on.
final class MLTrainInterruptTests: XCTestCase {
  func testInterruptEndsTrainingAndTheScriptContinues() throws {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../examples/data/iris.csv").standardized.path
    var printed = ""
    let session = Session(output: { printed += $0 })
    let source = """
      let iris = read_csv("\(data)", target: "species")
      let model = mlp(hidden: [8])
      let h = train(model, iris, epochs: 1000000, batch_size: 150, validation: 0.2, seed: 1)
      print(h.interrupted, h.epochs < 1000000, h.epochs > 0, model.is_trained)
      print(evaluate(model, iris).n_samples)
      """
    DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { session.interrupt() }
    let result = session.run(SourceFile(path: "interrupt.mlx", text: source))
    guard case .success = result else { return XCTFail("run failed: \(result)") }
    XCTAssertEqual(printed, "true true true true\n150\n")
  }
}
