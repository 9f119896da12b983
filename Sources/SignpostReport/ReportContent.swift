import SignpostEngine
import SignpostFairness
import SignpostRules
import SignpostStore

/// Everything the HTML run report shows, as plain values: gathered from a scoring run, its id
/// in the store and the changes since the run before.
public struct ReportContent: Sendable {
  /// A new recommendation with the reasons behind it.
  public struct Recommendation: Sendable {
    public var programme: String
    public var programmeName: String
    public var rank: Int
    public var personID: String
    public var score: Int
    public var band: String
    /// `waitlisted` or `not referred` in the run before.
    public var before: String
    /// Each fired indicator as a sentence with its values, and its points.
    public var reasons: [String]
    /// Why the programme decided as it did: `rank 2 of 7 eligible; 5 places`.
    public var decision: String
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
  /// New recommendations in programme order, then rank.
  public var recommendations: [Recommendation]
  /// Disproportionality by the pack's protected and context fields.
  public var fairness: FairnessReport

  /// Gathers the content of the report of `run`, stored as run `runID`.
  public init(run: ScoringRun, runID: Int64, changes: RunChanges) {
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
    recommendations = changes.recommendations.map { new in
      var reasons: [String] = []
      var decision = ""
      var band = ""
      if let index = run.read.population.index(of: new.personID) {
        let explanation = Explanation(run.result(for: index), in: run)
        band = explanation.band
        reasons = explanation.fired.map { "\($0.sentence) (+\($0.points) \($0.domain))" }
        decision = explanation.programmes.first { $0.id == new.programme }?.reason ?? ""
      }
      return Recommendation(
        programme: new.programme, programmeName: names[new.programme] ?? new.programme,
        rank: new.rank, personID: new.personID, score: new.score, band: band,
        before: new.statusBefore?.rawValue ?? "not referred", reasons: reasons,
        decision: decision, indicatorChanges: new.indicators.text)
    }
  }
}
