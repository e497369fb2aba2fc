/// `==` as Melix defines it (deep for lists, dicts and tuples; `1 == 1.0`; nan unequal).
extension Value: Equatable {
  /// Melix equality.
  ///
  /// - Parameters:
  ///   - lhs: A value.
  ///   - rhs: Another value.
  /// - Returns: Whether Melix's `==` holds.
  public static func == (lhs: Value, rhs: Value) -> Bool { Operators.equal(lhs, rhs) }
}

/// Values describe themselves as the REPL shows them.
extension Value: CustomStringConvertible {
  /// The `repr` text (strings quoted).
  public var description: String { repr }
}
