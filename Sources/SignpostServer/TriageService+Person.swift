import SignpostEngine
import SignpostRules
import SignpostStore

extension TriageService {
  /// One person's page for a user; records the read, or the refusal, as a read of `page`.
  ///
  /// - Throws: 403 for the analyst role; 404 for a person who is not in the latest run, or
  ///   is outside the user's scope (another school's pupil, or a person in none of a
  ///   programme lead's queues).
  public func person(_ personID: String, for user: ServerUser, page: String = "person")
    throws(TriageError) -> PersonView
  {
    let run = try authorizePerson(personID, page: page, for: user)
    let served = scoring
    let explanation = served.scoring.read.population.index(of: personID).map {
      Explanation(served.scoring.result(for: $0), in: served.scoring)
    }
    let bands = try storeCall { () throws(StoreError) in try store.bandHistory(personID: personID) }
    let referrals = try storeCall { () throws(StoreError) in
      try store.referrals(runID: run.id, personID: personID)
    }
    let decisions = try storeCall { () throws(StoreError) in
      try store.decisions(personID: personID)
    }
    let names = Dictionary(
      served.scoring.pack.programmes.map { ($0.programme.id, $0.programme.name) },
      uniquingKeysWith: { a, _ in a })
    return PersonView(
      personID: personID, runID: run.id, explanation: explanation?.text, explained: explanation,
      inputsChanged: served.inputsChanged,
      bands: bands.map { .init(runID: $0.runID, asOf: $0.asOf, band: $0.band, score: $0.score) },
      referrals: referrals.map {
        .init(
          programmeID: $0.programme, programmeName: names[$0.programme] ?? $0.programme,
          rank: $0.rank, status: $0.status.rawValue,
          canDecide: policy.canDecide(user, programme: $0.programme))
      },
      decisions: decisions.reversed().map {
        .init(
          at: $0.at, user: $0.user, programme: names[$0.programme] ?? $0.programme,
          decision: $0.kind.title, reason: $0.reason.title, note: $0.note, runID: $0.runID,
          packHash: String($0.packHash.prefix(12)))
      }, hasDecisions: !decisions.isEmpty, stored: decisions)
  }

  /// Checks that the user may see a person, recording the read as shown or refused; returns
  /// the latest run.
  func authorizePerson(_ personID: String, page: String, for user: ServerUser)
    throws(TriageError) -> StoredRun
  {
    let run = try latestRun()
    func refuse(_ error: TriageError) throws(TriageError) -> Never {
      try storeCall { () throws(StoreError) in
        try store.recordPersonReads(
          [personID], page: page, user: user.name, role: user.role.rawValue, runID: run.id,
          outcome: .refused)
      }
      throw error
    }
    guard policy.seesPeople(user) else {
      try refuse(TriageError(.forbidden, "your role sees aggregates only"))
    }
    let result = try storeCall { () throws(StoreError) in
      try store.result(runID: run.id, personID: personID)
    }
    let programmes = try storeCall { () throws(StoreError) in
      try store.referrals(runID: run.id, personID: personID).map(\.programme)
    }
    let served = scoring
    let school = served.scoring.read.population.index(of: personID).flatMap {
      served.text(field: settings.schoolField, person: $0)
    }
    guard result != nil, policy.canSeePerson(user, school: school, programmes: programmes) else {
      try refuse(TriageError(.notFound, "there is no such person in the latest run"))
    }
    try storeCall { () throws(StoreError) in
      try store.recordPersonReads(
        [personID], page: page, user: user.name, role: user.role.rawValue, runID: run.id)
    }
    return run
  }
}
