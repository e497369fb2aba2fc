/// How an iterative solver ended a fit: its name, the iterations it used and whether it met
/// its tolerance (scikit-learn's `n_iter_` and `ConvergenceWarning`).
public struct SolverProgress: Sendable, Equatable {
  /// The solver's display name (`"L-BFGS"`).
  public var solver: String
  /// Iterations (line searches) used, at most the model's `max_iter`.
  public var iterations: Int
  /// Whether the tolerance was met before `max_iter`; false means the fit stopped early and
  /// its coefficients are not the optimum.
  public var converged: Bool

  /// Creates a record of a solver's run.
  ///
  /// - Parameters:
  ///   - solver: The solver's display name.
  ///   - iterations: Iterations used.
  ///   - converged: Whether the tolerance was met.
  public init(solver: String, iterations: Int, converged: Bool) {
    self.solver = solver
    self.iterations = iterations
    self.converged = converged
  }
}

extension ClassicalModel {
  /// How the last fit's iterative solver ended: L-BFGS iterations and convergence for
  /// logistic regression; nil before `fit` and for models fitted in one step (linear
  /// regression solves its normal equations, k-NN stores the data).
  public var solverProgress: SolverProgress? {
    guard case .logisticRegression(let model)? = fitted else { return nil }
    return SolverProgress(
      solver: "L-BFGS", iterations: model.iterations, converged: model.converged)
  }

  /// The warning for a fit whose solver stopped at `max_iter` without converging, as
  /// scikit-learn's `ConvergenceWarning`; nil when it converged or has no solver.
  ///
  /// - Returns: `'logistic_regression' did not converge in 2 iterations; increase
  ///   'max_iter' or scale the features`.
  public var convergenceWarning: String? {
    guard let progress = solverProgress, !progress.converged else { return nil }
    return
      "'\(name)' did not converge in \(progress.iterations) iterations; "
      + "increase 'max_iter' or scale the features"
  }
}
