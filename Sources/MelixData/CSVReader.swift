import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Holds one thread's parse result in `CSVReader.readInTwoParts`; each slot is written by
/// exactly one thread and read after both finished.
final class ParseSlot: @unchecked Sendable {
  var result: Result<(CSVReader.Parser, Bool), Error>?
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
  /// Bytes read from the file per `read(2)` call.
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
  ///   `.duplicateColumn`, `.emptyColumnName`, `.bareCarriageReturn`, each naming the file (and line, row, column, value).
  /// - Complexity: One pass over the bytes; O(rows × columns).
  public func readTable(path: String) throws -> CSVTable {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let fileSize = Int(lseek(descriptor, 0, SEEK_END))
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

  /// Runs only the two-thread path (nil when it falls back); for tests.
  func readTableInTwoParts(path: String) throws -> CSVTable? {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    return try readInTwoParts(descriptor, path: path, size: Int(lseek(descriptor, 0, SEEK_END)))
  }

  /// Files at least this large (bytes) are parsed by two threads.
  public var parallelThreshold = 16 << 20

  /// Streams bytes `from..<to` of the file through `parser` with `pread`.
  ///
  /// - Returns: Whether the range ended on a record boundary (always true at the file end,
  ///   where an open quote is an error instead).
  func stream(
    _ descriptor: Int32, path: String, from: Int, to: Int, isFileEnd: Bool,
    into parser: inout Parser
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
        // Rows per byte in the first chunk, times the range size, plus 10 %.
        parser.reserve(Int(Double(parser.row) / Double(offset - from) * Double(to - from) * 1.1))
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
      if part == 0 {
        var parser = Parser(file: path, options: reader.options)
        first.result = Result {
          let clean = try reader.stream(
            descriptor, path: path, from: 0, to: split, isFileEnd: false, into: &parser)
          return (parser, clean)
        }
      } else {
        var parser = Parser(file: path, options: reader.options, names: names)
        second.result = Result {
          let clean = try reader.stream(
            descriptor, path: path, from: split, to: size, isFileEnd: true, into: &parser)
          return (parser, clean)
        }
      }
    }
    guard let firstResult = first.result, let secondResult = second.result else { return nil }
    let (head, headIsClean) = try firstResult.get()
    guard headIsClean else { return nil }
    let lineOffset = head.line - 1
    let rowOffset = head.row
    let tail: Parser
    do {
      tail = try secondResult.get().0
    } catch let error as DataError {
      throw error.shifted(lines: lineOffset, rows: rowOffset)
    }
    guard var joined = head.joined(with: tail, lineOffset: lineOffset) else { return nil }
    joined.row = head.row + tail.row
    return try joined.finish()
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

    /// This parser's columns followed by `other`'s, or nil if a column's type differs.
    func joined(with other: Parser, lineOffset: Int) -> Parser? {
      var out = self
      for k in builders.indices {
        guard let merged = builders[k].joined(with: other.builders[k]) else { return nil }
        out.builders[k] = merged
      }
      out.lines += other.lines.map { $0 + lineOffset }
      return out
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
      for k in builders.indices { builders[k].reserve(rows) }
      lines.reserveCapacity(rows)
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
      // One exclusive access to the builders per line instead of one per field.
      let complete = builders.withUnsafeMutableBufferPointer { columns -> Bool in
        var fieldStart = start
        var i = start
        while true {
          while i < stop, p[i] != delimiter { i += 1 }
          if column >= expected { return false }
          if !columns[column].append(UnsafeBufferPointer(rebasing: p[fieldStart..<i]), quoted: false) {
            badField = fieldStart..<i
            return false
          }
          column += 1
          if i >= stop { return true }
          i += 1
          fieldStart = i
        }
      }
      if complete && column == expected { return }
      // A wrong field count explains a misplaced value better than its type does.
      var found = 1
      for k in start..<stop where p[k] == delimiter { found += 1 }
      if found != expected {
        throw DataError.raggedRow(file: file, line: line, row: row, expected: expected, found: found)
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
        return
      }
      row += 1
      if spans.count != names.count {
        throw DataError.raggedRow(
          file: file, line: line, row: row, expected: names.count, found: spans.count)
      }
      lines.append(line)
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
          accepted = scratch.withUnsafeBufferPointer { builders[column].append($0, quoted: true) }
        } else {
          let field = UnsafeBufferPointer(rebasing: p[span.start..<span.end])
          accepted = builders[column].append(field, quoted: span.quoted)
        }
        if !accepted {
          let text =
            span.escaped
            ? String(decoding: scratch, as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(rebasing: p[span.start..<span.end]), as: UTF8.self)
          throw DataError.notANumber(file: file, line: line, row: row, column: names[column], value: text)
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
