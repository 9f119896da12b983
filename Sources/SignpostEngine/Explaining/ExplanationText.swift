import SignpostRules

/// Renders an ``Explanation`` as plain English for a terminal or a meeting's notes.
extension Explanation {
  /// Written into one string as it goes (the score route renders one a request), not as
  /// lines joined at the end.
  public var text: String {
    var text = "Person "
    text += id
    text += ", as of "
    text += asOf.description
    text += "\n"
    guard inScope else {
      text += "Not scored: outside the population this pack scores.\n"
      return text
    }
    text += "Score \(score) of 100, band "
    text += band
    text += ".\n\n"
    if fired.isEmpty {
      text += "No indicator fired.\n"
    } else {
      text += "Why:\n"
      for domain in domains where domain.raw != 0 {
        text += "  "
        text += domain.heading
        text += "\n"
        for indicator in fired where indicator.domain == domain.id {
          text += "    "
          text += indicator.signedPoints
          text += "  "
          text += indicator.sentence
          text += "  ["
          text += indicator.id
          text += "]\n"
          if !indicator.basis.isEmpty {
            text += "         basis: "
            text += indicator.basis
            text += "\n"
          }
        }
      }
      text += "  Total: "
      var sum = 0
      var first = true
      for domain in domains {
        sum += domain.capped
        guard domain.capped != 0 else { continue }
        text += first ? "" : " + "
        first = false
        text += domain.name
        text += " \(domain.capped)"
      }
      text += " = \(sum)"
      text += sum == score ? "\n" : ", held to the 0-100 scale: \(score)\n"
    }
    if !notEvaluated.isEmpty {
      text += "\nNot evaluated for want of data:\n"
      for missing in notEvaluated {
        text += "  "
        text += missing.id
        text += ": needs "
        text += missing.needs.map(\.attribute).joined(separator: ", ")
        text += "\n"
      }
    }
    if !failed.isEmpty {
      text += "\nRules that failed (report to the rule author):\n"
      for (id, message) in failed {
        text += "  "
        text += id
        text += ": "
        text += message
        text += "\n"
      }
    }
    text += "\nProgrammes:\n"
    for programme in programmes {
      text += "  "
      text += programme.name
      text += ": "
      text += programme.status.words
      if !programme.reason.isEmpty {
        text += " — "
        text += programme.reason
      }
      text += "\n"
      if programme.status.hasPlaceOrQueue {
        text += "    route: "
        text += programme.route
        text += "\n"
      }
    }
    text += "\nThis is a recommendation; a person decides, and records the decision and why.\n"
    return text
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

extension ProgrammeStatus {
  /// The status in words, underscores as spaces (`not eligible`), without building a string
  /// each time. Exhaustive, so that a new status must be given its words here.
  fileprivate var words: String {
    switch self {
    case .eligible: "eligible"
    case .recommended: "recommended"
    case .waitlisted: "waitlisted"
    case .tied: "tied"
    case .listed: "listed"
    case .notEligible: "not eligible"
    case .excluded: "excluded"
    case .notEvaluated: "not evaluated"
    case .failed: "failed"
    case .outOfScope: "out of scope"
    case .undecided: "undecided"
    }
  }
}
