import Foundation
import MelixSyntax

/// One interpreter session: its globals, built-ins, loaded files and output. Many can exist
/// side by side (the REPL, every server request, every test).
///
/// A session runs one piece of code at a time: call `run` and `check` from one thread at a
/// time (only `interrupt()` may come from another thread).
public final class Session {
  let interpreter: Interpreter
  var globals = GlobalTable()
  let builtins: [Builtin]
  let builtinIndex: [String: Int]
  let searchPaths: [String]
  /// Canonical paths of files already imported (each runs once per session).
  var loadedFiles: Set<String> = []
  /// Sources by path, to render runtime errors in imported files.
  var sources: [String: SourceFile] = [:]
  /// Globals defined by the prelude come first; `reset` keeps them.
  var preludeGlobalCount = 0
  /// The files the prelude loaded; `reset` forgets every other import.
  var preludeFiles: Set<String> = []
  private var isRunning = false
  /// The rendered errors of `prelude.mlx` when it failed to load (the session then runs
  /// without it); nil when it loaded or there was none.
  public private(set) var preludeFailure: String?

  /// The stack size of the thread `run` executes on, in bytes (deep recursion needs it).
  public static let stackSize = 512 << 20

  /// Creates a session and loads `prelude.mlx` from the first search path holding one,
  /// else the copy compiled into the interpreter (`EmbeddedPrelude`).
  ///
  /// - Parameters:
  ///   - output: Receives everything Melix code prints (already newline-terminated).
  ///   - searchPaths: Extra folders searched by `import` after the importing file's folder
  ///     (the driver passes the `stdlib/` folder).
  ///   - extraBuiltins: More built-in entries (from other areas) added after the standard ones.
  ///   - maxDepth: The Melix call depth at which `recursion depth exceeded` is raised.
  public init(output: @escaping (String) -> Void, searchPaths: [String] = [], extraBuiltins: [Builtin] = [], maxDepth: Int = 10_000) {
    interpreter = Interpreter(output: output, maxDepth: maxDepth)
    builtins = BuiltinTable.standard() + extraBuiltins
    var index: [String: Int] = [:]
    for (i, builtin) in builtins.enumerated() { index[builtin.name] = i }
    builtinIndex = index
    interpreter.builtins = builtins
    self.searchPaths = searchPaths
    // The prelude is small and shallow: load it on the caller's thread (a thread
    // hand-off costs more than the load on a busy machine).
    isRunning = true
    let onDisk = searchPaths.lazy.map { ($0 as NSString).appendingPathComponent("prelude.mlx") }
      .first { FileManager.default.fileExists(atPath: $0) }
    let source: SourceFile
    let loaded: RunResult?
    if let prelude = onDisk {
      source = SourceFile(path: prelude, text: (try? String(contentsOfFile: prelude, encoding: .utf8)) ?? "")
      loaded = importFile(
        prelude, written: prelude, importedAt: Span(start: 0, end: 0, line: 1, column: 1), by: source)
    } else {
      source = SourceFile(path: EmbeddedPrelude.path, text: EmbeddedPrelude.text)
      loaded = execute(source, display: false)
    }
    isRunning = false
    switch loaded {
    case .compileErrors(let diagnostics)?:
      preludeFailure = diagnostics.map { DiagnosticRenderer.render($0, in: source, color: false) }.joined()
    case .runtimeError(let failure)?:
      preludeFailure = failure.rendered(color: false)
    case .success?, nil:
      break
    }
    preludeGlobalCount = globals.names.count
    preludeFiles = loadedFiles
  }

  // MARK: - Running

  /// Parses, resolves and runs `source` in this session. Globals persist across calls
  /// (the REPL runs each entry through here). Runs on a thread with a large stack.
  ///
  /// - Parameters:
  ///   - source: The code.
  ///   - display: When true and the last statement is an expression statement with a
  ///     non-nil value, returns its `repr` and binds `_` to it.
  /// - Returns: Success (with the display text), the compile errors, or the runtime error.
  public func run(_ source: SourceFile, display: Bool = false) -> RunResult {
    interpreter.interruptFlag.clear()
    return onLargeStack { self.execute(source, display: display) }
  }

  /// Parses and resolves only (`melix check`, and `melix run` before it runs anything);
  /// imported files are parsed for their names but not run.
  ///
  /// - Parameter source: The code.
  /// - Returns: The syntax errors; else every resolve error and argument error
  ///   (`CallChecker`), in source order.
  public func check(_ source: SourceFile) -> [Diagnostic] {
    onLargeStack {
      let (program, syntax) = Parser.parse(source)
      if !syntax.isEmpty { return syntax }
      var table = self.globals
      var diagnostics: [Diagnostic] = []
      var seen: Set<String> = []
      self.declareImportedNames(program, into: &table, diagnostics: &diagnostics, seen: &seen)
      if !diagnostics.isEmpty { return diagnostics }
      let (resolution, resolved, resolveErrors) = Resolver.resolve(program, globals: table, builtins: self.builtinIndex)
      // Argument errors are reported with the name errors, all at once: calls to undefined
      // names have no reference in `resolution`, so the checker skips them.
      let callErrors = CallChecker.check(
        program, resolution: resolution, builtins: self.builtins, globals: resolved,
        sessionFunctions: self.functionSignatures())
      if resolveErrors.isEmpty { return callErrors }
      if callErrors.isEmpty { return resolveErrors }
      return (resolveErrors + callErrors).enumerated().sorted { a, b in
        (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
      }.map(\.element)
    }
  }

  /// Signatures of the Melix functions held by global slots (for `CallChecker`).
  private func functionSignatures() -> [Int: CallChecker.Signature] {
    var out: [Int: CallChecker.Signature] = [:]
    for slot in 0..<min(globals.names.count, interpreter.globalCapacity) {
      guard globals.isFunction[slot], case .function(let f) = interpreter.globals[slot] else { continue }
      let proto = f.proto
      let required = proto.parameterNames.indices.filter { proto.defaults[$0] == nil }.map { proto.parameterNames[$0] }
      out[slot] = CallChecker.Signature(name: proto.name, overloads: [(proto.parameterNames, required, false)])
    }
    return out
  }

  /// Asks a running `run` to stop at the next loop back-edge or call with an
  /// `interrupted` runtime error. Safe to call from any thread (a SIGINT handler's).
  public func interrupt() { interpreter.interruptFlag.set() }

  private func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    if isRunning { return body() }
    isRunning = true
    defer { isRunning = false }
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.stackSize = Session.stackSize
    thread.start()
    done.wait()
    guard let value = box.value else { return body() }
    return value
  }

  private func execute(_ source: SourceFile, display: Bool) -> RunResult {
    sources[source.path] = source
    let previousPath = interpreter.currentPath
    interpreter.currentPath = source.path
    defer { interpreter.currentPath = previousPath }
    let (program, syntax) = Parser.parse(source)
    if !syntax.isEmpty { return .compileErrors(syntax) }
    if let failed = runImports(of: program) { return failed }
    let (resolution, table, resolveErrors) = Resolver.resolve(program, globals: globals, builtins: builtinIndex)
    if !resolveErrors.isEmpty { return .compileErrors(resolveErrors) }
    let firstNewSlot = globals.names.count
    globals = table
    guard globals.names.count < interpreter.globalCapacity else {
      return .runtimeError(RuntimeFailure(message: "too many globals (limit \(interpreter.globalCapacity))", source: source, span: Span(start: 0, end: 0, line: 1, column: 1), trace: []))
    }
    let compiler = Compiler(resolution: resolution, globals: globals, interpreter: interpreter, path: source.path, builtinIndex: builtinIndex)
    compiler.sourceBytes = Array(source.text.utf8)
    let main = compiler.compileMain(program, display: display)
    let layout = resolution.main
    let rt = interpreter
    let base = rt.sp
    let slots = rt.stack + base
    slots.initialize(repeating: .null, count: layout.slotCount)
    rt.sp = base + layout.slotCount
    defer {
      slots.deinitialize(count: layout.slotCount)
      rt.sp = base
    }
    let cells = layout.cellCount > 0 ? CellStore(count: layout.cellCount) : nil
    let frame = Frame(slots: slots, cells: cells, closure: nil, m: rt.machine)
    do {
      let value = try main(frame)
      // A Ctrl-C that came during a call that cannot stop (one BLAS product) is reported
      // when the call returns, and its value is not shown or kept in '_'.
      if interpreter.interruptFlag.isSet {
        let end = Span(start: source.text.utf8.count, end: source.text.utf8.count, line: 1, column: 1)
        throw RuntimeError(Messages.interrupted, at: program.statements.last?.span ?? end, path: source.path)
      }
      guard display, let value else { return .success(display: nil) }
      if case .null = value { return .success(display: nil) }
      let underscore = globals.declare("_", constant: false)
      rt.setGlobal(underscore, value)
      rt.globalDefined[underscore] = true
      return .success(display: value.repr)
    } catch let error as RuntimeError {
      rt.returnValue = .null
      // `let bad = read_csv("nope.csv")` failed: 'bad' stays undefined, not nil.
      globals.forgetUndefined(from: firstNewSlot) { rt.globalDefined[$0] }
      var trace = error.trace
      trace.append(("<script>", error.pendingPath, error.pendingLine))
      let failingSource = sources[error.path] ?? source
      var failure = RuntimeFailure(message: error.message, source: failingSource, span: error.span, trace: trace)
      failure.help = error.help
      return .runtimeError(failure)
    } catch {
      rt.returnValue = .null
      globals.forgetUndefined(from: firstNewSlot) { rt.globalDefined[$0] }
      let message = (error as? MelixError)?.message ?? "\(error)"
      return .runtimeError(RuntimeFailure(message: message, source: source, span: Span(start: 0, end: 0, line: 1, column: 1), trace: []))
    }
  }

  // MARK: - Imports

  /// Runs the files `program` imports (each once per session) before `program` is resolved,
  /// so their top-level names are globals it can use. Returns a failure, or nil.
  private func runImports(of program: Program) -> RunResult? {
    for statement in program.statements {
      guard case .importFile(let path) = statement.kind else { continue }
      guard let file = locate(path, from: program.source.path) else {
        return .compileErrors([.importNotFound(path, at: statement.span, searched: candidates(path, from: program.source.path))])
      }
      if let failure = importFile(file, written: path, importedAt: statement.span, by: program.source) {
        if case .runtimeError(let inner) = failure {
          // The importing file's frame: the `import` line.
          let trace = inner.trace + [("<script>", program.source.path, statement.span.line)]
          var outer = RuntimeFailure(message: inner.message, source: inner.source, span: inner.span ?? statement.span, trace: trace)
          outer.help = inner.help
          return .runtimeError(outer)
        }
        if case .compileErrors(let diagnostics) = failure {
          return .compileErrors(diagnostics.map { diagnostic in
            var copy = diagnostic
            if copy.file == nil { copy.file = sources[file] }
            return copy
          })
        }
        return failure
      }
    }
    return nil
  }

  /// Loads and runs one file unless already loaded; returns a failure, or nil.
  ///
  /// A file that cannot be read (a directory, not UTF-8, no permission) is reported at the
  /// `import` statement of `importer`. A file whose import failed is forgotten, so a REPL user
  /// can fix it and import it again. `written` is the path as the `import` statement spells it.
  private func importFile(_ path: String, written: String, importedAt span: Span, by importer: SourceFile) -> RunResult? {
    let canonical = (path as NSString).standardizingPath
    if loadedFiles.contains(canonical) { return nil }
    guard let text = Self.readText(path) else {
      var diagnostic = Diagnostic.importUnreadable(written, reason: Self.unreadableReason(path), at: span)
      diagnostic.file = importer
      return .compileErrors([diagnostic])
    }
    loadedFiles.insert(canonical)
    let source = SourceFile(path: path, text: text)
    switch execute(source, display: false) {
    case .success: return nil
    case .compileErrors(let diagnostics):
      loadedFiles.remove(canonical)
      return .compileErrors(diagnostics.map { var d = $0; if d.file == nil { d.file = source }; return d })
    case .runtimeError(let failure):
      loadedFiles.remove(canonical)
      return .runtimeError(failure)
    }
  }

  /// The UTF-8 text of the regular file at `path`, or nil.
  private static func readText(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(validating: data, as: UTF8.self)
  }

  /// Why `readText(path)` failed, in words for a diagnostic.
  private static func unreadableReason(_ path: String) -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return "it is a directory"
    }
    if FileManager.default.contents(atPath: path) != nil { return "it is not valid UTF-8 text" }
    return "it cannot be read"
  }

  private func candidates(_ path: String, from importer: String) -> [String] {
    let name = path.hasSuffix(".mlx") ? path : path + ".mlx"
    var folders: [String] = []
    if importer.hasPrefix("<") {
      folders.append(FileManager.default.currentDirectoryPath)
    } else {
      folders.append((importer as NSString).deletingLastPathComponent)
    }
    for folder in searchPaths {
      folders.append(folder)
      folders.append((folder as NSString).deletingLastPathComponent)
    }
    return folders.map { folder in
      name.hasPrefix("/") ? name : (folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name))
    }
  }

  private func locate(_ path: String, from importer: String) -> String? {
    candidates(path, from: importer).first { FileManager.default.fileExists(atPath: $0) }
  }

  private func declareImportedNames(_ program: Program, into table: inout GlobalTable, diagnostics: inout [Diagnostic], seen: inout Set<String>) {
    for statement in program.statements {
      guard case .importFile(let path) = statement.kind else { continue }
      guard let file = locate(path, from: program.source.path) else {
        // Name the importing file: for a nested import it is not the file being checked.
        var diagnostic = Diagnostic.importNotFound(path, at: statement.span, searched: candidates(path, from: program.source.path))
        diagnostic.file = program.source
        diagnostics.append(diagnostic)
        continue
      }
      let canonical = (file as NSString).standardizingPath
      if loadedFiles.contains(canonical) || seen.contains(canonical) { continue }
      seen.insert(canonical)
      guard let text = Self.readText(file) else {
        var diagnostic = Diagnostic.importUnreadable(path, reason: Self.unreadableReason(file), at: statement.span)
        diagnostic.file = program.source
        diagnostics.append(diagnostic)
        continue
      }
      let (imported, _) = Parser.parse(SourceFile(path: file, text: text))
      declareImportedNames(imported, into: &table, diagnostics: &diagnostics, seen: &seen)
      for inner in imported.statements {
        switch inner.kind {
        case .binding(let isConstant, let pattern, _):
          for (name, _, _) in Resolver.names(in: pattern) { _ = table.declare(name, constant: isConstant) }
        case .function(let decl):
          if let name = decl.name { _ = table.declare(name, constant: true) }
        default: break
        }
      }
    }
  }
}

/// Carries a result back from the large-stack thread (the caller waits on a semaphore, so
/// there is no concurrent access).
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
