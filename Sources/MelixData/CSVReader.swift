#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  ///   `.duplicateColumn`, each naming the file (and line, row, column, value).
  /// - Complexity: One pass over the bytes; O(rows × columns).
  public func readTable(path: String) throws -> CSVTable {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var parser = Parser(file: path, options: options)
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var filled = 0
    var consumed = 0
    var atEOF = false
    var sawAnyByte = false
    while true {
      if !atEOF {
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
          return read(descriptor, base + filled, raw.count - filled)
        }
        if got < 0 {
          throw DataError.cannotRead(file: path, reason: String(cString: strerror(errno)))
        }
        if got == 0 { atEOF = true } else { sawAnyByte = true }
        filled += got
      }
      let end = filled
      let eof = atEOF
      consumed = try buffer.withUnsafeBufferPointer { bytes in
        try parser.parseRecords(bytes, from: consumed, end: end, atEOF: eof)
      }
      if atEOF { break }
    }
    if !sawAnyByte { throw DataError.emptyFile(file: path) }
    return try parser.finish()
  }

  /// The streaming state machine: header, then one record at a time.
  struct Parser {
    let file: String
    let options: CSVOptions
    let delimiter: UInt8
    let missingTokens: [[UInt8]]
    let hasEmptyToken: Bool
    var names: [String] = []
    var builders: [CSVColumnBuilder] = []
    var lines: [Int] = []
    var line = 1
    var row = 0
    var isAtStart = true
    var spans: [FieldSpan] = []
    var scratch: [UInt8] = []

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
      self.missingTokens = options.missingValues.filter { !$0.isEmpty }.map { Array($0.utf8) }
      self.hasEmptyToken = options.missingValues.contains("")
    }

    /// Parses every complete record in `bytes[from..<end]`; returns where the first
    /// incomplete record starts (or `end`).
    mutating func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int, atEOF: Bool) throws -> Int {
      var position = from
      if isAtStart {
        if end - position < 3 && !atEOF { return position }
        if end - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF {
          position += 3
        }
        isAtStart = false
      }
      while position < end {
        guard let (next, newlines) = try scanRecord(bytes, start: position, end: end, atEOF: atEOF) else {
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
              column: spans.count <= names.count && !names.isEmpty ? names[spans.count - 1] : "#\(spans.count)")
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

    private func isMissing(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
      if field.isEmpty { return hasEmptyToken }
      tokens: for token in missingTokens where token.count == field.count {
        for k in 0..<token.count where token[k] != field[k] { continue tokens }
        return true
      }
      return false
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
          if names.contains(unescaped) { throw DataError.duplicateColumn(file: file, name: unescaped) }
          names.append(unescaped)
          builders.append(CSVColumnBuilder(name: unescaped, override: options.types[unescaped]))
        }
        return
      }
      row += 1
      if spans.count != names.count {
        throw DataError.raggedRow(file: file, line: line, row: row, expected: names.count, found: spans.count)
      }
      lines.append(line)
      for column in 0..<spans.count {
        let span = spans[column]
        let context = FieldContext(file: file, line: line, row: row)
        if span.escaped {
          scratch.removeAll(keepingCapacity: true)
          var k = span.start
          while k < span.end {
            scratch.append(p[k])
            k += p[k] == UInt8(ascii: "\"") ? 2 : 1
          }
          try scratch.withUnsafeBufferPointer { field in
            try builders[column].append(field, quoted: true, isMissingToken: false, context: context)
          }
        } else {
          let field = UnsafeBufferPointer(rebasing: p[span.start..<span.end])
          let missing = span.quoted ? false : isMissing(field)
          try builders[column].append(field, quoted: span.quoted, isMissingToken: missing, context: context)
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
