import Foundation
import SignpostEngine
import SignpostRules
import SignpostStore

extension TriageService {
  /// The decision form for a person's referral to a programme; records the read.
  ///
  /// - Throws: 403 for a role that may not decide for the programme; 404 if the person is not
  ///   referred to it in the latest run.
  public func decisionForm(
    _ personID: String, programme programmeID: String, for user: ServerUser,
    input: DecisionInput = DecisionInput(), error: String? = nil
  ) throws(TriageError) -> DecisionFormView {
    let (run, programme, referral) = try decidable(personID, programmeID, for: user)
    return DecisionFormView(
      personID: personID, programme: programme.id, programmeName: programme.name,
      referral: referral, runID: run.id, input: input, error: error)
  }

  /// Records a decision on a person's referral to a programme, against the latest run and
  /// its pack hash; the read is audited as `page` (`decision:pied`).
  ///
  /// - Throws: 400 for a missing or unknown decision or reason, or an over-long note; 403 and
  ///   404 as for ``decisionForm(_:programme:for:input:error:)``.
  @discardableResult
  public func recordDecision(
    _ personID: String, programme programmeID: String, input: DecisionInput, for user: ServerUser,
    page: String = "decision"
  ) throws(TriageError) -> Decision {
    let (run, programme, _) = try decidable(personID, programmeID, for: user, page: page)
    guard let kind = input.kind.flatMap(DecisionKind.init(rawValue:)) else {
      throw TriageError(.badRequest, "choose a decision")
    }
    guard let reason = input.reason.flatMap(DecisionReason.init(rawValue:)) else {
      throw TriageError(.badRequest, "choose a reason from the list")
    }
    let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard note.count <= Decision.noteLimit else {
      throw TriageError(.badRequest, "the note is longer than \(Decision.noteLimit) characters")
    }
    let decision = try storeCall { () throws(StoreError) in
      try store.recordDecision(
        programme: programme.id, personID: personID, kind: kind, reason: reason, note: note,
        user: user.name, runID: run.id, packHash: run.packHash ?? "")
    }
    metrics.recordDecision(kind.rawValue)
    return decision
  }

  /// A programme's accepted referrals in the latest run, for its meeting, as CSV with safe
  /// cells; records a read of each person in it.
  ///
  /// - Throws: 403 for a role that may not decide for the programme.
  public func acceptedCSV(_ programmeID: String, for user: ServerUser) throws(TriageError)
    -> String
  {
    guard policy.canDecide(user, programme: programmeID) else {
      throw TriageError(.forbidden, "your role does not export this programme")
    }
    _ = try programme(programmeID)
    let run = try latestRun()
    let decisions = try storeCall { () throws(StoreError) in
      try store.latestDecisions(programme: programmeID)
    }
    let rows = try visibleRows(programmeID, run: run, for: user).filter {
      decisions[$0.personID]?.kind == .accept
    }
    var csv = CSVWriter(
      header: [
        "rank", "person_id", "band", "score", "status", "indicators", "decided_at", "decided_by",
        "reason", "note",
      ])
    for row in rows {
      guard let decision = decisions[row.personID] else { continue }
      csv.append([
        String(row.rank), row.personID, row.band, String(row.score), row.status, row.reason,
        decision.at, decision.user, decision.reason.rawValue, decision.note,
      ])
    }
    try storeCall { () throws(StoreError) in
      try store.recordPersonReads(
        rows.map(\.personID), page: "export:\(programmeID)", user: user.name,
        role: user.role.rawValue, runID: run.id)
    }
    return csv.text
  }

  /// The latest run, the programme and the person's referral to it, if the user may decide.
  private func decidable(
    _ personID: String, _ programmeID: String, for user: ServerUser, page: String = "decision"
  ) throws(TriageError) -> (StoredRun, Programme, StoredReferral) {
    guard policy.canDecide(user, programme: programmeID) else {
      throw TriageError(.forbidden, "your role does not record decisions for this programme")
    }
    let programme = try programme(programmeID)
    let run = try authorizePerson(personID, page: "\(page):\(programmeID)", for: user)
    let referral = try storeCall { () throws(StoreError) in
      try store.referrals(runID: run.id, personID: personID).first {
        $0.programme == programmeID
      }
    }
    guard let referral else {
      throw TriageError(.notFound, "the person is not referred to this programme in the latest run")
    }
    return (run, programme, referral)
  }
}
