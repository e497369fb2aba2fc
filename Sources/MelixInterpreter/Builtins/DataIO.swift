import MelixData

extension BuiltinTable {
  /// read_csv load save.
  static var dataIO: [Builtin] {
    [
      Builtin(
        "read_csv",
        [
          BuiltinParameter("path", .string),
          BuiltinParameter("target", .optional(.string), default: "nil"),
          BuiltinParameter("missing", .optional(.list), default: "nil"),
          BuiltinParameter("types", .optional(.dict), default: "nil"),
          BuiltinParameter("task", .optional(.string), default: "nil"),
          BuiltinParameter("delimiter", .string, default: "\",\""),
          BuiltinParameter("levels", .optional(.dict), default: "nil"),
        ],
        returns: "Dataset",
        doc: """
          Reads a CSV file (RFC 4180: header row, quoted fields, UTF-8 BOM, CRLF) into a Dataset. \
          A relative path is relative to the script's folder (the working directory at the REPL). \
          'target' names the target column; the task is classification for a text target or one with \
          at most 20 distinct integers, else regression, unless 'task' says "classification" or \
          "regression". 'missing' lists the field texts that mean missing (default "", "NA", "NaN", \
          "null", "?"). 'types' maps column names to "number", "category" or "bool". 'levels' maps a text column to its level order (otherwise \
          levels are sorted; unlisted values become extra levels; a level listed twice or a column not in \
          the file is an error). A ragged row or a non-number in a numeric column is an error naming the file, line, row and column.
          """,
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\niris.shape  # (150, 5)"
      ) { args, context in
        guard case .string(let written) = args[0] else { return .null }
        var options = CSVOptions()
        if case .list(let list) = args[2] {
          options.missingValues = Set(try DataBridge.strings(.list(list), "read_csv", "missing"))
        }
        if case .dict(let dict) = args[3] { options.types = try columnTypes(dict) }
        if case .dict(let dict) = args[6] { options.levels = try levelOrders(dict) }
        guard case .string(let delimiter) = args[5], delimiter.utf8.count == 1,
          let byte = delimiter.utf8.first
        else {
          throw MelixError(DataMessages.delimiter)
        }
        guard !["\"", "\n", "\r"].contains(delimiter) else { throw MelixError(DataMessages.delimiterReserved) }
        options.delimiter = byte
        let task = try taskKind(args[4], "read_csv")
        let path = DataBridge.resolve(written, context: context)
        try FileChecks.requireNotHDF5(path, as: written)
        let dataset = try DataBridge.run(path: path, as: written) {
          try readCSV(path: path, target: DataBridge.string(args[1]), task: task, options: options)
        }
        // A misspelt column in 'types' or 'levels' would silently not apply.
        for (argument, names) in [("types", Array(options.types.keys)), ("levels", Array(options.levels.keys))] {
          if let unknown = names.sorted().first(where: { !dataset.columns.contains($0) }) {
            let error = DataError.unknownColumn(name: unknown, available: dataset.columns)
            throw MelixError(DataMessages.optionForUnknownColumn(argument, "\(error)"))
          }
        }
        return .native(DatasetValue(dataset))
      },
      Builtin(
        "load",
        [
          BuiltinParameter("path", .string),
          BuiltinParameter("target", .optional(.string), default: "nil"),
        ],
        returns: "Dataset",
        doc: """
          Loads a dataset by the file's extension: '.csv' as 'read_csv' (with 'target'), '.h5' or \
          '.hdf5' in the Melix HDF5 layout (/X, /y, /categorical, attributes feature_names, \
          target_names, task), which records its own target. A relative path is relative to the \
          script's folder. A missing, truncated or non-HDF5 file is an error naming the file.
          """,
        example:
          "let iris = load(\"data/iris.h5\")\niris.classes  # [\"setosa\", \"versicolor\", \"virginica\"]"
      ) { args, context in
        guard case .string(let written) = args[0] else { return .null }
        let path = DataBridge.resolve(written, context: context)
        let dataset = try DataBridge.run(path: path, as: written) {
          try MelixData.load(path: path, target: DataBridge.string(args[1]))
        }
        return .native(DatasetValue(dataset))
      },
      Builtin(
        "save",
        [BuiltinParameter("dataset", .native("Dataset")), BuiltinParameter("path", .string)],
        returns: "Nil",
        doc: """
          Writes a dataset by the file's extension: '.csv' (a header row, numbers in shortest \
          round-trip form, missing values empty) or '.h5'/'.hdf5' (the Melix HDF5 layout, readable \
          by h5py). The write is atomic: a temporary file, then a rename. A relative path is \
          relative to the script's folder.
          """,
        example: "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nsave(iris, \"iris_copy.h5\")"
      ) { args, context in
        let dataset = try DataBridge.dataset(args[0], "save")
        guard case .string(let written) = args[1] else { return .null }
        let path = DataBridge.resolve(written, context: context)
        try FileChecks.requireWritableFolder(path, as: written)
        try DataBridge.run(path: path, as: written) { try MelixData.save(dataset, path: path) }
        return .null
      },
    ]
  }

  /// `types:` of `read_csv`: column name → "number", "category" or "bool".
  private static func columnTypes(_ dict: DictRef) throws -> [String: ColumnType] {
    var types: [String: ColumnType] = [:]
    for (key, value) in zip(dict.keys, dict.values) {
      guard case .string(let name) = key, case .string(let typeName) = value,
        let type = ColumnType(rawValue: typeName)
      else {
        throw MelixError(DataMessages.columnType(key: key.repr, value: value.repr))
      }
      types[name] = type
    }
    return types
  }

  /// `levels:` of `read_csv`: column name → list of level names in order.
  private static func levelOrders(_ dict: DictRef) throws -> [String: [String]] {
    var levels: [String: [String]] = [:]
    for (key, value) in zip(dict.keys, dict.values) {
      guard case .string(let name) = key else {
        throw MelixError(DataMessages.levelOrder(key: key.repr))
      }
      let order = try DataBridge.strings(value, "read_csv", "levels")
      var seen: Set<String> = []
      for level in order where !seen.insert(level).inserted {
        throw MelixError(DataMessages.repeatedLevel(level, column: name))
      }
      levels[name] = order
    }
    return levels
  }

  /// `task:`: nil, "classification" or "regression".
  static func taskKind(_ value: Value, _ function: String) throws -> TaskKind? {
    guard case .string(let text) = value else { return nil }
    guard let task = TaskKind(rawValue: text) else {
      throw MelixError(
        DataMessages.choice(
          function, "task", options: ["classification", "regression"], got: value.repr))
    }
    return task
  }
}
