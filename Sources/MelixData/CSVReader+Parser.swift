#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CSVReader {
  /// The streaming state machine: header, then one record at a time.
  struct Parser {
    let file: String
    let options: CSVOptions
    let delimiter: UInt8
    let missing: MissingTokens
    var names: [String] = []
    var builders: [CSVColumnBuilder] = []
    var lines: [Int] = []
    var line = 1
    var row = 0
    var isAtStart = true
    var spans: [FieldSpan] = []
    var scratch: [UInt8] = []
    /// Stop after the header record (used to learn the column names before splitting).
    var stopsAfterHeader = false
    /// When set, `reserve` may switch the numeric feature columns (all columns but
    /// `rowMajorTarget`) to one row-major buffer, the layout of `FeatureMatrix`, so that
    /// `finishDataset` needs no transposing copy. Only when every such column already holds
    /// numbers; otherwise columns stay separate.
    var buildsRowMajor = false
    /// The target column's name, kept out of the row-major buffer.
    var rowMajorTarget: String?
    /// The row-major feature values, `[row, rowMajorWidth]`, once switched.
    var rowMajor: [Double] = []
    /// Number of columns in `rowMajor` (0 = not switched).
    var rowMajorWidth = 0

    struct FieldSpan {
      var start: Int
      var end: Int
      var quoted: Bool
      var escaped: Bool
    }

    init(file: String, options: CSVOptions) {
      self.file = file
      self.options = options
      self.delimiter = options.delimiter
      self.missing = MissingTokens(options.missingValues)
    }

    /// A parser for a later part of the file: the header is known, no BOM is expected.
    init(file: String, options: CSVOptions, names: [String]) {
      self.init(file: file, options: options)
      self.names = names
      self.builders = names.map {
        CSVColumnBuilder(name: $0, override: options.types[$0], missing: missing)
      }
      self.isAtStart = false
    }

    /// Appends the rows of `other` (the next part of the same file) in place.
    ///
    /// - Returns: false, leaving this parser unusable, if a column's type differs between
    ///   the parts (number in one, text in the other).
    mutating func append(_ other: Parser, lineOffset: Int) -> Bool {
      for k in builders.indices where !builders[k].append(contentsOf: other.builders[k]) {
        return false
      }
      lines.reserveCapacity(lines.count + other.lines.count)
      for line in other.lines { lines.append(line + lineOffset) }
      row += other.row
      return true
    }

    /// Parses every complete record in `bytes[from..<end]`; returns where the first
    /// incomplete record starts (or `end`).
    mutating func parseRecords(
      _ bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int, atEOF: Bool
    ) throws -> Int {
      var position = from
      if isAtStart {
        if end - position < 3 && !atEOF { return position }
        if end - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB,
          bytes[position + 2] == 0xBF
        {
          position += 3
        }
        isAtStart = false
      }
      guard let base = bytes.baseAddress else { return position }
      while position < end {
        if stopsAfterHeader && !names.isEmpty { return position }
        // Fast path: a complete line without quotes goes straight to the columns.
        if !names.isEmpty, let newline = memchr(base + position, 0x0A, end - position) {
          let lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
          if lineEnd > position, memchr(base + position, 0x22, lineEnd - position) == nil {
            try handlePlainLine(bytes, start: position, end: lineEnd)
            line += 1
            position = lineEnd + 1
            continue
          }
        }
        guard let (next, newlines) = try scanRecord(bytes, start: position, end: end, atEOF: atEOF)
        else {
          return position
        }
        try handleRecord(bytes)
        line += newlines
        position = next
      }
      return position
    }

    /// Finds the fields of the record at `start`; nil if it is not complete in the buffer.
    mutating func scanRecord(
      _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, atEOF: Bool
    ) throws -> (Int, Int)? {
      spans.removeAll(keepingCapacity: true)
      let quote = UInt8(ascii: "\"")
      let newline = UInt8(ascii: "\n")
      let carriage = UInt8(ascii: "\r")
      var i = start
      var newlines = 0
      while true {
        if i < end, p[i] == quote {
          i += 1
          let fieldStart = i
          var escaped = false
          var fieldEnd = 0
          while true {
            if i >= end {
              if atEOF { throw DataError.unterminatedQuote(file: file, line: line) }
              return nil
            }
            let byte = p[i]
            if byte == quote {
              if i + 1 >= end && !atEOF { return nil }
              if i + 1 < end && p[i + 1] == quote {
                escaped = true
                i += 2
                continue
              }
              fieldEnd = i
              i += 1
              break
            }
            if byte == newline { newlines += 1 }
            i += 1
          }
          spans.append(FieldSpan(start: fieldStart, end: fieldEnd, quoted: true, escaped: escaped))
          if i < end, p[i] == carriage, i + 1 < end, p[i + 1] == newline { i += 1 }
          if i < end, p[i] != delimiter, p[i] != newline {
            if !atEOF && i + 1 >= end { return nil }
            throw DataError.textAfterQuote(
              file: file, line: line + newlines, row: row + 1,
              column: spans.count <= names.count && !names.isEmpty
                ? names[spans.count - 1] : "#\(spans.count)")
          }
        } else {
          let fieldStart = i
          while i < end {
            let byte = p[i]
            if byte == delimiter || byte == newline { break }
            i += 1
          }
          if i >= end && !atEOF { return nil }
          var fieldEnd = i
          if fieldEnd > fieldStart, p[fieldEnd - 1] == carriage { fieldEnd -= 1 }
          spans.append(FieldSpan(start: fieldStart, end: fieldEnd, quoted: false, escaped: false))
        }
        if i >= end { return (end, newlines) }
        if p[i] == delimiter {
          i += 1
          continue
        }
        return (i + 1, newlines + 1)
      }
    }

    /// Reserves column storage for about `rows` rows.
    mutating func reserve(_ rows: Int) {
      lines.reserveCapacityWithHugePages(rows)
      if buildsRowMajor && rowMajorWidth == 0 {
        let targetIndex = rowMajorTarget.flatMap { names.firstIndex(of: $0) }
        let features = builders.indices.filter { $0 != targetIndex }
        if !features.isEmpty, features.allSatisfy({ builders[$0].state == .number }) {
          var values: [Double] = []
          values.reserveCapacity(rows * features.count)
          for r in 0..<row { for c in features { values.append(builders[c].numbers[r]) } }
          values.adviseHugePagesForReservedCapacity()
          for (slot, c) in features.enumerated() {
            builders[c].slot = slot
            builders[c].numbers = []
          }
          rowMajor = values
          rowMajorWidth = features.count
        }
      }
      for k in builders.indices where builders[k].slot < 0 { builders[k].reserve(rows) }
    }

    /// The dataset, from the row-major buffer when the parser switched to it, else through
    /// `finish()` and `Dataset(table:target:task:)`; the result is the same either way.
    func finishDataset(target: String?, task: TaskKind?) throws -> Dataset {
      if names.isEmpty { throw DataError.emptyFile(file: file) }
      if row == 0 { throw DataError.noDataRows(file: file) }
      guard rowMajorWidth > 0 else {
        return try Dataset(table: finish(), target: target, task: task)
      }
      var targetIndex: Int? = nil
      if let target {
        guard let index = names.firstIndex(of: target) else {
          throw DataError.unknownColumn(name: target, available: names)
        }
        targetIndex = index
      }
      precondition(rowMajor.count == row * rowMajorWidth, "row-major CSV buffer out of step")
      let featureNames = builders.indices.filter { builders[$0].slot >= 0 }.map { names[$0] }
      var targetValue: Target? = nil
      if let targetIndex {
        let column = try builders[targetIndex].finish(
          file: file, lines: lines, order: options.levels[names[targetIndex]])
        targetValue = try Dataset.makeTarget(
          column, file: file, lines: lines, name: names[targetIndex], task: task)
      }
      return try Dataset(
        features: FeatureMatrix(rows: row, columns: rowMajorWidth, values: rowMajor),
        featureNames: featureNames, target: targetValue, targetName: target, columnOrder: names)
    }

    /// Delivers the fields of a complete, quote-free data line `start..<end` (without its
    /// LF) directly to the column builders.
    private mutating func handlePlainLine(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
      throws
    {
      var stop = end
      if p[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
      if stop == start { return }  // blank line
      row += 1
      lines.append(line)
      let expected = builders.count
      let delimiter = self.delimiter
      var column = 0
      var badField = 0..<0
      var sink: [Double] = []
      swap(&sink, &rowMajor)
      // One exclusive access to the builders per line instead of one per field.
      let complete = builders.withUnsafeMutableBufferPointer { columns -> Bool in
        var fieldStart = start
        var i = start
        while true {
          if column >= expected {
            while i < stop, p[i] != delimiter { i += 1 }
            return false
          }
          // Number columns parse while scanning; anything unusual takes the general path.
          if columns[column].state == .number,
            let (value, end) = NumberParser.parsePrefix(
              p, from: i, limit: stop, delimiter: delimiter)
          {
            columns[column].appendNumber(value, sink: &sink)
            i = end
          } else {
            while i < stop, p[i] != delimiter { i += 1 }
            if !columns[column].append(
              UnsafeBufferPointer(rebasing: p[fieldStart..<i]), quoted: false, sink: &sink)
            {
              badField = fieldStart..<i
              return false
            }
          }
          column += 1
          if i >= stop { return true }
          i += 1
          fieldStart = i
        }
      }
      swap(&sink, &rowMajor)
      if complete && column == expected { return }
      // A wrong field count explains a misplaced value better than its type does.
      var found = 1
      for k in start..<stop where p[k] == delimiter { found += 1 }
      if found != expected {
        throw DataError.raggedRow(
          file: file, line: line, row: row, expected: expected, found: found)
      }
      throw DataError.notANumber(
        file: file, line: line, row: row, column: names[column],
        value: String(decoding: UnsafeBufferPointer(rebasing: p[badField]), as: UTF8.self))
    }

    private mutating func handleRecord(_ p: UnsafeBufferPointer<UInt8>) throws {
      // A blank line is one empty unquoted field: skip it.
      if spans.count == 1, !spans[0].quoted, spans[0].start == spans[0].end { return }
      if names.isEmpty {
        for span in spans {
          var bytes: [UInt8] = []
          var k = span.start
          while k < span.end {
            bytes.append(p[k])
            k += span.escaped && p[k] == UInt8(ascii: "\"") ? 2 : 1
          }
          let unescaped = String(decoding: bytes, as: UTF8.self)
          // An empty name could only be reached as ds[""] and shows as a blank heading.
          if unescaped.isEmpty {
            throw DataError.emptyColumnName(file: file, line: line, column: names.count + 1)
          }
          // CR-only line endings: every line runs together into the header (it read as
          // "header but no data rows").
          if !span.quoted && bytes.contains(UInt8(ascii: "\r")) {
            throw DataError.bareCarriageReturn(file: file, line: line)
          }
          if names.contains(unescaped) {
            throw DataError.duplicateColumn(file: file, name: unescaped)
          }
          names.append(unescaped)
          builders.append(
            CSVColumnBuilder(name: unescaped, override: options.types[unescaped], missing: missing))
        }
        // A misspelt override would otherwise be ignored without a word.
        for name in options.types.keys.sorted() + options.levels.keys.sorted()
        where !names.contains(name) {
          throw DataError.unknownColumn(name: name, available: names)
        }
        return
      }
      row += 1
      if spans.count != names.count {
        throw DataError.raggedRow(
          file: file, line: line, row: row, expected: names.count, found: spans.count)
      }
      lines.append(line)
      var sink: [Double] = []
      swap(&sink, &rowMajor)
      defer { swap(&sink, &rowMajor) }
      for column in 0..<spans.count {
        let span = spans[column]
        let accepted: Bool
        if span.escaped {
          scratch.removeAll(keepingCapacity: true)
          var k = span.start
          while k < span.end {
            scratch.append(p[k])
            k += p[k] == UInt8(ascii: "\"") ? 2 : 1
          }
          accepted = scratch.withUnsafeBufferPointer {
            builders[column].append($0, quoted: true, sink: &sink)
          }
        } else {
          let field = UnsafeBufferPointer(rebasing: p[span.start..<span.end])
          accepted = builders[column].append(field, quoted: span.quoted, sink: &sink)
        }
        if !accepted {
          let text =
            span.escaped
            ? String(decoding: scratch, as: UTF8.self)
            : String(
              decoding: UnsafeBufferPointer(rebasing: p[span.start..<span.end]), as: UTF8.self)
          throw DataError.notANumber(
            file: file, line: line, row: row, column: names[column], value: text)
        }
      }
    }

    func finish() throws -> CSVTable {
      if names.isEmpty { throw DataError.emptyFile(file: file) }
      if row == 0 { throw DataError.noDataRows(file: file) }
      let columns = try builders.map {
        try $0.finish(file: file, lines: lines, order: options.levels[$0.name])
      }
      return CSVTable(file: file, names: names, columns: columns, rowCount: row, lines: lines)
    }
  }
}
