import MelixHDF5

/// Reads and writes the `/classical` group of a checkpoint (layout in
/// `docs/checkpoints.md`).
enum CheckpointClassical {
  static func write(_ state: ClassicalState, to root: H5Group) throws {
    let group = try root.createGroup("classical")
    let a = group.attributes
    switch (state.configuration, state.fitted) {
    case (.linearRegression(let alpha), .linearRegression(let m)):
      try a.set("kind", .string("linear_regression"))
      try a.set("alpha", .double(alpha))
      try group.write(m.coefficients, shape: [m.coefficients.count], to: "coefficients")
      try group.write([m.intercept], shape: [1], to: "intercept")
    case (.logisticRegression(let c, let maxIter), .logisticRegression(let m)):
      try a.set("kind", .string("logistic_regression"))
      try a.set("C", .double(c))
      try a.set("max_iter", .int(Int64(maxIter)))
      try a.set("iterations", .int(Int64(m.iterations)))
      try a.set("converged", .int(m.converged ? 1 : 0))
      try a.set("classes", .ints(m.classes.map { Int64($0) }))
      try group.write(
        m.coefficients.flatMap { $0 }, shape: [m.coefficients.count, m.featureCount],
        to: "coefficients")
      try group.write(m.intercepts, shape: [m.intercepts.count], to: "intercepts")
    case (.knn(let k), .knnClassifier(let m)):
      try a.set("kind", .string("knn_classifier"))
      try a.set("k", .int(Int64(k)))
      let train = m.search.train
      try group.write(train.values, shape: [train.rows, train.cols], to: "train_x")
      try group.write(m.labels.map { Int64($0) }, shape: [m.labels.count], to: "train_y")
    case (.knn(let k), .knnRegressor(let m)):
      try a.set("kind", .string("knn_regressor"))
      try a.set("k", .int(Int64(k)))
      let train = m.search.train
      try group.write(train.values, shape: [train.rows, train.cols], to: "train_x")
      try group.write(m.targets, shape: [m.targets.count], to: "train_y")
    default:
      throw CheckpointError.notSaveable(
        model: state.name, reason: "its configuration and fitted state disagree")
    }
  }

  static func read(_ group: H5Group, file: String) throws -> ClassicalState {
    let a = group.attributes
    let kind = try a.string("kind")
    switch kind {
    case "linear_regression":
      let coefficients = try group.dataset("coefficients").read(as: Double.self)
      let intercept = try group.dataset("intercept").read(as: Double.self)
      guard intercept.count == 1, !coefficients.isEmpty else {
        throw CheckpointError.damaged(file: file, reason: "bad linear regression coefficients")
      }
      return ClassicalState(
        configuration: .linearRegression(alpha: try a.double("alpha")),
        fitted: .linearRegression(
          FittedLinearRegression(coefficients: coefficients, intercept: intercept[0])))
    case "logistic_regression":
      let dataset = try group.dataset("coefficients")
      guard dataset.shape.count == 2, dataset.shape[1] > 0 else {
        throw CheckpointError.damaged(file: file, reason: "'\(dataset.path)' must be 2-D")
      }
      let flat = try dataset.read(as: Double.self)
      let cols = dataset.shape[1]
      let rows = (0..<dataset.shape[0]).map { Array(flat[($0 * cols)..<(($0 + 1) * cols)]) }
      let intercepts = try group.dataset("intercepts").read(as: Double.self)
      let classes = try a.ints("classes").map { Int($0) }
      guard classes.count >= 2, intercepts.count == rows.count,
        rows.count == (classes.count == 2 ? 1 : classes.count)
      else {
        throw CheckpointError.damaged(
          file: file, reason: "\(classes.count) classes for \(rows.count) coefficient rows")
      }
      return ClassicalState(
        configuration: .logisticRegression(
          C: try a.double("C"), maxIter: Int(try a.int("max_iter"))),
        fitted: .logisticRegression(
          FittedLogisticRegression(
            classes: classes, coefficients: rows, intercepts: intercepts,
            iterations: Int(try a.int("iterations")), converged: try a.int("converged") != 0)))
    case "knn_classifier", "knn_regressor":
      let k = Int(try a.int("k"))
      let dataset = try group.dataset("train_x")
      guard dataset.shape.count == 2 else {
        throw CheckpointError.damaged(file: file, reason: "'\(dataset.path)' must be 2-D")
      }
      let flat = try dataset.read(as: Double.self)
      let cols = dataset.shape[1]
      let x = (0..<dataset.shape[0]).map { Array(flat[($0 * cols)..<(($0 + 1) * cols)]) }
      // k-NN's fitted state is its training data: fitting again rebuilds it exactly.
      if kind == "knn_classifier" {
        let y = try group.dataset("train_y").read(as: Int64.self).map { Int($0) }
        return ClassicalState(
          configuration: .knn(k: k), fitted: .knnClassifier(try KNNClassifier(k: k).fit(x, y)))
      }
      let y = try group.dataset("train_y").read(as: Double.self)
      return ClassicalState(
        configuration: .knn(k: k), fitted: .knnRegressor(try KNNRegressor(k: k).fit(x, y)))
    default:
      throw CheckpointError.damaged(file: file, reason: "unknown model kind '\(kind)'")
    }
  }
}
