import MelixNumerics
import MelixSyntax

/// `&`, `|`, `^` and `~`: NumPy's element-wise logical operators on masks, Python's bitwise
/// `&` `|` `~` on Ints.
///
/// Decisions (grammar/NOTES.md): on Bools and bool tensors the operators are logical (as
/// NumPy's on bool arrays; `~true` is `false`, as `~np.True_`, where Python's `~True` is -2);
/// on Ints `&`, `|` and `~` are bitwise, as in Python. `^` on numbers is an error rather than
/// Python's exclusive or, because R, Julia and MATLAB write a power `x^2`: a silent xor would
/// give a wrong number. Int and float tensors are refused (NumPy's bitwise `&` on int arrays
/// needs a tensor kernel Melix does not have yet).
extension Operators {
  /// `lhs op rhs` for a bitwise operator.
  ///
  /// - Parameters:
  ///   - op: `&`, `|` or `^`.
  ///   - lhs: The left operand.
  ///   - rhs: The right operand.
  /// - Returns: A Bool, an Int or a bool tensor (broadcast, NumPy's rules).
  /// - Throws: `MelixError` for other operand types, non-bool tensors or shapes that do not
  ///   broadcast.
  static func bitwise(_ op: BitwiseOperator, _ lhs: Value, _ rhs: Value) throws -> Value {
    switch (lhs, rhs) {
    case (.bool(let a), .bool(let b)):
      switch op {
      case .and: return .bool(a && b)
      case .or: return .bool(a || b)
      case .xor: return .bool(a != b)
      }
    case (.int(let a), .int(let b)):
      switch op {
      case .and: return .int(a & b)
      case .or: return .int(a | b)
      case .xor: throw powerHabit(lhs, rhs)
      }
    default:
      break
    }
    guard lhs.tensorValue != nil || rhs.tensorValue != nil else {
      if op == .xor, lhs.asDouble != nil, rhs.asDouble != nil { throw powerHabit(lhs, rhs) }
      throw MelixError(Messages.unsupportedOperands(op.rawValue, lhs.typeName, rhs.typeName))
    }
    let a = try mask(lhs, op.rawValue, operands: (lhs, rhs))
    let b = try mask(rhs, op.rawValue, operands: (lhs, rhs))
    let shape = try broadcastShape(a.shape, b.shape, op.rawValue)
    try TensorBuiltins.checkSize(shape, op.rawValue)
    return try tensorCall {
      switch op {
      case .and: return .tensor(try a.logicalAnd(b))
      case .or: return .tensor(try a.logicalOr(b))
      case .xor: return .tensor(try a.logicalXor(b))
      }
    }
  }

  /// `~value`: logical not of a Bool or a bool tensor, bitwise not of an Int.
  ///
  /// - Throws: `MelixError` for any other value.
  static func invert(_ value: Value) throws -> Value {
    switch value {
    case .bool(let b): return .bool(!b)
    case .int(let i): return .int(~i)
    default: break
    }
    guard value.tensorValue != nil else {
      var error = MelixError(Messages.unsupportedOperand("~", value.typeName))
      if value.asDouble != nil { error.help = "'~' is bitwise not on Ints and element-wise not on bool tensors" }
      throw error
    }
    return .tensor(try mask(value, "~", operands: nil).logicalNot())
  }

  /// The bool tensor an operand of `op` stands for: a tensor of dtype bool, a Bool, or a
  /// (nested) list of Bools. `operands` are both sides of a binary operator (for the
  /// message), nil for `~`.
  private static func mask(_ value: Value, _ op: String, operands: (Value, Value)?) throws -> Tensor {
    let tensor: Tensor
    do {
      tensor = try asTensor(value, role: "operand of '\(op)'")
    } catch {
      let message =
        if let (lhs, rhs) = operands {
          Messages.unsupportedOperands(op, lhs.typeName, rhs.typeName)
        } else {
          Messages.unsupportedOperand(op, value.typeName)
        }
      throw MelixError(message).withHelp(maskHelp(op))
    }
    guard tensor.dtype == .bool else {
      let article = tensor.dtype == .int64 ? "an" : "a"
      let what = value.tensorValue == nil ? value.typeName : "\(article) \(tensor.dtype) tensor"
      throw MelixError("'\(op)' needs bool tensors (masks), got \(what)").withHelp(maskHelp(op))
    }
    return tensor
  }

  /// How to get a mask for `op`.
  private static func maskHelp(_ op: String) -> String {
    if op == "^" { return "for a power write '**'; '^' is exclusive or of masks: '(a > 1) ^ (a < 5)'" }
    let example = op == "~" ? "'~(a > 1)'" : "'(a > 1) \(op) (a < 5)'"
    return "make masks with comparisons: \(example); "
      + "logical_and, logical_or, logical_xor, logical_not treat nonzero as true"
  }

  /// `x ^ y` on numbers: Melix reads neither Python's xor nor R's power into it.
  private static func powerHabit(_ lhs: Value, _ rhs: Value) -> MelixError {
    MelixError(Messages.unsupportedOperands("^", lhs.typeName, rhs.typeName))
      .withHelp("for a power write '**'; '^' is exclusive or on Bools and bool tensors")
  }

  /// The broadcast shape of `a` and `b` (NumPy's rules).
  private static func broadcastShape(_ a: [Int], _ b: [Int], _ op: String) throws -> [Int] {
    let rank = max(a.count, b.count)
    let x = Array(repeating: 1, count: rank - a.count) + a
    let y = Array(repeating: 1, count: rank - b.count) + b
    var out: [Int] = []
    for (m, n) in zip(x, y) {
      guard m == n || m == 1 || n == 1 else {
        throw MelixError("operands of '\(op)' do not broadcast: \(formatShape(a)) and \(formatShape(b))")
      }
      out.append(m == 1 ? n : m)
    }
    return out
  }
}

extension MelixError {
  /// This error with `help` as its `help:` line.
  fileprivate func withHelp(_ help: String) -> MelixError {
    var copy = self
    copy.help = help
    return copy
  }
}
