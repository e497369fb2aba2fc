/// Train/test splits, cross-validation folds and sampling. All randomness comes from a
/// `SeededGenerator` seeded by the caller's `seed`, so the same seed gives the same rows on
/// every run and platform.
extension Dataset {
  /// Splits the rows into a training and a test set (Melix's `split(ds, test:, stratify:, seed:)`).
  ///
  /// Sizes follow scikit-learn's `train_test_split`: `nTest = ceil(test × count)`,
  /// `nTrain = count − nTest`. With `stratify`, each class gets test rows in proportion to
  /// its size, like `StratifiedShuffleSplit`: first `floor(nTest × n_c / n)` per class, then
  /// the remaining test rows go to the classes with the largest fractional parts (ties: the
  /// earlier class). Rows inside each part keep no particular order (they are shuffled).
  ///
  /// - Parameters:
  ///   - test: Test fraction in (0, 1).
  ///   - stratify: Keep class proportions (needs a classification target).
  ///   - seed: Random seed.
  /// - Returns: `(train, test)`.
  /// - Throws: `DataError.invalidArgument` for a fraction outside (0, 1) or a split leaving a
  ///   side empty; `DataError.noTarget` / `.invalidArgument` if stratifying without a class
  ///   target; `DataError.classTooSmall` naming a class with fewer than 2 rows.
  public func split(test: Double, stratify: Bool = false, seed: UInt64) throws -> (
    train: Dataset, test: Dataset
  ) {
    guard test > 0, test < 1 else {
      throw DataError.invalidArgument(
        function: "split", message: "'test' must be in (0, 1), got \(test)")
    }
    let nTest = Int((test * Double(count)).rounded(.up))
    let nTrain = count - nTest
    guard nTest >= 1, nTrain >= 1 else {
      throw DataError.invalidArgument(
        function: "split",
        message:
          "test fraction \(test) of \(count) rows leaves \(nTrain) training and \(nTest) test rows")
    }
    var generator = SeededGenerator(seed: seed)
    if !stratify {
      let order = generator.permutation(count)
      return (try rows(Array(order[nTest...])), try rows(Array(order[..<nTest])))
    }
    let (groups, names) = try classGroups(operation: "stratified split", minimum: 2)
    let sizes = groups.map(\.count)
    if nTest < groups.count || nTrain < groups.count {
      throw DataError.invalidArgument(
        function: "split",
        message:
          "stratified split of \(count) rows into \(nTrain) train and \(nTest) test rows cannot hold all \(names.count) classes"
      )
    }
    let testCounts = apportion(nTest, sizes: sizes)
    var trainRows: [Int] = []
    var testRows: [Int] = []
    for (c, group) in groups.enumerated() {
      var members = group
      generator.shuffle(&members)
      testRows += members[..<testCounts[c]]
      trainRows += members[testCounts[c]...]
    }
    generator.shuffle(&trainRows)
    generator.shuffle(&testRows)
    return (try rows(trainRows), try rows(testRows))
  }

  /// k-fold cross-validation (Melix's `kfold(ds, k:, stratify:, seed:)`).
  ///
  /// Without `stratify`: the rows are shuffled and cut into `k` consecutive folds, the first
  /// `count % k` folds one row larger (scikit-learn's `KFold(shuffle=True)` sizes). With
  /// `stratify`: each class's shuffled rows are dealt round-robin over the folds, continuing
  /// where the previous class stopped, so every fold holds each class in proportion (within
  /// one row) and fold sizes differ by at most one, as `StratifiedKFold`.
  ///
  /// - Parameters:
  ///   - k: Number of folds, 2...count.
  ///   - stratify: Keep class proportions in each fold.
  ///   - seed: Random seed.
  /// - Returns: `k` pairs `(train, validation)`; every row is in exactly one validation set.
  /// - Throws: `DataError.invalidArgument` for a bad `k`; `DataError.classTooSmall` naming
  ///   a class with fewer than `k` rows when stratifying.
  public func kfold(k: Int, stratify: Bool = false, seed: UInt64) throws -> [(
    train: Dataset, validation: Dataset
  )] {
    let folds = try kfoldIndices(k: k, stratify: stratify, seed: seed)
    return try makeFolds(folds)
  }

  /// The validation row indices of each fold of `kfold(k:stratify:seed:)`.
  ///
  /// - Parameters:
  ///   - k: The number of folds, in `2...count`.
  ///   - stratify: Keep class proportions in every fold (needs a classification target).
  ///   - seed: Random seed; equal seeds give equal folds.
  /// - Returns: `k` arrays of row indices, disjoint, covering `0..<count`.
  /// - Throws: As `kfold(k:stratify:seed:)`.
  public func kfoldIndices(k: Int, stratify: Bool = false, seed: UInt64) throws -> [[Int]] {
    guard k >= 2, k <= count else {
      throw DataError.invalidArgument(
        function: "kfold", message: "'k' must be in 2...\(count), got \(k)")
    }
    var generator = SeededGenerator(seed: seed)
    var folds = [[Int]](repeating: [], count: k)
    if !stratify {
      let order = generator.permutation(count)
      var start = 0
      for fold in 0..<k {
        let size = count / k + (fold < count % k ? 1 : 0)
        folds[fold] = Array(order[start..<(start + size)])
        start += size
      }
      return folds
    }
    let (groups, _) = try classGroups(operation: "stratified \(k)-fold", minimum: k)
    var next = 0
    for group in groups {
      var members = group
      generator.shuffle(&members)
      for row in members {
        folds[next].append(row)
        next = (next + 1) % k
      }
    }
    return folds.map { $0.sorted() }
  }

  /// Group k-fold (Melix's `group_kfold`): rows of one group never straddle train and
  /// validation.
  ///
  /// Groups are assigned largest first to the fold with the fewest rows so far (ties: the
  /// lowest fold), as scikit-learn's `GroupKFold`; deterministic, so it takes no seed.
  /// - Parameters:
  ///   - k: Number of folds, 2...number of groups.
  ///   - groups: A group label per row, shape `[nSamples]`.
  /// - Returns: `k` pairs `(train, validation)`.
  /// - Throws: `DataError.shapeMismatch` if `groups.count != count`,
  ///   `DataError.invalidArgument` if there are fewer groups than folds.
  public func groupKFold<Group: Hashable>(k: Int, groups: [Group]) throws -> [(
    train: Dataset, validation: Dataset
  )] {
    if groups.count != count {
      throw DataError.shapeMismatch(
        operation: "group_kfold groups", expected: [count], got: [groups.count])
    }
    var members: [Group: [Int]] = [:]
    var firstSeen: [Group] = []
    for (row, group) in groups.enumerated() {
      if members[group] == nil { firstSeen.append(group) }
      members[group, default: []].append(row)
    }
    guard k >= 2, k <= firstSeen.count else {
      throw DataError.invalidArgument(
        function: "group_kfold",
        message: "'k' must be in 2...\(firstSeen.count) (the number of groups), got \(k)")
    }
    let ordered = firstSeen.enumerated().sorted { lhs, rhs in
      let (a, b) = (members[lhs.element]?.count ?? 0, members[rhs.element]?.count ?? 0)
      return a != b ? a > b : lhs.offset < rhs.offset
    }
    var folds = [[Int]](repeating: [], count: k)
    for (_, group) in ordered {
      let target =
        folds.indices.min {
          folds[$0].count < folds[$1].count || (folds[$0].count == folds[$1].count && $0 < $1)
        } ?? 0
      folds[target] += members[group] ?? []
    }
    return try makeFolds(folds.map { $0.sorted() })
  }

  /// Group k-fold with groups taken from a categorical or numeric column.
  ///
  /// - Parameters:
  ///   - k: Number of folds.
  ///   - column: Name of the column holding group labels.
  /// - Returns: `k` pairs `(train, validation)`.
  /// - Throws: `DataError.unknownColumn`, or as `groupKFold(k:groups:)`.
  public func groupKFold(k: Int, column: String) throws -> [(train: Dataset, validation: Dataset)] {
    switch try self.column(column) {
    case .numeric(let values):
      return try groupKFold(k: k, groups: values.map { $0.isNaN ? "nan" : "\($0)" })
    case .categorical(let data): return try groupKFold(k: k, groups: data.codes)
    case .target(.classes(let indices, _)): return try groupKFold(k: k, groups: indices)
    case .target(.values(let values)): return try groupKFold(k: k, groups: values.map { "\($0)" })
    }
  }

  /// Time-series splits (Melix's `time_series_split`): training rows always precede the
  /// validation rows, as scikit-learn's `TimeSeriesSplit`.
  ///
  /// Split `i` (0-based) validates on rows `[count − (splits − i) × testSize, + testSize)`
  /// and trains on every row before that, minus `gap` rows. Rows are in dataset order.
  /// - Parameters:
  ///   - splits: Number of splits, ≥ 2.
  ///   - testSize: Rows per validation set; default `count / (splits + 1)`.
  ///   - gap: Rows left out between train and validation (default 0).
  /// - Returns: `splits` pairs `(train, validation)`.
  /// - Throws: `DataError.invalidArgument` if the sizes do not fit in `count` rows.
  public func timeSeriesSplit(splits: Int, testSize: Int? = nil, gap: Int = 0) throws -> [(
    train: Dataset, validation: Dataset
  )] {
    // Overflow-safe for any Int the user passes: `splits + 1` and `splits * size` trapped.
    let size = testSize ?? (splits >= 1 && splits < Int.max ? count / (splits + 1) : 0)
    let (needed, overflow) = splits.multipliedReportingOverflow(by: size)
    guard splits >= 2, size >= 1, gap >= 0, !overflow, needed <= count, count - needed - gap >= 1 else {
      throw DataError.invalidArgument(
        function: "time_series_split",
        message: "\(splits) splits of \(size) rows with gap \(gap) do not fit in \(count) rows")
    }
    var out: [(train: Dataset, validation: Dataset)] = []
    for i in 0..<splits {
      let start = count - (splits - i) * size
      out.append((try rows(0..<(start - gap)), try rows(start..<(start + size))))
    }
    return out
  }

  /// A random sample of rows (Melix's `sample(ds, n, seed:)`).
  ///
  /// - Parameters:
  ///   - n: Number of rows.
  ///   - replace: Draw with replacement (bootstrap); without it, `n ≤ count`.
  ///   - seed: Random seed.
  /// - Returns: `n` rows in random order.
  /// - Throws: `DataError.invalidArgument` if `n` is negative or too large.
  public func sample(_ n: Int, replace: Bool = false, seed: UInt64) throws -> Dataset {
    guard n >= 0, replace || n <= count, !(replace && n > 0 && count == 0) else {
      throw DataError.invalidArgument(
        function: "sample",
        message: "cannot draw \(n) rows from \(count)\(replace ? "" : " without replacement")")
    }
    // With replacement any n is allowed: keep the result within the tensor size limit
    // (2^30 values) instead of exhausting memory.
    guard n <= (1 << 30) / Swift.max(1, columnOrder.count) else {
      throw DataError.invalidArgument(
        function: "sample", message: "\(n) rows of \(columnOrder.count) columns is too large a sample")
    }
    var generator = SeededGenerator(seed: seed)
    if replace { return try rows((0..<n).map { _ in generator.nextIndex(below: count) }) }
    // Partial Fisher–Yates: only the first n positions are settled.
    var order = Array(0..<count)
    for i in 0..<n {
      let j = i + generator.nextIndex(below: count - i)
      order.swapAt(i, j)
    }
    return try rows(Array(order[..<n]))
  }

  // MARK: - Helpers

  /// Row indices per class (in class order) and the class names.
  func classGroups(operation: String, minimum: Int) throws -> ([[Int]], [String]) {
    guard let target else { throw DataError.noTarget(operation: operation) }
    guard case .classes(let indices, let names) = target else {
      throw DataError.invalidArgument(
        function: operation,
        message: "stratifying needs a classification target, got a regression target")
    }
    var groups = [[Int]](repeating: [], count: names.count)
    for (row, label) in indices.enumerated() { groups[label].append(row) }
    for (c, group) in groups.enumerated() where !group.isEmpty && group.count < minimum {
      throw DataError.classTooSmall(
        operation: operation, className: names[c], count: group.count, needed: minimum)
    }
    let present = groups.indices.filter { !groups[$0].isEmpty }
    return (present.map { groups[$0] }, present.map { names[$0] })
  }

  private func makeFolds(_ folds: [[Int]]) throws -> [(train: Dataset, validation: Dataset)] {
    var foldOf = [Int](repeating: 0, count: count)
    for (f, fold) in folds.enumerated() { for row in fold { foldOf[row] = f } }
    return try folds.indices.map { f in
      (try rows((0..<count).filter { foldOf[$0] != f }), try rows(folds[f]))
    }
  }
}

/// Splits `total` into integer parts proportional to `sizes` (largest-remainder method;
/// ties go to the earlier part). The parts sum to `total` and part i ≤ sizes[i] − 1 when
/// total < sum(sizes) and every size ≥ 2.
func apportion(_ total: Int, sizes: [Int]) -> [Int] {
  let n = sizes.reduce(0, +)
  guard n > 0 else { return sizes.map { _ in 0 } }
  var parts = sizes.map { total * $0 / n }
  let remainders = sizes.enumerated().map { (index: $0.offset, rest: total * $0.element % n) }
  var left = total - parts.reduce(0, +)
  for item in remainders.sorted(by: { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
  ) where left > 0 {
    parts[item.index] += 1
    left -= 1
  }
  // Keep at least one training row per class.
  for i in parts.indices where parts[i] >= sizes[i] && sizes[i] > 1 {
    if let j = parts.indices.first(where: { parts[$0] < sizes[$0] - 1 }) {
      parts[i] -= 1
      parts[j] += 1
    }
  }
  return parts
}
