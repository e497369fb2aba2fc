import Foundation

extension Explanation {
  /// The kinds of SVG plot an explanation draws.
  public enum PlotKind: String, Sendable, CaseIterable {
    /// One dot per row and feature at its SHAP value, coloured by the feature's value
    /// (blue low, red high), features ranked by mean |SHAP|, as `shap.plots.beeswarm`.
    case beeswarm
    /// Mean |SHAP| per feature as horizontal bars, as `shap.plots.bar`.
    case bar
  }

  /// Draws a plot as a standalone SVG document.
  ///
  /// - Parameters:
  ///   - kind: `.beeswarm` or `.bar`.
  ///   - output: The output (class) a beeswarm shows. Default 0.
  ///   - maxFeatures: At most this many features, largest mean |SHAP| first. Default 20.
  /// - Returns: The SVG text (UTF-8, `image/svg+xml`).
  public func svg(_ kind: PlotKind, output: Int = 0, maxFeatures: Int = 20) -> String {
    let means = meanAbsoluteValues
    let order = Array(
      means.indices.sorted { means[$0] > means[$1] || (means[$0] == means[$1] && $0 < $1) }
        .prefix(max(maxFeatures, 1)))
    let rowHeight = 28.0
    let left = 180.0
    let plotWidth = 480.0
    let top = 40.0
    let height = top + rowHeight * Double(order.count) + 70
    let width = left + plotWidth + 80
    var body = ""
    let title: String
    let axis: String
    switch kind {
    case .bar:
      title = "mean |SHAP value|"
      axis = "mean |SHAP value| (\(outputSpace))"
      let top1 = max(order.map { means[$0] }.max() ?? 0, 1e-300)
      for (r, j) in order.enumerated() {
        let y = top + rowHeight * Double(r)
        let w = means[j] / top1 * plotWidth
        body += rect(x: left, y: y + 4, w: w, h: rowHeight - 8, fill: "#1e88e5")
        body += text(
          x: left + w + 4, y: y + rowHeight / 2 + 4, Self.number(means[j]), anchor: "start")
      }
      body += line(x1: left, y1: top, x2: left, y2: top + rowHeight * Double(order.count))
      body += ticks(
        lo: 0, hi: top1, left: left, width: plotWidth, y: top + rowHeight * Double(order.count))
    case .beeswarm:
      let k = min(max(output, 0), outputCount - 1)
      title = "SHAP values: \(outputNames[k])"
      axis = "SHAP value (\(outputSpace))"
      var lo = 0.0
      var hi = 0.0
      for row in values[k] {
        for j in order {
          lo = min(lo, row[j])
          hi = max(hi, row[j])
        }
      }
      let span = max(hi - lo, 1e-300)
      func xPosition(_ v: Double) -> Double { left + (v - lo) / span * plotWidth }
      body += line(
        x1: xPosition(0), y1: top, x2: xPosition(0), y2: top + rowHeight * Double(order.count))
      for (r, j) in order.enumerated() {
        let center = top + rowHeight * (Double(r) + 0.5)
        let column = data.map { $0[j] }
        let cmin = column.min() ?? 0
        let cmax = column.max() ?? 0
        // Dots in the same 1/100 of the axis stack up and down, as shap's beeswarm.
        var binCounts: [Int: Int] = [:]
        for (i, row) in values[k].enumerated() {
          let v = row[j]
          let bin = Int(((v - lo) / span * 100).rounded())
          let n = binCounts[bin, default: 0]
          binCounts[bin] = n + 1
          let offset = Double((n + 1) / 2) * 2.5 * (n % 2 == 0 ? 1 : -1)
          let t = cmax > cmin ? (column[i] - cmin) / (cmax - cmin) : 0.5
          body +=
            "<circle cx=\"\(Self.fixed(xPosition(v)))\" cy=\"\(Self.fixed(center + max(-11, min(11, offset))))\" r=\"2.5\" fill=\"\(Self.color(t))\" fill-opacity=\"0.8\"/>\n"
        }
      }
      body += legend(x: left + plotWidth + 10, y: top, h: rowHeight * Double(order.count))
      body += ticks(
        lo: lo, hi: lo + span, left: left, width: plotWidth,
        y: top + rowHeight * Double(order.count))
    }
    for (r, j) in order.enumerated() {
      let y = top + rowHeight * (Double(r) + 0.5) + 4
      body += text(x: left - 8, y: y, featureNames[j], anchor: "end")
    }
    let axisY = top + rowHeight * Double(order.count) + 40
    body += text(x: left + plotWidth / 2, y: axisY, axis, anchor: "middle")
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(Int(width / 2))" y="22" text-anchor="middle" font-size="15">\(Self.escape(title))</text>
      \(body)</svg>

      """
  }

  /// Writes a plot to an SVG file (atomically: a temporary file, then a rename).
  ///
  /// - Parameters:
  ///   - path: The file to write; it must end in `.svg` (any case), so that no `.png` file
  ///     silently holds SVG text.
  ///   - kind: `.beeswarm` or `.bar`.
  ///   - output: The output a beeswarm shows. Default 0.
  /// - Throws: `ExplainError.writeFailed` naming the path and the reason: `plots are SVG: use
  ///   a path ending in '.svg'`, `no such directory`, `'DIR' is not a directory`,
  ///   `permission denied`, or the system's reason.
  public func writeSVG(to path: String, kind: PlotKind, output: Int = 0) throws {
    guard (path as NSString).pathExtension.lowercased() == "svg" else {
      throw ExplainError.writeFailed(
        path: path, reason: "plots are SVG: use a path ending in '.svg'")
    }
    let folder = (path as NSString).deletingLastPathComponent
    let directory = folder.isEmpty ? "." : folder
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw ExplainError.writeFailed(path: path, reason: "no such directory")
    }
    guard isDirectory.boolValue else {
      throw ExplainError.writeFailed(path: path, reason: "'\(directory)' is not a directory")
    }
    do {
      try svg(kind, output: output).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw ExplainError.writeFailed(path: path, reason: Self.reason(error))
    }
  }

  /// A write failure in lower case without a trailing period: the POSIX reason when
  /// Foundation has one (`permission denied`), else Foundation's description.
  static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    var text = nsError.localizedDescription
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code))
    {
      text = String(cString: message)
    }
    text = text.lowercased()
    while text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// The x axis under the plot: a line from `left` to `left + width` at `y`, with a tick and
  /// a number at each multiple of a round step (1, 2 or 5 times a power of ten, about five
  /// steps over `lo...hi`; Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
  private func ticks(lo: Double, hi: Double, left: Double, width: Double, y: Double) -> String {
    var s = line(x1: left, y1: y, x2: left + width, y2: y)
    let span = hi - lo
    guard span > 0, span.isFinite else { return s }
    let rough = span / 5
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    var k = (lo / step).rounded(.up)
    while k * step <= hi + step * 1e-9 {
      let value = k * step
      let x = left + (value - lo) / span * width
      s += line(x1: x, y1: y, x2: x, y2: y + 4)
      s += text(x: x, y: y + 16, Self.number(abs(value) < step * 1e-9 ? 0 : value), anchor: "middle")
      k += 1
    }
    return s
  }

  private func rect(x: Double, y: Double, w: Double, h: Double, fill: String) -> String {
    "<rect x=\"\(Self.fixed(x))\" y=\"\(Self.fixed(y))\" width=\"\(Self.fixed(w))\" height=\"\(Self.fixed(h))\" fill=\"\(fill)\"/>\n"
  }

  private func line(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
    "<line x1=\"\(Self.fixed(x1))\" y1=\"\(Self.fixed(y1))\" x2=\"\(Self.fixed(x2))\" y2=\"\(Self.fixed(y2))\" stroke=\"#999\"/>\n"
  }

  private func text(x: Double, y: Double, _ s: String, anchor: String) -> String {
    "<text x=\"\(Self.fixed(x))\" y=\"\(Self.fixed(y))\" text-anchor=\"\(anchor)\">\(Self.escape(s))</text>\n"
  }

  private func legend(x: Double, y: Double, h: Double) -> String {
    var s = "<defs><linearGradient id=\"fv\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
    s +=
      "<stop offset=\"0\" stop-color=\"\(Self.color(0))\"/><stop offset=\"1\" stop-color=\"\(Self.color(1))\"/>"
    s += "</linearGradient></defs>\n"
    s +=
      "<rect x=\"\(Self.fixed(x))\" y=\"\(Self.fixed(y))\" width=\"8\" height=\"\(Self.fixed(h))\" fill=\"url(#fv)\"/>\n"
    s += text(x: x + 4, y: y - 4, "high", anchor: "middle")
    s += text(x: x + 4, y: y + h + 14, "low", anchor: "middle")
    return s
  }

  /// Blue (low feature value) to red (high), shap's colours.
  static func color(_ t: Double) -> String {
    let c = max(0, min(1, t))
    let blue = (0.0, 139.0, 251.0)
    let red = (255.0, 0.0, 82.0)
    let r = Int(blue.0 + (red.0 - blue.0) * c)
    let g = Int(blue.1 + (red.1 - blue.1) * c)
    let b = Int(blue.2 + (red.2 - blue.2) * c)
    return String(format: "#%02x%02x%02x", r, g, b)
  }

  static func fixed(_ x: Double) -> String { String(format: "%.1f", x) }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
