import Testing

@testable import MelixREPL

@Suite struct CommandTests {
  @Test func parsesEveryCommand() throws {
    #expect(try Command.parse(":help") == .help(topic: nil))
    #expect(try Command.parse("  :help train  ") == .help(topic: "train"))
    #expect(try Command.parse(":vars") == .vars)
    #expect(try Command.parse(":time fib(20) + 1") == .time(statement: "fib(20) + 1"))
    #expect(try Command.parse(":load lib.mlx") == .load(path: "lib.mlx"))
    #expect(try Command.parse(":run exp.mlx") == .run(path: "exp.mlx", cell: nil))
    #expect(try Command.parse(":run exp.mlx --cell 3") == .run(path: "exp.mlx", cell: 3))
    #expect(try Command.parse(":run --cell=2 exp.mlx") == .run(path: "exp.mlx", cell: 2))
    #expect(try Command.parse(":cells exp.mlx") == .cells(path: "exp.mlx"))
    #expect(try Command.parse(":reset") == .reset)
    #expect(try Command.parse(":quit") == .quit)
    #expect(try Command.parse(":q") == .quit)
  }

  @Test func quotedPathsKeepSpaces() throws {
    #expect(try Command.parse(":load \"my data/setup.mlx\"") == .load(path: "my data/setup.mlx"))
    #expect(try Command.parse(":run 'a b.mlx' --cell 1") == .run(path: "a b.mlx", cell: 1))
    #expect(throws: CommandError.unterminatedQuote) { try Command.parse(":load \"open.mlx") }
  }

  @Test func unknownCommandSuggestsTheNearest() {
    #expect(throws: CommandError.unknownCommand(name: "hlep", suggestion: "help")) {
      try Command.parse(":hlep")
    }
    #expect(throws: CommandError.unknownCommand(name: "tiem", suggestion: "time")) {
      try Command.parse(":tiem x")
    }
    #expect(throws: CommandError.unknownCommand(name: "cell", suggestion: "cells")) {
      try Command.parse(":cell f.mlx")
    }
    #expect(throws: CommandError.unknownCommand(name: "plot", suggestion: nil)) {
      try Command.parse(":plot")
    }
  }

  @Test func unknownCommandMessageAndHelp() {
    let error = CommandError.unknownCommand(name: "hlep", suggestion: "help")
    #expect(error.message == "unknown command ':hlep'")
    #expect(error.help == "did you mean ':help'?")
    #expect(
      CommandError.unknownCommand(name: "zz", suggestion: nil).help == "':help' lists the commands")
  }

  @Test func argumentErrorsNameTheCommand() {
    #expect(throws: CommandError.missingArgument(command: "load", argument: "FILE")) {
      try Command.parse(":load")
    }
    #expect(throws: CommandError.missingArgument(command: "time", argument: "STATEMENT")) {
      try Command.parse(":time   ")
    }
    #expect(throws: CommandError.unexpectedArgument(command: "quit", argument: "now")) {
      try Command.parse(":quit now")
    }
    #expect(throws: CommandError.unexpectedArgument(command: "run", argument: "b.mlx")) {
      try Command.parse(":run a.mlx b.mlx")
    }
    #expect(throws: CommandError.badCellNumber("two")) {
      try Command.parse(":run a.mlx --cell two")
    }
    #expect(throws: CommandError.badCellNumber("0")) { try Command.parse(":run a.mlx --cell 0") }
    #expect(throws: CommandError.missingArgument(command: "run", argument: "N after '--cell'")) {
      try Command.parse(":run a.mlx --cell")
    }
    let missing = CommandError.missingArgument(command: "load", argument: "FILE")
    #expect(missing.message == "':load' needs FILE")
    #expect(missing.help == "usage: :load FILE")
  }

  @Test func recognisesCommandEntries() {
    #expect(Command.isCommand(":vars"))
    #expect(Command.isCommand("   :help"))
    #expect(!Command.isCommand("x = 1"))
    #expect(!Command.isCommand("f(a: 1)"))
    #expect(!Command.isCommand(""))
  }
}

@Suite struct EditDistanceTests {
  @Test func classicDistances() {
    #expect(EditDistance.distance("kitten", "sitting") == 3)
    #expect(EditDistance.distance("", "abc") == 3)
    #expect(EditDistance.distance("abc", "") == 3)
    #expect(EditDistance.distance("same", "same") == 0)
    #expect(EditDistance.distance("hlep", "help") == 1)  // one adjacent swap
    #expect(EditDistance.distance("ca", "abc") == 3)  // optimal string alignment, not full Damerau
    #expect(EditDistance.distance("ünï", "uni") == 2)  // compared by characters
  }

  @Test func nearestRespectsTheLimit() {
    let names = ["help", "vars", "time", "load", "run", "cells", "reset", "quit"]
    #expect(EditDistance.nearest(to: "rest", in: names) == "reset")
    #expect(EditDistance.nearest(to: "lod", in: names) == "load")
    #expect(EditDistance.nearest(to: "va", in: names) == "vars")  // unique prefix
    #expect(EditDistance.nearest(to: "r", in: names) == nil)  // "run" and "reset" share it
    #expect(EditDistance.nearest(to: "zzzzzz", in: names) == nil)
  }
}
