/// Where a field sits, for error messages.
struct FieldContext {
  let file: String
  let line: Int
  let row: Int
}

/// Accumulates one column while the file streams past, deciding its type on the first
/// non-missing value (see `CSVOptions` for the rule).
struct CSVColumnBuilder {
  enum State { case undecided, number, text }

  let name: String
  let override: ColumnType?
  var state: State = .undecided
  var leadingMissing = 0
  var numbers: [Double] = []
  var codes: [Int] = []
  var levelIndex: [String: Int] = [:]
  var levels: [String] = []

  init(name: String, override: ColumnType?) {
    self.name = name
    self.override = override
    switch override {
    case .number: state = .number
    case .category, .bool: state = .text
    case nil: state = .undecided
    }
  }

  /// Adds one field. `isMissingToken` is precomputed by the reader for unquoted fields.
  mutating func append(
    _ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, isMissingToken: Bool, context: @autoclosure () -> FieldContext
  ) throws {
    switch state {
    case .number:
      if let value = NumberParser.parse(bytes) {
        numbers.append(value)
      } else if (!quoted && isMissingToken) || (quoted && bytes.isEmpty) {
        numbers.append(.nan)
      } else {
        let where_ = context()
        throw DataError.notANumber(
          file: where_.file, line: where_.line, row: where_.row, column: name,
          value: String(decoding: bytes, as: UTF8.self))
      }
    case .text:
      if !quoted && isMissingToken {
        codes.append(-1)
      } else {
        appendText(String(decoding: bytes, as: UTF8.self))
      }
    case .undecided:
      if (!quoted && isMissingToken) || (quoted && bytes.isEmpty) {
        leadingMissing += 1
        return
      }
      if let value = NumberParser.parse(bytes) {
        state = .number
        numbers = [Double](repeating: .nan, count: leadingMissing)
        numbers.append(value)
      } else {
        state = .text
        codes = [Int](repeating: -1, count: leadingMissing)
        appendText(String(decoding: bytes, as: UTF8.self))
      }
    }
  }

  private mutating func appendText(_ text: String) {
    if let code = levelIndex[text] {
      codes.append(code)
    } else {
      let code = levels.count
      levelIndex[text] = code
      levels.append(text)
      codes.append(code)
    }
  }

  /// Finishes the column: sorts (or orders) levels, converts bool-like text.
  func finish(file: String, lines: [Int], order: [String]?) throws -> CSVColumnData {
    switch state {
    case .undecided:
      // All values missing: a number column of NaN, unless told otherwise.
      if override == .category { return .category(codes: [Int](repeating: -1, count: leadingMissing), levels: []) }
      return .number([Double](repeating: .nan, count: leadingMissing))
    case .number:
      return .number(numbers)
    case .text:
      let boolValues = levels.map(CSVColumnBuilder.boolValue)
      let looksBool = !levels.isEmpty && levels.allSatisfy { ["true", "false"].contains($0.lowercased()) }
      if override == .bool || (override == nil && looksBool) {
        if let bad = boolValues.firstIndex(where: { $0 == nil }) {
          let row = codes.firstIndex(of: bad) ?? 0
          throw DataError.notABool(
            file: file, line: row < lines.count ? lines[row] : 0, row: row + 1, column: name, value: levels[bad])
        }
        return .bool(codes.map { $0 < 0 ? .nan : (boolValues[$0] == true ? 1 : 0) })
      }
      var sorted = order ?? []
      let listed = Set(sorted)
      sorted += levels.filter { !listed.contains($0) }.sorted()
      var newIndex: [String: Int] = [:]
      for (index, level) in sorted.enumerated() { newIndex[level] = index }
      let remap = levels.map { newIndex[$0] ?? -1 }
      return .category(codes: codes.map { $0 < 0 ? -1 : remap[$0] }, levels: sorted)
    }
  }

  static func boolValue(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "t", "yes", "y", "1": return true
    case "false", "f", "no", "n", "0": return false
    default: return nil
    }
  }
}
