import SignpostEngine
import SignpostStore

/// The decision form for one person's referral to one programme.
public struct DecisionFormView: Sendable {
  public struct Choice: Sendable {
    public var value: String
    public var title: String
    public var checked: Bool
  }

  public var personID: String
  public var programmeID: String
  public var programmeName: String
  public var rank: Int
  public var status: String
  public var runID: Int64
  public var kinds: [Choice]
  public var reasons: [Choice]
  public var note: String
  public var noteLimit: Int
  /// What was wrong with the last submission, if anything.
  public var error: String?

  init(
    personID: String, programme: String, programmeName: String, referral: StoredReferral,
    runID: Int64, input: DecisionInput = DecisionInput(), error: String? = nil
  ) {
    self.personID = personID
    programmeID = programme
    self.programmeName = programmeName
    rank = referral.rank
    status = referral.status.rawValue
    self.runID = runID
    kinds = DecisionKind.allCases.map {
      Choice(value: $0.rawValue, title: $0.title, checked: $0.rawValue == input.kind)
    }
    reasons = DecisionReason.allCases.map {
      Choice(value: $0.rawValue, title: $0.title, checked: $0.rawValue == input.reason)
    }
    note = input.note ?? ""
    noteLimit = Decision.noteLimit
    self.error = error
  }
}
