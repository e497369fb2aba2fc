/// An error from building, training or checkpointing a neural network.
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
public enum NNError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A layer or network option is outside its valid range.
  case invalidOption(name: String, value: String, expected: String)
  /// Saved or given layer parameters have inconsistent sizes.
  case invalidParameters(layer: String, detail: String)
  /// The network's final layer does not match the data (units versus classes or outputs).
  case outputMismatch(units: Int, expected: Int, task: String)
  /// A loss cannot be used with the network's task or output.
  case lossMismatch(loss: String, detail: String)
  /// An unknown name was given for a loss, activation or optimizer.
  case unknownName(kind: String, name: String, known: [String])
  /// Training produced a non-finite loss (learning rate too high, or bad data).
  case divergedLoss(epoch: Int)

  /// A one-line message naming the facts.
  public var description: String {
    switch self {
    case .invalidOption(let name, let value, let expected):
      return "'\(name)' is \(value), expected \(expected)"
    case .invalidParameters(let layer, let detail):
      return "'\(layer)' parameters are inconsistent: \(detail)"
    case .outputMismatch(let units, let expected, let task):
      return "the last layer has \(units) units but the \(task) data needs \(expected)"
    case .lossMismatch(let loss, let detail):
      return "loss '\(loss)' \(detail)"
    case .unknownName(let kind, let name, let known):
      return "unknown \(kind) '\(name)'; expected one of "
        + known.map { "'\($0)'" }.joined(separator: ", ")
    case .divergedLoss(let epoch):
      return "the training loss became NaN or infinite in epoch \(epoch); lower the learning rate"
    }
  }
}
