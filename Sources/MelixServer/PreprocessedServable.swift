import MelixML

/// A servable model behind the preprocessing its checkpoint stores: request rows are raw
/// features, transformed by the checkpoint's steps (scalers, imputer, in the stored order)
/// before the model predicts, as a scikit-learn `Pipeline` would.
public struct PreprocessedServable: ServableModel {
  /// The model that receives the transformed rows.
  public let model: any ServableModel
  /// The steps applied to each request's rows.
  public let pipeline: PreprocessingPipeline

  /// Puts `pipeline` in front of `model`.
  ///
  /// - Parameters:
  ///   - model: The servable model trained on preprocessed inputs.
  ///   - pipeline: The fitted steps, with column positions in `model`'s input.
  public init(_ model: any ServableModel, pipeline: PreprocessingPipeline) {
    self.model = model
    self.pipeline = pipeline
  }

  /// The wrapped model's name.
  public var name: String { model.name }
  /// The wrapped model's feature names (the raw inputs have the same columns).
  public var featureNames: [String] { model.featureNames }
  /// The wrapped model's class names.
  public var classNames: [String] { model.classNames }
  /// The wrapped model's input width.
  public var inputWidth: Int { model.inputWidth }
  /// Whether the wrapped model is a classifier.
  public var isClassifier: Bool { model.isClassifier }

  /// Transforms raw rows with the pipeline, then predicts them with the model.
  ///
  /// - Parameters:
  ///   - rows: Raw features row-major, `[count, inputWidth]`.
  ///   - count: Rows.
  /// - Returns: The model's predictions for the transformed rows.
  /// - Throws: The model's prediction errors.
  public func predict(_ rows: [Double], count: Int) throws -> ServedPrediction {
    try model.predict(pipeline.apply(rows: rows), count: count)
  }
}
