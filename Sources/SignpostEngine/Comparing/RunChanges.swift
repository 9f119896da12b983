/// What changed between a complete run and the complete run before it: who is new to a band,
/// escalated, de-escalated or no longer flagged, and who is newly recommended for each
/// programme, each with the indicators that started or stopped firing.
///
/// A person is *flagged* when their band is above the pack's lowest band (the last one in
/// `scoring.yaml`). A person missing from one of the runs counts as unflagged in it.
public struct RunChanges: Sendable {
  /// How a person's band moved.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Flagged now and not before (or not in the previous run at all).
    case newToBand = "new_to_band"
    /// Flagged in both runs, in a higher band now.
    case escalated
    /// Flagged in both runs, in a lower band now.
    case deescalated = "de_escalated"
    /// Flagged before and not now (or not in this run at all).
    case noLongerFlagged = "no_longer_flagged"

    /// The words a report uses.
    public var title: String {
      switch self {
      case .newToBand: "New to a band"
      case .escalated: "Escalated"
      case .deescalated: "De-escalated"
      case .noLongerFlagged: "No longer flagged"
      }
    }
  }

  /// The indicators that started and stopped firing for a person between the two runs.
  public struct IndicatorDelta: Sendable, Hashable {
    /// Fired now and not before, in pack order.
    public var added: [String]
    /// Fired before and not now.
    public var removed: [String]

    /// `+a +b -c`.
    public var text: String {
      (added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: " ")
    }
  }

  /// One person whose band moved.
  public struct PersonChange: Sendable, Hashable {
    public var kind: Kind
    public var personID: String
    /// `nil` where the person is not in that run.
    public var bandBefore: String?
    public var bandAfter: String?
    public var scoreBefore: Int?
    public var scoreAfter: Int?
    public var indicators: IndicatorDelta
  }

  /// A person recommended for a programme now who was not recommended for it before.
  public struct NewRecommendation: Sendable, Hashable {
    public var programme: String
    public var personID: String
    /// The rank in this run, 1 for the highest priority.
    public var rank: Int
    public var score: Int
    /// `waitlisted` if they were on the waiting list before; `nil` if not referred.
    public var statusBefore: ReferralStatus?
    public var indicators: IndicatorDelta
  }

  /// One person's result in a run, as the comparison reads it.
  public struct Outcome: Sendable, Hashable {
    public var personID: String
    public var score: Int
    public var band: String
    /// The indicators that fired, in pack order.
    public var fired: [String]

    public init(personID: String, score: Int, band: String, fired: [String]) {
      self.personID = personID
      self.score = score
      self.band = band
      self.fired = fired
    }
  }

  /// One referral in a run, as the comparison reads it.
  public struct Referral: Sendable, Hashable {
    public var programme: String
    public var personID: String
    public var rank: Int
    public var score: Int
    public var status: ReferralStatus

    public init(programme: String, personID: String, rank: Int, score: Int, status: ReferralStatus)
    {
      self.programme = programme
      self.personID = personID
      self.rank = rank
      self.score = score
      self.status = status
    }
  }

  /// The run described.
  public var run: ComparedRun
  /// The run it is compared with; `nil` for the first complete run.
  public var previous: ComparedRun?
  /// Why there is no comparison, when there is none.
  public var note: String?
  /// Band changes, by kind (in ``Kind`` order), then person id.
  public var people: [PersonChange]
  /// New recommendations by programme (in the order the pack lists them), then rank.
  public var recommendations: [NewRecommendation]

  /// The band changes of one kind.
  public func people(_ kind: Kind) -> [PersonChange] { people.filter { $0.kind == kind } }

  /// Whether the rules differ between the two runs (another pack hash).
  public var rulesChanged: Bool {
    guard let previous else { return false }
    return previous.packHash != run.packHash
  }

  /// A run with nothing to compare against.
  public init(run: ComparedRun, note: String) {
    self.run = run
    previous = nil
    self.note = note
    people = []
    recommendations = []
  }

  /// Compares two runs' results and referrals.
  ///
  /// - Parameters:
  ///   - run: The later run; its bands, highest first, order the comparison.
  ///   - previous: The earlier run.
  ///   - results: The later run's results.
  ///   - previousResults: The earlier run's results.
  ///   - referrals: The later run's referrals, in programme order then rank.
  ///   - previousReferrals: The earlier run's referrals.
  public init(
    run: ComparedRun, previous: ComparedRun, results: [Outcome], previousResults: [Outcome],
    referrals: [Referral], previousReferrals: [Referral]
  ) {
    self.run = run
    self.previous = previous
    note = nil
    let rank = Dictionary(run.bands.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    func flagged(_ band: String?, in bands: [String]) -> Bool {
      guard let band, let lowest = bands.last else { return false }
      return band != lowest
    }
    let before = Dictionary(
      previousResults.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(results.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
    func delta(_ personID: String) -> IndicatorDelta {
      let now = after[personID]?.fired ?? []
      let then = before[personID]?.fired ?? []
      let nowSet = Set(now)
      let thenSet = Set(then)
      return IndicatorDelta(
        added: now.filter { !thenSet.contains($0) }, removed: then.filter { !nowSet.contains($0) })
    }
    var people: [PersonChange] = []
    for personID in Set(before.keys).union(after.keys) {
      let old = before[personID]
      let new = after[personID]
      let wasFlagged = flagged(old?.band, in: previous.bands)
      let isFlagged = flagged(new?.band, in: run.bands)
      let kind: Kind
      switch (wasFlagged, isFlagged) {
      case (false, false):
        continue
      case (false, true):
        kind = .newToBand
      case (true, false):
        kind = .noLongerFlagged
      case (true, true):
        guard let oldBand = old?.band, let newBand = new?.band, oldBand != newBand else {
          continue
        }
        guard let oldRank = rank[oldBand], let newRank = rank[newBand] else {
          kind = .newToBand
          break
        }
        kind = newRank < oldRank ? .escalated : .deescalated
      }
      people.append(
        PersonChange(
          kind: kind, personID: personID, bandBefore: old?.band, bandAfter: new?.band,
          scoreBefore: old?.score, scoreAfter: new?.score, indicators: delta(personID)))
    }
    let kinds = Kind.allCases
    people.sort {
      let a = kinds.firstIndex(of: $0.kind) ?? 0
      let b = kinds.firstIndex(of: $1.kind) ?? 0
      return a != b ? a < b : $0.personID < $1.personID
    }
    self.people = people

    var previousStatus: [ReferralKey: ReferralStatus] = [:]
    for referral in previousReferrals {
      previousStatus[ReferralKey(referral)] = referral.status
    }
    recommendations = referrals.filter { $0.status == .recommended }.compactMap { referral in
      let status = previousStatus[ReferralKey(referral)]
      guard status != .recommended else { return nil }
      return NewRecommendation(
        programme: referral.programme, personID: referral.personID, rank: referral.rank,
        score: referral.score, statusBefore: status, indicators: delta(referral.personID))
    }
  }

  /// Counts per kind of band change, in ``Kind`` order.
  public var counts: [(kind: Kind, count: Int)] {
    Kind.allCases.map { kind in (kind, people.filter { $0.kind == kind }.count) }
  }

  /// New recommendations per programme, in the order programmes first appear.
  public var recommendationCounts: [(programme: String, count: Int)] {
    var order: [String] = []
    var counts: [String: Int] = [:]
    for recommendation in recommendations {
      if counts[recommendation.programme] == nil { order.append(recommendation.programme) }
      counts[recommendation.programme, default: 0] += 1
    }
    return order.map { ($0, counts[$0] ?? 0) }
  }
}

extension RunChanges {
  /// A person's referral to one programme, whatever its status.
  private struct ReferralKey: Hashable {
    var programme: String
    var personID: String

    init(_ referral: Referral) {
      programme = referral.programme
      personID = referral.personID
    }
  }
}
