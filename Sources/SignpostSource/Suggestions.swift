/// "Did you mean" suggestions for misspelt names.
public enum Suggestions {
  /// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let lowered = Array(name.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
      if let current = best,
        distance > current.1 || (distance == current.1 && candidate >= current.0)
      {
        continue
      }
      best = (candidate, distance)
    }
    guard let (candidate, distance) = best else { return nil }
    let allowed = max(1, min(3, (lowered.count + 2) / 3))
    return distance <= allowed ? candidate : nil
  }

  /// The text "; did you mean 'x'?" or "" when there is no close candidate.
  public static func didYouMean(_ name: String, in candidates: some Sequence<String>) -> String {
    closest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }

  /// Levenshtein distance with transpositions counted as one edit.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = Swift.min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
