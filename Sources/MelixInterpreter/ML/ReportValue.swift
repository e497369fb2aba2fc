import Foundation
import MelixML
import MelixNumerics

/// What `evaluate` returns: a classification or regression report. Printing shows a table.
///
/// Classification fields: `accuracy`, `balanced_accuracy`, `precision`, `recall`, `f1`
/// (macro averages), `precision_micro`…, `f1_weighted`…, `per_class` (dict of name → dict),
/// `confusion` (int64 tensor `[nClasses, nClasses]`, rows true, columns predicted),
/// `roc_auc`, `average_precision`, `log_loss` (nil when not computable), `classes`.
/// Regression fields: `rmse`, `mse`, `mae`, `r2`, `mape`, `explained_variance`,
/// `median_absolute_error`, `max_error`. Both: `n_samples`, `task`.
public final class ReportValue: NativeValue {
  let evaluation: Evaluation

  init(_ evaluation: Evaluation) { self.evaluation = evaluation }

  /// `Report`.
  public var typeName: String { "Report" }

  /// The report's table; its warnings name the Melix fields (`'roc_auc'`) rather than the
  /// scikit-learn functions the library mirrors (`'roc_auc_score'`), each line once.
  public func display() -> String {
    var lines: [String] = []
    for line in evaluation.description.split(separator: "\n", omittingEmptySubsequences: false) {
      var text = String(line)
      if text.hasPrefix("warning: ") {
        for (library, melix) in Self.fieldNames {
          text = text.replacingOccurrences(of: "'\(library)'", with: "'\(melix)'")
        }
        if lines.contains(text) { continue }
      }
      lines.append(text)
    }
    var text = lines.joined(separator: "\n")
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// The library's metric names in warnings, and the report fields they are about.
  private static let fieldNames = [
    ("roc_auc_score", "roc_auc"), ("roc_curve", "roc_auc"),
    ("average_precision_score", "average_precision"),
    ("precision_recall_curve", "average_precision"), ("r2_score", "r2"),
  ]

  /// Fields for completion.
  public var memberNames: [String] {
    switch evaluation {
    case .classification:
      return [
        "accuracy", "balanced_accuracy", "precision", "recall", "f1", "precision_micro",
        "recall_micro", "f1_micro", "precision_weighted", "recall_weighted", "f1_weighted",
        "per_class", "confusion", "roc_auc", "average_precision", "log_loss", "classes",
        "n_samples", "task",
      ]
    case .regression:
      return [
        "rmse", "mse", "mae", "r2", "mape", "explained_variance", "median_absolute_error",
        "max_error", "n_samples", "task",
      ]
    }
  }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ name: String) throws -> Value {
    func optional(_ x: Double?) -> Value { x.map { .float($0) } ?? .null }
    switch evaluation {
    case .classification(let r):
      switch name {
      case "accuracy": return .float(r.accuracy)
      case "balanced_accuracy": return .float(r.balancedAccuracy)
      case "precision": return .float(r.macro.precision)
      case "recall": return .float(r.macro.recall)
      case "f1": return .float(r.macro.fScore)
      case "precision_micro": return .float(r.micro.precision)
      case "recall_micro": return .float(r.micro.recall)
      case "f1_micro": return .float(r.micro.fScore)
      case "precision_weighted": return .float(r.weighted.precision)
      case "recall_weighted": return .float(r.weighted.recall)
      case "f1_weighted": return .float(r.weighted.fScore)
      case "roc_auc": return optional(r.rocAUC)
      case "average_precision": return optional(r.averagePrecision)
      case "log_loss": return optional(r.logLoss)
      case "classes": return DataBridge.list(r.targetNames)
      case "n_samples": return .int(r.sampleCount)
      case "task": return .string("classification")
      case "confusion":
        let counts = r.confusion.counts
        let n = counts.count
        return .tensor(
          try MLBridge.run {
            try Tensor(shape: [n, n], scalars: counts.flatMap { $0.map { Int64($0) } })
          })
      case "per_class":
        let dict = DictRef()
        for (i, label) in r.targetNames.enumerated() where i < r.perClass.precision.count {
          let row = DictRef()
          row.set(
            .string("precision"), original: .string("precision"), .float(r.perClass.precision[i]))
          row.set(.string("recall"), original: .string("recall"), .float(r.perClass.recall[i]))
          row.set(.string("f1"), original: .string("f1"), .float(r.perClass.fScore[i]))
          row.set(.string("support"), original: .string("support"), .int(r.perClass.support[i]))
          dict.set(.string(label), original: .string(label), .dict(row))
        }
        return .dict(dict)
      default: throw MelixError("Report has no field '\(name)'")
      }
    case .regression(let r):
      switch name {
      case "rmse": return .float(r.rmse)
      case "mse": return .float(r.mse)
      case "mae": return .float(r.mae)
      case "r2": return .float(r.r2)
      case "mape": return .float(r.mape)
      case "explained_variance": return .float(r.explainedVariance)
      case "median_absolute_error": return .float(r.medianAbsoluteError)
      case "max_error": return .float(r.maxError)
      case "n_samples": return .int(r.sampleCount)
      case "task": return .string("regression")
      default: throw MelixError("Report has no field '\(name)'")
      }
    }
  }
}
