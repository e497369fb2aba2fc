extension BuiltinTable {
  /// The model built-ins: constructors, layers, optimizers, training, prediction,
  /// evaluation, metrics and checkpoints (issue 5).
  static var ml: [Builtin] {
    mlModels + mlActivationLayers + mlLayers + mlOptimizers + mlTraining + mlMetrics + mlCheckpoints
  }
}
