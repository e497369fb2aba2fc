import MelixSyntax

/// Where a name lives at run time.
enum VarRef: Equatable {
  /// A slot of the current frame.
  case local(Int)
  /// A captured variable of the current frame, held in a `Box` (cell index).
  case cell(Int)
  /// A variable captured from an enclosing function (index into the closure's upvalues).
  case upvalue(Int)
  /// A slot of the session's global array.
  case global(Int)
  /// An entry of the built-in table.
  case builtin(Int)
}

/// Where a closure finds one of its upvalues when it is created.
enum CaptureSource: Equatable {
  /// A cell of the creating frame.
  case cell(Int)
  /// An upvalue of the creating closure.
  case upvalue(Int)
}

/// The frame layout of one function (or of a file's top-level code).
struct FunctionLayout {
  /// Frame slots needed (parameters first).
  var slotCount = 0
  /// Cells needed for captured locals.
  var cellCount = 0
  /// The upvalues a closure of this function captures when it is created.
  var captures: [CaptureSource] = []
  /// For each parameter, the cell it moves into at entry when captured.
  var parameterCells: [Int?] = []
}

/// The resolver's output: a side table from node IDs to places, plus frame layouts.
struct Resolution {
  /// For every name use, declaration pattern and parameter: where it lives.
  var refs: [NodeID: VarRef] = [:]
  /// Layout per function declaration ID.
  var functions: [NodeID: FunctionLayout] = [:]
  /// Layout of the top-level code.
  var main = FunctionLayout()
  /// Name uses inside functions that refer to a global declared later in the file: they
  /// are checked at run time (the function may run before the declaration).
  var forwardGlobalUses: Set<NodeID> = []
}

/// The session's global names: slot numbers and constness, persistent across REPL entries.
struct GlobalTable {
  /// Slot of each global name.
  var slots: [String: Int] = [:]
  /// Names in slot order.
  var names: [String] = []
  /// Whether each slot was declared with `let` (or `fn`).
  var isConstant: [Bool] = []
  /// Whether each slot was declared with `fn`.
  var isFunction: [Bool] = []

  /// Returns the slot for `name`, adding it when new.
  mutating func declare(_ name: String, constant: Bool, function: Bool = false) -> Int {
    if let slot = slots[name] {
      isConstant[slot] = constant
      isFunction[slot] = function
      return slot
    }
    let slot = names.count
    slots[name] = slot
    names.append(name)
    isConstant.append(constant)
    isFunction.append(function)
    return slot
  }

  /// Forgets the names declared at slots `start...` that never received a value (a REPL
  /// entry stopped by an error before its `let` ran, as IPython leaves such a name unbound).
  /// Trailing slots are removed; an earlier one keeps its slot (compiled code may refer to
  /// it by number) under the empty name, which no lookup or listing shows.
  ///
  /// - Parameters:
  ///   - start: The first slot the failed entry declared.
  ///   - isDefined: Whether a slot was assigned.
  mutating func forgetUndefined(from start: Int, isDefined: (Int) -> Bool) {
    guard start < names.count else { return }
    for slot in (start..<names.count).reversed() where !isDefined(slot) {
      if slots[names[slot]] == slot { slots[names[slot]] = nil }
      if slot == names.count - 1 {
        names.removeLast()
        isConstant.removeLast()
        isFunction.removeLast()
      } else {
        names[slot] = ""
      }
    }
  }
}
