extension BuiltinTable {
  /// The model built-ins: constructors, layers, optimizers, training, prediction,
  /// evaluation, metrics and checkpoints (issue 5).
  static var ml: [Builtin] {
    mlModels + mlLayers + mlOptimizers + mlTraining + mlMetrics + mlCheckpoints
  }
}
