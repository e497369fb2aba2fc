extension BuiltinTable {
  /// min max sum sorted map filter list keys values items append pop insert contains.
  static func collections() -> [Builtin] {
    [
      Builtin(
        "min", [BuiltinParameter("values", variadic: true)], returns: "any",
        doc: "The smallest of the arguments, or of the one iterable argument.", example: "min(3, 1, 2)  # 1\nmin([4, 5])  # 4"
      ) { args, _ in try extreme(args[0], name: "min", wantLess: true) },
      Builtin(
        "max", [BuiltinParameter("values", variadic: true)], returns: "any",
        doc: "The largest of the arguments, or of the one iterable argument.", example: "max(3, 1, 2)  # 3"
      ) { args, _ in try extreme(args[0], name: "max", wantLess: false) },
      Builtin(
        "sum", [BuiltinParameter("values", .iterable), BuiltinParameter("start", .number, default: "0")], returns: "Int or Float",
        doc: "The sum of the numbers, plus 'start'.", example: "sum([1, 2, 3])  # 6"
      ) { args, context in
        var total = args[1]
        if case .range(let r) = args[0] {
          // A range is summed without building its list, and Ctrl-C stops it: a range is
          // cheap to write and may be huge (sum(range(10 ** 9))).
          for i in 0..<r.count {
            if i & 0xFFFF == 0 && context.interruptFlag.isSet { throw MelixError(Messages.interrupted) }
            total = try Operators.add(total, .int(r.element(i)))
          }
          return total
        }
        for value in try Operators.elements(of: args[0], polling: context.interruptFlag) {
          total = try Operators.add(total, value)
        }
        return total
      },
      Builtin(
        "sorted", [BuiltinParameter("values", .iterable), BuiltinParameter("key", .optional(.function), default: "nil"), BuiltinParameter("reverse", .bool, default: "false")],
        returns: "List",
        doc: "A new list of the values in ascending order (stable). 'key' maps each value to what is compared; 'reverse' sorts descending.",
        example: "sorted([3, 1, 2])  # [1, 2, 3]\nsorted([\"bb\", \"a\"], key: len)  # [\"a\", \"bb\"]"
      ) { args, context in
        let flag = context.interruptFlag
        let values = try Operators.elements(of: args[0], polling: flag)
        var keyed: [(key: Value, value: Value)] = []
        for (i, value) in values.enumerated() {
          if i & 0xFFF == 0 && flag.isSet { throw MelixError(Messages.interrupted) }
          if case .null = args[1] { keyed.append((value, value)) } else { keyed.append((try context.call(args[1], [value]), value)) }
        }
        let reverse: Bool
        if case .bool(true) = args[2] { reverse = true } else { reverse = false }
        // Stable: compare keys, then original position.
        let indexed = keyed.enumerated().map { ($0.offset, $0.element) }
        let sortedPairs = try indexed.sorted { a, b in
          let order = try Operators.compare(a.1.key, b.1.key, op: "<")
          if order == 0 || order == 2 { return a.0 < b.0 }
          return reverse ? order > 0 : order < 0
        }
        return .list(ListRef(sortedPairs.map { $0.1.value }))
      },
      Builtin(
        "map", [BuiltinParameter("function", .function), BuiltinParameter("values", .iterable)], returns: "List",
        doc: "A new list of function(x) for each x.", example: "map(fn(x) => x * 2, [1, 2])  # [2, 4]"
      ) { args, context in
        // Ctrl-C stops it between calls (a callback without loops or calls never polls).
        let flag = context.interruptFlag
        return .list(ListRef(try Operators.elements(of: args[1], polling: flag).map { value in
          if flag.isSet { throw MelixError(Messages.interrupted) }
          return try context.call(args[0], [value])
        }))
      },
      Builtin(
        "filter", [BuiltinParameter("function", .function), BuiltinParameter("values", .iterable)], returns: "List",
        doc: "A new list of the x for which function(x) is true.", example: "filter(fn(x) => x > 1, [1, 2, 3])  # [2, 3]"
      ) { args, context in
        var out: [Value] = []
        let flag = context.interruptFlag
        for value in try Operators.elements(of: args[1], polling: flag) {
          if flag.isSet { throw MelixError(Messages.interrupted) }
          let keep = try context.call(args[0], [value])
          guard case .bool(let b) = keep else { throw MelixError("'filter' function must return Bool, got \(keep.typeName)") }
          if b { out.append(value) }
        }
        return .list(ListRef(out))
      },
      Builtin(
        "list", [BuiltinParameter("values", .iterable, default: "nil")], returns: "List",
        doc: "A new list of the values of an iterable (a copy for a list); empty without argument.",
        example: "list(0..<3)  # [0, 1, 2]"
      ) { args, context in
        if case .null = args[0] { return .list(ListRef([])) }
        return .list(ListRef(try Operators.elements(of: args[0], polling: context.interruptFlag)))
      },
      Builtin(
        "keys", [BuiltinParameter("dict", .dict)], returns: "List",
        doc: "The keys of a dict, in insertion order.", example: "keys({\"a\": 1})  # [\"a\"]"
      ) { args, _ in
        guard case .dict(let d) = args[0] else { return .null }
        return .list(ListRef(d.keys))
      },
      Builtin(
        "values", [BuiltinParameter("dict", .dict)], returns: "List",
        doc: "The values of a dict, in insertion order.", example: "values({\"a\": 1})  # [1]"
      ) { args, _ in
        guard case .dict(let d) = args[0] else { return .null }
        return .list(ListRef(d.values))
      },
      Builtin(
        "items", [BuiltinParameter("dict", .dict)], returns: "List",
        doc: "The (key, value) tuples of a dict, in insertion order.", example: "items({\"a\": 1})  # [(\"a\", 1)]"
      ) { args, _ in
        guard case .dict(let d) = args[0] else { return .null }
        return .list(ListRef((0..<d.count).map { .tuple(TupleRef([d.keys[$0], d.values[$0]])) }))
      },
      Builtin(
        "append", [BuiltinParameter("list", .list), BuiltinParameter("value", .any)], returns: "Nil",
        doc: "Adds the value at the end of the list, in place (every alias sees it).",
        example: "let xs = [1]\nappend(xs, 2)  # xs is [1, 2]"
      ) { args, _ in
        guard case .list(let l) = args[0] else { return .null }
        l.items.append(args[1])
        return .null
      },
      Builtin(
        "pop", [BuiltinParameter("container", .oneOf([.list, .dict])), BuiltinParameter("key", .any, default: "nil")], returns: "any",
        doc: "Removes and returns an element: the last one of a list (or the one at index 'key'), or the value of a dict's key.",
        example: "let xs = [1, 2]\npop(xs)  # 2"
      ) { args, _ in
        switch args[0] {
        case .list(let l):
          if l.items.isEmpty { throw MelixError("'pop' from an empty list") }
          var index = l.items.count - 1
          if case .int(let i) = args[1] { index = try Operators.normalize(i, count: l.items.count, type: "List") }
          else if case .null = args[1] {} else { throw MelixError(Messages.indexType("List", expected: "Int", got: args[1].typeName)) }
          return l.items.remove(at: index)
        case .dict(let d):
          guard let key = HashKey(args[1]) else { throw MelixError(Messages.unhashable(args[1].typeName)) }
          guard let value = d.remove(key) else { throw MelixError(Messages.keyNotFound(args[1].repr)) }
          return value
        default: return .null
        }
      },
      Builtin(
        "insert", [BuiltinParameter("list", .list), BuiltinParameter("index", .int), BuiltinParameter("value", .any)], returns: "Nil",
        doc: "Inserts the value before position 'index' (clamped to the list, negative counts from the end), in place.",
        example: "let xs = [1, 3]\ninsert(xs, 1, 2)  # xs is [1, 2, 3]"
      ) { args, _ in
        guard case .list(let l) = args[0], case .int(let i) = args[1] else { return .null }
        let count = l.items.count
        let position = min(max(i < 0 ? i + count : i, 0), count)
        l.items.insert(args[2], at: position)
        return .null
      },
      Builtin(
        "contains", [BuiltinParameter("container", .any), BuiltinParameter("value", .any)], returns: "Bool",
        doc: "Whether the value is in the container (same as 'value in container').",
        example: "contains([1, 2], 2)  # true"
      ) { args, _ in .bool(try Operators.contains(args[0], args[1])) },
    ]
  }

  private static func extreme(_ variadic: Value, name: String, wantLess: Bool) throws -> Value {
    guard case .list(let list) = variadic else { return .null }
    var values = list.items
    if values.count == 1 { values = try Operators.elements(of: values[0]) }
    guard var best = values.first else { throw MelixError("'\(name)' of an empty sequence") }
    for value in values.dropFirst() {
      let order = try Operators.compare(value, best, op: wantLess ? "<" : ">")
      if order == 2 { continue }
      if wantLess ? order < 0 : order > 0 { best = value }
    }
    return best
  }
}
