// Times Melix's classical models on a CSV (standard-scaled with the training rows'
// statistics, every 4th row held out) and prints one JSON line: median fit time, predict
// time, iterations (logistic regression) and test accuracy.
//
// Usage: melix-train-bench logistic <file.csv> <target> <C> <tolerance> <repeats>
//        melix-train-bench knn <file.csv> <target> <k> <repeats>
import Foundation
import MelixML

struct BenchError: Error, CustomStringConvertible {
  let description: String
}

let usage = """
  usage: melix-train-bench logistic <file.csv> <target> <C> <tolerance> <repeats>
         melix-train-bench knn <file.csv> <target> <k> <repeats>
  """

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

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Median wall time of `repeats` runs of `body`, and its last result.
func timed<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (Double, T) {
  let clock = ContinuousClock()
  var times: [Double] = []
  var result = try body()
  for _ in 0..<repeats {
    let start = clock.now
    result = try body()
    times.append(seconds(clock.now - start))
  }
  times.sort()
  return (times[times.count / 2], result)
}

func run() throws {
  let arguments = Array(CommandLine.arguments.dropFirst())
  guard arguments.count >= 4, let repeats = Int(arguments[arguments.count - 1]), repeats > 0
  else { throw BenchError(description: usage) }
  let (x, labels) = try readCSV(arguments[1], target: arguments[2])
  let names = Array(Set(labels)).sorted()
  let y = labels.map { names.firstIndex(of: $0) ?? 0 }
  let testRows = x.indices.filter { $0 % 4 == 0 }
  let trainRows = x.indices.filter { $0 % 4 != 0 }
  let p = x[0].count
  var mean = Array(repeating: 0.0, count: p)
  var std = Array(repeating: 0.0, count: p)
  for i in trainRows { for j in 0..<p { mean[j] += x[i][j] } }
  mean = mean.map { $0 / Double(trainRows.count) }
  for i in trainRows { for j in 0..<p { std[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) } }
  std = std.map { ($0 / Double(trainRows.count)).squareRoot() }
  let scaled = x.map { row in
    (0..<p).map { (row[$0] - mean[$0]) / (std[$0] == 0 ? 1 : std[$0]) }
  }
  let xTrain = trainRows.map { scaled[$0] }
  let yTrain = trainRows.map { y[$0] }
  let xTest = testRows.map { scaled[$0] }
  let yTest = testRows.map { y[$0] }

  switch arguments[0] {
  case "logistic":
    guard arguments.count == 6, let c = Double(arguments[3]), let tolerance = Double(arguments[4])
    else { throw BenchError(description: usage) }
    let estimator = LogisticRegression(C: c, maxIter: 10_000, tolerance: tolerance)
    let (fitTime, fitted) = try timed(repeats) { try estimator.fit(xTrain, yTrain) }
    let (predictTime, predicted) = try timed(repeats) { try fitted.predict(xTest) }
    let accuracy = try Metrics.accuracy(yTrue: yTest, yPred: predicted)
    print(
      "{\"tool\": \"melix\", \"fit_seconds\": \(fitTime), \"predict_seconds\": \(predictTime), "
        + "\"iterations\": \(fitted.iterations), \"accuracy\": \(accuracy)}")
  case "knn":
    guard arguments.count == 5, let k = Int(arguments[3]) else {
      throw BenchError(description: usage)
    }
    let (fitTime, fitted) = try timed(repeats) { try KNNClassifier(k: k).fit(xTrain, yTrain) }
    let (predictTime, predicted) = try timed(repeats) { try fitted.predict(xTest) }
    let accuracy = try Metrics.accuracy(yTrue: yTest, yPred: predicted)
    print(
      "{\"tool\": \"melix\", \"fit_seconds\": \(fitTime), \"predict_seconds\": \(predictTime), "
        + "\"iterations\": 0, \"accuracy\": \(accuracy)}")
  default:
    throw BenchError(description: usage)
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("melix-train-bench: \(error)\n".utf8))
  exit(1)
}
