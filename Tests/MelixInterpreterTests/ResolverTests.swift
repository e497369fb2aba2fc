import MelixInterpreter
import MelixSyntax
import XCTest

final class ResolverTests: XCTestCase {
  func testShadowingInInnerScopesIsAllowed() {
    XCTAssertEqual(output("""
      let x = 1
      fn f(x) {
        if true {
          let x = 3
          print(x)
        }
        return x
      }
      print(f(2), x)
      """), "3\n2 1\n")
  }

  func testBlockScopedNamesDoNotLeak() {
    XCTAssertEqual(compileErrors("if true {\n  let inner = 1\n}\nprint(inner)"), ["undefined variable 'inner'"])
  }

  func testNestedClosuresShareOneVariableThroughSeveralLevels() {
    XCTAssertEqual(output("""
      fn make() {
        var count = 0
        fn inc() { count += 1 }
        fn get() => count
        return (inc, get)
      }
      let (inc, get) = make()
      inc()
      inc()
      print(get())
      """), "2\n")
  }

  func testCapturedParameter() {
    XCTAssertEqual(output("fn adder(n) => fn(x) => x + n\nlet add3 = adder(3)\nprint(add3(4), adder(10)(1))"), "7 11\n")
  }

  func testEveryResolveErrorIsReported() {
    XCTAssertEqual(compileErrors("""
      return 1
      break
      fn f() {
        continue
        import "x"
        undefinedThing()
      }
      let k = 1
      k += 1
      print = 3
      """), [
        "'return' outside a function",
        "'break' outside a loop",
        "'continue' outside a loop",
        "'import' is only allowed at the top level",
        "undefined variable 'undefinedThing'",
        "cannot assign to 'k': it is declared with 'let'",
        "cannot assign to built-in 'print'",
      ])
  }

  func testUserGlobalsMayShadowBuiltins() {
    XCTAssertEqual(output("fn len(x) => 42\nprint(len([1]))"), "42\n")
  }
}
