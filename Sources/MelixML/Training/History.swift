/// What `train` records, epoch by epoch.
public struct History: Sendable, Equatable {
  /// Mean training loss per epoch (the batch losses weighted by batch size).
  public var trainLoss: [Double] = []
  /// Validation loss per epoch (empty without validation data).
  public var validationLoss: [Double] = []
  /// The metric's name: `"accuracy"` for classification, `"mae"` for regression.
  public var metricName: String
  /// The metric on the training data per epoch, accumulated over the epoch's batches in
  /// training mode (as Keras reports it).
  public var trainMetric: [Double] = []
  /// The metric on the validation data per epoch (empty without validation data).
  public var validationMetric: [Double] = []
  /// The learning rate used in each epoch.
  public var learningRates: [Double] = []
  /// The 0-based epoch whose weights the model holds at the end (the best by the
  /// early-stopping quantity, or the last epoch without early stopping).
  public var bestEpoch: Int = 0
  /// Creates an empty history (a closed-form fit records no epochs).
  ///
  /// - Parameter metricName: `"accuracy"` or `"mae"`.
  public init(metricName: String) { self.metricName = metricName }

  /// Whether early stopping ended training before `epochs`.
  public var stoppedEarly = false
  /// Whether `shouldStop` (an interrupt) ended training.
  public var interrupted = false
  /// Wall-clock training time in seconds.
  public var seconds: Double = 0
  /// How the iterative solver of a classical model ended (L-BFGS iterations and
  /// convergence of logistic regression); nil for networks and one-step fits.
  public var solver: SolverProgress? = nil

  /// The number of epochs run.
  public var epochCount: Int { trainLoss.count }
}

/// One epoch's figures, passed to the `progress` callback.
public struct EpochSummary: Sendable, Equatable {
  /// 0-based epoch.
  public var epoch: Int
  /// Total epochs requested.
  public var epochs: Int
  /// Mean training loss.
  public var trainLoss: Double
  /// Validation loss, if there is validation data.
  public var validationLoss: Double?
  /// The metric's name (`"accuracy"` or `"mae"`).
  public var metricName: String
  /// The validation metric (or the training one without validation data).
  public var metric: Double
  /// Seconds since training started.
  public var elapsed: Double

  /// Creates an epoch summary (the training loop makes these; tests and hosts may too).
  ///
  /// - Parameters:
  ///   - epoch: The 0-based epoch just finished.
  ///   - epochs: The epochs asked for.
  ///   - trainLoss: The mean training loss of the epoch.
  ///   - validationLoss: The validation loss, nil without validation data.
  ///   - metricName: `"accuracy"` or `"mae"`.
  ///   - metric: The validation metric (or the training one without validation data).
  ///   - elapsed: Seconds since training started.
  public init(
    epoch: Int, epochs: Int, trainLoss: Double, validationLoss: Double?, metricName: String,
    metric: Double, elapsed: Double
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.trainLoss = trainLoss
    self.validationLoss = validationLoss
    self.metricName = metricName
    self.metric = metric
    self.elapsed = elapsed
  }
}

/// Early stopping: stop when the monitored quantity has not improved by more than
/// `minDelta` for `patience` epochs, then restore the best weights (Keras'
/// `EarlyStopping(restore_best_weights=True)`).
public struct EarlyStopping: Sendable, Equatable {
  /// Epochs without improvement before stopping, at least 1.
  public var patience: Int
  /// The smallest change that counts as an improvement, non-negative.
  public var minDelta: Double
  /// The monitored quantity: `"val_loss"` (default; minimised), `"val_accuracy"`,
  /// `"loss"`, `"accuracy"` (accuracies maximised), `"val_mae"`, `"mae"` (minimised).
  /// Validation quantities fall back to training ones when there is no validation data.
  public var metric: String

  /// Creates an early-stopping rule.
  ///
  /// - Parameters:
  ///   - patience: Epochs without improvement before stopping, at least 1.
  ///   - minDelta: The smallest change that counts as an improvement, non-negative.
  ///   - metric: The monitored quantity, see ``metric``.
  /// - Throws: `NNError.invalidOption` for `patience` below 1, a negative `minDelta` or an
  ///   unknown metric.
  public init(patience: Int, minDelta: Double = 0, metric: String = "val_loss") throws {
    guard patience >= 1 else {
      throw NNError.invalidOption(name: "patience", value: "\(patience)", expected: "at least 1")
    }
    guard minDelta.isFinite, minDelta >= 0 else {
      throw NNError.invalidOption(
        name: "min_delta", value: "\(minDelta)", expected: "non-negative")
    }
    let known = ["val_loss", "loss", "val_accuracy", "accuracy", "val_mae", "mae"]
    guard known.contains(metric) else {
      throw NNError.unknownName(kind: "early-stopping metric", name: metric, known: known)
    }
    self.patience = patience
    self.minDelta = minDelta
    self.metric = metric
  }
}
