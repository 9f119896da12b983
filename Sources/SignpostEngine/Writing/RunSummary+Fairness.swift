import SignpostFairness

extension RunSummary {
  /// The `fairness` section of `summary.json` (disproportionality by the pack's protected and
  /// context fields) and its `profile` section (the problem profile): aggregates only, small
  /// counts suppressed, no person ids.
  static func measureSections(_ run: ScoringRun) -> (fairness: String, profile: String) {
    let measures = run.measures
    return (nested(measures.fairness.json), nested(measures.profile.json))
  }

  /// Indented JSON re-indented to sit one level into the summary object: two spaces after
  /// every line break.
  static func nested(_ json: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(json.utf8.count + json.utf8.count / 8)
    for byte in json.utf8 {
      bytes.append(byte)
      if byte == 0x0A { bytes += [0x20, 0x20] }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
