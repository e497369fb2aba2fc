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
        extras.append("shape=(" + t.shape.map(String.init).joined(separator: ", ") + (t.rank == 1 ? ",)" : ")"))
      }
      if t.dtype == .float32 || t.count == 0 { extras.append("dtype=\(t.dtype)") }
    }
    if extras.isEmpty { return prefix + body + ")" }
    let arr = prefix + body + ","
    let tail = extras.joined(separator: ", ") + ")"
    let lastLine = arr.count - ((arr.lastIndex(of: "\n").map { arr.distance(from: arr.startIndex, to: $0) + 1 }) ?? 0)
    let spacer = lastLine + tail.count + 1 > lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
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
    return printer.run(hangingIndent: " " + String(repeating: " ", count: prefix.count), width: width)
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

    func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
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
            let word = recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth)
            extend(&s, &line, word, elemWidth, hangingIndent)
            line += separator
          }
        }
        let word = recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
        extend(&s, &line, word, elemWidth, hangingIndent)
        s += line
      } else {
        let lineSep = separator.trimmingCharacters(in: .whitespaces) + String(repeating: "\n", count: axesLeft - 1)
        for i in 0..<leading {
          s += hangingIndent + recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth) + lineSep
        }
        if showSummary { s += hangingIndent + summary + lineSep }
        if trailing > 1 {
          for i in stride(from: trailing, to: 1, by: -1) {
            s += hangingIndent + recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth) + lineSep
          }
        }
        s += hangingIndent + recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
      }
      return "[" + String(s.dropFirst(hangingIndent.count)) + "]"
    }
  }
}

/// NumPy's `FloatingFormat` in its default mode: shortest round-trip digits capped at 8
/// decimals, positional unless the magnitudes span too much, columns padded to align.
struct FloatFormat {
  let values: [Double]
  let isFloat32: Bool
  var expFormat = false
  var padLeft = 0
  var padRight = 0
  var precision = 8
  var expSize = -1

  init(_ values: [Double], isFloat32: Bool) {
    self.values = values
    self.isFloat32 = isFloat32
    let finite = values.filter { $0.isFinite }
    let nonzero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
    if let maxV = nonzero.max(), let minV = nonzero.min() {
      let ratio = isFloat32 ? Double(Float(maxV) / Float(minV)) : maxV / minV
      if maxV >= 1e8 || minV < 0.0001 || ratio > 1000 { expFormat = true }
    }
    if finite.isEmpty {
      padLeft = 0
      padRight = 0
    } else if expFormat {
      let parts = finite.map { scientific($0, precision: 8) }
      expSize = (parts.map { $0.exp.count }.max() ?? 2) - 1
      precision = parts.map { $0.frac.count }.max() ?? 0
      padLeft = parts.map { $0.int.count }.max() ?? 0
      padRight = expSize + 2 + precision
    } else {
      let parts = finite.map { positional($0) }
      padLeft = parts.map { $0.int.count }.max() ?? 0
      padRight = parts.map { $0.frac.count }.max() ?? 0
    }
    if finite.count != values.count {
      let negInf = values.contains { $0 == -.infinity }
      let offset = padRight + 1
      padLeft = Swift.max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset)
    }
  }

  func format(_ i: Int) -> String {
    let x = values[i]
    if !x.isFinite {
      let s = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
      return ArrayPrinter.pad(s, padLeft + padRight + 1)
    }
    if expFormat {
      let p = scientific(x, precision: precision)
      var frac = p.frac
      while frac.count < precision { frac += "0" }
      var digits = String(p.exp.dropFirst())
      while digits.count < expSize { digits = "0" + digits }
      return ArrayPrinter.pad(p.int, padLeft) + "." + frac + "e" + String(p.exp.prefix(1)) + digits
    }
    let p = positional(x)
    return ArrayPrinter.pad(p.int, padLeft) + "." + p.frac + String(repeating: " ", count: padRight - p.frac.count)
  }

  /// Shortest round-trip decimal digits `d` and point position `p` (value = 0.d × 10^p... as
  /// `d[..<p].d[p...]`), plus the sign.
  func shortest(_ x: Double) -> (negative: Bool, digits: [Character], point: Int) {
    let text = isFloat32 ? Float(x).description : x.description
    var body = Substring(text)
    let negative = body.hasPrefix("-")
    if negative { body = body.dropFirst() }
    var exponent = 0
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(body[body.index(after: e)...]) ?? 0
      body = body[..<e]
    }
    let intPart = body.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
    let fracPart = body.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
    var digits = Array(intPart) + Array(fracPart)
    var point = intPart.count + exponent
    while digits.count > 1 && digits.first == "0" {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }
    if digits == ["0"] { point = 1 }
    return (negative, digits, point)
  }

  /// Positional digits with at most 8 decimals, trailing zeros trimmed (keeps the point).
  func positional(_ x: Double) -> (int: String, frac: String) {
    let (negative, digits, point) = shortest(x)
    let sign = negative ? "-" : ""
    if digits.count - point > 8 {
      let text = String(format: "%.8f", Swift.abs(x))
      let parts = text.split(separator: ".")
      var frac = String(parts.count > 1 ? parts[1] : "")
      while frac.last == "0" { frac.removeLast() }
      let roundedToZero = parts[0] == "0" && frac.isEmpty
      return ((negative && !roundedToZero ? "-" : (negative ? "-" : "")) + String(parts[0]), frac)
    }
    let intDigits: String
    if point <= 0 {
      intDigits = "0"
    } else if point >= digits.count {
      intDigits = String(digits) + String(repeating: "0", count: point - digits.count)
    } else {
      intDigits = String(digits[..<point])
    }
    let frac: String
    if point >= digits.count {
      frac = digits == ["0"] ? "" : ""
    } else if point < 0 {
      frac = String(repeating: "0", count: -point) + String(digits)
    } else {
      frac = String(digits[point...])
    }
    return (sign + intDigits, frac)
  }

  /// Scientific digits `d.ddd` with at most `precision` decimals, and the exponent with
  /// sign and at least two digits (`-05`).
  func scientific(_ x: Double, precision: Int) -> (int: String, frac: String, exp: String) {
    let (negative, digits, point) = shortest(x)
    let sign = negative ? "-" : ""
    var intDigit = String(digits[0])
    var frac = String(digits.dropFirst())
    var exponent = digits == ["0"] ? 0 : point - 1
    if frac.count > precision {
      let text = String(format: "%.\(precision)e", Swift.abs(x))
      let mantissa = text.split(separator: "e")[0]
      exponent = Int(text.split(separator: "e")[1]) ?? exponent
      let parts = mantissa.split(separator: ".")
      intDigit = String(parts[0])
      frac = parts.count > 1 ? String(parts[1]) : ""
      while frac.last == "0" { frac.removeLast() }
    }
    let e = Swift.abs(exponent)
    let expText = (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    return (sign + intDigit, frac, expText)
  }
}

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
  /// The tensor as Melix shows it: NumPy's layout with `tensor(` in place of `array(`,
  /// followed by the shape and dtype, e.g.
  /// `tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float64)`. Tensors of more
  /// than 1000 elements show three items at each edge of every axis with `...` between.
  public var description: String {
    ArrayPrinter.repr(self, prefix: "tensor(", info: "shape=\(formatShape(shape)), dtype=\(dtype)")
  }

  /// Exactly NumPy's `repr` of the same array (`array([1., 2.])`,
  /// `array([1., 2.], dtype=float32)`), used to test the layout against NumPy.
  public var numpyRepr: String { ArrayPrinter.repr(self, prefix: "array(", info: nil) }

  /// Same as ``description``.
  public var debugDescription: String { description }
}
