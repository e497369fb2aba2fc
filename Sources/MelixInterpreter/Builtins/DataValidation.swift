import MelixData

extension BuiltinTable {
  /// schema validate fingerprint.
  static var dataValidation: [Builtin] {
    [
      Builtin(
        "schema", [BuiltinParameter("dataset", .native("Dataset"))], returns: "Schema",
        doc: """
          Infers a schema from a dataset: each column's kind (number or category), the observed \
          min and max of numbers, the levels of categories, whether missing values occur, and the \
          row count. Check other data against it with 'validate'.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet s = schema(train_set)\nvalidate(test_set, s).valid  # true"
      ) { args, _ in
        .native(SchemaValue(try DataBridge.dataset(args[0], "schema").schema()))
      },
      Builtin(
        "validate",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("schema", .native("Schema")),
        ],
        returns: "ValidationReport",
        doc: """
          Checks a dataset against a schema and reports every violation, not only the first: \
          missing or unexpected columns, wrong types, missing values where none are allowed, \
          values outside the range, unknown levels, too few rows. Each violation names the column, \
          the rule, how many values break it and up to three examples. Fields 'valid' and \
          'violations'.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet report = validate(test_set, schema(train_set))\nprint(report)"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "validate")
        guard case .native(let native) = args[1], let schema = native as? SchemaValue else {
          return .null
        }
        return .native(ValidationReportValue(dataset.validate(schema.schema)))
      },
      Builtin(
        "fingerprint", [BuiltinParameter("dataset", .native("Dataset"))], returns: "String",
        doc: """
          A SHA-256 of the dataset's content (names, values, levels, target; row order counts), as \
          64 hex digits. The same data gives the same fingerprint on every run and machine, \
          whether read from CSV or HDF5, so a run can record exactly which data it used.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nfingerprint(iris)  # \"…64 hex digits…\""
      ) { args, _ in
        .string(try DataBridge.dataset(args[0], "fingerprint").fingerprint())
      },
    ]
  }
}
