/// The expected shape of one column, inferred by `Dataset.schema()` (Melix's `schema(ds)`).
public struct ColumnSchema: Equatable, Sendable {
  /// What kind of values the column holds.
  public enum Kind: String, Equatable, Sendable {
    /// Float64 values (numeric features and regression targets).
    case number
    /// Text levels (categorical features and class targets).
    case category
  }

  /// Column name.
  public var name: String
  /// Number or category.
  public var kind: Kind
  /// Whether this is the target column.
  public var isTarget: Bool
  /// Smallest allowed value (numbers; nil = no bound).
  public var minimum: Double?
  /// Largest allowed value (numbers; nil = no bound).
  public var maximum: Double?
  /// Allowed levels (categories; nil = any).
  public var levels: [String]?
  /// Whether missing values are allowed.
  public var allowsMissing: Bool

  /// Creates a column schema.
  ///
  /// - Parameters:
  ///   - name: Column name.
  ///   - kind: Number or category.
  ///   - isTarget: Whether it is the target.
  ///   - minimum: Lower bound for numbers.
  ///   - maximum: Upper bound for numbers.
  ///   - levels: Allowed levels for categories.
  ///   - allowsMissing: Whether missing values are allowed.
  public init(
    name: String, kind: Kind, isTarget: Bool = false, minimum: Double? = nil,
    maximum: Double? = nil,
    levels: [String]? = nil, allowsMissing: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.isTarget = isTarget
    self.minimum = minimum
    self.maximum = maximum
    self.levels = levels
    self.allowsMissing = allowsMissing
  }
}

/// What a dataset is expected to look like: its columns, their types, ranges, levels and
/// missing-value rules, and the row count it was inferred from.
public struct Schema: Equatable, Sendable {
  /// Columns in order.
  public var columns: [ColumnSchema]
  /// Row count of the dataset the schema was inferred from (informational).
  public var rowCount: Int
  /// Fewest rows a valid dataset may have (default 1).
  public var minimumRows: Int

  /// Creates a schema.
  ///
  /// - Parameters:
  ///   - columns: Column rules.
  ///   - rowCount: Informational row count.
  ///   - minimumRows: Fewest rows allowed.
  public init(columns: [ColumnSchema], rowCount: Int = 0, minimumRows: Int = 1) {
    self.columns = columns
    self.rowCount = rowCount
    self.minimumRows = minimumRows
  }
}

/// One broken rule found by `validate`.
public struct Violation: Equatable, Sendable, CustomStringConvertible {
  /// The rule that was broken.
  public enum Rule: String, Equatable, Sendable {
    /// A schema column is absent from the dataset.
    case missingColumn = "missing column"
    /// The dataset has a column the schema does not know.
    case unexpectedColumn = "unexpected column"
    /// The column's kind (number/category) differs.
    case wrongType = "wrong type"
    /// Missing values where none are allowed.
    case missingValues = "missing values"
    /// Values below the schema minimum.
    case belowMinimum = "below minimum"
    /// Values above the schema maximum.
    case aboveMaximum = "above maximum"
    /// Levels not in the allowed list.
    case unknownLevel = "unknown level"
    /// Fewer rows than allowed.
    case tooFewRows = "too few rows"
  }

  /// The column (empty for dataset-wide rules).
  public var column: String
  /// The rule.
  public var rule: Rule
  /// How many values (or rows) break it.
  public var count: Int
  /// Up to three examples, e.g. `-1.5 (row 3)`.
  public var examples: [String]

  /// One line: `column 'age': below minimum: 2 values, e.g. -1 (row 4)`.
  public var description: String {
    let subject = column.isEmpty ? "dataset" : "column '\(column)'"
    let example = examples.isEmpty ? "" : ", e.g. " + examples.joined(separator: ", ")
    return "\(subject): \(rule.rawValue): \(count) value\(count == 1 ? "" : "s")\(example)"
  }
}

/// Every violation of a schema, not only the first.
public struct ValidationReport: Equatable, Sendable, CustomStringConvertible {
  /// All violations, in schema column order.
  public var violations: [Violation]

  /// Whether the dataset satisfies the schema.
  public var isValid: Bool { violations.isEmpty }

  /// `valid` or one line per violation.
  public var description: String {
    isValid
      ? "valid"
      : "\(violations.count) violation\(violations.count == 1 ? "" : "s"):\n"
        + violations.map { "  " + $0.description }.joined(separator: "\n")
  }
}

extension Dataset {
  /// Infers a schema from this dataset (Melix's `schema(ds)`): each column's kind, the
  /// observed min and max of numbers, the levels of categories, whether missing values
  /// occur, and the row count.
  ///
  /// - Returns: The schema; `validate` checks other datasets against it.
  public func schema() -> Schema {
    var columns: [ColumnSchema] = []
    for name in columnOrder {
      if let c = featureNames.firstIndex(of: name) {
        let values = features.column(c)
        let observed = values.filter { !$0.isNaN }
        columns.append(
          ColumnSchema(
            name: name, kind: .number, minimum: observed.min(), maximum: observed.max(),
            allowsMissing: observed.count < values.count))
      } else if let column = categorical.first(where: { $0.name == name }) {
        columns.append(
          ColumnSchema(
            name: name, kind: .category, levels: column.levels,
            allowsMissing: column.codes.contains(-1)))
      } else if name == targetName, let target {
        switch target {
        case .classes(_, let names):
          columns.append(ColumnSchema(name: name, kind: .category, isTarget: true, levels: names))
        case .values(let values):
          columns.append(
            ColumnSchema(
              name: name, kind: .number, isTarget: true, minimum: values.min(),
              maximum: values.max()))
        }
      }
    }
    return Schema(columns: columns, rowCount: count)
  }

  /// Checks this dataset against `schema` and reports every violation (Melix's
  /// `validate(ds, schema)`), instead of stopping at the first.
  ///
  /// - Parameter schema: The expected schema.
  /// - Returns: The report; `isValid` is true when there are no violations.
  public func validate(_ schema: Schema) -> ValidationReport {
    var violations: [Violation] = []
    if count < schema.minimumRows {
      violations.append(
        Violation(
          column: "", rule: .tooFewRows, count: count,
          examples: ["\(count) < \(schema.minimumRows)"]))
    }
    for rule in schema.columns {
      guard let data = try? column(rule.name) else {
        violations.append(
          Violation(column: rule.name, rule: .missingColumn, count: 1, examples: []))
        continue
      }
      switch (rule.kind, data) {
      case (.number, .numeric(let values)), (.number, .target(.values(let values))):
        violations += checkNumbers(values, rule)
      case (.category, .categorical(let column)):
        violations += checkLevels(column.codes, column.levels, rule)
      case (.category, .target(.classes(let indices, let names))):
        violations += checkLevels(indices, names, rule)
      default:
        let found: String
        switch data {
        case .numeric, .target(.values): found = "number"
        case .categorical, .target(.classes): found = "category"
        }
        violations.append(
          Violation(
            column: rule.name, rule: .wrongType, count: count,
            examples: ["expected \(rule.kind.rawValue), found \(found)"]))
      }
    }
    let known = Set(schema.columns.map(\.name))
    for name in columnOrder where !known.contains(name) {
      violations.append(Violation(column: name, rule: .unexpectedColumn, count: 1, examples: []))
    }
    return ValidationReport(violations: violations)
  }

  private func checkNumbers(_ values: [Double], _ rule: ColumnSchema) -> [Violation] {
    var missing: [Int] = []
    var below: [Int] = []
    var above: [Int] = []
    for (row, value) in values.enumerated() {
      if value.isNaN {
        missing.append(row)
      } else if let minimum = rule.minimum, value < minimum {
        below.append(row)
      } else if let maximum = rule.maximum, value > maximum {
        above.append(row)
      }
    }
    func example(_ row: Int) -> String { "\(CSVWriter.format(values[row])) (row \(row))" }
    var out: [Violation] = []
    if !rule.allowsMissing, !missing.isEmpty {
      out.append(
        Violation(
          column: rule.name, rule: .missingValues, count: missing.count,
          examples: missing.prefix(3).map { "row \($0)" }))
    }
    if !below.isEmpty {
      out.append(
        Violation(
          column: rule.name, rule: .belowMinimum, count: below.count,
          examples: below.prefix(3).map(example)))
    }
    if !above.isEmpty {
      out.append(
        Violation(
          column: rule.name, rule: .aboveMaximum, count: above.count,
          examples: above.prefix(3).map(example)))
    }
    return out
  }

  private func checkLevels(_ codes: [Int], _ levels: [String], _ rule: ColumnSchema) -> [Violation]
  {
    var missing: [Int] = []
    var unknown: [Int] = []
    let allowed = rule.levels.map(Set.init)
    for (row, code) in codes.enumerated() {
      if code < 0 || code >= levels.count {
        missing.append(row)
      } else if let allowed, !allowed.contains(levels[code]) {
        unknown.append(row)
      }
    }
    var out: [Violation] = []
    if !rule.allowsMissing, !missing.isEmpty {
      out.append(
        Violation(
          column: rule.name, rule: .missingValues, count: missing.count,
          examples: missing.prefix(3).map { "row \($0)" }))
    }
    if !unknown.isEmpty {
      out.append(
        Violation(
          column: rule.name, rule: .unknownLevel, count: unknown.count,
          examples: unknown.prefix(3).map { "'\(levels[codes[$0]])' (row \($0))" }))
    }
    return out
  }
}
