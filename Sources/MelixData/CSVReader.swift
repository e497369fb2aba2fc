import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Holds one thread's parse result in `CSVReader.readInTwoParts`; each slot is written by
/// exactly one thread and read after both finished.
final class ParseSlot: @unchecked Sendable {
  /// The parser after its range, owned here so the join can extend its columns in place.
  var parser: CSVReader.Parser?
  /// Whether the range ended on a record boundary.
  var isClean = false
  /// The error that stopped the parse, if any.
  var error: Error?
}

/// An RFC 4180 CSV reader that streams the file through a fixed-size byte buffer.
///
/// Handles a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with delimiters,
/// doubled quotes and line breaks inside, a missing final newline, and blank lines (skipped).
/// Fields go straight from the buffer into per-column builders: numbers are parsed from the
/// bytes without making a `String` (see `NumberParser`), so memory stays at one buffer plus
/// the columns.
///
/// Lines in errors are physical lines, 1-based, the header being line 1; data rows are
/// 1-based and do not count the header.
public struct CSVReader: Sendable {
  /// The parsing options.
  public var options: CSVOptions
  /// Bytes read from the file per `pread(2)` call.
  public var chunkSize: Int

  /// Creates a reader.
  ///
  /// - Parameters:
  ///   - options: Delimiter, missing tokens, type overrides.
  ///   - chunkSize: Buffer size in bytes (default 4 MiB; grows if one record is larger).
  public init(options: CSVOptions = CSVOptions(), chunkSize: Int = 1 << 22) {
    self.options = options
    self.chunkSize = max(chunkSize, 64)
  }

  /// Reads a CSV file into typed columns.
  ///
  /// - Parameter path: The file.
  /// - Returns: The table, shape `[rowCount, names.count]`.
  /// - Throws: `DataError.cannotRead`, `.emptyFile`, `.noDataRows`, `.raggedRow`,
  ///   `.notANumber`, `.notABool`, `.unterminatedQuote`, `.textAfterQuote`,
  ///   `.duplicateColumn`, each naming the file (and line, row, column, value).
  /// - Complexity: One pass over the bytes; O(rows × columns).
  public func readTable(path: String) throws -> CSVTable {
    try withOpenFile(path) { descriptor, fileSize in
      if fileSize == 0 { throw DataError.emptyFile(file: path) }
      if fileSize >= parallelThreshold,
        let table = try readInTwoParts(descriptor, path: path, size: fileSize)
      {
        return table
      }
      var parser = Parser(file: path, options: options)
      _ = try stream(descriptor, path: path, from: 0, to: fileSize, isFileEnd: true, into: &parser)
      return try parser.finish()
    }
  }

  /// Reads a CSV file straight into a dataset (what `readCSV` calls).
  ///
  /// On one thread, when every column but the target holds numbers, the features are
  /// collected row-major as the file streams, so no transposing copy is made; otherwise (or
  /// with two threads) this is `Dataset(table: readTable(path:), target:task:)`.
  /// - Parameters:
  ///   - path: The file.
  ///   - target: Name of the target column, or nil.
  ///   - task: Force classification or regression; nil infers it (see `Dataset`).
  /// - Returns: The dataset.
  /// - Throws: As `readTable(path:)` and `Dataset(table:target:task:)`.
  public func readDataset(path: String, target: String?, task: TaskKind? = nil) throws -> Dataset {
    try withOpenFile(path) { descriptor, fileSize in
      if fileSize == 0 { throw DataError.emptyFile(file: path) }
      if fileSize >= parallelThreshold,
        let table = try readInTwoParts(descriptor, path: path, size: fileSize)
      {
        return try Dataset(table: table, target: target, task: task)
      }
      var parser = Parser(file: path, options: options)
      parser.buildsRowMajor = true
      parser.rowMajorTarget = target
      _ = try stream(descriptor, path: path, from: 0, to: fileSize, isFileEnd: true, into: &parser)
      return try parser.finishDataset(target: target, task: task)
    }
  }

  /// Runs only the two-thread path (nil when it falls back); for tests.
  func readTableInTwoParts(path: String) throws -> CSVTable? {
    try withOpenFile(path) { descriptor, fileSize in
      try readInTwoParts(descriptor, path: path, size: fileSize)
    }
  }

  /// Opens `path` read-only and passes its descriptor and size in bytes to `body`; the
  /// descriptor is closed when `body` returns.
  ///
  /// - Throws: `DataError.cannotRead` with the system's reason when the file cannot be
  ///   opened or has no size (a pipe, for instance), and whatever `body` throws.
  private func withOpenFile<R>(_ path: String, _ body: (Int32, Int) throws -> R) throws -> R {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let fileSize = Int(lseek(descriptor, 0, SEEK_END))
    if fileSize < 0 {
      throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
    }
    return try body(descriptor, fileSize)
  }

  /// Files at least this large (bytes) are parsed by two threads; `Int.max` (the default)
  /// keeps every read on one thread.
  ///
  /// Opt in (for example `16 << 20`) on machines with idle cores: the 100 MB benchmark file
  /// then reads about 1.3× faster. On a loaded 2-core machine the second thread mostly
  /// adds work (the halves are joined with one extra copy), so it is off by default. The
  /// result, and every error, is exactly that of a one-thread read.
  public var parallelThreshold = Int.max

  /// Streams bytes `from..<to` of the file through `parser` with `pread`.
  ///
  /// - Returns: Whether the range ended on a record boundary (always true at the file end,
  ///   where an open quote is an error instead).
  func stream(
    _ descriptor: Int32, path: String, from: Int, to: Int, isFileEnd: Bool,
    reserveFor reserveBytes: Int? = nil, into parser: inout Parser
  ) throws -> Bool {
    var buffer = [UInt8](repeating: 0, count: min(chunkSize, max(to - from, 64)))
    var filled = 0
    var consumed = 0
    var offset = from
    var atEnd = false
    var reserved = false
    while true {
      if !atEnd {
        if consumed > 0 {
          // Move the unfinished record to the front, then fill the rest.
          buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            memmove(base, base + consumed, filled - consumed)
          }
          filled -= consumed
          consumed = 0
        }
        if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
          guard let base = raw.baseAddress else { return -1 }
          return pread(
            descriptor, base + filled, min(raw.count - filled, to - offset), off_t(offset))
        }
        if got < 0 {
          throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
        }
        offset += got
        if got == 0 || offset >= to { atEnd = true }
        filled += got
      }
      let end = filled
      let eof = atEnd && isFileEnd
      consumed = try buffer.withUnsafeBufferPointer { bytes in
        try parser.parseRecords(bytes, from: consumed, end: end, atEOF: eof)
      }
      if atEnd { return consumed == filled }
      if !reserved, parser.row > 0, consumed > 0 {
        // Rows per byte in the first chunk, times the range (or reserveBytes) size, plus 10 %.
        let bytes = Double(reserveBytes ?? (to - from))
        parser.reserve(Int(Double(parser.row) / Double(offset - from) * bytes * 1.1))
        reserved = true
      }
    }
  }

  /// Parses the two halves of the file on two threads, splitting after a newline.
  ///
  /// The split is only trusted when the first half ends exactly on a record boundary, which
  /// means no quoted field spans the split point; the columns are then joined. Returns nil
  /// (and the caller parses sequentially) when that fails or when the halves disagree on a
  /// column's type, so results and errors are always those of a sequential read.
  func readInTwoParts(_ descriptor: Int32, path: String, size: Int) throws -> CSVTable? {
    // The header, from the start of the file.
    var headerParser = Parser(file: path, options: options)
    headerParser.stopsAfterHeader = true
    _ = try stream(
      descriptor, path: path, from: 0, to: min(size, 1 << 20), isFileEnd: size <= 1 << 20,
      into: &headerParser)
    guard !headerParser.names.isEmpty else { return nil }
    // The split: just after the first newline at or after the middle.
    var window = [UInt8](repeating: 0, count: 1 << 16)
    let middle = size / 2
    let got = window.withUnsafeMutableBytes {
      pread(descriptor, $0.baseAddress, $0.count, off_t(middle))
    }
    guard got > 0, let newline = window.prefix(got).firstIndex(of: UInt8(ascii: "\n")) else {
      return nil
    }
    let split = middle + newline + 1
    guard split < size else { return nil }

    let first = ParseSlot()
    let second = ParseSlot()
    let names = headerParser.names
    let reader = self
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      let slot = part == 0 ? first : second
      var parser =
        part == 0
        ? Parser(file: path, options: reader.options)
        : Parser(file: path, options: reader.options, names: names)
      do {
        // The first half reserves room for the whole file, so the second half's columns
        // can be appended to it without moving the first half.
        slot.isClean = try reader.stream(
          descriptor, path: path, from: part == 0 ? 0 : split, to: part == 0 ? split : size,
          isFileEnd: part == 1, reserveFor: part == 0 ? size : nil, into: &parser)
        slot.parser = parser
      } catch {
        slot.error = error
      }
    }
    if let error = first.error { throw error }
    guard first.isClean, let headLine = first.parser?.line, let headRow = first.parser?.row else {
      return nil
    }
    if let error = second.error as? DataError {
      throw error.shifted(lines: headLine - 1, rows: headRow)
    }
    if let error = second.error { throw error }
    guard let tail = second.parser else { return nil }
    second.parser = nil
    guard first.parser?.append(tail, lineOffset: headLine - 1) == true else { return nil }
    return try first.parser?.finish()
  }

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
