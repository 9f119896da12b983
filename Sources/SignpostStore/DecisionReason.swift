/// The reasons a decision may give: a fixed list, so that decisions can be counted and
/// compared; anything more goes in the short note.
public enum DecisionReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case meetsCriteria = "meets_criteria"
  case needsSupport = "needs_support"
  case alreadyOpen = "already_open"
  case moreInformation = "more_information"
  case noCapacity = "no_capacity"
  case declinedByFamily = "declined_by_family"
  case other

  /// The words a page uses.
  public var title: String {
    switch self {
    case .meetsCriteria: "Meets the programme's criteria and the meeting agrees"
    case .needsSupport: "Needs support for harm done to them, not this programme"
    case .alreadyOpen: "Already open to a service"
    case .moreInformation: "More information is needed before deciding"
    case .noCapacity: "No capacity in this cycle"
    case .declinedByFamily: "The young person or their family declined"
    case .other: "Other (see the note)"
    }
  }

  /// The stored word (`already_known`, `meets_criteria`), as the audit and exports show it.
  public var description: String { rawValue }
}
