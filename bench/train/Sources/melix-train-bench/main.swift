// Times LogisticRegression on breast_cancer (standard-scaled, every 4th row held out)
// and prints one JSON line: fit time (median of repeats), iterations, test accuracy.
// Usage: melix-train-bench <breast_cancer.csv> <C> <tolerance> <repeats>
import Foundation
import MelixML

struct BenchError: Error, CustomStringConvertible {
  let description: String
}

func readCSV(_ path: String, target: String) throws -> (x: [[Double]], y: [String]) {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var lines = text.split(separator: "\n").map(String.init)
  guard !lines.isEmpty else { throw BenchError(description: "\(path): empty file") }
  let header = lines.removeFirst().split(separator: ",").map(String.init)
  guard let column = header.firstIndex(of: target) else {
    throw BenchError(description: "\(path): no column '\(target)'")
  }
  var x: [[Double]] = []
  var y: [String] = []
  for (number, line) in lines.enumerated() {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var row: [Double] = []
    for (j, field) in fields.enumerated() where j != column {
      guard let value = Double(field) else {
        throw BenchError(description: "\(path):\(number + 2): '\(field)' is not a number")
      }
      row.append(value)
    }
    x.append(row)
    y.append(fields[column])
  }
  return (x, y)
}

func run() throws {
  let arguments = CommandLine.arguments
  guard arguments.count == 5, let c = Double(arguments[2]), let tolerance = Double(arguments[3]),
    let repeats = Int(arguments[4]), repeats > 0
  else {
    throw BenchError(
      description: "usage: melix-train-bench <breast_cancer.csv> <C> <tolerance> <repeats>")
  }
  let (x, labels) = try readCSV(arguments[1], target: "diagnosis")
  let names = Array(Set(labels)).sorted()
  let y = labels.map { names.firstIndex(of: $0) ?? 0 }
  let testRows = x.indices.filter { $0 % 4 == 0 }
  let trainRows = x.indices.filter { $0 % 4 != 0 }
  // Standard scaling with the training rows' mean and population standard deviation.
  let p = x[0].count
  var mean = Array(repeating: 0.0, count: p)
  var std = Array(repeating: 0.0, count: p)
  for i in trainRows { for j in 0..<p { mean[j] += x[i][j] } }
  mean = mean.map { $0 / Double(trainRows.count) }
  for i in trainRows { for j in 0..<p { std[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) } }
  std = std.map { ($0 / Double(trainRows.count)).squareRoot() }
  let scaled = x.map { row in (0..<p).map { (row[$0] - mean[$0]) / (std[$0] == 0 ? 1 : std[$0]) } }
  let xTrain = trainRows.map { scaled[$0] }
  let yTrain = trainRows.map { y[$0] }
  let xTest = testRows.map { scaled[$0] }
  let yTest = testRows.map { y[$0] }

  let estimator = LogisticRegression(C: c, maxIter: 10_000, tolerance: tolerance)
  var times: [Double] = []
  var fitted = try estimator.fit(xTrain, yTrain)
  for _ in 0..<repeats {
    let clock = ContinuousClock()
    let start = clock.now
    fitted = try estimator.fit(xTrain, yTrain)
    let elapsed = clock.now - start
    times.append(
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
  times.sort()
  let accuracy = try Metrics.accuracy(yTrue: yTest, yPred: try fitted.predict(xTest))
  print(
    "{\"tool\": \"melix\", \"fit_seconds\": \(times[times.count / 2]), "
      + "\"iterations\": \(fitted.iterations), \"accuracy\": \(accuracy)}")
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("melix-train-bench: \(error)\n".utf8))
  exit(1)
}
