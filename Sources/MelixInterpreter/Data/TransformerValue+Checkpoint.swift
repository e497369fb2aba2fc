import MelixData

extension TransformerValue {
  /// The learned numbers of a fitted transformer as named float64 vectors, for a model
  /// checkpoint's `/preprocessing` group (docs/checkpoints.md).
  ///
  /// Keys are `<prefix><name>.<field>`: `standard_scaler.mean`, `standard_scaler.scale`;
  /// `minmax_scaler.data_min`, `.data_max`, `.scale`, `.offset`; `imputer.fills` (numeric
  /// fills, in the order of `imputer.columns`). The column names go to `metadata` under
  /// `<prefix><name>.columns` (comma-separated) so the vectors can be read back by name.
  ///
  /// - Parameter prefix: Distinguishes several transformers of one model (`0_`, `1_`).
  /// - Returns: The vectors and the metadata entries.
  /// - Throws: `MelixError` when the transformer is not fitted, or is a kind whose learned
  ///   state is not numeric (`one_hot`, `label_encoder`).
  func checkpointEntries(prefix: String) throws -> (vectors: [String: [Double]], metadata: [String: String]) {
    guard let fitted else { throw MelixError(DataMessages.notFitted(name)) }
    let key = prefix + name
    switch fitted {
    case .standard(let f):
      return (
        ["\(key).mean": f.mean, "\(key).scale": f.scale],
        ["\(key).columns": f.columns.joined(separator: ",")]
      )
    case .minmax(let f):
      return (
        [
          "\(key).data_min": f.dataMin, "\(key).data_max": f.dataMax,
          "\(key).scale": f.scale, "\(key).offset": f.offset,
        ],
        ["\(key).columns": f.columns.joined(separator: ",")]
      )
    case .imputer(let f):
      let columns = f.numericFills.keys.sorted()
      return (
        ["\(key).fills": columns.map { f.numericFills[$0] ?? .nan }],
        ["\(key).columns": columns.joined(separator: ",")]
      )
    case .oneHot, .label:
      throw MelixError(
        "'save' can keep the learned numbers of 'standard_scaler', 'minmax_scaler' and "
          + "'imputer' in a checkpoint, not of '\(name)'")
    }
  }
}
