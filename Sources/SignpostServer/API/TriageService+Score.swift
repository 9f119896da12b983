import Foundation
import SignpostCEL
import SignpostEngine
import SignpostRules
import SignpostStore

extension TriageService {
  /// Scores one referral's record (``ReferralRecord``) with the serving pack, as of its
  /// `as_of` or today in the pack's time zone, and explains the result as `signpost explain`
  /// does; `answer` makes the caller's answer of it (the route: the response's bytes).
  /// Records the read of the person's id in the audit (page `api:score`): the record is
  /// committed (in a group commit with other requests', ``AuditGroupCommit``) while the
  /// person is scored and the answer made, and the answer is returned only once it is.
  ///
  /// A programme's place is not allocated: ranks are decided against everyone by the nightly
  /// run, so a person who meets a programme's conditions is `eligible`, not recommended.
  ///
  /// - Throws: ``TriageError`` 400 for a record that does not fit the schema; 403 for the
  ///   analyst role, and for a school user scoring another school's pupil; 503 when the
  ///   audit cannot be recorded.
  public func score<Answer>(
    _ body: JSONInput, for user: ServerUser, today: Date = Date(),
    answer: (APIBody.Score) -> Answer
  ) async throws(TriageError) -> Answer {
    guard policy.seesPeople(user) else {
      throw TriageError(.forbidden, "your role sees aggregates only")
    }
    // Read in place, not copied (``servedReference``); so is the pack (a local copy of it
    // would retain and release every one of its fields).
    let served = servedReference
    let record = try ReferralRecord.read(body, schema: served.scoring.referralSchema)
    if user.role == .school {
      let school = schoolField.flatMap { field in
        served.scoring.scoring.pack.schema.personFields.firstIndex { $0.name == field }
      }.map { record.population.fields[$0].value(record.subject) }
      guard case .string(let name)? = school, user.schools.contains(name) else {
        throw TriageError(
          .forbidden, "a school user scores only pupils of their own school(s)",
          field: "person.\(schoolField ?? "school")")
      }
    }
    let audited = scoreAudit.begin(
      PersonReadRequest(
        personIDs: [record.personID], page: "api:score", user: user.name,
        role: user.role.rawValue))
    let asOf =
      record.asOf
      ?? PackDate.today(inTimeZone: served.scoring.scoring.pack.manifest.timeZone, now: today)
    let result = served.scoring.onePerson.evaluate(
      person: record.subject, in: record.population, asOf: asOf)
    let explanation = Self.explained(result, asOf: asOf, in: served.scoring.scoring)
    let answered = answer(
      APIBody.Score(
        pack: APIBody.Pack(PackBadge(served.scoring.scoring.pack)),
        explanation: APIBody.Explained(explanation),
        explanationText: explanation.text))
    do {
      try await audited.wait()
    } catch {
      throw TriageError(.unavailable, "the store cannot record the audit")
    }
    return answered
  }

  /// A referral's result explained as `signpost explain` does, as of `asOf`; a programme
  /// whose conditions it meets is `eligible`, not ranked.
  static func explained(_ result: PersonResult, asOf: PackDate, in scoring: ScoringRun)
    -> Explanation
  {
    var result = result
    // The served run's referrals are other people's: no index of theirs may match.
    result.personIndex = -1
    var explanation = Explanation(result, in: scoring)
    explanation.asOf = asOf
    for (p, decision) in result.decisions.enumerated() {
      guard case .eligible = decision, explanation.inScope else { continue }
      explanation.programmes[p].status = .eligible
      explanation.programmes[p].reason =
        "meets every condition; the nightly run ranks everyone eligible"
        + (scoring.pack.programmes[p].programme.capacity.map { " for \($0) places" } ?? "")
    }
    return explanation
  }

  private var schoolField: String? { settings.schoolField }
}
