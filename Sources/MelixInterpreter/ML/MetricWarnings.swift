import Foundation
import MelixML

/// The warnings of one metric built-in call, worded with Melix's names and printed once
/// each.
///
/// The metric library names scikit-learn's functions (`roc_auc_score`) and its curves
/// (`roc_curve`); a Melix user called `roc_auc`. One call can raise the same warning once
/// per class (a one-vs-rest score on a subset that lacks a class): it is printed once.
struct MetricWarnings {
  /// The built-in the warnings are for (`roc_auc`).
  let function: String
  /// The distinct lines, in the order first raised.
  private(set) var lines: [String] = []

  /// Starts an empty list for `function`.
  init(_ function: String) { self.function = function }

  /// Records a warning, worded for `function`; a line already recorded is dropped.
  mutating func note(_ warning: MetricWarning) {
    let line = Self.text(warning, function)
    if !lines.contains(line) { lines.append(line) }
  }

  /// A warning as one line naming the built-in: `'roc_auc': only one class is present in
  /// y_true, so the score is undefined (nan)`.
  ///
  /// - Parameters:
  ///   - warning: The library's warning.
  ///   - function: The Melix built-in that raised it.
  /// - Returns: The line, without the `warning: ` prefix.
  static func text(_ warning: MetricWarning, _ function: String) -> String {
    switch warning {
    case .illDefined, .predictedClassNotInTrue:
      return "'\(function)': \(warning)"
    case .onlyOneClass:
      return MetricWarning.onlyOneClass(metric: function).description
    case .noPositiveSamples:
      return MetricWarning.noPositiveSamples(metric: function).description
    case .noNegativeSamples:
      return MetricWarning.noNegativeSamples(metric: function).description
    case .probabilitiesDoNotSumToOne:
      return MetricWarning.probabilitiesDoNotSumToOne(metric: function).description
    case .tooFewSamples:
      return MetricWarning.tooFewSamples(metric: function).description
    }
  }

  /// Runs a metric with a warning sink, then writes each distinct warning to stderr once.
  ///
  /// - Parameters:
  ///   - function: The built-in.
  ///   - body: The metric; it hands its warnings to the sink.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws (warnings raised before are still printed).
  static func printing<T>(
    _ function: String, _ body: ((MetricWarning) -> Void) throws -> T
  ) throws -> T {
    var warnings = MetricWarnings(function)
    defer {
      for line in warnings.lines {
        FileHandle.standardError.write(Data("warning: \(line)\n".utf8))
      }
    }
    return try body { warnings.note($0) }
  }
}
