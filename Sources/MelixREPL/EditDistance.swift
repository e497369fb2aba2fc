/// Edit distances for "did you mean" suggestions.
enum EditDistance {
  /// The optimal-string-alignment distance between `a` and `b`: the fewest insertions,
  /// deletions, substitutions and swaps of two adjacent characters that turn `a` into `b`
  /// (Damerau's extension of Levenshtein's distance; Wagner–Fischer dynamic programme).
  ///
  /// - Complexity: O(a.count · b.count) time, O(b.count) extra rows.
  static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a)
    let t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous2 = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
          best = min(best, previous2[j - 2] + 1)
        }
        current[j] = best
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[t.count]
  }

  /// The candidate closest to `word`, if it is close enough to be a likely typo: at most
  /// one edit for words of up to four characters, two for longer ones, or `word` is a
  /// prefix of exactly one candidate. Ties go to the earlier candidate.
  static func nearest(to word: String, in candidates: [String]) -> String? {
    let limit = word.count <= 4 ? 1 : 2
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let d = distance(word, candidate)
      if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
    }
    if let best { return best.name }
    let prefixed = candidates.filter { !word.isEmpty && $0.hasPrefix(word) }
    return prefixed.count == 1 ? prefixed[0] : nil
  }
}
