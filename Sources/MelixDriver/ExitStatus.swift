/// The process exit statuses of `melix` (STYLE.md section 5).
///
/// `usage` is the value swift-argument-parser itself uses for validation errors
/// (`EX_USAGE` from BSD `sysexits.h`), so our own usage-level errors agree with it.
public enum ExitStatus: Int32, Sendable {
  /// The program ran to the end (or `check` found no error).
  case success = 0
  /// A runtime error stopped the program.
  case runtimeError = 1
  /// Errors found before running: lexing, parsing, resolving; or unreadable source text.
  case compileErrors = 2
  /// A command-line usage error: unknown option, missing file, bad `--cell` number.
  case usage = 64
  /// The run was stopped by Ctrl-C (SIGINT): 128 + signal number 2, as shells report it.
  case interrupted = 130
}
