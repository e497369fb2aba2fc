import MelixHDF5

/// Reads and writes the `/network` group of a checkpoint (layout in `docs/checkpoints.md`).
enum CheckpointNetwork {
  static func write(_ net: NeuralNetwork, to root: H5Group) throws {
    guard net.isBuilt, let task = net.task else {
      throw CheckpointError.notSaveable(model: net.kind, reason: "it has not been trained yet")
    }
    let group = try root.createGroup("network")
    let a = group.attributes
    try a.set("kind", .string(net.kind))
    try a.set("task", .string(task.rawValue))
    try a.set("feature_count", .int(Int64(net.featureCount)))
    try a.set("appends_output_layer", .int(net.appendsOutputLayer ? 1 : 0))
    try a.set("architecture", .strings(net.architecture.map(describe)))
    try a.set("layer_count", .int(Int64(net.layers.count)))
    if task == .classification { try a.set("classes", .ints(net.classes.map { Int64($0) })) }
    for (i, layer) in net.layers.enumerated() {
      let g = try group.createGroup(layerName(i))
      try g.attributes.set("kind", .string(layer.name))
      switch layer {
      case .dense(let d):
        try g.attributes.set("inputs", .int(Int64(d.inputCount)))
        try g.attributes.set("units", .int(Int64(d.unitCount)))
        try g.write(d.weight, shape: [d.inputCount, d.unitCount], to: "weight")
        try g.write(d.bias, shape: [d.unitCount], to: "bias")
      case .activation: break
      case .dropout(let rate):
        try g.attributes.set("rate", .double(rate))
      case .batchNorm(let b):
        try g.attributes.set("momentum", .double(b.momentum))
        try g.attributes.set("epsilon", .double(b.epsilon))
        try g.write(b.gamma, shape: [b.featureCount], to: "gamma")
        try g.write(b.beta, shape: [b.featureCount], to: "beta")
        try g.write(b.runningMean, shape: [b.featureCount], to: "running_mean")
        try g.write(b.runningVariance, shape: [b.featureCount], to: "running_var")
      }
    }
  }

  /// `layer_000`, `layer_001`, …: zero-padded so names sort in layer order.
  static func layerName(_ i: Int) -> String {
    let digits = String(i)
    return "layer_" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
  }

  /// `"dense 16"`, `"relu"`, `"dropout 0.2"`, `"batch_norm 0.1 1e-05"`.
  static func describe(_ spec: LayerSpec) -> String {
    switch spec {
    case .dense(let units): return "dense \(units)"
    case .activation(let a): return a.rawValue
    case .dropout(let rate): return "dropout \(rate)"
    case .batchNorm(let m, let e): return "batch_norm \(m) \(e)"
    }
  }

  static func parse(_ text: String, file: String) throws -> LayerSpec {
    let parts = text.split(separator: " ").map(String.init)
    func number(_ i: Int) throws -> Double {
      guard i < parts.count, let v = Double(parts[i]) else {
        throw CheckpointError.damaged(file: file, reason: "bad architecture entry '\(text)'")
      }
      return v
    }
    switch parts.first ?? "" {
    case "dense":
      let units = try number(1)
      guard let n = Int(exactly: units) else {
        throw CheckpointError.damaged(file: file, reason: "bad architecture entry '\(text)'")
      }
      return .dense(units: n)
    case "dropout": return .dropout(rate: try number(1))
    case "batch_norm": return .batchNorm(momentum: try number(1), epsilon: try number(2))
    default:
      guard let a = Activation(rawValue: text) else {
        throw CheckpointError.damaged(file: file, reason: "unknown layer '\(text)'")
      }
      return .activation(a)
    }
  }

  static func read(_ group: H5Group, file: String) throws -> NeuralNetwork {
    let a = group.attributes
    let kind = try a.string("kind")
    guard let task = Task(rawValue: try a.string("task")) else {
      throw CheckpointError.damaged(file: file, reason: "unknown task '\(try a.string("task"))'")
    }
    let featureCount = Int(try a.int("feature_count"))
    let appends = try a.int("appends_output_layer") != 0
    let architecture = try a.strings("architecture").map { try parse($0, file: file) }
    for spec in architecture { try spec.validate() }
    let count = Int(try a.int("layer_count"))
    let classes = task == .classification ? try a.ints("classes").map { Int($0) } : []
    var layers: [Layer] = []
    var width = featureCount
    for i in 0..<max(count, 0) {
      let g = try group.group(layerName(i))
      let layerKind = try g.attributes.string("kind")
      switch layerKind {
      case "dense":
        let inputs = Int(try g.attributes.int("inputs"))
        let units = Int(try g.attributes.int("units"))
        guard inputs == width else {
          throw CheckpointError.damaged(
            file: file, reason: "'\(g.path)' takes \(inputs) inputs but receives \(width)")
        }
        let weight = try g.dataset("weight")
        guard weight.shape == [inputs, units] else {
          throw CheckpointError.damaged(
            file: file,
            reason: "'\(weight.path)' has shape \(weight.shape), expected [\(inputs), \(units)]")
        }
        layers.append(
          .dense(
            try Dense(
              inputCount: inputs, unitCount: units, weight: try weight.read(as: Double.self),
              bias: try g.dataset("bias").read(as: Double.self))))
        width = units
      case "dropout":
        let rate = try g.attributes.double("rate")
        try LayerSpec.dropout(rate: rate).validate()
        layers.append(.dropout(rate: rate))
      case "batch_norm":
        layers.append(
          .batchNorm(
            try BatchNorm(
              featureCount: width, momentum: try g.attributes.double("momentum"),
              epsilon: try g.attributes.double("epsilon"),
              gamma: try g.dataset("gamma").read(as: Double.self),
              beta: try g.dataset("beta").read(as: Double.self),
              runningMean: try g.dataset("running_mean").read(as: Double.self),
              runningVariance: try g.dataset("running_var").read(as: Double.self))))
      default:
        guard let act = Activation(rawValue: layerKind) else {
          throw CheckpointError.damaged(file: file, reason: "unknown layer kind '\(layerKind)'")
        }
        layers.append(.activation(act))
      }
    }
    guard !layers.isEmpty else {
      throw CheckpointError.damaged(file: file, reason: "the network has no layers")
    }
    if task == .classification {
      let expected = width == 1 ? 2 : width
      guard classes.count == expected else {
        throw CheckpointError.damaged(
          file: file, reason: "\(classes.count) classes for \(width) output units")
      }
    }
    return NeuralNetwork(
      kind: kind, architecture: architecture, appendsOutputLayer: appends, layers: layers,
      task: task, classes: classes, featureCount: featureCount)
  }
}
