extension BuiltinTable {
  /// The dataset built-ins: reading and writing, inspecting, reshaping, splitting,
  /// preprocessing, validation and versioning (issue 4).
  static var data: [Builtin] {
    dataIO + dataConstruction + dataInspection + dataColumns + dataSplits + dataTransformers
      + dataValidation
  }
}
