import MelixML

extension BuiltinTable {
  /// Runs a long explanation computation (`shap`, `permutation_importance`,
  /// `kmeans_background`) so that Ctrl-C stops it: `body` gets a check that reads the
  /// session's interrupt flag, which the MelixML loops poll between rows, model batches,
  /// repeats and k-means iterations, throwing `CancellationError` once it is true.
  ///
  /// - Parameters:
  ///   - flag: The session's interrupt flag (`context.interruptFlag`).
  ///   - body: The computation, given the check to poll.
  /// - Returns: What `body` returns.
  /// - Throws: `MelixError` `interrupted` (located at the call by the interpreter) when
  ///   `body` was cancelled; `body`'s other errors as `MLBridge.run` maps them.
  static func interruptible<T>(
    _ flag: InterruptFlag, _ body: (_ shouldStop: () -> Bool) throws -> T
  ) throws -> T {
    try MLBridge.run {
      do {
        return try body { flag.isSet }
      } catch is CancellationError {
        throw MelixError(Messages.interrupted)
      }
    }
  }
}
