import MelixData

extension BuiltinTable {
  /// standard_scaler minmax_scaler imputer one_hot label_encoder.
  static var dataTransformers: [Builtin] {
    [
      Builtin(
        "standard_scaler",
        [
          BuiltinParameter("columns", .optional(.list), default: "nil"),
          BuiltinParameter("with_mean", .bool, default: "true"),
          BuiltinParameter("with_std", .bool, default: "true"),
        ],
        returns: "Transformer",
        doc: """
          A transformer that standardises numeric features: 'fit(train)' learns each column's \
          mean and population std (n in the denominator, as scikit-learn's StandardScaler); \
          'transform(ds)' computes (x - mean) / std. A constant column becomes zeros, not NaN; \
          missing values stay missing. 'columns' limits it to some features. Methods: fit, \
          transform, fit_transform, inverse_transform; fields mean, scale, columns.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet sc = standard_scaler().fit(train_set)\nlet test_scaled = sc.transform(test_set)"
      ) { args, _ in
        .native(
          TransformerValue(
            .standard(
              StandardScaler(
                columns: try DataBridge.optionalStrings(args[0], "standard_scaler", "columns"),
                withMean: DataBridge.bool(args[1]), withStd: DataBridge.bool(args[2])))))
      },
      Builtin(
        "minmax_scaler",
        [
          BuiltinParameter("columns", .optional(.list), default: "nil"),
          BuiltinParameter("low", .number, default: "0"),
          BuiltinParameter("high", .number, default: "1"),
        ],
        returns: "Transformer",
        doc: """
          A transformer that rescales numeric features to low...high (default 0...1), as \
          scikit-learn's MinMaxScaler: 'fit(train)' learns each column's min and max; \
          'transform(ds)' maps min to low and max to high (values outside the training range map \
          outside it). A constant column maps to 'low'. Fields data_min, data_max, scale, offset.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet mm = minmax_scaler().fit(train_set)\nmm.data_min  # per-column minimum"
      ) { args, _ in
        .native(
          TransformerValue(
            .minmax(
              MinMaxScaler(
                columns: try DataBridge.optionalStrings(args[0], "minmax_scaler", "columns"),
                low: args[1].asDouble ?? 0, high: args[2].asDouble ?? 1))))
      },
      Builtin(
        "imputer",
        [
          BuiltinParameter("strategy", .string, default: "\"mean\""),
          BuiltinParameter("fill_value", .number, default: "0"),
          BuiltinParameter("fill_level", .string, default: "\"missing\""),
        ],
        returns: "Transformer",
        doc: """
          A transformer that fills missing values with what 'fit(train)' learns, as scikit-learn's \
          SimpleImputer. 'strategy': "mean", "median", "most_frequent" (numbers and categories; \
          ties go to the smallest value or first level) or "constant" ('fill_value' for numbers, \
          'fill_level' for categories). Mean and median leave categorical columns as they are. \
          Field 'fills' maps each column to its fill value.
          """,
        example:
          "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet imp = imputer(strategy: \"median\").fit(train_set)\nlet complete = imp.transform(test_set)"
      ) { args, _ in
        guard case .string(let name) = args[0], let strategy = ImputeStrategy(rawValue: name) else {
          throw MelixError(
            DataMessages.choice(
              "imputer", "strategy", options: ["mean", "median", "most_frequent", "constant"],
              got: args[0].repr))
        }
        let level = DataBridge.string(args[2]) ?? "missing"
        return .native(
          TransformerValue(
            .imputer(
              Imputer(strategy: strategy, fillValue: args[1].asDouble ?? 0, fillLevel: level))))
      },
      Builtin(
        "one_hot",
        [
          BuiltinParameter("columns", .optional(.list), default: "nil"),
          BuiltinParameter("handle_unknown", .string, default: "\"error\""),
        ],
        returns: "Transformer",
        doc: """
          A transformer that replaces categorical columns (all, or 'columns') with 0/1 indicator \
          features named column_level, as scikit-learn's OneHotEncoder: 'fit(train)' learns the \
          levels present; a missing value encodes as all zeros. A level not seen when fitting is an \
          error, or all zeros with handle_unknown: "ignore". Fields categories, feature_names.
          """,
        example:
          "let penguins = read_csv(\"data/penguins.csv\", target: \"species\")\nlet enc = one_hot(columns: [\"island\"]).fit(penguins)\nenc.feature_names  # [\"island_Biscoe\", \"island_Dream\", \"island_Torgersen\"]"
      ) { args, _ in
        guard case .string(let name) = args[1],
          let unknown = OneHotEncoder.UnknownLevel(rawValue: name)
        else {
          throw MelixError(
            DataMessages.choice(
              "one_hot", "handle_unknown", options: ["error", "ignore"], got: args[1].repr))
        }
        return .native(
          TransformerValue(
            .oneHot(
              OneHotEncoder(
                columns: try DataBridge.optionalStrings(args[0], "one_hot", "columns"),
                handleUnknown: unknown))))
      },
      Builtin(
        "label_encoder", [BuiltinParameter("column", .optional(.string), default: "nil")],
        returns: "Transformer",
        doc: """
          A transformer that maps text labels to codes 0..n-1 in sorted order, as scikit-learn's \
          LabelEncoder. 'fit' takes a list of strings, or a Dataset: its class target, or the \
          categorical column 'column'. 'transform' of a list gives a list of Ints; of a Dataset, \
          with 'column' a Dataset whose column holds the codes, without it the codes of the class \
          target as a list. 'inverse_transform' maps codes back to labels. Field 'classes'.
          """,
        example:
          "let le = label_encoder().fit([\"b\", \"a\", \"b\"])\nle.transform([\"a\", \"b\"])  # [0, 1]"
      ) { args, _ in
        .native(TransformerValue(.label(LabelEncoder(), column: DataBridge.string(args[0]))))
      },
    ]
  }
}
