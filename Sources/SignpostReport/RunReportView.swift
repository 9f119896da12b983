import SignpostEngine
import SignpostFairness

/// What `report.mustache` shows, as text, numbers and flags: the run report's content laid
/// out for the template. Charts arrive as SVG markup drawn (and escaped) by ``BarChart`` and
/// ``RateRatioChart``; every other piece of text is escaped by the template.
struct RunReportView {
  struct Figure {
    var id: String
    var value: Int
    var label: String
  }

  struct Chart {
    var title: String
    var svg: String
    var note: String?
  }

  struct Recommendation {
    struct Programme {
      var name: String
      var rank: Int
      var decision: String
      var before: String
    }

    var personID: String
    var score: Int
    var band: String
    var programmes: [Programme]
    var reasons: [ReportContent.RecommendedPerson.Reasons]
    var indicatorChanges: String
  }

  struct BandChange {
    var personID: String
    var band: String
    var score: String
    var indicators: String
  }

  struct ChangeKind {
    var id: String
    var title: String
    var count: Int
    var open: Bool
    var people: [BandChange]
    var hasPeople: Bool
    /// How many are left out of the table (they are in `changes.csv`), if any.
    var more: Int?
  }

  struct File {
    var path: String
    var read: Int
    var used: Int
    var rejected: Int
  }

  var title: String
  var runID: Int64
  var asOf: String
  var packID: String
  var packVersion: String
  var packShortHash: String
  var comparison: String
  var alerts: [String]
  var hasAlerts: Bool
  var figures: [Figure]
  var charts: [Chart]
  var recommendations: [Recommendation]
  var hasRecommendations: Bool
  var fairness: FairnessView
  var compared: Bool
  var changesNote: String
  var changeKinds: [ChangeKind]
  var peopleRead: Int
  var peopleScored: Int
  var rowsRejected: Int
  var reconciliation: String
  var files: [File]
  var missingTables: String?

  init(_ content: ReportContent) {
    let changes = content.changes
    title = "Signpost run \(content.runID), as of \(content.asOf)"
    runID = content.runID
    asOf = content.asOf
    packID = content.packID
    packVersion = content.packVersion
    packShortHash = String(content.packHash.prefix(12))
    comparison = Self.comparison(changes)
    alerts = content.warnings
    hasAlerts = !alerts.isEmpty
    figures = [
      Figure(id: "scored", value: content.peopleScored, label: "people scored"),
      Figure(id: "new", value: changes.recommendations.count, label: "new recommendations"),
      Figure(id: "newband", value: changes.people(.newToBand).count, label: "new to a band"),
      Figure(id: "escalated", value: changes.people(.escalated).count, label: "escalated"),
      Figure(id: "rejected", value: content.rowsRejected, label: "rows rejected"),
    ]
    charts = [
      Chart(title: "People per band", svg: ReportCharts.bands(content).svg),
      Chart(title: "Referrals per programme", svg: ReportCharts.referrals(content).svg),
      Chart(
        title: "Changes since " + (changes.previous.map { "run \($0.id)" } ?? "the last run"),
        svg: ReportCharts.changes(content).svg,
        note: changes.note ?? (changes.rulesChanged ? Self.rulesChangedNote(changes) : nil)),
      Chart(
        title: "Most frequent indicators", svg: ReportCharts.indicators(content).svg,
        note: content.indicators.count > 10
          ? "The ten that fired most of \(content.indicators.count) that fired." : nil),
    ]
    recommendations = content.recommendations.map { person in
      Recommendation(
        personID: person.personID, score: person.score, band: person.band,
        programmes: person.programmes.map {
          Recommendation.Programme(
            name: $0.name, rank: $0.rank, decision: $0.decision, before: $0.before)
        }, reasons: person.reasons,
        indicatorChanges: person.indicatorChanges.isEmpty ? "none" : person.indicatorChanges)
    }
    hasRecommendations = !recommendations.isEmpty
    fairness = FairnessView(content.fairness)
    compared = changes.previous != nil
    changesNote = changes.note ?? "No earlier run."
    changeKinds = RunChanges.Kind.allCases.map { kind in
      let people = changes.people(kind)
      return ChangeKind(
        id: kind.rawValue, title: kind.title, count: people.count, open: people.count <= 25,
        people: people.prefix(HTMLRunReport.tableLimit).map { change in
          BandChange(
            personID: change.personID,
            band: "\(change.bandBefore ?? "not in run") → \(change.bandAfter ?? "not in run")",
            score:
              "\(change.scoreBefore.map(String.init) ?? "–") → \(change.scoreAfter.map(String.init) ?? "–")",
            indicators: change.indicators.text)
        }, hasPeople: !people.isEmpty,
        more: people.count > HTMLRunReport.tableLimit
          ? people.count - HTMLRunReport.tableLimit : nil)
    }
    peopleRead = content.peopleRead
    peopleScored = content.peopleScored
    rowsRejected = content.rowsRejected
    reconciliation = content.reconciled ? "reconcile" : "DO NOT RECONCILE"
    files = content.files.map {
      File(path: $0.path, read: $0.read, used: $0.used, rejected: $0.rejected)
    }
    missingTables =
      content.missingTables.isEmpty ? nil : content.missingTables.joined(separator: ", ")
  }

  private static func comparison(_ changes: RunChanges) -> String {
    guard let previous = changes.previous else { return changes.note ?? "no earlier run" }
    return "compared with run \(previous.id)" + (previous.asOf.map { " (as of \($0))" } ?? "")
  }

  private static func rulesChangedNote(_ changes: RunChanges) -> String {
    let before = changes.previous.map { "\($0.packID ?? "") \($0.packVersion ?? "")" } ?? ""
    let after = "\(changes.run.packID ?? "") \(changes.run.packVersion ?? "")"
    return "The rules changed between the two runs (\(before) → \(after)): some changes come "
      + "from the rules, not from the young people's records."
  }
}
