import SignpostEngine
import SignpostRules
import SignpostStore

extension TriageService {
  /// A programme's queue for a user, filtered; records a read of each person shown, as a
  /// read of `page` (`queue:pied`).
  ///
  /// - Throws: 403 for a role that may not open it, 404 for an unknown programme.
  public func queue(
    _ programmeID: String, filter: QueueFilter, for user: ServerUser, page: String = "queue"
  ) throws(TriageError) -> QueueView {
    guard policy.canOpenQueue(user, programme: programmeID) else {
      throw TriageError(.forbidden, "your role does not open this queue")
    }
    let programme = try programme(programmeID)
    let run = try latestRun()
    let all = try visibleRows(programmeID, run: run, for: user)
    let rows = all.filter { row in
      (filter.ward == nil || row.ward == filter.ward)
        && (filter.school == nil || row.school == filter.school)
        && (filter.band == nil || row.band == filter.band) && (!filter.newOnly || row.isNew)
    }
    try storeCall { () throws(StoreError) in
      try store.recordPersonReads(
        rows.map(\.personID), page: "\(page):\(programmeID)", user: user.name,
        role: user.role.rawValue, runID: run.id)
    }
    func options(_ values: [String], _ selected: String?) -> [QueueView.Option] {
      Set(values.filter { !$0.isEmpty }).sorted().map {
        QueueView.Option(value: $0, selected: $0 == selected)
      }
    }
    return QueueView(
      programmeID: programme.id, programmeName: programme.name, route: programme.route,
      runID: run.id, rows: rows, hidden: all.count - rows.count,
      hasHidden: all.count > rows.count,
      bands: run.bands.map { QueueView.Option(value: $0, selected: $0 == filter.band) },
      wards: options(all.map(\.ward), filter.ward),
      schools: options(all.map(\.school), filter.school), newOnly: filter.newOnly,
      canDecide: policy.canDecide(user, programme: programmeID),
      hasWard: settings.wardField != nil, hasSchool: settings.schoolField != nil,
      hasRows: !rows.isEmpty)
  }

  /// The queue's rows the user may see, by rank, each with its latest decision: a school
  /// user sees only their pupils.
  func visibleRows(_ programmeID: String, run: StoredRun, for user: ServerUser)
    throws(TriageError) -> [QueueView.Row]
  {
    let previous = try storeCall { () throws(StoreError) in
      try store.previousCompleteRun(before: run.id)
    }
    let source = RankedRowsCache.Source(
      runID: run.id, runPurged: run.resultsPurgedAt != nil, previousID: previous?.id,
      previousPurged: previous?.resultsPurgedAt != nil)
    let served = scoring
    var ranked = served.rankedRows.rows(programmeID, from: source)
    if ranked == nil {
      let rows = try rankedRows(programmeID, run: run, previous: previous, served: served)
      served.rankedRows.keep(rows, programmeID, from: source)
      ranked = rows
    }
    let decisions = try storeCall { () throws(StoreError) in
      try store.latestDecisions(programme: programmeID)
    }
    return (ranked ?? []).compactMap { row in
      if user.role == .school && !user.schools.contains(row.school) { return nil }
      guard let decision = decisions[row.personID] else { return row }
      var decided = row
      decided.decision = "\(decision.kind.title) (\(decision.at.prefix(10)))"
      decided.decided = true
      decided.latestDecision = decision
      return decided
    }
  }

  /// Every row of the programme's queue in `run`, by rank, as yet without decisions.
  private func rankedRows(
    _ programmeID: String, run: StoredRun, previous: StoredRun?, served: ServedScoring
  ) throws(TriageError) -> [QueueView.Row] {
    let referrals = try storeCall { () throws(StoreError) in
      try store.referrals(runID: run.id, programme: programmeID)
    }
    let results = try storeCall { () throws(StoreError) in
      Dictionary(
        try store.results(runID: run.id, programme: programmeID).map { ($0.personID, $0) },
        uniquingKeysWith: { a, _ in a })
    }
    var before: Set<String> = []
    if let previous {
      before = try storeCall { () throws(StoreError) in
        Set(
          try store.referrals(runID: previous.id, programme: programmeID).map(\.personID))
      }
    }
    let population = served.scoring.read.population
    return referrals.sorted { $0.rank < $1.rank }.map { referral in
      let person = population.index(of: referral.personID)
      let result = results[referral.personID]
      return QueueView.Row(
        rank: referral.rank, personID: referral.personID, band: result?.band ?? "",
        score: referral.score, reason: reasonLine(result?.fired ?? [], served: served),
        status: referral.status.rawValue, waitlisted: referral.status == .waitlisted,
        isNew: !before.contains(referral.personID), decision: "No decision yet",
        decided: false, latestDecision: nil,
        ward: person.flatMap { served.text(field: settings.wardField, person: $0) } ?? "",
        school: person.flatMap { served.text(field: settings.schoolField, person: $0) } ?? "")
    }
  }
}
