import MelixML

extension BuiltinTable {
  /// sgd adam adamw rmsprop step_decay cosine_decay.
  static var mlOptimizers: [Builtin] {
    let common = [
      BuiltinParameter("schedule", .optional(.native("Schedule")), default: "nil"),
      BuiltinParameter("warmup", .int, default: "0"),
      BuiltinParameter("clip_norm", .optional(.number), default: "nil"),
    ]
    let commonDoc = """
       'schedule' (step_decay or cosine_decay) changes the rate per epoch, 'warmup' ramps it up \
      linearly over that many epochs, 'clip_norm' rescales gradients to at most that global L2 norm.
      """
    return [
      Builtin(
        "sgd",
        [
          BuiltinParameter("lr", .number, default: "0.01"),
          BuiltinParameter("momentum", .number, default: "0.0"),
          BuiltinParameter("nesterov", .bool, default: "false"),
          BuiltinParameter("weight_decay", .number, default: "0.0"),
        ] + common,
        returns: "Optimizer",
        doc:
          "Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, as torch.optim.SGD."
          + commonDoc,
        example: "let opt = sgd(lr: 0.1, momentum: 0.9, nesterov: true)"
      ) { args, _ in
        guard case .bool(let nesterov) = args[2] else { return .null }
        return try optimizer(
          .sgd(
            momentum: args[1].asDouble ?? 0, nesterov: nesterov, weightDecay: args[3].asDouble ?? 0),
          lr: args[0], extras: Array(args[4...]))
      },
      Builtin(
        "adam",
        [
          BuiltinParameter("lr", .number, default: "0.001"),
          BuiltinParameter("beta1", .number, default: "0.9"),
          BuiltinParameter("beta2", .number, default: "0.999"),
          BuiltinParameter("eps", .number, default: "1e-08"),
          BuiltinParameter("weight_decay", .number, default: "0.0"),
        ] + common,
        returns: "Optimizer",
        doc:
          "Adam (Kingma & Ba 2015) with bias correction and optional L2 weight decay, as torch.optim.Adam."
          + commonDoc,
        example: "let opt = adam(lr: 0.01)"
      ) { args, _ in
        try optimizer(
          .adam(
            beta1: args[1].asDouble ?? 0.9, beta2: args[2].asDouble ?? 0.999,
            epsilon: args[3].asDouble ?? 1e-8,
            weightDecay: args[4].asDouble ?? 0),
          lr: args[0], extras: Array(args[5...]))
      },
      Builtin(
        "adamw",
        [
          BuiltinParameter("lr", .number, default: "0.001"),
          BuiltinParameter("beta1", .number, default: "0.9"),
          BuiltinParameter("beta2", .number, default: "0.999"),
          BuiltinParameter("eps", .number, default: "1e-08"),
          BuiltinParameter("weight_decay", .number, default: "0.01"),
        ] + common,
        returns: "Optimizer",
        doc:
          "AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay, as torch.optim.AdamW."
          + commonDoc,
        example: "let opt = adamw(lr: 0.001, weight_decay: 0.01)"
      ) { args, _ in
        try optimizer(
          .adamw(
            beta1: args[1].asDouble ?? 0.9, beta2: args[2].asDouble ?? 0.999,
            epsilon: args[3].asDouble ?? 1e-8,
            weightDecay: args[4].asDouble ?? 0.01),
          lr: args[0], extras: Array(args[5...]))
      },
      Builtin(
        "rmsprop",
        [
          BuiltinParameter("lr", .number, default: "0.01"),
          BuiltinParameter("alpha", .number, default: "0.99"),
          BuiltinParameter("eps", .number, default: "1e-08"),
          BuiltinParameter("momentum", .number, default: "0.0"),
          BuiltinParameter("weight_decay", .number, default: "0.0"),
        ] + common,
        returns: "Optimizer",
        doc:
          "RMSprop (Hinton 2012) with optional momentum and L2 weight decay, as torch.optim.RMSprop."
          + commonDoc,
        example: "let opt = rmsprop(lr: 0.001)"
      ) { args, _ in
        try optimizer(
          .rmsprop(
            alpha: args[1].asDouble ?? 0.99, epsilon: args[2].asDouble ?? 1e-8,
            momentum: args[3].asDouble ?? 0,
            weightDecay: args[4].asDouble ?? 0),
          lr: args[0], extras: Array(args[5...]))
      },
      Builtin(
        "step_decay",
        [BuiltinParameter("step_size", .int), BuiltinParameter("gamma", .number, default: "0.1")],
        returns: "Schedule",
        doc:
          "A learning-rate schedule: the rate times 'gamma' every 'step_size' epochs (PyTorch's StepLR).",
        example: "let opt = sgd(lr: 0.1, schedule: step_decay(step_size: 30, gamma: 0.1))"
      ) { args, _ in
        guard case .int(let size) = args[0] else { return .null }
        let schedule = Schedule.step(stepSize: size, gamma: args[1].asDouble ?? 0.1)
        try MLBridge.run { try schedule.validate() }
        return .native(ScheduleValue(schedule))
      },
      Builtin(
        "cosine_decay",
        [BuiltinParameter("epochs", .int), BuiltinParameter("min_lr", .number, default: "0.0")],
        returns: "Schedule",
        doc:
          "A learning-rate schedule: cosine annealing from the rate to 'min_lr' over 'epochs' epochs (PyTorch's CosineAnnealingLR).",
        example: "let opt = adam(lr: 0.01, schedule: cosine_decay(epochs: 100))"
      ) { args, _ in
        guard case .int(let epochs) = args[0] else { return .null }
        let schedule = Schedule.cosine(epochs: epochs, minimum: args[1].asDouble ?? 0)
        try MLBridge.run { try schedule.validate() }
        return .native(ScheduleValue(schedule))
      },
    ]
  }

  /// Builds an optimizer value from a rule, `lr` and the common `schedule`, `warmup`,
  /// `clip_norm` arguments.
  private static func optimizer(_ rule: OptimizerRule, lr: Value, extras: [Value]) throws -> Value {
    var schedule = Schedule.constant
    if case .native(let n) = extras[0], let s = n as? ScheduleValue { schedule = s.schedule }
    guard case .int(let warmup) = extras[1] else { return .null }
    let clip = extras[2].asDouble
    return .native(
      OptimizerValue(
        try MLBridge.run {
          try Optimizer(
            rule, learningRate: lr.asDouble ?? 0, schedule: schedule, warmupEpochs: warmup,
            clipNorm: clip)
        }))
  }
}
