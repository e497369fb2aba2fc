/// The missing-value tokens as bytes, checked only when a field is not a number.
struct MissingTokens {
  let tokens: [[UInt8]]
  let includesEmpty: Bool

  init(_ values: Set<String>) {
    tokens = values.filter { !$0.isEmpty }.map { Array($0.utf8) }
    includesEmpty = values.contains("")
  }

  func matches(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
    if field.isEmpty { return includesEmpty }
    candidates: for token in tokens where token.count == field.count {
      for k in 0..<token.count where token[k] != field[k] { continue candidates }
      return true
    }
    return false
  }
}

/// Accumulates one column while the file streams past, deciding its type on the first
/// non-missing value (see `CSVOptions` for the rule).
struct CSVColumnBuilder {
  enum State { case undecided, number, text }

  let name: String
  let override: ColumnType?
  let missing: MissingTokens
  var state: State = .undecided
  var leadingMissing = 0
  var numbers: [Double] = []
  /// Position in the parser's row-major feature buffer, or -1 while numbers go to
  /// `numbers` (see `CSVReader.Parser.buildsRowMajor`).
  var slot = -1
  var codes: [Int] = []
  var levelIndex: [String: Int] = [:]
  var levels: [String] = []

  init(name: String, override: ColumnType?, missing: MissingTokens) {
    self.name = name
    self.override = override
    self.missing = missing
    switch override {
    case .number: state = .number
    case .category, .bool: state = .text
    case nil: state = .undecided
    }
  }

  /// Reserves room for `rows` values (a hint from the file size).
  mutating func reserve(_ rows: Int) {
    switch state {
    case .number: numbers.reserveCapacityWithHugePages(rows)
    case .text: codes.reserveCapacityWithHugePages(rows)
    case .undecided: break
    }
  }

  /// Adds a parsed number: to the row-major `sink` when the column has a slot there,
  /// else to `numbers`.
  @inline(__always)
  mutating func appendNumber(_ value: Double, sink: inout [Double]) {
    if slot >= 0 { sink.append(value) } else { numbers.append(value) }
  }

  /// Adds one field; a quoted field is never a missing-value token.
  ///
  /// - Returns: false if the column holds numbers and the field is neither a number nor
  ///   missing (the caller reports it with the file, line and row).
  mutating func append(
    _ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, sink: inout [Double]
  ) -> Bool {
    switch state {
    case .number:
      if let value = NumberParser.parse(bytes) {
        appendNumber(value, sink: &sink)
      } else if (!quoted && missing.matches(bytes)) || (quoted && bytes.isEmpty) {
        appendNumber(.nan, sink: &sink)
      } else {
        return false
      }
    case .text:
      if !quoted && missing.matches(bytes) {
        codes.append(-1)
      } else {
        appendText(String(decoding: bytes, as: UTF8.self))
      }
    case .undecided:
      if (!quoted && missing.matches(bytes)) || (quoted && bytes.isEmpty) {
        leadingMissing += 1
        return true
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
    return true
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

  /// Appends `other`'s values (the next part of the same file) in place.
  ///
  /// - Returns: false when the parts disagree on the type (number in one, text in the
  ///   other); the builder is then left unusable.
  mutating func append(contentsOf other: CSVColumnBuilder) -> Bool {
    switch (state, other.state) {
    case (.undecided, .undecided):
      leadingMissing += other.leadingMissing
    case (.undecided, .number):
      let missing = leadingMissing
      self = other
      numbers.insert(contentsOf: repeatElement(Double.nan, count: missing), at: 0)
    case (.undecided, .text):
      let missing = leadingMissing
      self = other
      codes.insert(contentsOf: repeatElement(-1, count: missing), at: 0)
    case (.number, .undecided):
      numbers.append(contentsOf: repeatElement(Double.nan, count: other.leadingMissing))
    case (.number, .number):
      numbers.append(contentsOf: other.numbers)
    case (.text, .undecided):
      codes.append(contentsOf: repeatElement(-1, count: other.leadingMissing))
    case (.text, .text):
      var remap: [Int] = []
      for level in other.levels {
        if let code = levelIndex[level] {
          remap.append(code)
        } else {
          levelIndex[level] = levels.count
          remap.append(levels.count)
          levels.append(level)
        }
      }
      codes.reserveCapacity(codes.count + other.codes.count)
      for code in other.codes { codes.append(code < 0 ? -1 : remap[code]) }
    case (.number, .text), (.text, .number):
      return false
    }
    return true
  }

  /// Finishes the column: sorts (or orders) levels, converts bool-like text.
  func finish(file: String, lines: [Int], order: [String]?) throws -> CSVColumnData {
    switch state {
    case .undecided:
      // All values missing: a number column of NaN, unless told otherwise.
      if override == .category {
        return .category(codes: [Int](repeating: -1, count: leadingMissing), levels: [])
      }
      return .number([Double](repeating: .nan, count: leadingMissing))
    case .number:
      return .number(numbers)
    case .text:
      let boolValues = levels.map(CSVColumnBuilder.boolValue)
      let looksBool =
        !levels.isEmpty && levels.allSatisfy { ["true", "false"].contains($0.lowercased()) }
      if override == .bool || (override == nil && looksBool) {
        if let bad = boolValues.firstIndex(where: { $0 == nil }) {
          let row = codes.firstIndex(of: bad) ?? 0
          throw DataError.notABool(
            file: file, line: row < lines.count ? lines[row] : 0, row: row + 1, column: name,
            value: levels[bad])
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
