/// An error thrown by a metric when its inputs cannot be scored.
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
/// Each case carries the facts needed to fix the call.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The two inputs of a metric have different lengths.
  case lengthMismatch(metric: String, expected: Int, got: Int)
  /// A metric was given zero samples.
  case emptyInput(metric: String)
  /// An input holds NaN or an infinity.
  case nonFiniteValue(metric: String, input: String, index: Int)
  /// `average: .binary` was asked for on targets with more than two labels.
  case binaryAverageOnMulticlass(metric: String, labelCount: Int)
  /// The positive label is not one of the labels present in the targets.
  case invalidPositiveLabel(metric: String, label: String, present: [String])
  /// The positive label cannot be inferred (only one label in `yTrue`) and must be passed.
  case positiveLabelRequired(metric: String)
  /// None of the labels asked for occurs in `yTrue`.
  case noRequestedLabelInTrue(metric: String)
  /// A probability row has a different number of columns than there are classes.
  case classCountMismatch(metric: String, classes: Int, columns: Int)
  /// A probability matrix row has a different number of columns than the first row.
  case raggedScores(metric: String, row: Int, expected: Int, got: Int)
  /// A probability is below 0 or above 1.
  case probabilityOutOfRange(metric: String, value: Double)
  /// One-vs-rest ROC AUC needs each row of probabilities to sum to 1.
  case probabilitiesDoNotSumToOne(metric: String, row: Int, sum: Double)
  /// `yTrue` holds a single label and no `labels` list was given.
  case singleLabel(metric: String, label: String)
  /// `yTrue` holds a label that is not in the `labels` list.
  case labelNotInLabels(metric: String, label: String)
  /// The `labels` list has duplicates.
  case duplicateLabels(metric: String)
  /// The number of target names differs from the number of labels.
  case targetNameCountMismatch(labels: Int, names: Int)
  /// A parameter is outside its valid range.
  case invalidParameter(metric: String, name: String, value: String, expected: String)
  /// A tensor input has the wrong rank.
  case invalidShape(metric: String, input: String, expected: String, got: [Int])
  /// A class label tensor holds a value that is not an integer.
  case nonIntegerLabel(metric: String, input: String, index: Int, value: Double)

  /// A one-line message naming the metric and the facts.
  public var description: String {
    switch self {
    case .lengthMismatch(let metric, let expected, let got):
      return "'\(metric)': inputs have different lengths: \(expected) and \(got)"
    case .emptyInput(let metric):
      return "'\(metric)': needs at least 1 sample, got 0"
    case .nonFiniteValue(let metric, let input, let index):
      return "'\(metric)': '\(input)' holds NaN or infinity at index \(index)"
    case .binaryAverageOnMulticlass(let metric, let labelCount):
      return
        "'\(metric)': target is multiclass (\(labelCount) labels) but average is 'binary'; "
        + "choose 'micro', 'macro' or 'weighted'"
    case .invalidPositiveLabel(let metric, let label, let present):
      return
        "'\(metric)': positive label '\(label)' is not a valid label, expected one of "
        + present.map { "'\($0)'" }.joined(separator: ", ")
    case .positiveLabelRequired(let metric):
      return "'\(metric)': 'yTrue' holds one label only, so 'positiveLabel' must be given"
    case .noRequestedLabelInTrue(let metric):
      return "'\(metric)': at least one label in 'labels' must occur in 'yTrue'"
    case .classCountMismatch(let metric, let classes, let columns):
      return "'\(metric)': \(classes) classes but the scores have \(columns) columns"
    case .raggedScores(let metric, let row, let expected, let got):
      return "'\(metric)': score row \(row) has \(got) columns, expected \(expected)"
    case .probabilityOutOfRange(let metric, let value):
      return "'\(metric)': probability \(value) is outside 0...1"
    case .probabilitiesDoNotSumToOne(let metric, let row, let sum):
      return
        "'\(metric)': one-vs-rest needs probabilities summing to 1 in each row, "
        + "row \(row) sums to \(sum)"
    case .singleLabel(let metric, let label):
      return
        "'\(metric)': 'yTrue' holds one label only ('\(label)'); pass every class in 'labels'"
    case .labelNotInLabels(let metric, let label):
      return "'\(metric)': 'yTrue' holds label '\(label)' that is not in 'labels'"
    case .duplicateLabels(let metric):
      return "'\(metric)': 'labels' holds duplicates"
    case .targetNameCountMismatch(let labels, let names):
      return "classification report: \(labels) labels but \(names) target names"
    case .invalidParameter(let metric, let name, let value, let expected):
      return "'\(metric)': parameter '\(name)' is \(value), expected \(expected)"
    case .invalidShape(let metric, let input, let expected, let got):
      let shape = "[" + got.map(String.init).joined(separator: ", ") + "]"
      return "'\(metric)': '\(input)' must have shape \(expected), got \(shape)"
    case .nonIntegerLabel(let metric, let input, let index, let value):
      return "'\(metric)': class labels must be integers, '\(input)'[\(index)] is \(value)"
    }
  }
}

/// A non-fatal remark from a metric: the value was computed, but it is a convention
/// rather than a measurement (scikit-learn's `UndefinedMetricWarning` and friends).
///
/// Metrics hand warnings to an `onWarning` closure the caller passes in, so no global
/// state is needed; the interpreter prints them, a report keeps them in `warnings`.
public enum MetricWarning: Equatable, Sendable, CustomStringConvertible {
  /// A ratio had a zero denominator and was set to 0 (`ZeroDivision.warn`).
  case illDefined(metric: String, reason: String)
  /// `yTrue` holds one class only, so ROC AUC is undefined and NaN is returned.
  case onlyOneClass(metric: String)
  /// `yPred` holds a class absent from `yTrue` (balanced accuracy ignores that class).
  case predictedClassNotInTrue
  /// `yTrue` has no positive samples; recall is set to 1 at every threshold.
  case noPositiveSamples(metric: String)
  /// `yTrue` has no negative samples; the false-positive rate is NaN.
  case noNegativeSamples(metric: String)
  /// Probability rows do not sum to 1 (log-loss still computes).
  case probabilitiesDoNotSumToOne(metric: String)
  /// R² and explained variance are undefined with fewer than two samples; NaN is returned.
  case tooFewSamples(metric: String)

  /// The warning as one line of text.
  public var description: String {
    switch self {
    case .illDefined(let metric, let reason):
      return "\(metric) is ill-defined and set to 0 for \(reason)"
    case .onlyOneClass(let metric):
      return "'\(metric)': only one class is present in y_true, so the score is undefined (nan)"
    case .predictedClassNotInTrue:
      return "y_pred holds classes not in y_true, which are left out"
    case .noPositiveSamples(let metric):
      return "'\(metric)': no positive samples in y_true"
    case .noNegativeSamples(let metric):
      return "'\(metric)': no negative samples in y_true"
    case .probabilitiesDoNotSumToOne(let metric):
      return "'\(metric)': probability rows do not sum to 1"
    case .tooFewSamples(let metric):
      return "'\(metric)': not well-defined with fewer than two samples (nan)"
    }
  }
}

/// The value a precision, recall or F-score takes when its denominator is zero,
/// as scikit-learn's `zero_division` parameter.
public enum ZeroDivision: Equatable, Sendable {
  /// Use 0 and emit a `MetricWarning.illDefined` (scikit-learn's default `"warn"`).
  case warn
  /// Use 0 silently.
  case zero
  /// Use 1 silently.
  case one
  /// Use NaN silently; NaN classes are left out of macro and weighted averages.
  case nan

  /// The number substituted for the undefined ratio.
  public var value: Double {
    switch self {
    case .warn, .zero: return 0
    case .one: return 1
    case .nan: return .nan
    }
  }
}
