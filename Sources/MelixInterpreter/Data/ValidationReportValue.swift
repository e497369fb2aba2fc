import MelixData

/// The result of `validate(ds, schema)`: every violation, not only the first.
public final class ValidationReportValue: NativeValue {
  /// The library's report.
  public let report: ValidationReport

  /// Wraps `report`.
  ///
  /// - Parameter report: The report.
  public init(_ report: ValidationReport) { self.report = report }

  /// `ValidationReport`.
  public var typeName: String { "ValidationReport" }

  /// `valid`, or `N violations:` and one line per violation
  /// (`column 'age': below minimum: 2 values, e.g. -1 (row 4)`).
  public func display() -> String { report.description }

  /// `valid` or `N violations`.
  public func summary() -> String {
    report.isValid ? "valid" : "\(report.violations.count) violations"
  }

  /// `valid`, `violations`.
  public var memberNames: [String] { ["valid", "violations"] }

  /// `valid` (Bool) or `violations`: a list of dicts with `column`, `rule`, `count` and
  /// `examples` (a list of strings).
  ///
  /// - Throws: `MelixError` for another name.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "valid": return .bool(report.isValid)
    case "violations":
      return .list(
        ListRef(
          report.violations.map { violation in
            let dict = DictRef()
            func put(_ key: String, _ value: Value) {
              dict.set(.string(key), original: .string(key), value)
            }
            put("column", .string(violation.column))
            put("rule", .string(violation.rule.rawValue))
            put("count", .int(violation.count))
            put("examples", DataBridge.list(violation.examples))
            return .dict(dict)
          }))
    default: throw MelixError(DataMessages.noField("ValidationReport", name))
    }
  }

  /// The number of violations.
  public var length: Int? { report.violations.count }
}
