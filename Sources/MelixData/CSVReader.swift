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
  ///   `.duplicateColumn`, `.emptyColumnName`, `.bareCarriageReturn`, each naming the file (and
  ///   line, row, column, value).
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
}
