import MelixData

extension BuiltinTable {
  /// describe head columns select drop filter.
  static var dataInspection: [Builtin] {
    [
      Builtin(
        "describe", [BuiltinParameter("dataset", .native("Dataset"))], returns: "Description",
        doc: """
          Summary statistics of every column, printed as an aligned table: count, missing, mean, \
          std (n - 1, as pandas), min, 25%, 50%, 75% (linear interpolation, as NumPy), max for \
          numbers; levels and their counts for categorical columns and class targets. \
          'describe(ds)["age"]' gives one column's statistics as a dict.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\ndescribe(iris)[\"sepal_length\"][\"mean\"]  # 5.843333333333334"
      ) { args, _ in
        .native(DescriptionValue(try DataBridge.dataset(args[0], "describe").describe()))
      },
      Builtin(
        "head",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("n", .int, default: "5"),
        ],
        returns: "Dataset",
        doc: "The first n rows (all rows if there are fewer), as a Dataset that prints as a table.",
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nhead(iris, 3).shape  # (3, 5)"
      ) { args, _ in
        .native(DatasetValue(try DataBridge.dataset(args[0], "head").head(DataBridge.int(args[1]))))
      },
      Builtin(
        "columns", [BuiltinParameter("dataset", .native("Dataset"))], returns: "List",
        doc: "Every column name (features, categorical columns and the target) in file order.",
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\ncolumns(iris)  # [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\", \"species\"]"
      ) { args, _ in
        DataBridge.list(try DataBridge.dataset(args[0], "columns").columns)
      },
      Builtin(
        "select",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("columns", .oneOf([.list, .string])),
        ],
        returns: "Dataset",
        doc:
          "A dataset with only the named feature columns, in the given order; the target is always kept.",
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nselect(iris, [\"petal_length\", \"petal_width\"]).shape  # (150, 3)"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "select")
        let names = try DataBridge.strings(args[1], "select", "columns")
        return .native(DatasetValue(try DataBridge.run { try dataset.select(names) }))
      },
      Builtin(
        "drop",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("columns", .oneOf([.list, .string])),
        ],
        returns: "Dataset",
        doc: "A dataset without the named columns; naming the target removes the target.",
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\ndrop(iris, [\"sepal_width\"]).shape  # (150, 4)"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "drop")
        let names = try DataBridge.strings(args[1], "drop", "columns")
        return .native(DatasetValue(try DataBridge.run { try dataset.drop(names) }))
      },
      Builtin(
        "filter",
        [BuiltinParameter("dataset", .native("Dataset")), BuiltinParameter("predicate", .any)],
        returns: "Dataset",
        doc: """
          The rows for which predicate(row) is true, in order. Each row is a dict from column name \
          to value: Float for numbers, String for text and class targets, nil when missing. The \
          predicate may also be a Bool mask: a Bool tensor or list with one entry per row.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nfilter(iris, fn(row) => row[\"petal_length\"] > 5).shape  # (42, 5)"
      ) { args, context in
        let dataset = try DataBridge.dataset(args[0], "filter")
        switch args[1] {
        case .function, .builtin:
          var kept: [Int] = []
          let reader = RowReader(dataset)
          for row in 0..<dataset.count {
            let verdict = try context.call(args[1], [reader.dict(row)])
            guard case .bool(let keep) = verdict else {
              throw MelixError(DataMessages.predicateResult(got: verdict.typeName, row: row))
            }
            if keep { kept.append(row) }
          }
          return .native(DatasetValue(try DataBridge.run { try dataset.rows(kept) }))
        default:
          let mask = try DatasetValue.mask(args[1], role: "argument 'predicate' of 'filter'")
          return .native(DatasetValue(try DataBridge.run { try dataset.filter(mask: mask) }))
        }
      },
    ]
  }
}
