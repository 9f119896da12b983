import SignpostStore

/// A programme's queue in the latest run: everyone recommended or waitlisted, by rank, with
/// what a meeting needs to decide.
public struct QueueView: Sendable {
  public struct Row: Sendable, Hashable {
    public var rank: Int
    public var personID: String
    public var band: String
    public var score: Int
    /// The fired indicators, highest points first, on one line.
    public var reason: String
    /// `recommended` or `waitlisted`.
    public var status: String
    public var waitlisted: Bool
    /// Not referred to the programme in the run before.
    public var isNew: Bool
    /// The latest decision's title, or "No decision yet"; decisions carry over between runs.
    public var decision: String
    public var decided: Bool
    /// The latest decision itself, for the API.
    public var latestDecision: Decision?
    public var ward: String
    public var school: String
  }

  /// One choice of a filter's drop-down.
  public struct Option: Sendable {
    public var value: String
    public var selected: Bool
  }

  public var programmeID: String
  public var programmeName: String
  public var route: String
  public var runID: Int64
  public var rows: [Row]
  /// How many rows the filters left out (of those the user may see).
  public var hidden: Int
  public var hasHidden: Bool
  public var bands: [Option]
  public var wards: [Option]
  public var schools: [Option]
  public var newOnly: Bool
  /// Whether the user may record decisions and export (programme leads, triage, admin).
  public var canDecide: Bool
  public var hasWard: Bool
  public var hasSchool: Bool
  /// Whether there are rows (stored, since templates read stored properties).
  public var hasRows: Bool
}
