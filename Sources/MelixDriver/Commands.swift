import ArgumentParser
import Foundation
import MelixSyntax

/// What every command needs: the console and the stdlib search path, read once from the
/// process environment when a command starts.
struct DriverContext {
  let console: Console
  let runner: ScriptRunner

  static func fromProcess() -> DriverContext {
    let environment = ProcessInfo.processInfo.environment
    let console = Console(environment: environment)
    let stdlib = StdlibLocator.locate(
      environment: environment, executablePath: StdlibLocator.currentExecutablePath())
    if let warning = StdlibLocator.overrideWarning(environment: environment) {
      console.err(warning + "\n")
    }
    return DriverContext(
      console: console, runner: ScriptRunner(console: console, searchPaths: stdlib.map { [$0] } ?? []))
  }

  /// Reads `path`, reporting a usage-level problem and turning it into an exit status.
  func read(_ path: String) throws -> SourceFile {
    do {
      return try InputReader.read(path)
    } catch let error as DriverError {
      console.report(error)
      throw ExitCode(error.exitStatus.rawValue)
    }
  }
}

/// Ends a command with `status` (argument-parser stops at a thrown `ExitCode`).
func finish(_ status: ExitStatus) throws {
  if status != .success { throw ExitCode(status.rawValue) }
}

/// `melix`: the root command. With `-e CODE` it runs CODE; with no arguments it opens the
/// REPL (or runs standard input when that is not a terminal).
struct MelixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "melix",
    abstract: "Melix: a small language for machine-learning work.",
    discussion: """
      With no arguments, melix opens the interactive REPL; when standard input is not a \
      terminal it runs standard input as a script instead.

      The standard library is found via $MELIX_STDLIB, else the 'stdlib/' folder of the \
      package the melix executable was built in; without either, melix uses the copy of the \
      prelude built into it.

      Exit status: 0 success, 1 runtime error, 2 errors found before running (syntax, \
      resolve), 64 command-line usage (including a missing input file), 130 stopped by \
      Ctrl-C (a script exits at once at the second Ctrl-C; the REPL stops the running \
      statement and exits at the third during one statement). Colour only when stderr is a terminal and \
      NO_COLOR is unset.
      """,
    version: MelixVersion.string,
    subcommands: [RunCommand.self, CheckCommand.self, ServeCommand.self, DocCommand.self])

  @Option(
    name: .customShort("e"), parsing: .unconditional,
    help: ArgumentHelp(
      "Run CODE; the value of a trailing expression is printed.", valueName: "code"))
  var code: String?

  func run() throws {
    let context = DriverContext.fromProcess()
    if let code {
      try finish(context.runner.run(SourceFile(path: "<-e>", text: code), display: true))
      return
    }
    try finish(InteractiveEntry.start(context))
  }
}

/// `melix run FILE [--cell N]`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a Melix script ('-' reads standard input).",
    discussion: "With --cell N, runs the preamble (the text before the first '#%%' or '# %%' line) "
      + "and then cell N only; line numbers stay those of the whole file.")

  @ArgumentParser.Argument(help: ArgumentHelp("The .mlx script, or '-' for standard input.", valueName: "file"))
  var file: String

  // `.unconditional`: `--cell -1` is a (bad) cell number, not a missing value followed by
  // an unknown option '-1'.
  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Run only cell N (numbered from 1).", valueName: "n"))
  var cell: Int?

  func run() throws {
    let context = DriverContext.fromProcess()
    let whole = try context.read(file)
    guard let cell else {
      try finish(context.runner.run(whole))
      return
    }
    let source: SourceFile
    do {
      source = try CellSelector.select(cell: cell, from: whole)
    } catch let error as DriverError {
      context.console.report(error)
      throw ExitCode(error.exitStatus.rawValue)
    }
    try finish(context.runner.run(source) { CellSelector.explainOtherCells($0, cell: cell, in: whole, selected: source) })
  }
}

/// `melix check FILE`: parse and resolve only.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and resolve a Melix script without running it; report every error.")

  @ArgumentParser.Argument(help: ArgumentHelp("The .mlx script, or '-' for standard input.", valueName: "file"))
  var file: String

  func run() throws {
    let context = DriverContext.fromProcess()
    try finish(context.runner.check(try context.read(file)))
  }
}
