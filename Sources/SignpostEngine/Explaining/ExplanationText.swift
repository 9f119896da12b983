import SignpostRules

/// Renders an ``Explanation`` as plain English for a terminal or a meeting's notes.
extension Explanation {
  public var text: String {
    var lines: [String] = []
    lines.append("Person \(id), as of \(asOf)")
    guard inScope else {
      lines.append("Not scored: outside the population this pack scores.")
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append("Score \(score) of 100, band \(band).")
    lines.append("")
    if fired.isEmpty {
      lines.append("No indicator fired.")
    } else {
      lines.append("Why:")
      for domain in domains where domain.raw != 0 {
        lines.append("  " + domain.heading)
        for indicator in fired where indicator.domain == domain.id {
          lines.append("    \(indicator.signedPoints)  \(indicator.sentence)  [\(indicator.id)]")
          if !indicator.basis.isEmpty { lines.append("         basis: \(indicator.basis)") }
        }
      }
      let parts = domains.filter { $0.capped != 0 }.map { "\($0.name) \($0.capped)" }
      let sum = domains.map(\.capped).reduce(0, +)
      lines.append(
        "  Total: " + parts.joined(separator: " + ") + " = \(sum)"
          + (sum == score ? "" : ", held to the 0-100 scale: \(score)"))
    }
    if !notEvaluated.isEmpty {
      lines.append("")
      lines.append("Not evaluated for want of data:")
      for missing in notEvaluated {
        lines.append(
          "  \(missing.id): needs \(missing.needs.map(\.attribute).joined(separator: ", "))")
      }
    }
    if !failed.isEmpty {
      lines.append("")
      lines.append("Rules that failed (report to the rule author):")
      for (id, message) in failed { lines.append("  \(id): \(message)") }
    }
    lines.append("")
    lines.append("Programmes:")
    for programme in programmes {
      var line = "  \(programme.name): \(programme.status.rawValue.replacingUnderscores())"
      if !programme.reason.isEmpty { line += " — \(programme.reason)" }
      lines.append(line)
      if programme.status.hasPlaceOrQueue {
        lines.append("    route: \(programme.route)")
      }
    }
    lines.append("")
    lines.append("This is a recommendation; a person decides, and records the decision and why.")
    return lines.joined(separator: "\n") + "\n"
  }
}

extension Explanation.Domain {
  /// `Education: 35 points (55 before the cap of 35)`: the points that count, and where a cap
  /// held them, the points before it, so the reasons listed under it add up.
  public var heading: String {
    "\(name): \(capped) points" + (capped != raw ? " (\(raw) before the cap of \(cap))" : "")
  }
}

extension Explanation.FiredIndicator {
  /// `+20` or `-5`.
  public var signedPoints: String { (points < 0 ? "-" : "+") + String(abs(points)) }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    // By byte: `_` is ASCII, never part of another character's UTF-8.
    String(decoding: utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
  }
}
