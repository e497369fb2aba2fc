import MelixML
import MelixNumerics

/// What `kmeans_background` returns: weighted reference rows for Kernel SHAP, the language's
/// `shap.kmeans(X, k)`. `shap(model, rows, background: bg)` uses the rows with their weights.
///
/// Fields: `rows` (float64 tensor `[nBackground, nFeatures]`), `weights` (float64 tensor
/// `[nBackground]`, summing to 1).
public final class BackgroundValue: NativeValue {
  let background: Background
  /// The feature name of each column, when the rows came from a Dataset (else empty);
  /// `shap` matches them to the model's by name.
  let featureNames: [String]

  init(_ background: Background, featureNames: [String] = []) {
    self.background = background
    self.featureNames = featureNames
  }

  /// The background with its columns in the order of `model`'s feature names (see
  /// `MLBridge.featureOrder`); unchanged when either side has no names.
  ///
  /// - Throws: `MelixError` naming the columns when the two sets of names differ.
  func matched(to model: ModelValue) throws -> Background {
    guard
      let order = try MLBridge.featureOrder(
        featureNames, to: model.featureNames, "shap", "background")
    else { return background }
    let rows = background.rows.map { row in order.map { row[$0] } }
    return try MLBridge.run { try Background(rows, weights: background.weights) }
  }

  /// `Background`.
  public var typeName: String { "Background" }

  /// `Background of 3 weighted rows, 4 features`.
  public func display() -> String {
    let b = background
    return "Background of \(b.rows.count) weighted rows, \(b.rows.first?.count ?? 0) features"
  }

  /// Fields for completion.
  public var memberNames: [String] { ["rows", "weights"] }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ name: String) throws -> Value {
    let b = background
    switch name {
    case "rows": return try ExplanationValue.matrix(b.rows, columns: b.rows.first?.count ?? 0)
    case "weights":
      return .tensor(try MLBridge.run { try Tensor(shape: [b.weights.count], scalars: b.weights) })
    default: throw MelixError("Background has no field '\(name)'")
    }
  }
}
