import CEditLine
import Foundation

/// The terminal line editor: libedit with emacs keys, the user's `~/.editrc`, persistent
/// history and Tab completion. The only caller of libedit.
///
/// Keys beyond libedit's emacs defaults: Tab completes through the `complete` callback,
/// Ctrl-R searches history backwards incrementally (`em-inc-search-prev`), Ctrl-C drops
/// the line being typed, Ctrl-Z suspends, Up / Down (like libedit's Meta-P / Meta-N) step
/// through the entries starting with what is typed. The user's `~/.editrc` (or `$EDITRC`)
/// is read last, so it can change any of these.
final class LineEditor: LineSource {
  /// libedit's editor state (`EditLine *`).
  private let editLine: OpaquePointer
  /// libedit's history list (`History *`).
  private let historyList: OpaquePointer
  /// The prompt libedit draws, kept alive between calls of the prompt callback.
  private var promptBuffer: UnsafeMutablePointer<CChar>
  /// Set by the Ctrl-C key function; read after `el_gets` returns.
  private var interruptRequested = false
  private let complete: (String, Int) -> (typed: String?, candidates: [String])
  private let historyFile: HistoryFile?
  private var deduplicator = HistoryDeduplicator()
  private let warn: (String) -> Void
  private var historyWarned = false

  /// Sets up libedit on the process's standard input and output.
  ///
  /// Calls `el_init`, `history_init`, binds the keys and reads `~/.editrc` with
  /// `el_source`; then loads the history file.
  /// - Parameters:
  ///   - historyFile: where history persists, or nil for none.
  ///   - complete: returns the text being completed (nil: the identifier before the cursor)
  ///     and the candidates for `(line, cursorCharacterOffset)`.
  ///   - warn: prints a one-line warning (history file problems), newline-terminated.
  /// - Returns: nil when libedit cannot be initialised (then the caller reads plain lines).
  init?(
    historyFile: HistoryFile?,
    complete: @escaping (String, Int) -> (typed: String?, candidates: [String]),
    warn: @escaping (String) -> Void
  ) {
    LineEditor.useUTF8Locale()
    guard let el = el_init("melix", stdin, stdout, stderr) else { return nil }
    guard let history = history_init() else {
      el_end(el)
      return nil
    }
    editLine = el
    historyList = history
    promptBuffer = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    self.complete = complete
    self.historyFile = historyFile
    self.warn = warn

    _ = melix_history_set_size(history, Int32(historyFile?.limit ?? 1000))
    _ = melix_history_set_unique(history, 1)
    _ = melix_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    _ = melix_el_set_editor(el, "emacs")
    _ = melix_el_set_signal(el, 1)
    _ = melix_el_set_prompt(el, LineEditor.promptCallback, 1)
    _ = melix_el_set_history(el, history)
    _ = melix_el_add_function(
      el, "melix-complete", "complete the word before the cursor", LineEditor.completeCallback)
    _ = melix_el_add_function(
      el, "melix-interrupt", "drop the line being typed", LineEditor.interruptCallback)
    _ = melix_el_add_function(
      el, "melix-suspend", "suspend melix (job control)", LineEditor.suspendCallback)
    _ = melix_el_bind(el, "^I", "melix-complete")
    _ = melix_el_bind(el, "^C", "melix-interrupt")
    _ = melix_el_bind(el, "^Z", "melix-suspend")
    _ = melix_el_bind(el, "^R", "em-inc-search-prev")
    // Up and Down (normal and application cursor modes) step through the entries that start
    // with what is typed, as in IPython; on an empty line that is every entry.
    for up in ["\\e[A", "\\eOA"] { _ = melix_el_bind(el, up, "ed-search-prev-history") }
    for down in ["\\e[B", "\\eOB"] { _ = melix_el_bind(el, down, "ed-search-next-history") }
    // With ISIG off while editing, Ctrl-C arrives as a key (bound above) rather than as
    // SIGINT, which is kept for interrupting a running statement. Ctrl-Z, also a key now,
    // raises SIGTSTP itself.
    _ = melix_el_setty_edit(el, "-isig")
    _ = el_source(el, nil)
    loadHistory()
  }

  deinit {
    el_end(editLine)
    history_end(historyList)
    free(promptBuffer)
  }

  /// Shows `prompt` and reads one line with `el_gets`.
  ///
  /// - Parameter prompt: the prompt; bytes between two `\u{1}` characters are drawn but
  ///   take no room (ANSI colour codes).
  func readLine(prompt: String) -> LineEvent {
    if let copy = strdup(prompt) {
      free(promptBuffer)
      promptBuffer = copy
    }
    interruptRequested = false
    fflush(stdout)
    var count: Int32 = 0
    guard let raw = el_gets(editLine, &count), count > 0 else {
      return interruptRequested ? .interrupt : .endOfInput
    }
    if interruptRequested { return .interrupt }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// True when bytes are waiting on standard input (`poll` with a zero timeout): the rest
  /// of a pasted block. libedit reads one byte at a time, so nothing hides in its buffers.
  func hasPendingInput() -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
  }

  /// Enters `line` into libedit's history (`H_ENTER`) and appends it to the history file,
  /// unless it is blank or repeats the previous entry.
  func remember(_ line: String) {
    guard deduplicator.shouldStore(line) else { return }
    _ = melix_history_enter(historyList, line)
    guard let historyFile else { return }
    do {
      try historyFile.append(line)
    } catch {
      warnOnce(error.message)
    }
  }

  private func loadHistory() {
    guard let historyFile else { return }
    do {
      for entry in try historyFile.load() where deduplicator.shouldStore(entry) {
        _ = melix_history_enter(historyList, entry)
      }
    } catch {
      warnOnce(error.message)
    }
  }

  private func warnOnce(_ message: String) {
    guard !historyWarned else { return }
    historyWarned = true
    warn("warning: \(message)\n")
  }

  /// The terminal's width in columns (`TIOCGWINSZ` on standard output), 80 if unknown.
  private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  // MARK: - Tab completion

  /// Runs the completion callback on the current line (`el_line`) and inserts the result
  /// (`el_insertstr`) or lists the choices under the line.
  private func completeCurrentLine() -> UInt8 {
    guard let info = el_line(editLine)?.pointee, let buffer = info.buffer,
      let cursor = info.cursor, let end = info.lastchar
    else { return UInt8(CC_ERROR) }
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
      count: buffer.distance(to: end))
    let cursorBytes = buffer.distance(to: cursor)
    let line = String(decoding: bytes, as: UTF8.self)
    let cursorCharacters = String(decoding: bytes.prefix(cursorBytes), as: UTF8.self).count
    let (typed, candidates) = complete(line, cursorCharacters)
    switch CompletionPlan.make(
      line: line, cursor: cursorCharacters, candidates: candidates, typed: typed)
    {
    case .nothing:
      return UInt8(CC_REFRESH_BEEP)
    case .insert(let text):
      return el_insertstr(editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
    case .list(let words):
      fputs("\n" + Columns.format(words, width: terminalWidth()), stdout)
      fflush(stdout)
      return UInt8(CC_REDISPLAY)
    }
  }

  // MARK: - C callbacks (no captures: they find their LineEditor through EL_CLIENTDATA)

  private static func owner(of el: OpaquePointer?) -> LineEditor? {
    guard let el, let data = melix_el_get_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
  }

  private static let promptCallback: melix_prompt_fn = { el in
    LineEditor.owner(of: el)?.promptBuffer
  }

  private static let completeCallback: melix_editor_fn = { el, _ in
    LineEditor.owner(of: el)?.completeCurrentLine() ?? UInt8(CC_ERROR)
  }

  private static let interruptCallback: melix_editor_fn = { el, _ in
    LineEditor.owner(of: el)?.interruptRequested = true
    // Ending the line this way does not move to a new row, so show the key and do it here.
    fputs("^C\n", stdout)
    fflush(stdout)
    return UInt8(CC_NEWLINE)
  }

  /// Ctrl-Z: stops the process group as the terminal would with ISIG on. libedit's own
  /// SIGTSTP handler (EL_SIGNAL) restores the terminal first, and its SIGCONT handler puts
  /// it back in raw mode and redraws the line when the shell resumes melix.
  private static let suspendCallback: melix_editor_fn = { _, _ in
    kill(0, SIGTSTP)
    return UInt8(CC_REDISPLAY)
  }

  /// libedit decodes input with the C library's multibyte functions, which see only ASCII
  /// in the default "C" locale; take the user's locale, or C.UTF-8 when that is plain C.
  private static func useUTF8Locale() {
    let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
    if current == "C" || current == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
  }
}
