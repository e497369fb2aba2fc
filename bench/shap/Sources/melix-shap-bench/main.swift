// Times Kernel SHAP on the model and rows that `shap_bench.py make` wrote; prints JSON with the
// median seconds and the values of the first row (run.sh checks them against shap's).
import Foundation
import MelixML

struct Case: Decodable {
  let classes: [Int]
  let coefficients: [[Double]]
  let intercepts: [Double]
  let background: [[Double]]
  let rows: [[Double]]
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let repeats = Int(arguments[2]), repeats > 0,
  let data = FileManager.default.contents(atPath: arguments[1])
else {
  FileHandle.standardError.write(Data("usage: melix-shap-bench CASE.json REPEATS\n".utf8))
  exit(64)
}
do {
  let c = try JSONDecoder().decode(Case.self, from: data)
  let model = FittedLogisticRegression(
    classes: c.classes, coefficients: c.coefficients, intercepts: c.intercepts)
  let explainer = KernelSHAP(
    model: { try model.predictProbabilities($0) }, background: try Background(c.background))
  var times: [Double] = []
  var first: [Double] = []
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    let ex = try explainer.explain(c.rows)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    first = ex.values[1][0]
  }
  times.sort()
  let json = try JSONSerialization.data(withJSONObject: [
    "seconds": times[times.count / 2], "first_row": first,
  ])
  print(String(decoding: json, as: UTF8.self))
} catch {
  FileHandle.standardError.write(Data("melix-shap-bench: \(error)\n".utf8))
  exit(1)
}
