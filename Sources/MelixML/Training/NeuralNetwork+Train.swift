import Foundation
import MelixNumerics

extension NeuralNetwork {
  /// Trains the network in place with mini-batch gradient descent and returns its history.
  ///
  /// An unbuilt network (or one built for other data) is first built from the data's shape
  /// with weights drawn from `seed`; a built, compatible one continues from its weights
  /// (as Keras' `fit`). Each epoch shuffles the rows from the seed, steps the optimizer
  /// once per batch, then measures loss and metric (accuracy or MAE) in evaluation mode on
  /// the validation data. Early stopping, or `shouldStop` returning true (checked between
  /// batches), ends training and restores the weights of the best epoch.
  ///
  /// - Parameters:
  ///   - x: Features `[nSamples, nFeatures]`, finite.
  ///   - y: Targets `[nSamples]`: class labels (classification) or values (regression;
  ///     `[nSamples, nOutputs]` also accepted).
  ///   - task: The data's task.
  ///   - options: Epochs, batch size, optimizer, loss, validation, early stopping, seed.
  ///   - progress: Called after each epoch with its figures.
  ///   - shouldStop: Polled between batches; returning true stops training cleanly.
  /// - Returns: Per-epoch losses, metrics and learning rates, the best epoch, the time.
  /// - Throws: `ModelError` for bad shapes or values, `NNError.outputMismatch` when a
  ///   `sequential` network's last layer does not fit the data, `.lossMismatch` for a loss
  ///   that does not fit the task, `.divergedLoss` when the loss becomes non-finite (the
  ///   network is then left as it was).
  /// - Complexity: O(epochs · nSamples · parameterCount).
  @discardableResult
  public mutating func train(
    _ x: Tensor, _ y: Tensor, task: Task, options: TrainingOptions,
    progress: ((EpochSummary) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
  ) throws -> History {
    let start = Date()
    let loss = options.loss ?? (task == .classification ? .crossEntropy : .mse)
    switch (task, loss.isClassification) {
    case (.classification, false):
      throw NNError.lossMismatch(
        loss: loss.rawValue, detail: "is for regression; use 'cross_entropy' for classes")
    case (.regression, true):
      throw NNError.lossMismatch(
        loss: loss.rawValue, detail: "is for classification; use 'mse', 'mae' or 'huber'")
    default: break
    }
    // Classes: kept from an earlier build, else 0..<classCount, else the labels seen.
    var classes: [Int]? = nil
    if task == .classification {
      if let n = options.classCount {
        classes = Array(0..<n)
      } else if isBuilt && self.task == .classification {
        classes = self.classes
      } else {
        guard y.rank == 1 else {
          throw ModelError.invalidShape(
            model: kind, input: "y", expected: "[nSamples]", got: y.shape)
        }
        classes = Array(Set(y.scalars.map { Int(exactly: $0) ?? Int.min })).sorted()
        if classes?.first == Int.min {
          let i = y.scalars.firstIndex { Int(exactly: $0) == nil } ?? 0
          throw ModelError.nonIntegerLabel(model: kind, index: i, value: y.scalars[i])
        }
      }
      if let c = classes, c.count < 2 {
        throw ModelError.singleClass(model: kind, label: c.first ?? 0)
      }
      if loss == .binaryCrossEntropy, let c = classes, c.count != 2 {
        throw NNError.lossMismatch(
          loss: loss.rawValue, detail: "needs 2 classes, got \(c.count); use 'cross_entropy'")
      }
    }
    var data = try TrainingData.make(
      x, y, model: kind, classes: classes, binary: loss == .binaryCrossEntropy)
    let outputWidth =
      loss == .crossEntropy
      ? (classes?.count ?? 1) : loss == .binaryCrossEntropy ? 1 : data.targetWidth

    var net = self
    let compatible =
      net.isBuilt && net.featureCount == data.cols && net.task == task
      && net.outputCount == outputWidth && (classes == nil || classes == net.classes)
    if !compatible {
      var initRNG = PCG64(seed: UInt64(bitPattern: Int64(options.seed)), stream: 1)
      try net.build(
        featureCount: data.cols, outputCount: outputWidth, task: task, classes: classes ?? [],
        using: &initRNG)
    }

    // Validation data.
    var shuffleRNG = PCG64(seed: UInt64(bitPattern: Int64(options.seed)), stream: 2)
    var dropoutRNG = PCG64(seed: UInt64(bitPattern: Int64(options.seed)), stream: 3)
    var validation: TrainingData? = nil
    switch options.validation {
    case .none: break
    case .fraction(let f):
      var splitRNG = PCG64(seed: UInt64(bitPattern: Int64(options.seed)), stream: 4)
      let order = Self.shuffled(data.rows, using: &splitRNG)
      let held = min(max(1, Int((Double(data.rows) * f).rounded())), data.rows - 1)
      guard held >= 1, data.rows - held >= 1 else {
        throw NNError.invalidOption(
          name: "validation", value: "\(f) of \(data.rows) rows",
          expected: "at least one row for training and one for validation")
      }
      validation = data.subset(order[(data.rows - held)...])
      data = data.subset(order[..<(data.rows - held)])
    case .data(let vx, let vy):
      validation = try TrainingData.make(
        vx, vy, model: kind, classes: classes, binary: loss == .binaryCrossEntropy)
      guard validation?.cols == data.cols else {
        throw ModelError.featureCountMismatch(
          model: kind, expected: data.cols, got: vx.shape.last ?? 0)
      }
    }

    let trained = net.trainedLayerCount(foldingFinalActivation: loss.isClassification)
    var state = OptimizerState()
    var history = History(metricName: task == .classification ? "accuracy" : "mae")
    let monitor = options.earlyStopping?.metric ?? "val_loss"
    let maximise = monitor.hasSuffix("accuracy")
    var best = maximise ? -Double.infinity : Double.infinity
    var bestLayers = net.layers
    var wait = 0
    let batch = options.batchSize
    var stopping = false

    epochs: for epoch in 0..<options.epochs {
      let lr = options.optimizer.rate(epoch: epoch)
      let order = Self.shuffled(data.rows, using: &shuffleRNG)
      var total = 0.0
      var metricTotal = 0.0
      var begin = 0
      while begin < data.rows {
        if let shouldStop, shouldStop() {
          history.interrupted = true
          stopping = true
          break epochs
        }
        let end = min(begin + batch, data.rows)
        let part = data.subset(order[begin..<end])
        let trace = net.forwardTraining(
          part.x, rows: part.rows, layerCount: trained, using: &dropoutRNG)
        let (value, gradient) = loss.valueAndGradient(
          predictions: trace.output, targets: part.targets, rows: part.rows)
        guard value.isFinite else { throw NNError.divergedLoss(epoch: epoch + 1) }
        total += value * Double(part.rows)
        metricTotal += Self.batchMetric(
          trace.output, part, width: trace.widths[trained], classification: task == .classification)
        var grads = net.backward(trace, gradient: gradient, rows: part.rows, layerCount: trained)
        if let maxNorm = options.optimizer.clipNorm {
          _ = OptimizerState.clip(&grads, maxNorm: maxNorm)
        }
        state.beginStep()
        let rule = options.optimizer.rule
        net.updateParameters { index, param in
          state.update(rule, lr: lr, index: index, param: &param, grad: grads[index])
        }
        begin = end
      }
      history.trainLoss.append(total / Double(data.rows))
      history.learningRates.append(lr)
      // Like Keras, the training metric is accumulated over the epoch's batches (training
      // mode): a second pass over the training data would cost as much as the epoch itself.
      history.trainMetric.append(metricTotal / Double(data.rows))
      if let validation {
        let (vLoss, vMetric) = net.score(validation, loss: loss, layerCount: trained)
        history.validationLoss.append(vLoss)
        history.validationMetric.append(vMetric)
      }
      history.seconds = Date().timeIntervalSince(start)
      progress?(
        EpochSummary(
          epoch: epoch, epochs: options.epochs, trainLoss: history.trainLoss[epoch],
          validationLoss: history.validationLoss.last, metricName: history.metricName,
          metric: history.validationMetric.last ?? history.trainMetric[epoch],
          elapsed: history.seconds))

      let current = history.monitored(monitor, epoch: epoch)
      let delta = options.earlyStopping?.minDelta ?? 0
      if maximise ? current > best + delta : current < best - delta {
        best = current
        bestLayers = net.layers
        history.bestEpoch = epoch
        wait = 0
      } else {
        wait += 1
        if let es = options.earlyStopping, wait >= es.patience {
          history.stoppedEarly = epoch + 1 < options.epochs
          stopping = true
          break epochs
        }
      }
    }
    if stopping || options.earlyStopping != nil {
      if history.epochCount > 0 { net.layers = bestLayers }
    } else {
      history.bestEpoch = max(history.epochCount - 1, 0)
    }
    history.seconds = Date().timeIntervalSince(start)
    net.metadata["loss"] = loss.rawValue
    net.metadata["optimizer"] = options.optimizer.rule.name
    net.metadata["learning_rate"] = "\(options.optimizer.learningRate)"
    net.metadata["epochs_run"] = "\(history.epochCount)"
    net.metadata["best_epoch"] = "\(history.bestEpoch)"
    net.metadata["batch_size"] = "\(options.batchSize)"
    net.metadata["seed"] = "\(options.seed)"
    self = net
    return history
  }

  /// A uniformly random permutation of `0..<n` (Fisher–Yates, drawing from the end).
  static func shuffled(_ n: Int, using generator: inout PCG64) -> [Int] {
    var order = Array(0..<n)
    var i = n - 1
    while i > 0 {
      let j = Int(generator.nextBounded(UInt64(i + 1)))
      order.swapAt(i, j)
      i -= 1
    }
    return order
  }

  /// A batch's metric summed over its rows: correct predictions (the largest logit, or a
  /// positive logit for one output unit) or absolute errors averaged over the outputs.
  static func batchMetric(
    _ out: [Double], _ part: TrainingData, width: Int, classification: Bool
  ) -> Double {
    guard classification else {
      var sum = 0.0
      for i in out.indices { sum += abs(out[i] - part.targets[i]) }
      return sum / Double(max(part.targetWidth, 1))
    }
    var hits = 0
    for r in 0..<part.rows {
      var best = 0
      if width == 1 {
        best = out[r] > 0 ? 1 : 0
      } else {
        for j in 1..<width where out[r * width + j] > out[r * width + best] { best = j }
      }
      if Double(best) == part.targets[r] { hits += 1 }
    }
    return Double(hits)
  }

  /// Loss and metric (accuracy, or MAE) of `data` in evaluation mode.
  func score(_ data: TrainingData, loss: Loss, layerCount: Int) -> (loss: Double, metric: Double) {
    let out = forwardEvaluation(data.x, rows: data.rows, layerCount: layerCount)
    let value = loss.valueAndGradient(predictions: out, targets: data.targets, rows: data.rows)
      .value
    if task == .classification {
      let full = layerCount == layers.count ? out : forwardEvaluation(data.x, rows: data.rows)
      let predicted = predictedLabels(full, rows: data.rows)
      let hits = zip(predicted, data.labels).filter { $0 == $1 }.count
      return (value, Double(hits) / Double(data.rows))
    }
    var sum = 0.0
    for i in out.indices { sum += abs(out[i] - data.targets[i]) }
    return (value, sum / Double(out.count))
  }
}

extension History {
  /// The monitored quantity of an epoch; validation names fall back to training figures
  /// when there is no validation data.
  func monitored(_ name: String, epoch: Int) -> Double {
    let hasValidation = !validationLoss.isEmpty
    switch name {
    case "val_loss": return hasValidation ? validationLoss[epoch] : trainLoss[epoch]
    case "val_accuracy", "val_mae":
      return hasValidation ? validationMetric[epoch] : trainMetric[epoch]
    case "accuracy", "mae": return trainMetric[epoch]
    default: return trainLoss[epoch]
    }
  }
}
