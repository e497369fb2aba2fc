import MelixML

extension ModelValue {
  /// An immutable copy of the trained model with its names and metadata, as `save` writes
  /// it: what a host (the driver's `deploy`) hands to the model server. A loaded model's
  /// preprocessing goes with it, so the server applies it to request rows.
  ///
  /// - Parameter function: The built-in asking, for the error message.
  /// - Returns: The checkpoint value (nothing is written to disk).
  /// - Throws: `MelixError` when the model is not trained.
  public func snapshot(for function: String) throws -> Checkpoint {
    try requireTrained(function)
    let saved: SavedModel
    switch state {
    case .network(let n): saved = .network(n)
    case .classical, .restored:
      guard let state = classicalState else {
        throw MelixError("'\(name)' is not trained yet; call 'train' before '\(function)'")
      }
      saved = .classical(state)
    }
    return Checkpoint(
      saved, featureNames: featureNames, classNames: classNames, preprocessing: preprocessing,
      metadata: metadata, pipeline: pipeline)
  }
}
