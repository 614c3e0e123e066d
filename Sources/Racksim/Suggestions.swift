/// "Did you mean …?" for unknown names: the nearest candidate by edit distance.
public enum Suggestions {
  /// The candidate closest to `word` by Levenshtein distance, if it is close enough to be a
  /// plausible typo (distance ≤ max(2, ⌊length / 3⌋)); ties go to the first in `candidates`.
  public static func nearest(to word: String, in candidates: [String]) -> String? {
    let limit = Swift.max(2, word.count / 3)
    var best: (name: String, distance: Int)? = nil
    for c in candidates {
      let d = distance(word, c)
      if d <= limit && d < (best?.distance ?? .max) { best = (c, d) }
    }
    return best?.name
  }

  /// Levenshtein distance between `a` and `b`, over Unicode scalars.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = Array(repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
