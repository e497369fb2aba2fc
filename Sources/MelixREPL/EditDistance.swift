import MelixInterpreter

/// Edit distances for "did you mean" suggestions.
enum EditDistance {
  /// The optimal-string-alignment distance between `a` and `b`, ignoring case: the
  /// interpreter's `Suggestions.distance` (one copy of the recurrence for both).
  static func distance(_ a: String, _ b: String) -> Int {
    Suggestions.distance(a, b)
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
