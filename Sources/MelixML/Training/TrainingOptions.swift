import MelixNumerics

/// Where validation data comes from.
public enum Validation: Sendable {
  /// No validation data.
  case none
  /// This fraction of the training rows (in `0 < f < 1`), chosen at random from the seed
  /// and held out of training.
  case fraction(Double)
  /// Separate data: features `[nVal, nFeatures]` and targets `[nVal]`.
  case data(Tensor, Tensor)
}

/// The options of `NeuralNetwork.train`.
public struct TrainingOptions: Sendable {
  /// Passes over the training data, at least 1.
  public var epochs: Int
  /// Rows per gradient step, at least 1 (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// The optimizer configuration.
  public var optimizer: Optimizer
  /// The loss; nil picks `cross_entropy` for classification and `mse` for regression.
  public var loss: Loss?
  /// Validation data, if any.
  public var validation: Validation
  /// Early stopping, if any.
  public var earlyStopping: EarlyStopping?
  /// The seed of every random choice: initial weights, shuffling, dropout, validation
  /// split. Equal seeds and data give bit-identical weights.
  public var seed: Int
  /// The number of classes (labels `0..<classCount`), e.g. from the dataset's
  /// `target_names`; nil uses the sorted distinct labels of `y`.
  public var classCount: Int?

  /// Creates training options.
  ///
  /// - Parameters:
  ///   - epochs: Passes over the training data, at least 1.
  ///   - batchSize: Rows per gradient step, at least 1.
  ///   - optimizer: The optimizer configuration.
  ///   - loss: The loss; nil picks one from the task.
  ///   - validation: Validation data, if any.
  ///   - earlyStopping: Early stopping, if any.
  ///   - seed: The seed of every random choice.
  ///   - classCount: The number of classes, at least 2; nil infers it from `y`.
  /// - Throws: `NNError.invalidOption` for `epochs` or `batchSize` below 1, a validation
  ///   fraction outside `(0, 1)`, or a class count below 2.
  public init(
    epochs: Int = 100, batchSize: Int = 32, optimizer: Optimizer, loss: Loss? = nil,
    validation: Validation = .none, earlyStopping: EarlyStopping? = nil, seed: Int = 0,
    classCount: Int? = nil
  ) throws {
    guard epochs >= 1 else {
      throw NNError.invalidOption(name: "epochs", value: "\(epochs)", expected: "at least 1")
    }
    guard batchSize >= 1 else {
      throw NNError.invalidOption(
        name: "batch_size", value: "\(batchSize)", expected: "at least 1")
    }
    if case .fraction(let f) = validation, !(f > 0 && f < 1) {
      throw NNError.invalidOption(name: "validation", value: "\(f)", expected: "in (0, 1)")
    }
    if let classCount, classCount < 2 {
      throw NNError.invalidOption(
        name: "class_count", value: "\(classCount)", expected: "at least 2")
    }
    self.epochs = epochs
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.loss = loss
    self.validation = validation
    self.earlyStopping = earlyStopping
    self.seed = seed
    self.classCount = classCount
  }
}
