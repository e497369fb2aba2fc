import MelixNumerics

/// One fitted preprocessing step of a checkpoint, on model input columns.
///
/// Every step maps each of its columns on its own (no step mixes columns), as scikit-learn's
/// `StandardScaler`, `MinMaxScaler` and `SimpleImputer` do.
public enum PreprocessingStep: Equatable, Sendable {
  /// `(x − mean) / scale` on `columns` (scikit-learn `StandardScaler.transform`).
  case standardScaler(columns: [Int], mean: [Double], scale: [Double])
  /// `x · scale + offset` on `columns` (scikit-learn `MinMaxScaler.transform`, no clipping).
  case minmaxScaler(columns: [Int], scale: [Double], offset: [Double])
  /// A missing value (NaN) in `columns` becomes its fill (scikit-learn `SimpleImputer`).
  case imputer(columns: [Int], fills: [Double])

  /// The step's name as in the checkpoint (`standard_scaler`, `minmax_scaler`, `imputer`).
  public var name: String {
    switch self {
    case .standardScaler: return "standard_scaler"
    case .minmaxScaler: return "minmax_scaler"
    case .imputer: return "imputer"
    }
  }
}

/// The fitted preprocessing a checkpoint stores (`/preprocessing`, docs/checkpoints.md),
/// as an ordered pipeline applied to raw model inputs before the model, as a scikit-learn
/// `Pipeline` does.
///
/// Column names are resolved to positions in the model's input once, when the pipeline is
/// built, so applying it is plain arithmetic on `[nSamples, inputWidth]` rows.
public struct PreprocessingPipeline: Equatable, Sendable {
  /// The steps, in the order they are applied.
  public var steps: [PreprocessingStep]
  /// The number of input features the steps' column positions refer to.
  public var inputWidth: Int

  /// Creates a pipeline from resolved steps.
  ///
  /// - Parameters:
  ///   - steps: The steps in application order (empty: the identity).
  ///   - inputWidth: Features per input row.
  public init(steps: [PreprocessingStep] = [], inputWidth: Int = 0) {
    self.steps = steps
    self.inputWidth = inputWidth
  }

  /// Whether the pipeline has no step (inputs go to the model unchanged).
  public var isEmpty: Bool { steps.isEmpty }

  /// The step names in order, e.g. `["imputer", "standard_scaler"]`.
  public var stepNames: [String] { steps.map(\.name) }

  /// Builds the pipeline from a checkpoint's `/preprocessing` vectors and the
  /// `<key>.columns` entries of its `/metadata`.
  ///
  /// Keys are `<name>.<field>` for one transformer, or `<i>_<name>.<field>` for a list
  /// (position `i`, the order applied): `standard_scaler.mean`/`.scale`,
  /// `minmax_scaler.scale`/`.offset` (`.data_min`/`.data_max` are informative),
  /// `imputer.fills`. Other keys (free-form vectors such as `scaler_mean` stored through the
  /// Swift API, which are not steps of those three kinds) are data, not steps, and are not
  /// applied; a future kind of step comes with a higher `Checkpoint.formatVersion`.
  ///
  /// - Parameters:
  ///   - vectors: The float64 vectors by key.
  ///   - metadata: The checkpoint metadata holding `<key>.columns` (comma-separated names).
  ///   - featureNames: The model's input feature names, `[inputWidth]`; empty means the
  ///     columns must be named `x0`, `x1`, … or be all `inputWidth` columns in order.
  ///   - inputWidth: The model's number of input features.
  ///   - file: The checkpoint path, for messages.
  /// - Returns: The pipeline (empty when `vectors` is empty).
  /// - Throws: `CheckpointError.damaged` naming the key for a missing vector or column list,
  ///   a length mismatch, or a column that is not a model feature.
  public init(
    vectors: [String: [Double]], metadata: [String: String], featureNames: [String],
    inputWidth: Int, file: String
  ) throws {
    // Group the vectors by step key (`0_standard_scaler`) and remember the step's position.
    var groups: [String: (position: Int, name: String, fields: [String: [Double]])] = [:]
    for (key, values) in vectors {
      guard let dot = key.lastIndex(of: ".") else { continue }
      let stepKey = String(key[..<dot])
      let field = String(key[key.index(after: dot)...])
      var position = 0
      var name = stepKey
      if let underscore = stepKey.firstIndex(of: "_"), let index = Int(stepKey[..<underscore]) {
        position = index
        name = String(stepKey[stepKey.index(after: underscore)...])
      }
      guard ["standard_scaler", "minmax_scaler", "imputer"].contains(name) else { continue }
      groups[stepKey, default: (position, name, [:])].fields[field] = values
    }
    let ordered = groups.sorted {
      $0.value.position != $1.value.position
        ? $0.value.position < $1.value.position : $0.key < $1.key
    }
    var steps: [PreprocessingStep] = []
    for (stepKey, group) in ordered {
      func vector(_ field: String, count: Int) throws -> [Double] {
        guard let values = group.fields[field] else {
          throw CheckpointError.damaged(
            file: file, reason: "/preprocessing/\(stepKey).\(field) is missing")
        }
        guard values.count == count else {
          throw CheckpointError.damaged(
            file: file,
            reason:
              "/preprocessing/\(stepKey).\(field) has \(values.count) values for \(count) columns")
        }
        return values
      }
      guard let listed = metadata["\(stepKey).columns"] else {
        throw CheckpointError.damaged(
          file: file, reason: "/metadata attribute '\(stepKey).columns' is missing")
      }
      let names =
        listed.isEmpty
        ? [] : listed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let columns = try names.map { column -> Int in
        if let index = featureNames.firstIndex(of: column) { return index }
        if featureNames.isEmpty, column.hasPrefix("x"), let index = Int(column.dropFirst()),
          (0..<inputWidth).contains(index)
        {
          return index
        }
        throw CheckpointError.damaged(
          file: file,
          reason: "column '\(column)' of preprocessing step '\(stepKey)' is not a model feature")
      }
      switch group.name {
      case "standard_scaler":
        steps.append(
          .standardScaler(
            columns: columns, mean: try vector("mean", count: columns.count),
            scale: try vector("scale", count: columns.count)))
      case "minmax_scaler":
        steps.append(
          .minmaxScaler(
            columns: columns, scale: try vector("scale", count: columns.count),
            offset: try vector("offset", count: columns.count)))
      default:
        steps.append(.imputer(columns: columns, fills: try vector("fills", count: columns.count)))
      }
    }
    self.init(steps: steps, inputWidth: inputWidth)
  }

  /// Applies the steps in order to raw input rows.
  ///
  /// - Parameter rows: Row-major `[count, inputWidth]` values; a row whose width is not
  ///   `inputWidth` is left to the model to reject.
  /// - Returns: The transformed rows, same shape.
  public func apply(rows: [Double]) -> [Double] {
    guard !steps.isEmpty, inputWidth > 0, rows.count % inputWidth == 0 else { return rows }
    var out = rows
    let count = rows.count / inputWidth
    for step in steps {
      switch step {
      case .standardScaler(let columns, let mean, let scale):
        for r in 0..<count {
          for (k, c) in columns.enumerated() {
            out[r * inputWidth + c] = (out[r * inputWidth + c] - mean[k]) / scale[k]
          }
        }
      case .minmaxScaler(let columns, let scale, let offset):
        for r in 0..<count {
          for (k, c) in columns.enumerated() {
            out[r * inputWidth + c] = out[r * inputWidth + c] * scale[k] + offset[k]
          }
        }
      case .imputer(let columns, let fills):
        for r in 0..<count {
          for (k, c) in columns.enumerated() where out[r * inputWidth + c].isNaN {
            out[r * inputWidth + c] = fills[k]
          }
        }
      }
    }
    return out
  }

  /// Applies the steps to a tensor of raw inputs.
  ///
  /// - Parameter x: `[nSamples, inputWidth]`, or `[inputWidth]` for one row. Another shape
  ///   is returned unchanged, so the model reports its own shape error.
  /// - Returns: The transformed inputs as float64, same shape (`x` itself when empty).
  /// - Throws: `TensorError` if the tensor cannot be rebuilt.
  public func apply(_ x: Tensor) throws -> Tensor {
    guard !steps.isEmpty, x.rank == 1 || x.rank == 2, x.shape.last == inputWidth else { return x }
    return try Tensor(shape: x.shape, scalars: apply(rows: x.scalars))
  }
}
