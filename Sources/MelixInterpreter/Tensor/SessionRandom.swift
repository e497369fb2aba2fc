import MelixNumerics

/// The session's random number generator, used by the random tensor built-ins when no
/// `seed:` is given. It starts from seed 0, so a script that never seeds still gives the same
/// numbers on every run; `set_seed(n)` restarts it.
public final class SessionRandom {
  /// The generator (PCG64), advanced by every draw.
  public var generator: PCG64

  /// Creates the generator.
  ///
  /// - Parameter seed: The starting seed.
  public init(seed: Int = 0) { generator = PCG64(seed: seed) }

  /// The session's generator state.
  ///
  /// - Parameter context: The calling interpreter.
  /// - Returns: The one instance of the session.
  public static func of(_ context: CallContext) -> SessionRandom {
    context.state(SessionRandom.self) { SessionRandom() }
  }
}

extension TensorBuiltins {
  /// Runs `draw` with a generator seeded by `seed` (an Int), or with the session's
  /// generator when `seed` is nil (advancing it).
  static func withGenerator<R>(_ seed: Value, _ context: CallContext, _ draw: (inout PCG64) throws -> R) throws -> R {
    if case .int(let s) = seed {
      var generator = PCG64(seed: s)
      return try draw(&generator)
    }
    let session = SessionRandom.of(context)
    return try draw(&session.generator)
  }
}
