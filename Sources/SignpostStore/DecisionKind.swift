/// What a triage meeting decided about a recommendation.
public enum DecisionKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case accept
  case decline
  case `defer`
  /// Already known to a service: no new referral is needed.
  case alreadyKnown = "already_known"

  /// The words a page uses.
  public var title: String {
    switch self {
    case .accept: "Accept"
    case .decline: "Decline"
    case .defer: "Defer to a later meeting"
    case .alreadyKnown: "Already known to a service"
    }
  }

  /// The stored word (`already_known`, `meets_criteria`), as the audit and exports show it.
  public var description: String { rawValue }
}
