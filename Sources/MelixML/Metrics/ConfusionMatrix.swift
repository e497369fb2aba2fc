/// A confusion matrix: `counts[i][j]` is the number of samples whose true label is
/// `labels[i]` and whose predicted label is `labels[j]`.
public struct ConfusionMatrix<Label: Hashable & Comparable>: Equatable, CustomStringConvertible {
  /// Row and column labels, `[nLabels]`.
  public var labels: [Label]
  /// Counts, `[nLabels, nLabels]`; rows are true labels, columns predicted labels.
  public var counts: [[Int]]

  /// Creates a matrix from labels and counts.
  ///
  /// - Parameters:
  ///   - labels: Row and column labels, `[nLabels]`.
  ///   - counts: Counts, `[nLabels, nLabels]`.
  public init(labels: [Label], counts: [[Int]]) {
    self.labels = labels
    self.counts = counts
  }

  /// The matrix as a text table: a header of predicted labels, one row per true label.
  public var description: String {
    let names = labels.map { "\($0)" }
    let cells = counts.flatMap { $0.map { String($0) } }
    let width = max((names + cells).map(\.count).max() ?? 1, 1)
    let rowWidth = max(names.map(\.count).max() ?? 0, "true\\pred".count)
    func pad(_ s: String, _ w: Int) -> String {
      String(repeating: " ", count: max(0, w - s.count)) + s
    }
    var lines = [pad("true\\pred", rowWidth) + names.map { " " + pad($0, width) }.joined()]
    for (name, row) in zip(names, counts) {
      lines.append(pad(name, rowWidth) + row.map { " " + pad(String($0), width) }.joined())
    }
    return lines.joined(separator: "\n")
  }
}

extension ConfusionMatrix: Sendable where Label: Sendable {}
