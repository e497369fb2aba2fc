import MelixData

extension BuiltinTable {
  /// split kfold group_kfold time_series_split sample.
  static var dataSplits: [Builtin] {
    [
      Builtin(
        "split",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("test", .number, default: "0.25"),
          BuiltinParameter("stratify", .bool, default: "false"),
          BuiltinParameter("seed", .optional(.int), default: "nil"),
        ],
        returns: "Tuple",
        doc: """
          Splits the rows into a (train, test) tuple, shuffled with 'seed' (the same seed gives the \
          same rows on every run; without one, a seed is drawn from the session's generator, \
          which 'set_seed' restarts). The test set has ceil(test * rows) rows, as scikit-learn's \
          train_test_split. With 'stratify', each class keeps its proportion in both parts; a class \
          with fewer than 2 rows is an error naming the class.
          """,
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet (train_set, test_set) = split(iris, test: 0.2, stratify: true, seed: 42)\nlen(test_set)  # 30"
      ) { args, context in
        let dataset = try DataBridge.dataset(args[0], "split")
        let test = args[1].asDouble ?? 0
        let (train, held) = try DataBridge.run {
          try dataset.split(
            test: test, stratify: DataBridge.bool(args[2]), seed: DataBridge.seed(args[3], context))
        }
        return .tuple(TupleRef([.native(DatasetValue(train)), .native(DatasetValue(held))]))
      },
      Builtin(
        "kfold",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("k", .int, default: "5"),
          BuiltinParameter("stratify", .bool, default: "false"),
          BuiltinParameter("seed", .optional(.int), default: "nil"),
        ],
        returns: "List",
        doc: """
          k-fold cross-validation: a list of k (train, validation) tuples; every row is in exactly \
          one validation set. Rows are shuffled with 'seed' (default: drawn from the \
          session's generator). With 'stratify', every fold keeps the \
          class proportions (as scikit-learn's StratifiedKFold); a class with fewer than k rows is \
          an error naming the class.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet folds = kfold(iris, k: 5, stratify: true, seed: 0)\nlen(folds[0][1])  # 30"
      ) { args, context in
        let dataset = try DataBridge.dataset(args[0], "kfold")
        let folds = try DataBridge.run {
          try dataset.kfold(
            k: DataBridge.int(args[1]), stratify: DataBridge.bool(args[2]),
            seed: DataBridge.seed(args[3], context))
        }
        return pairs(folds)
      },
      Builtin(
        "group_kfold",
        [
          BuiltinParameter("dataset", .native("Dataset")), BuiltinParameter("groups", .string),
          BuiltinParameter("k", .int, default: "5"),
        ],
        returns: "List",
        doc: """
          Group k-fold: a list of k (train, validation) tuples in which the rows of one group (the \
          values of column 'groups') are never split between train and validation. Groups go, \
          largest first, to the fold with the fewest rows, as scikit-learn's GroupKFold.
          """,
        example: "let penguins = read_csv(\"data/penguins.csv\", target: \"species\")\nlet folds = group_kfold(penguins, groups: \"island\", k: 3)\nlen(folds)  # 3"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "group_kfold")
        guard case .string(let column) = args[1] else { return .null }
        return pairs(
          try DataBridge.run { try dataset.groupKFold(k: DataBridge.int(args[2]), column: column) })
      },
      Builtin(
        "time_series_split",
        [
          BuiltinParameter("dataset", .native("Dataset")),
          BuiltinParameter("n_splits", .int, default: "5"),
          BuiltinParameter("test_size", .optional(.int), default: "nil"),
          BuiltinParameter("gap", .int, default: "0"),
        ],
        returns: "List",
        doc: """
          Time-series splits: a list of (train, validation) tuples in row order, where training \
          rows always come before the validation rows, as scikit-learn's TimeSeriesSplit. Each \
          validation set has 'test_size' rows (default rows / (n_splits + 1)); 'gap' rows are left \
          out between train and validation.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet splits = time_series_split(iris, n_splits: 3)\nlen(splits[0][0])  # 39"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "time_series_split")
        var testSize: Int? = nil
        if case .int(let size) = args[2] { testSize = size }
        return pairs(
          try DataBridge.run {
            try dataset.timeSeriesSplit(
              splits: DataBridge.int(args[1]), testSize: testSize, gap: DataBridge.int(args[3]))
          })
      },
      Builtin(
        "sample",
        [
          BuiltinParameter("dataset", .native("Dataset")), BuiltinParameter("n", .int),
          BuiltinParameter("seed", .optional(.int), default: "nil"),
          BuiltinParameter("replace", .bool, default: "false"),
        ],
        returns: "Dataset",
        doc: """
          n rows drawn at random with 'seed' (the same seed gives the same rows; default: drawn \
          from the session's generator), without \
          replacement unless 'replace' (a bootstrap sample).
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlen(sample(iris, 10, seed: 1))  # 10"
      ) { args, context in
        let dataset = try DataBridge.dataset(args[0], "sample")
        return .native(
          DatasetValue(
            try DataBridge.run {
              try dataset.sample(
                DataBridge.int(args[1]), replace: DataBridge.bool(args[3]),
                seed: DataBridge.seed(args[2], context))
            }))
      },
    ]
  }

  /// A Melix list of `(train, validation)` tuples.
  private static func pairs(_ folds: [(train: Dataset, validation: Dataset)]) -> Value {
    .list(
      ListRef(
        folds.map { fold in
          .tuple(
            TupleRef([.native(DatasetValue(fold.train)), .native(DatasetValue(fold.validation))]))
        }))
  }
}
