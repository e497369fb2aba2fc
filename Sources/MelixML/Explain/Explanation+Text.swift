import Foundation

extension Explanation {
  /// Features ranked by mean |SHAP| (summed over outputs) as a text table.
  ///
  /// - Parameter limit: At most this many features. Default all.
  /// - Returns: Lines `rank  feature  mean |shap|`, largest first.
  public func summary(limit: Int? = nil) -> String {
    let means = meanAbsoluteValues
    let order = means.indices.sorted {
      means[$0] > means[$1] || (means[$0] == means[$1] && $0 < $1)
    }
    let shown = order.prefix(limit ?? order.count)
    let nameWidth = max(7, shown.map { featureNames[$0].count }.max() ?? 0)
    var lines = [
      "mean |shap| over \(rowCount) rows (\(outputSpace) output\(outputCount > 1 ? ", summed over \(outputCount) outputs" : ""))",
      "rank  " + "feature".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
        + "  mean |shap|",
    ]
    for (rank, j) in shown.enumerated() {
      let name = featureNames[j].padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      lines.append(
        String(rank + 1).leftPadded(4) + "  " + name + "  " + Self.number(means[j]).leftPadded(11))
    }
    return lines.joined(separator: "\n")
  }

  /// One row's explanation as text: base value, each feature's contribution from the
  /// largest |SHAP| down with a bar, then the model output.
  ///
  /// - Parameters:
  ///   - row: The row, `0..<rowCount`.
  ///   - output: The output (class), `0..<outputCount`. Default 0.
  ///   - limit: Show this many features and fold the rest into one line. Default 10.
  /// - Returns: The text.
  /// - Throws: `ExplainError.invalidArgument` for a row or output out of range.
  public func waterfall(row: Int, output: Int = 0, limit: Int = 10) throws -> String {
    guard (0..<rowCount).contains(row) else {
      throw ExplainError.invalidArgument(name: "row", value: "\(row)", expected: "0..<\(rowCount)")
    }
    guard (0..<outputCount).contains(output) else {
      throw ExplainError.invalidArgument(
        name: "output", value: "\(output)", expected: "0..<\(outputCount)")
    }
    let phi = values[output][row]
    let order = phi.indices.sorted {
      abs(phi[$0]) > abs(phi[$1]) || (abs(phi[$0]) == abs(phi[$1]) && $0 < $1)
    }
    let shown = Array(order.prefix(max(limit, 1)))
    let rest = order.dropFirst(shown.count)
    let biggest = max(shown.map { abs(phi[$0]) }.max() ?? 0, 1e-300)
    var labels = shown.map { "\(featureNames[$0]) = \(Self.number(data[row][$0]))" }
    if !rest.isEmpty { labels.append("\(rest.count) other features") }
    let width = max(labels.map(\.count).max() ?? 0, 10)
    var lines = [
      "\(outputNames[output]) (\(outputSpace)), row \(row)",
      "base value".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + Self.number(baseValues[output]).leftPadded(11),
    ]
    func line(_ label: String, _ value: Double) -> String {
      let bar = String(
        repeating: value >= 0 ? "+" : "-", count: Int((abs(value) / biggest * 20).rounded(.up)))
      let signed = (value > 0 ? "+" : "") + Self.number(value)
      let text =
        label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + signed.leftPadded(11)
      return bar.isEmpty ? text : text + "  " + bar
    }
    for (label, j) in zip(labels, shown) { lines.append(line(label, phi[j])) }
    if !rest.isEmpty {
      lines.append(line(labels[labels.count - 1], rest.reduce(0) { $0 + phi[$1] }))
    }
    lines.append(
      "f(x)".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + Self.number(modelOutputs[output][row]).leftPadded(11))
    return lines.joined(separator: "\n")
  }

  /// Six significant digits, no exponent for ordinary magnitudes.
  static func number(_ x: Double) -> String {
    if x == 0 { return "0" }
    if abs(x) >= 1e-4 && abs(x) < 1e7 { return String(format: "%.6g", x) }
    return String(format: "%.4e", x)
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
