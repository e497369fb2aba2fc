import MelixSyntax
import Synchronization

/// Initializes `count` slots to nil (element by element: cheaper than the generic
/// array initializer for the few slots a frame has).
@inline(__always)
func nullSlots(_ slots: UnsafeMutablePointer<Value>, _ count: Int) {
  var i = 0
  while i < count {
    (slots + i).initialize(to: .null)
    i += 1
  }
}

/// Deinitializes `count` slots (element by element, avoiding `swift_arrayDestroy`); slots
/// holding nil, Bool, Int or Float own nothing and are skipped without a call.
@inline(__always)
func releaseSlots(_ slots: UnsafeMutablePointer<Value>, _ count: Int) {
  var i = 0
  while i < count {
    switch slots[i] {
    case .null, .bool, .int, .float: break
    default: (slots + i).deinitialize(count: 1)
    }
    i += 1
  }
}

/// The closure in `slot` without retaining it (nil when the slot holds no function).
@inline(__always)
func peekFunction(_ slot: UnsafeMutablePointer<Value>) -> Unmanaged<Closure>? {
  if case .function(let fn) = slot.pointee { return Unmanaged.passUnretained(fn) }
  return nil
}

/// What a compiled statement tells its block: carry on, or leave it.
enum Flow {
  case normal, breakLoop, continueLoop, returned
}

/// A compiled expression: evaluates against a frame.
typealias Eval = (Frame) throws -> Value
/// A compiled statement.
typealias Exec = (Frame) throws -> Flow

/// A compiled expression in a struct, so arrays of them hold the closure at its natural
/// abstraction (no reabstraction thunk per call).
struct EvalBox {
  let eval: Eval
}

/// The captured locals of one activation (only allocated when a function has some).
final class CellStore {
  var boxes: ContiguousArray<Box>
  init(count: Int) {
    boxes = ContiguousArray((0..<count).map { _ in Box(.null) })
  }
}

/// One activation: its slots on the value stack, its cells, the running closure, and the
/// machine state (reached through a raw pointer, so hot paths do no reference counting).
struct Frame {
  let slots: UnsafeMutablePointer<Value>
  let cells: CellStore?
  /// Kept alive by the caller's callee value for the whole call.
  unowned(unsafe) let closure: Closure?
  let m: UnsafeMutablePointer<MachineState>

  /// The interpreter, for built-ins that call back into Melix.
  var rt: Interpreter { m.pointee.interpreter }
}

/// The interpreter's hot mutable state, in raw memory owned by its `Interpreter`.
struct MachineState {
  var sp = 0
  var depth = 0
  let maxDepth: Int
  let stack: UnsafeMutablePointer<Value>
  let stackCapacity: Int
  var returnValue: Value = .null
  /// Values taken out of pinned global slots (see `Interpreter.globalPinned`): a call may be
  /// running them without holding a reference, so they live as long as the interpreter.
  var retired: [Value] = []
  /// The interpreter's global slots and their pinned flags (see `Interpreter.globalPinned`).
  let globals: UnsafeMutablePointer<Value>
  let globalPinned: UnsafeMutablePointer<Bool>
  let interrupt: UnsafeMutablePointer<Atomic<Bool>>
  unowned(unsafe) let interpreter: Interpreter

  /// Whether `Session.interrupt()` was called.
  @inline(__always)
  var isInterrupted: Bool { interrupt.pointee.load(ordering: .relaxed) }
}

/// Compiled code of a function, shared by all closures made from it.
final class FunctionProto {
  let name: String
  let parameterNames: [String]
  let layout: FunctionLayout
  let defaults: [Eval?]
  let body: Eval
  let path: String
  /// 1-based line of the declaration (for `:help` on Melix functions).
  var line = 0
  /// Copies of `layout` counts, read on every call without copying the layout's arrays.
  let slotCount: Int
  let cellCount: Int
  let parameterCount: Int

  init(name: String, parameterNames: [String], layout: FunctionLayout, defaults: [Eval?], body: @escaping Eval, path: String) {
    self.slotCount = layout.slotCount
    self.cellCount = layout.cellCount
    self.parameterCount = parameterNames.count
    self.name = name
    self.parameterNames = parameterNames
    self.layout = layout
    self.defaults = defaults
    self.body = body
    self.path = path
  }
}

/// A runtime error in flight: message, place, and the Melix frames it has left so far.
struct RuntimeError: Error {
  var message: String
  var span: Span
  var path: String
  var trace: [(function: String, path: String, line: Int)] = []
  /// The line and path of the innermost frame not yet added to `trace`.
  var pendingLine: Int
  var pendingPath: String
  /// Set when a callback called by a built-in failed: the built-in's call site supplies
  /// the line of the next frame.
  var awaitingCallSite = false
  /// A `help:` line shown under the error, if any.
  var help: String?

  init(_ message: String, at span: Span, path: String) {
    self.message = message
    self.span = span
    self.path = path
    self.pendingLine = span.line
    self.pendingPath = path
  }

  /// Records that the error left function `name`, which was called at `callSpan` in `callPath`.
  mutating func leaving(_ name: String, callSpan: Span, callPath: String) {
    trace.append((name, pendingPath, pendingLine))
    pendingLine = callSpan.line
    pendingPath = callPath
  }
}

/// A flag another thread sets to stop a running script (Ctrl-C).
final class InterruptFlag: @unchecked Sendable {
  let storage: UnsafeMutablePointer<Atomic<Bool>>
  init() {
    storage = UnsafeMutablePointer<Atomic<Bool>>.allocate(capacity: 1)
    storage.initialize(to: Atomic(false))
  }
  deinit {
    storage.deinitialize(count: 1)
    storage.deallocate()
  }
  func set() { storage.pointee.store(true, ordering: .relaxed) }
  func clear() { storage.pointee.store(false, ordering: .relaxed) }
  var isSet: Bool { storage.pointee.load(ordering: .relaxed) }
}

/// The machine that runs compiled Melix code: value stack, globals, call depth.
///
/// Built-ins receive it as their `CallContext` to call Melix functions back and to print.
public final class Interpreter {
  /// The maximum Melix call depth before `recursion depth exceeded`.
  public let maxDepth: Int
  let stack: UnsafeMutablePointer<Value>
  let stackCapacity: Int
  let machine: UnsafeMutablePointer<MachineState>
  var sp: Int {
    get { machine.pointee.sp }
    set { machine.pointee.sp = newValue }
  }
  var depth: Int {
    get { machine.pointee.depth }
    set { machine.pointee.depth = newValue }
  }
  var returnValue: Value {
    get { machine.pointee.returnValue }
    set { machine.pointee.returnValue = newValue }
  }
  let globals: UnsafeMutablePointer<Value>
  /// Whether each global's declaration has run (checked by forward references only).
  let globalDefined: UnsafeMutablePointer<Bool>
  /// Whether each global slot holds the closure its top-level `fn` declaration stored there.
  /// Calls of a pinned global function skip retaining the closure; any store into a pinned
  /// slot first moves the old value to `MachineState.retired`, so a closure that is running
  /// is never freed under it.
  let globalPinned: UnsafeMutablePointer<Bool>
  let globalCapacity: Int
  let interruptFlag = InterruptFlag()

  /// Forgets a pending Ctrl-C, for a built-in that handled SIGINT itself (`wait(server)`
  /// stops its server on Ctrl-C and returns; the script then goes on, not `interrupted`).
  public func clearInterrupt() { interruptFlag.clear() }
  let output: (String) -> Void
  /// The built-in table, indexed by `VarRef.builtin`.
  var builtins: [Builtin] = []
  /// Per-session state of other areas, by type (see `state(_:default:)`).
  var states: [ObjectIdentifier: AnyObject] = [:]
  /// The path of the file whose code is running (`<repl:3>`-style names for entries that are
  /// not files); built-ins that open files resolve relative paths against its folder, as
  /// `import` does.
  public internal(set) var currentPath = ""

  init(output: @escaping (String) -> Void, maxDepth: Int = 10_000) {
    self.output = output
    self.maxDepth = maxDepth
    stackCapacity = 1 << 20
    stack = UnsafeMutablePointer<Value>.allocate(capacity: stackCapacity)
    globalCapacity = 1 << 14
    globals = UnsafeMutablePointer<Value>.allocate(capacity: globalCapacity)
    globals.initialize(repeating: .null, count: globalCapacity)
    globalDefined = UnsafeMutablePointer<Bool>.allocate(capacity: globalCapacity)
    globalDefined.initialize(repeating: false, count: globalCapacity)
    globalPinned = UnsafeMutablePointer<Bool>.allocate(capacity: globalCapacity)
    globalPinned.initialize(repeating: false, count: globalCapacity)
    machine = UnsafeMutablePointer<MachineState>.allocate(capacity: 1)
    machine.initialize(to: MachineState(
      maxDepth: maxDepth, stack: stack, stackCapacity: stackCapacity,
      globals: globals, globalPinned: globalPinned, interrupt: interruptFlag.storage, interpreter: self))
  }

  deinit {
    // Every run unwinds its frames (`defer`), so the value stack is empty here.
    machine.deinitialize(count: 1)
    machine.deallocate()
    stack.deallocate()
    globals.deinitialize(count: globalCapacity)
    globals.deallocate()
    globalDefined.deallocate()
    globalPinned.deallocate()
  }

  /// Stores `value` in global slot `g`, retiring a pinned function first (see `globalPinned`).
  func setGlobal(_ g: Int, _ value: Value) {
    Interpreter.storeGlobal(g, value, machine)
  }

  /// Stores `value` in global slot `g`, moving a pinned function to the machine's retired
  /// values first and unpinning the slot. (Store closures capture only `m` and `g`: closures
  /// with more captures are called through slower forwarding thunks.)
  @inline(__always)
  static func storeGlobal(_ g: Int, _ value: Value, _ m: UnsafeMutablePointer<MachineState>) {
    let storage = m.pointee.globals
    let pinned = m.pointee.globalPinned
    if pinned[g] {
      pinned[g] = false
      m.pointee.retired.append(storage[g])
    }
    storage[g] = value
  }

  /// Writes `text` to the session's output (no newline added).
  ///
  /// - Parameter text: The text.
  public func write(_ text: String) { output(text) }

  /// Calls a Melix function or built-in from Swift (used by `map`, `sorted(key:)`, ...).
  ///
  /// - Parameters:
  ///   - callee: A `.function` or `.builtin` value.
  ///   - positional: Positional arguments.
  ///   - keywords: Keyword arguments.
  /// - Returns: The call's result.
  /// - Throws: `MelixError` when `callee` is not callable; the callee's runtime errors.
  public func call(_ callee: Value, _ positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
    switch callee {
    case .function(let fn):
      do {
        return try callFunction(fn, positional: positional, keywords: keywords)
      } catch var error as RuntimeError {
        // A callback (map's function) failed: add its frame; the built-in's call site
        // gives the line of the frame below.
        error.trace.append((fn.proto.name, error.pendingPath, error.pendingLine))
        error.awaitingCallSite = true
        throw error
      }
    case .builtin(let builtin):
      return try builtin.invoke(positional: positional, keywords: keywords, context: self)
    default:
      throw MelixError("\(callee.typeName) is not callable")
    }
  }

  /// Calls a Melix closure with already-evaluated arguments, binding keywords and defaults.
  func callFunction(_ fn: Closure, positional: [Value], keywords: [(String, Value)]) throws -> Value {
    let proto = fn.proto
    let parameterCount = proto.parameterCount
    if positional.count > parameterCount {
      throw MelixError(Messages.tooManyArguments(proto.name, expected: parameterCount, got: positional.count))
    }
    let slotCount = proto.slotCount
    let base = sp
    guard depth < maxDepth, base + slotCount <= stackCapacity else {
      throw MelixError(Messages.recursionDepthExceeded)
    }
    let slots = stack + base
    nullSlots(slots, slotCount)
    sp = base + slotCount
    depth += 1
    defer {
      releaseSlots(slots, slotCount)
      sp = base
      depth -= 1
    }
    var given = [Bool](repeating: false, count: parameterCount)
    for (i, value) in positional.enumerated() {
      slots[i] = value
      given[i] = true
    }
    for (name, value) in keywords {
      guard let i = proto.parameterNames.firstIndex(of: name) else {
        var error = MelixError(Messages.unknownKeyword(proto.name, name))
        error.keyword = name
        error.help = Suggestions.keyword(name, of: proto.name, parameters: proto.parameterNames)
        throw error
      }
      if given[i] { throw MelixError(Messages.duplicateArgument(proto.name, name)) }
      slots[i] = value
      given[i] = true
    }
    let frame = makeFrame(fn, slots)
    for i in 0..<parameterCount where !given[i] {
      guard let defaultValue = proto.defaults[i] else {
        throw MelixError(Messages.missingArgument(proto.name, proto.parameterNames[i]))
      }
      let value = try defaultValue(frame)
      slots[i] = value
      if let cell = proto.layout.parameterCells[i] { frame.cells?.boxes[cell].value = value }
    }
    return try proto.body(frame)
  }

  /// Builds the frame for running `fn` on `slots` (arguments already in place), moving
  /// captured parameters into their cells.
  @inline(__always)
  func makeFrame(_ fn: Closure, _ slots: UnsafeMutablePointer<Value>) -> Frame {
    let proto = fn.proto
    guard proto.cellCount > 0 else { return Frame(slots: slots, cells: nil, closure: fn, m: machine) }
    let cells = CellStore(count: proto.cellCount)
    for (i, cell) in proto.layout.parameterCells.enumerated() {
      if let cell { cells.boxes[cell] = Box(slots[i]) }
    }
    return Frame(slots: slots, cells: cells, closure: fn, m: machine)
  }
}
