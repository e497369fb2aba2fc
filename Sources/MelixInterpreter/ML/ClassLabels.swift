import MelixNumerics

/// Class labels as the metric built-ins read them: integer codes, and the name of each
/// class when the value carries them.
///
/// A value carries class names when it is a tensor of a Dataset's target (`ds.y`), the
/// result of `predict` of a model trained on named classes, or a list of class names as
/// Strings (`ds["species"]`, scikit-learn's string labels; their classes are the sorted
/// names). Two label arguments that both carry names are compared by name, never by code:
/// a checkpoint saved in scikit-learn's class order (malignant, benign) predicts code 0 for
/// 'malignant' where the CSV codes 'benign' as 0. Plain integer codes (a literal list, a
/// tensor computed from labels) are compared as they are; mixing the two is an error,
/// as scikit-learn refuses a mix of string and number labels.
struct ClassLabels {
  /// The labels `[nSamples]`: indices into `classes` when it is set, else raw codes.
  var codes: [Int]
  /// The class of each code, or nil for plain integer codes.
  var classes: [String]?
  /// Whether the labels were given as a list of Strings (`classes` are then sorted).
  var isStrings = false

  /// Reads a label argument: a tensor (with or without class names), a list of numbers or
  /// Bools, or a list of class names as Strings.
  ///
  /// - Parameters:
  ///   - value: The argument.
  ///   - function: The built-in, for errors.
  ///   - parameter: The parameter, for errors.
  /// - Returns: The labels.
  /// - Throws: `MelixError` naming the argument for a non-integer label, a list mixing
  ///   Strings with other values, or a code outside the tensor's classes.
  static func read(_ value: Value, _ function: String, _ parameter: String) throws -> ClassLabels {
    if case .list(let list) = value, case .string? = list.items.first {
      var names: [String] = []
      names.reserveCapacity(list.items.count)
      for (i, item) in list.items.enumerated() {
        guard case .string(let name) = item else {
          throw MelixError(
            "argument '\(parameter)' of '\(function)': class names must all be Strings, "
              + "element \(i) is \(item.typeName)")
        }
        names.append(name)
      }
      let classes = Array(Set(names)).sorted()
      let position = positions(classes)
      return ClassLabels(
        codes: names.map { position[$0] ?? 0 }, classes: classes, isStrings: true)
    }
    let codes = try MLBridge.labels(value, function, parameter)
    guard let classes = names(of: value) else { return ClassLabels(codes: codes, classes: nil) }
    if let i = codes.firstIndex(where: { $0 < 0 || $0 >= classes.count }) {
      throw MelixError(
        "argument '\(parameter)' of '\(function)': class code \(codes[i]) of element \(i) is "
          + "outside its \(classes.count) classes")
    }
    return ClassLabels(codes: codes, classes: classes)
  }

  /// The class names a tensor value carries (`ds.y`, `predict`, `predict_proba`), if any.
  static func names(of value: Value) -> [String]? {
    if case .native(let n) = value, let t = n as? TensorValue { return t.classNames }
    return nil
  }

  /// A tensor of a model's predictions that carries the model's class names when it has
  /// them: class codes `[nSamples]` of `predict`, or probabilities `[nSamples, nClasses]`
  /// of `predict_proba` (one name per column).
  ///
  /// - Parameters:
  ///   - tensor: The predictions.
  ///   - model: The model that made them.
  ///   - columns: Whether `tensor` is a probability matrix (its column count must then be
  ///     the number of classes).
  /// - Returns: The tensor as a Melix value.
  static func predictions(_ tensor: Tensor, of model: ModelValue, columns: Bool) -> Value {
    let names = model.classNames
    guard model.task == .classification, !names.isEmpty,
      !columns || (tensor.rank == 2 && tensor.shape[1] == names.count)
    else { return .tensor(tensor) }
    return .native(TensorValue(tensor, classNames: names))
  }

  /// Both label arguments of a metric as codes in one class order, so equal codes are
  /// equal classes.
  ///
  /// With names on both sides the order is y_true's classes, then the classes only y_pred
  /// has (for two lists of Strings, the sorted union, as scikit-learn); plain codes on both
  /// sides are returned as they are.
  ///
  /// - Parameters:
  ///   - yTrue: The true labels.
  ///   - yPred: The predicted labels.
  ///   - function: The built-in, for errors.
  /// - Returns: The codes of both, `[nSamples]` each.
  /// - Throws: `MelixError` when one side carries class names and the other does not, or
  ///   when the two class lists have no name in common; the message names both lists.
  static func paired(_ yTrue: ClassLabels, _ yPred: ClassLabels, _ function: String) throws
    -> (yTrue: [Int], yPred: [Int])
  {
    guard let trueClasses = yTrue.classes, let predClasses = yPred.classes else {
      try requireBothPlain(
        (yTrue.classes, .labels("y_true")), (yPred.classes, .labels("y_pred")), function)
      return (yTrue.codes, yPred.codes)
    }
    if trueClasses == predClasses { return (yTrue.codes, yPred.codes) }
    guard !Set(trueClasses).isDisjoint(with: predClasses) else {
      throw MelixError(
        "'\(function)': the classes of y_true (\(list(trueClasses))) and of y_pred "
          + "(\(list(predClasses))) have no name in common")
    }
    let order = commonClasses(yTrue, yPred) ?? trueClasses
    let position = positions(order)
    func recode(_ labels: ClassLabels, _ classes: [String]) -> [Int] {
      let map = classes.map { position[$0] ?? 0 }
      return labels.codes.map { map[$0] }
    }
    return (recode(yTrue, trueClasses), recode(yPred, predClasses))
  }

  /// The class of each code that `paired` returns: y_true's classes, then the classes only
  /// y_pred has (for two lists of Strings, the sorted union); nil when either side is plain
  /// codes.
  static func commonClasses(_ yTrue: ClassLabels, _ yPred: ClassLabels) -> [String]? {
    guard let trueClasses = yTrue.classes, let predClasses = yPred.classes else { return nil }
    if trueClasses == predClasses { return trueClasses }
    if yTrue.isStrings && yPred.isStrings {
      return Array(Set(trueClasses).union(predClasses)).sorted()
    }
    let known = Set(trueClasses)
    return trueClasses + predClasses.filter { !known.contains($0) }
  }

  /// True labels and a probability matrix `[nSamples, nClasses]` with its columns matched to
  /// the labels' classes by name.
  ///
  /// With names on both sides the columns are reordered into y_true's class order (then the
  /// classes y_true lacks), the codes rewritten to match, and every column's class is passed
  /// as `labels` (scikit-learn's `labels=` with the model's classes); plain codes with plain
  /// columns are returned as they are, with no `labels`.
  ///
  /// - Parameters:
  ///   - yTrue: The true labels.
  ///   - rows: The probability rows, `[nSamples][nClasses]`.
  ///   - columns: The class of each column, if the matrix carries them (`predict_proba`).
  ///   - parameter: The matrix's parameter name, for errors.
  ///   - function: The built-in, for errors.
  /// - Returns: The codes, the reordered rows, the labels of the columns (or nil) and the
  ///   class of each code after reordering (nil for plain codes).
  /// - Throws: `MelixError` when one side carries class names and the other does not, or
  ///   when a class present in y_true has no column; the message names both lists.
  static func pairedColumns(
    _ yTrue: ClassLabels, _ rows: [[Double]], columns: [String]?, _ parameter: String,
    _ function: String
  ) throws -> (yTrue: [Int], rows: [[Double]], labels: [Int]?, classes: [String]?) {
    guard let trueClasses = yTrue.classes, let columns else {
      try requireBothPlain(
        (yTrue.classes, .labels("y_true")), (columns, .columns(parameter)), function)
      return (yTrue.codes, rows, nil, nil)
    }
    let column = positions(columns)
    for code in Set(yTrue.codes).sorted() where column[trueClasses[code]] == nil {
      throw MelixError(
        "'\(function)': y_true has class '\(trueClasses[code])', which '\(parameter)' has no "
          + "column for; y_true's classes are \(list(trueClasses)), the columns' are "
          + "\(list(columns))")
    }
    let known = Set(trueClasses)
    let order = trueClasses.filter { column[$0] != nil } + columns.filter { !known.contains($0) }
    let position = positions(order)
    let source = order.map { column[$0] ?? 0 }
    let codes = yTrue.codes.map { position[trueClasses[$0]] ?? 0 }
    let reordered =
      source == Array(0..<columns.count) ? rows : rows.map { row in source.map { row[$0] } }
    return (codes, reordered, Array(0..<order.count), order)
  }

  /// An argument of a metric, as its errors name it.
  private enum Side {
    /// Labels: `y_true` or `y_pred`.
    case labels(String)
    /// The columns of a probability matrix.
    case columns(String)

    /// `y_true carries` / `the columns of 'probabilities' carry`.
    var carries: String {
      switch self {
      case .labels(let name): return "\(name) carries"
      case .columns(let name): return "the columns of '\(name)' carry"
      }
    }

    /// `y_true is plain integer codes` / `the columns of 'probabilities' carry no class names`.
    var plain: String {
      switch self {
      case .labels(let name): return "\(name) is plain integer codes"
      case .columns(let name): return "the columns of '\(name)' carry no class names"
      }
    }
  }

  /// Throws when the true labels carry class names but the scores are one column `[n]`,
  /// which names no class: `predict_proba(model, x)[:, 1]` of a checkpoint whose classes
  /// are ordered differently from the data scores the wrong class, silently.
  ///
  /// - Parameters:
  ///   - yTrue: The true labels.
  ///   - parameter: The scores' parameter name, for errors.
  ///   - function: The built-in, for errors.
  /// - Throws: `MelixError` naming y_true's classes.
  static func requirePlain(_ yTrue: ClassLabels, forScores parameter: String, _ function: String)
    throws
  {
    guard let classes = yTrue.classes else { return }
    var error = MelixError(
      "'\(function)': y_true carries the classes \(list(classes)) but '\(parameter)' is one "
        + "column of scores, which names no class, so they cannot be matched by name")
    error.help =
      "pass the whole probability matrix 'predict_proba(model, x)': its columns carry their "
      + "classes, and with two classes the positive class's column is scored"
    throw error
  }

  /// Throws unless both sides are plain (neither carries class names).
  private static func requireBothPlain(
    _ a: ([String]?, Side), _ b: ([String]?, Side), _ function: String
  ) throws {
    switch (a.0, b.0) {
    case (let classes?, nil): throw mixed(a.1, classes, plain: b.1, function)
    case (nil, let classes?): throw mixed(b.1, classes, plain: a.1, function)
    default: return
    }
  }

  private static func mixed(_ named: Side, _ classes: [String], plain: Side, _ function: String)
    -> MelixError
  {
    var error = MelixError(
      "'\(function)': \(named.carries) the classes \(list(classes)) but \(plain.plain), so "
        + "they cannot be matched by name")
    error.help =
      "pass both with their classes: 'ds.y' of a Dataset and 'predict' or 'predict_proba' "
      + "of the model (or class names as Strings); indexing a tensor drops its classes, so "
      + "slice the Dataset ('ds[0:10].y') rather than 'ds.y' (stripping the names with "
      + "'tensor(ds.y)' compares codes whose classes may differ, silently)"
    return error
  }

  /// The position of each name (the first, for a name listed twice).
  private static func positions(_ names: [String]) -> [String: Int] {
    Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// `'a', 'b', 'c'`.
  private static func list(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
  }
}
