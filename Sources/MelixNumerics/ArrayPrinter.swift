import Foundation

/// NumPy's array printing (numpy/_core/arrayprint.py, default options: precision 8,
/// `floatmode="maxprec"`, line width 75, threshold 1000, edge items 3), reproduced so a
/// tensor prints as NumPy users expect: aligned columns, wrapped lines, `...` summaries.
struct ArrayPrinter {
  static let lineWidth = 75
  static let threshold = 1000
  static let edgeItems = 3

  /// NumPy's `repr` with `prefix` in place of `array(`; `info` replaces the dtype suffix
  /// (e.g. `shape=[2, 2], dtype=float64)`), `nil` gives NumPy's own rule.
  static func repr(_ tensor: Tensor, prefix: String, info: String?) -> String {
    let t = tensor.detached()
    // NumPy passes suffix ")" to array2string, so lines wrap one column early.
    let body = array2string(t, prefix: prefix, width: lineWidth - 1)
    var extras: [String] = []
    if let info {
      extras = [info]
    } else {
      if (t.count == 0 && t.shape != [0]) || t.count > threshold {
        extras.append(
          "shape=(" + t.shape.map(String.init).joined(separator: ", ") + (t.rank == 1 ? ",)" : ")"))
      }
      if t.dtype == .float32 || t.count == 0 { extras.append("dtype=\(t.dtype)") }
    }
    if extras.isEmpty { return prefix + body + ")" }
    let arr = prefix + body + ","
    let tail = extras.joined(separator: ", ") + ")"
    let lastLine =
      arr.count
      - ((arr.lastIndex(of: "\n").map { arr.distance(from: arr.startIndex, to: $0) + 1 }) ?? 0)
    let spacer =
      lastLine + tail.count + 1 > lineWidth
      ? "\n" + String(repeating: " ", count: prefix.count) : " "
    return arr + spacer + tail
  }

  static func array2string(_ t: Tensor, prefix: String, width: Int) -> String {
    if t.count == 0 { return "[]" }
    let summarise = t.count > threshold
    var small = t
    for axis in 0..<t.rank where summarise && t.shape[axis] > 2 * edgeItems {
      let n = t.shape[axis]
      let picks = Tensor((Array(0..<edgeItems) + Array((n - edgeItems)..<n)).map { Int64($0) })
      small = (try? small.take(picks, axis: axis)) ?? small
    }
    let format = formatter(for: small)
    let printer = Recurser(
      small: small.contiguous(), original: t.shape, format: format, separator: ", ",
      summary: summarise ? "..." : "")
    return printer.run(
      hangingIndent: " " + String(repeating: " ", count: prefix.count), width: width)
  }

  /// Builds the element formatter from (the summarised) data, as NumPy's `_get_format_function`.
  static func formatter(for t: Tensor) -> (Int) -> String {
    switch t.dtype {
    case .bool:
      let v = t.toArray(Bool.self)
      let scalar = t.rank == 0
      return { i in v[i] ? (scalar ? "True" : " True") : "False" }
    case .int64:
      let v = t.toArray(Int64.self)
      let width = v.map { String($0).count }.max() ?? 0
      return { i in pad(String(v[i]), width) }
    case .float32, .float64:
      return FloatFormat(t.toArray(Double.self), isFloat32: t.dtype == .float32).format
    }
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }

  /// NumPy's `_formatArray` recursion over the summarised tensor.
  struct Recurser {
    let small: Tensor
    let original: [Int]
    let format: (Int) -> String
    let separator: String
    let summary: String

    func run(hangingIndent: String, width: Int) -> String {
      recurse(index: [], hangingIndent: hangingIndent, width: width)
    }

    func flatIndex(_ index: [Int]) -> Int {
      var flat = 0
      for (axis, i) in index.enumerated() { flat = flat * small.shape[axis] + i }
      return flat
    }

    func extend(
      _ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String
    ) {
      var wrap = line.count + word.count > width
      if line.count <= indent.count { wrap = false }
      if wrap {
        s += rstrip(line) + "\n"
        line = indent
      }
      line += word
    }

    func rstrip(_ s: String) -> String {
      var out = s
      while out.last == " " { out.removeLast() }
      return out
    }

    func recurse(index: [Int], hangingIndent: String, width: Int) -> String {
      let axis = index.count
      let axesLeft = original.count - axis
      if axesLeft == 0 { return format(flatIndex(index)) }
      let nextIndent = hangingIndent + " "
      let nextWidth = width - 1
      let length = small.shape[axis]
      let showSummary = !summary.isEmpty && 2 * edgeItems < original[axis]
      let leading = showSummary ? edgeItems : 0
      let trailing = showSummary ? edgeItems : length
      var s = ""
      if axesLeft == 1 {
        let elemWidth = width - Swift.max(separator.trimmingCharacters(in: .whitespaces).count, 1)
        var line = hangingIndent
        for i in 0..<leading {
          let word = recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth)
          extend(&s, &line, word, elemWidth, hangingIndent)
          line += separator
        }
        if showSummary {
          extend(&s, &line, summary, elemWidth, hangingIndent)
          line += separator
        }
        if trailing > 1 {
          for i in stride(from: trailing, to: 1, by: -1) {
            let word = recurse(
              index: index + [length - i], hangingIndent: nextIndent, width: nextWidth)
            extend(&s, &line, word, elemWidth, hangingIndent)
            line += separator
          }
        }
        let word = recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
        extend(&s, &line, word, elemWidth, hangingIndent)
        s += line
      } else {
        let lineSep =
          separator.trimmingCharacters(in: .whitespaces)
          + String(repeating: "\n", count: axesLeft - 1)
        for i in 0..<leading {
          s +=
            hangingIndent + recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth)
            + lineSep
        }
        if showSummary { s += hangingIndent + summary + lineSep }
        if trailing > 1 {
          for i in stride(from: trailing, to: 1, by: -1) {
            s +=
              hangingIndent
              + recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth)
              + lineSep
          }
        }
        s +=
          hangingIndent
          + recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
      }
      return "[" + String(s.dropFirst(hangingIndent.count)) + "]"
    }
  }
}
