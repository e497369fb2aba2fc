import MelixNumerics

/// What a training-mode forward pass keeps for the backward pass.
struct ForwardTrace {
  /// `values[0]` is the input; `values[i + 1]` is the output of layer `i`.
  var values: [[Double]]
  /// Row width of each entry of `values`.
  var widths: [Int]
  /// Per dropout layer: the factor each value was multiplied by (0 or `1/(1 − rate)`).
  var masks: [Int: [Double]] = [:]
  /// Per batch-norm layer: the normalised input and `1/√(σ² + ε)` per feature.
  var norms: [Int: (normalized: [Double], inverseStd: [Double])] = [:]

  /// The last output.
  var output: [Double] { values[values.count - 1] }
}

extension NeuralNetwork {
  /// The number of leading layers trained against the loss: a trailing `softmax` (or
  /// `sigmoid`) is folded into a cross-entropy loss computed from logits, which is
  /// numerically stable (as Keras does with `from_logits`).
  func trainedLayerCount(foldingFinalActivation fold: Bool) -> Int {
    guard fold, let last = layers.last, case .activation(let a) = last,
      a == .softmax || a == .sigmoid
    else { return layers.count }
    return layers.count - 1
  }

  /// Training-mode forward through the first `layerCount` layers: dropout draws its mask
  /// from `generator`, batch norm uses batch statistics and updates its running ones.
  ///
  /// - Parameters:
  ///   - x: Inputs `[rows, featureCount]`, row-major.
  ///   - rows: The batch size.
  mutating func forwardTraining(
    _ x: [Double], rows: Int, layerCount: Int, using generator: inout PCG64
  ) -> ForwardTrace {
    var trace = ForwardTrace(values: [x], widths: [featureCount])
    trace.values.reserveCapacity(layerCount + 1)
    var width = featureCount
    for i in 0..<layerCount {
      let input = trace.values[i]
      let output: [Double]
      switch layers[i] {
      case .dense(let d):
        output = d.forward(input, rows: rows)
        width = d.unitCount
      case .activation(let a):
        output = a.forward(input, cols: width)
      case .dropout(let rate):
        if rate == 0 {
          output = input
        } else {
          let scale = 1 / (1 - rate)
          let mask = (0..<input.count).map { _ in generator.nextUniform() < rate ? 0 : scale }
          trace.masks[i] = mask
          output = zip(input, mask).map { $0 * $1 }
        }
      case .batchNorm(var b):
        layers[i] = .dropout(rate: 0)  // b's arrays become unique: updated in place
        let result = b.forwardTrain(input, rows: rows)
        layers[i] = .batchNorm(b)
        trace.norms[i] = (result.normalized, result.inverseStd)
        output = result.output
      }
      trace.values.append(output)
      trace.widths.append(width)
    }
    return trace
  }

  /// Back-propagates `gradient` (∂loss/∂output of layer `layerCount − 1`) and returns the
  /// parameter gradients in `parameters` order (per dense: weight, bias; per batch norm:
  /// γ, β).
  func backward(_ trace: ForwardTrace, gradient: [Double], rows: Int, layerCount: Int)
    -> [[Double]]
  {
    var grads: [[Double]] = []
    var g = gradient
    for i in stride(from: layerCount - 1, through: 0, by: -1) {
      let input = trace.values[i]
      let output = trace.values[i + 1]
      switch layers[i] {
      case .dense(let d):
        let r = d.backward(input: input, gradient: g, rows: rows, needsInputGradient: i > 0)
        grads.append(r.bias)
        grads.append(r.weight)
        g = r.input
      case .activation(let a):
        g = a.backward(input: input, output: output, gradient: g, cols: trace.widths[i + 1])
      case .dropout:
        if let mask = trace.masks[i] { for k in g.indices { g[k] *= mask[k] } }
      case .batchNorm(let b):
        guard let cache = trace.norms[i] else { unreachable("batch norm without a cache") }
        let r = b.backward(
          normalized: cache.normalized, inverseStd: cache.inverseStd, gradient: g, rows: rows)
        grads.append(r.beta)
        grads.append(r.gamma)
        g = r.input
      }
    }
    return grads.reversed()
  }

  /// Evaluation-mode forward through all layers (dropout off, running statistics).
  ///
  /// - Returns: Outputs `[rows, outputCount]`, row-major.
  func forwardEvaluation(_ x: [Double], rows: Int, layerCount: Int? = nil) -> [Double] {
    var value = x
    var width = featureCount
    for layer in layers.prefix(layerCount ?? layers.count) {
      switch layer {
      case .dense(let d):
        value = d.forward(value, rows: rows)
        width = d.unitCount
      case .activation(let a): value = a.forward(value, cols: width)
      case .dropout: break
      case .batchNorm(let b): value = b.forwardEval(value, rows: rows)
      }
    }
    return value
  }

  /// The trainable parameter arrays, in the order of `backward`'s gradients.
  var parameters: [[Double]] {
    var result: [[Double]] = []
    for layer in layers {
      switch layer {
      case .dense(let d):
        result.append(d.weight)
        result.append(d.bias)
      case .batchNorm(let b):
        result.append(b.gamma)
        result.append(b.beta)
      case .activation, .dropout: continue
      }
    }
    return result
  }

  /// Updates every parameter array in place: `update(index, &array)` in `parameters`
  /// order.
  mutating func updateParameters(_ update: (Int, inout [Double]) -> Void) {
    var index = 0
    for i in layers.indices {
      // Move the layer out of the array first, so its parameter arrays are uniquely
      // referenced and update in place instead of being copied (copy-on-write).
      let layer = layers[i]
      layers[i] = .dropout(rate: 0)
      switch layer {
      case .dense(var d):
        update(index, &d.weight)
        update(index + 1, &d.bias)
        index += 2
        layers[i] = .dense(d)
      case .batchNorm(var b):
        update(index, &b.gamma)
        update(index + 1, &b.beta)
        index += 2
        layers[i] = .batchNorm(b)
      case .activation, .dropout: layers[i] = layer
      }
    }
  }
}

/// Marks a path that the code's invariants make impossible (STYLE.md section 11).
func unreachable(_ message: String) -> Never {
  preconditionFailure("unreachable: \(message)")
}
