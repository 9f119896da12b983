import SignpostFairness

extension PackImpact {
  /// `wigan 0.2.0 (1a2b3c4d5e6f)`.
  static func label(_ pack: (id: String, version: String, hash: String)) -> String {
    "\(pack.id) \(pack.version) (\(pack.hash.prefix(12)))"
  }

  /// The impact for a terminal: counts only, no person ids (those are in `moversCSV`).
  public var text: String {
    var out = """
      impact of \(Self.label(pack)) against \(Self.label(baseline)) on \(people) people
      moved: \(movers.count) change band or referrals

      bands, before (rows) and after (columns):

      """
    let used = bands.indices.filter { b in
      transitions[b].contains { $0 > 0 } || transitions.contains { $0[b] > 0 }
    }
    let labelWidth = max(8, used.map { bands[$0].count }.max() ?? 0)
    func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
      let padding = String(repeating: " ", count: max(0, width - text.count))
      return left ? text + padding : padding + text
    }
    let widths = used.map { max(bands[$0].count, 6) }
    out +=
      "  " + pad("", labelWidth, left: true) + "  "
      + zip(used, widths).map { pad(bands[$0], $1) }.joined(separator: "  ") + "\n"
    for b in used {
      out +=
        "  " + pad(bands[b], labelWidth, left: true) + "  "
        + zip(used, widths).map { pad(String(transitions[b][$0]), $1) }.joined(separator: "  ")
        + "\n"
    }
    out += "\nprogrammes (referred: recommended or waitlisted):\n"
    for programme in programmes {
      out +=
        "  \(programme.id): \(programme.before) → \(programme.after), "
        + "entered \(programme.entered), left \(programme.left)\n"
    }
    out += "\nrule changes behind the moves (people):\n"
    if reasons.isEmpty { out += "  none\n" }
    for reason in reasons { out += "  \(reason.change): \(reason.people)\n" }
    out += "\nfairness:\n"
    if flagChanges.isEmpty { out += "  no group is newly flagged or cleared\n" }
    for change in flagChanges {
      out += "  \(change.raised ? "newly flagged" : "no longer flagged"): \(change.flag.text)\n"
    }
    return out
  }

  /// `+x` as `started x` and `-x` as `stopped x`: a cell starting with a sign would be read
  /// as a formula by a spreadsheet, and the CSV writer guards such cells with a quote mark.
  static func spreadsheetSafe(_ change: String) -> String {
    if change.hasPrefix("+") { return "started " + change.dropFirst() }
    if change.hasPrefix("-") { return "stopped " + change.dropFirst() }
    return change
  }

  /// One row per person who moves: band and score before and after, programmes entered and
  /// left, and the rule changes behind it (`started x`, `stopped x`, `x points a→b`).
  /// Personal data, like the run's own outputs.
  public var moversCSV: String {
    var csv = CSVWriter(header: [
      "person_id", "band_before", "band_after", "score_before", "score_after", "entered", "left",
      "rule_changes",
    ])
    for mover in movers {
      csv.append([
        mover.personID, mover.bandBefore, mover.bandAfter, mover.scoreBefore.map(String.init) ?? "",
        mover.scoreAfter.map(String.init) ?? "", mover.entered.joined(separator: ";"),
        mover.left.joined(separator: ";"),
        mover.ruleChanges.map(Self.spreadsheetSafe).joined(separator: ";"),
      ])
    }
    return csv.text
  }
}
