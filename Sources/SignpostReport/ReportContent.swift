import SignpostEngine
import SignpostFairness
import SignpostRules

/// Everything the HTML run report shows, as plain values: gathered from a scoring run, its id
/// in the store and the changes since the run before.
public struct ReportContent: Sendable {
  /// A person newly recommended for one programme or more, once, with every programme and
  /// the reasons behind the score.
  public struct RecommendedPerson: Sendable {
    /// One programme the person is newly recommended for.
    public struct Programme: Sendable {
      public var id: String
      public var name: String
      public var rank: Int
      /// `waitlisted` or `not referred` in the run before.
      public var before: String
      /// Why the programme decided as it did: `rank 2 of 7 eligible; 5 places`.
      public var decision: String
    }

    /// The fired indicators of one domain under the points that count from it.
    public struct Reasons: Sendable {
      /// `Education: 35 points (55 before the cap of 35)`.
      public var heading: String
      /// Each fired indicator as a sentence with its values, and its points: `... (+20)`.
      public var items: [String]
    }

    public var personID: String
    public var score: Int
    public var band: String
    /// In the pack's programme order.
    public var programmes: [Programme]
    /// Per domain that scored, in the pack's domain order: the points add up to the score.
    public var reasons: [Reasons]
    /// `+a -b`: indicators that started and stopped firing since the run before.
    public var indicatorChanges: String
  }

  public var runID: Int64
  public var asOf: String
  public var packID: String
  public var packVersion: String
  public var packHash: String
  public var peopleRead: Int
  public var peopleScored: Int
  public var rowsRejected: Int
  public var reconciled: Bool
  /// Input files: path, rows read, used and rejected.
  public var files: [(path: String, read: Int, used: Int, rejected: Int)]
  public var missingTables: [String]
  /// People per band, highest band first.
  public var bands: [(id: String, count: Int)]
  /// Referrals per programme.
  public var programmes: [(id: String, name: String, recommended: Int, waitlisted: Int)]
  /// Indicators by how many people they fired for, most first (those that fired for none
  /// are left out).
  public var indicators: [(id: String, fired: Int, notEvaluated: Int)]
  public var changes: RunChanges
  /// People newly recommended, each once, in the order of their first programme's rank.
  public var recommendations: [RecommendedPerson]
  /// What a reader must know before trusting the run (such as a drop in the input accepted
  /// with `--accept-drop`), shown in red at the top.
  public var warnings: [String]
  /// Disproportionality by the pack's protected and context fields.
  public var fairness: FairnessReport

  /// Gathers the content of the report of `run`, stored as run `runID`.
  public init(run: ScoringRun, runID: Int64, changes: RunChanges, warnings: [String] = []) {
    let pack = run.pack
    let summary = RunSummary(run)
    self.runID = runID
    asOf = run.asOf.description
    packID = pack.manifest.id
    packVersion = pack.manifest.version
    packHash = pack.contentHash
    peopleRead = run.peopleCount
    peopleScored = run.scoredCount
    rowsRejected = run.read.rejects.count
    reconciled = run.read.files.allSatisfy(\.reconciles)
    files = run.read.files.map { ($0.path, $0.rowsRead, $0.rowsUsed, $0.rowsRejected) }
    missingTables = run.read.missingTables
    bands = summary.bandCounts().map { (id: $0.0, count: $0.1) }
    programmes = pack.programmes.map { compiled in
      let id = compiled.programme.id
      let referrals = run.referrals.filter { $0.programme == id }
      return (
        id, compiled.programme.name, referrals.filter { $0.status == .recommended }.count,
        referrals.filter { $0.status == .waitlisted }.count
      )
    }
    indicators = summary.indicatorCounts().filter { $0.fired > 0 }
      .sorted { $0.fired != $1.fired ? $0.fired > $1.fired : $0.id < $1.id }
      .map { ($0.id, $0.fired, $0.notEvaluated) }
    self.changes = changes
    fairness = run.fairnessReport
    let names = Dictionary(
      pack.programmes.map { ($0.programme.id, $0.programme.name) }, uniquingKeysWith: { a, _ in a })
    self.warnings = warnings
    var people: [String: RecommendedPerson] = [:]
    var order: [String] = []
    for new in changes.recommendations {
      let index = run.read.population.index(of: new.personID)
      let explanation = index.map { Explanation(run.result(for: $0), in: run) }
      let programme = RecommendedPerson.Programme(
        id: new.programme, name: names[new.programme] ?? new.programme, rank: new.rank,
        before: new.statusBefore?.rawValue ?? "not referred",
        decision: explanation?.programmes.first { $0.id == new.programme }?.reason ?? "")
      if people[new.personID] != nil {
        people[new.personID]?.programmes.append(programme)
        continue
      }
      order.append(new.personID)
      let reasons =
        explanation.map { explanation in
          explanation.domains.filter { $0.raw != 0 }.map { domain in
            RecommendedPerson.Reasons(
              heading: domain.heading,
              items: explanation.fired.filter { $0.domain == domain.id }.map {
                "\($0.sentence) (\($0.signedPoints))"
              })
          }
        } ?? []
      people[new.personID] = RecommendedPerson(
        personID: new.personID, score: new.score, band: explanation?.band ?? "",
        programmes: [programme], reasons: reasons, indicatorChanges: new.indicators.text)
    }
    recommendations = order.compactMap { people[$0] }
  }
}
