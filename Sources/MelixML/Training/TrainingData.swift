import MelixNumerics

/// Training rows and targets, checked and packed for the loss.
struct TrainingData {
  /// Features `[rows, cols]`, row-major.
  var x: [Double]
  /// Loss targets: output indices `[rows]` (cross-entropy), 0/1 `[rows]` (binary
  /// cross-entropy) or values `[rows, targetWidth]`.
  var targets: [Double]
  /// Original labels `[rows]` (classification) for the accuracy metric.
  var labels: [Int]
  var rows: Int
  var cols: Int
  var targetWidth: Int

  /// The rows at `indices`.
  func subset(_ indices: ArraySlice<Int>) -> TrainingData {
    var xs: [Double] = []
    xs.reserveCapacity(indices.count * cols)
    var ts: [Double] = []
    ts.reserveCapacity(indices.count * targetWidth)
    var ls: [Int] = []
    for i in indices {
      xs.append(contentsOf: x[(i * cols)..<((i + 1) * cols)])
      ts.append(contentsOf: targets[(i * targetWidth)..<((i + 1) * targetWidth)])
      if !labels.isEmpty { ls.append(labels[i]) }
    }
    return TrainingData(
      x: xs, targets: ts, labels: ls, rows: indices.count, cols: cols, targetWidth: targetWidth)
  }

  /// Checks and packs `x` and `y`.
  ///
  /// - Parameters:
  ///   - classes: Class labels in output order (classification), nil for regression.
  ///   - binary: Whether targets are 0/1 for binary cross-entropy.
  static func make(
    _ x: Tensor, _ y: Tensor, model: String, classes: [Int]?, binary: Bool
  ) throws -> TrainingData {
    guard x.rank == 2, x.shape[0] > 0, x.shape[1] > 0 else {
      if x.rank == 2 { throw ModelError.emptyInput(model: model) }
      throw ModelError.invalidShape(
        model: model, input: "X", expected: "[nSamples, nFeatures]", got: x.shape)
    }
    let rows = x.shape[0]
    let cols = x.shape[1]
    let values = x.scalars
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFiniteValue(model: model, input: "X", row: bad / cols, column: bad % cols)
    }
    guard y.rank == 1 || (classes == nil && y.rank == 2) else {
      throw ModelError.invalidShape(model: model, input: "y", expected: "[nSamples]", got: y.shape)
    }
    guard y.shape[0] == rows else {
      throw ModelError.sampleCountMismatch(model: model, features: rows, targets: y.shape[0])
    }
    let yv = y.scalars
    if let bad = yv.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFiniteValue(model: model, input: "y", row: bad, column: 0)
    }
    guard let classes else {
      let width = y.rank == 2 ? y.shape[1] : 1
      return TrainingData(
        x: values, targets: yv, labels: [], rows: rows, cols: cols, targetWidth: width)
    }
    var position: [Int: Int] = [:]
    for (i, c) in classes.enumerated() { position[c] = i }
    var labels: [Int] = []
    var targets: [Double] = []
    for (i, v) in yv.enumerated() {
      guard v.rounded() == v, abs(v) < 9e15 else {
        throw ModelError.nonIntegerLabel(model: model, index: i, value: v)
      }
      guard let p = position[Int(v)] else {
        throw NNError.invalidOption(
          name: "y[\(i)]", value: "\(Int(v))",
          expected: "a class in \(classes.map(String.init).joined(separator: ", "))")
      }
      labels.append(Int(v))
      targets.append(Double(p))
    }
    _ = binary  // 0/1 output indices are already the binary targets
    return TrainingData(
      x: values, targets: targets, labels: labels, rows: rows, cols: cols, targetWidth: 1)
  }
}
