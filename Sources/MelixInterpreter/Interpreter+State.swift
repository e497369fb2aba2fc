/// Per-session state for other areas (an RNG, a tracking run, the host `deploy` uses), kept
/// by the interpreter so nothing is global: one instance per type and session.
extension Interpreter {
  /// The session's instance of `type`, made by `make` on first use.
  ///
  /// - Parameters:
  ///   - type: The state's class; one instance per session.
  ///   - make: Creates the instance the first time it is asked for.
  /// - Returns: The session's instance.
  public func state<T: AnyObject>(_ type: T.Type, default make: () -> T) -> T {
    if let existing = states[ObjectIdentifier(type)] as? T { return existing }
    let created = make()
    states[ObjectIdentifier(type)] = created
    return created
  }

  /// The session's instance of `type`, or nil when none was set or made.
  ///
  /// - Parameter type: The state's class.
  public func state<T: AnyObject>(_ type: T.Type) -> T? {
    states[ObjectIdentifier(type)] as? T
  }

  /// Sets (or replaces) the session's instance of `T`, e.g. a host the driver injects.
  ///
  /// - Parameter value: The instance.
  public func setState<T: AnyObject>(_ value: T) {
    states[ObjectIdentifier(T.self)] = value
  }
}

extension Session {
  /// The interpreter built-ins run against: use it to inject per-session state
  /// (`session.context.setState(host)`) before running code.
  public var context: CallContext { interpreter }
}
