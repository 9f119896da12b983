import SignpostRules

/// What changed in a pack since its previous version, in sentences a board can read:
/// indicators, programmes, bands, domains and fairness settings added, removed or changed.
public struct PackChanges: Sendable {
  /// The previous version, when one was given.
  public var previousVersion: String?
  public var previousHash: String?
  /// One sentence per change, in pack order.
  public var lines: [String]

  /// The changes from `previous` (none given: the first record) to `current`.
  public init(from previous: CompiledPack?, to current: CompiledPack) {
    guard let previous else {
      previousVersion = nil
      previousHash = nil
      lines = []
      return
    }
    previousVersion = previous.manifest.version
    previousHash = previous.contentHash
    var lines: [String] = []
    if previous.contentHash == current.contentHash {
      self.lines = []
      return
    }
    lines += Self.compare(
      "indicator", previous.indicators.map(\.indicator), current.indicators.map(\.indicator),
      id: \.id
    ) { old, new in
      var changes: [String] = []
      if old.points != new.points { changes.append("points \(old.points) → \(new.points)") }
      if old.when.text != new.when.text {
        changes.append("rule `\(old.when.text)` → `\(new.when.text)`")
      }
      if old.domain != new.domain { changes.append("domain \(old.domain) → \(new.domain)") }
      if old.description != new.description { changes.append("wording changed") }
      if old.basis != new.basis { changes.append("basis changed") }
      return changes
    }
    lines += Self.compare(
      "programme", previous.programmes.map(\.programme), current.programmes.map(\.programme),
      id: \.id
    ) { old, new in
      var changes: [String] = []
      if old.capacity != new.capacity {
        changes.append(
          "capacity \(old.capacity.map(String.init) ?? "unlimited") → \(new.capacity.map(String.init) ?? "unlimited")"
        )
      }
      for (what, before, after) in [
        ("eligibility", old.eligibility, new.eligibility),
        ("exclusions", old.exclusions, new.exclusions),
      ] where before.map(\.when.text) != after.map(\.when.text) {
        changes.append(
          "\(what) \(before.map(\.id).joined(separator: ", ")) → \(after.map(\.id).joined(separator: ", "))"
            + (before.map(\.id) == after.map(\.id) ? " (conditions rewritten)" : ""))
      }
      if old.priority?.text != new.priority?.text { changes.append("priority changed") }
      return changes
    }
    lines += Self.compare("band", previous.scoring.bands, current.scoring.bands, id: \.id) {
      old, new in old.minimum != new.minimum ? ["from \(old.minimum) → from \(new.minimum)"] : []
    }
    lines += Self.compare("domain", previous.scoring.domains, current.scoring.domains, id: \.id) {
      old, new in old.cap != new.cap ? ["cap \(old.cap) → \(new.cap)"] : []
    }
    let (oldFairness, newFairness) = (previous.pack.fairness, current.pack.fairness)
    if oldFairness.dimensions != newFairness.dimensions {
      lines.append(
        "fairness groups \(oldFairness.dimensions.map(\.field).joined(separator: ", ")) → \(newFairness.dimensions.map(\.field).joined(separator: ", "))"
      )
    }
    if oldFairness.rateRatioRange != newFairness.rateRatioRange {
      lines.append("fairness range \(oldFairness.rateRatioRange) → \(newFairness.rateRatioRange)")
    }
    if previous.pack.scoring.scope?.text != current.pack.scoring.scope?.text {
      lines.append("who is scored (scope) changed")
    }
    if lines.isEmpty { lines.append("wording, tests or data mapping changed; no rule changed") }
    self.lines = lines
  }

  /// Added, removed and changed items of one kind, matched by id.
  private static func compare<T>(
    _ kind: String, _ old: [T], _ new: [T], id: (T) -> String, changes: (T, T) -> [String]
  ) -> [String] {
    let oldByID = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
    let newIDs = Set(new.map(id))
    var lines: [String] = []
    for item in new {
      guard let before = oldByID[id(item)] else {
        lines.append("\(kind) \(id(item)) added")
        continue
      }
      let differences = changes(before, item)
      if !differences.isEmpty {
        lines.append("\(kind) \(id(item)): " + differences.joined(separator: "; "))
      }
    }
    for item in old where !newIDs.contains(id(item)) { lines.append("\(kind) \(id(item)) removed") }
    return lines
  }
}
