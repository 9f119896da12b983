import SignpostEngine
import SignpostStore

/// A person's page: the explanation `signpost explain` gives, their band in each stored run,
/// their referrals in the latest run and every decision recorded on them.
public struct PersonView: Sendable {
  public struct Band: Sendable {
    public var runID: Int64
    public var asOf: String
    public var band: String
    public var score: Int
  }

  public struct Referral: Sendable {
    public var programmeID: String
    public var programmeName: String
    public var rank: Int
    public var status: String
    /// Whether the user may record a decision on it.
    public var canDecide: Bool
  }

  public struct DecisionLine: Sendable {
    public var at: String
    public var user: String
    public var programme: String
    public var decision: String
    public var reason: String
    public var note: String
    public var runID: Int64
    public var packHash: String
  }

  public var personID: String
  public var runID: Int64
  /// The explanation's text, or `nil` when the person is not in the extracts as they are now.
  public var explanation: String?
  /// The explanation itself, for the API.
  public var explained: Explanation?
  public var inputsChanged: Bool
  public var bands: [Band]
  public var referrals: [Referral]
  public var decisions: [DecisionLine]
  /// Whether any decision is recorded (stored, since templates read stored properties).
  public var hasDecisions: Bool
  /// The decisions as stored, oldest first, for the API.
  public var stored: [Decision]
}
