import Foundation
import GRDB

extension RunStore {
  // MARK: - Decisions

  /// Records a decision on a person's recommendation for a programme.
  ///
  /// - Throws: ``StoreError`` if SQLite refuses it (a note over ``Decision/noteLimit``
  ///   characters, or a run that does not exist).
  @discardableResult
  public func recordDecision(
    programme: String, personID: String, kind: DecisionKind, reason: DecisionReason,
    note: String, user: String, runID: Int64, packHash: String, now: Date = Date()
  ) throws(StoreError) -> Decision {
    try write("record a decision") { db in
      try db.execute(
        sql: """
          INSERT INTO decision (at, user, run_id, pack_hash, programme, person_id, kind, reason, note)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          StoreClock.timestamp(now), user, runID, packHash, programme, personID, kind.rawValue,
          reason.rawValue, note,
        ])
      let id = db.lastInsertedRowID
      guard
        let decision = try Decision.fetchOne(
          db, sql: "SELECT * FROM decision WHERE id = ?", arguments: [id])
      else { throw StoreError(.database, "decision \(id) was not stored") }
      return decision
    }
  }

  /// Every decision on a person, oldest first.
  public func decisions(personID: String) throws(StoreError) -> [Decision] {
    try read("read a person's decisions") { db in
      try Decision.fetchAll(
        db, sql: "SELECT * FROM decision WHERE person_id = ? ORDER BY id", arguments: [personID])
    }
  }

  /// The latest decision on each person for a programme, by person id: decisions carry over
  /// from night to night until a newer one replaces them.
  public func latestDecisions(programme: String) throws(StoreError) -> [String: Decision] {
    try read("read a programme's decisions") { db in
      let decisions = try Decision.fetchAll(
        db,
        sql: """
          SELECT * FROM decision WHERE id IN (
            SELECT MAX(id) FROM decision WHERE programme = ? GROUP BY person_id)
          """, arguments: [programme])
      return Dictionary(decisions.map { ($0.personID, $0) }, uniquingKeysWith: { _, new in new })
    }
  }

  /// The decisions standing at a run: for each person and programme, the latest decision
  /// recorded against that run or an earlier one, by person id then programme. They carry
  /// over from night to night, so `signpost changes` shows them beside who changed.
  public func standingDecisions(atRun runID: Int64) throws(StoreError) -> [Decision] {
    try read("read the decisions standing at run \(runID)") { db in
      try Decision.fetchAll(
        db,
        sql: """
          SELECT * FROM decision WHERE id IN (
            SELECT MAX(id) FROM decision WHERE run_id <= ? GROUP BY person_id, programme)
          ORDER BY person_id, programme
          """, arguments: [runID])
    }
  }

  /// Records in the audit table something a service user did that is not a read of a
  /// person (an admin reloading the pack): who, what, against which run, and the outcome.
  public func recordAction(
    command: String, action: String, runID: Int64?, user: String, detail: String,
    now: Date = Date()
  ) throws(StoreError) {
    try write("audit \(action)") { db in
      try Self.audit(
        db, user: user, command: command, action: action, runID: runID, detail: detail,
        at: StoreClock.timestamp(now))
    }
  }

  /// How many decisions of each kind are stored.
  public func decisionCounts() throws(StoreError) -> [DecisionKind: Int] {
    try read("count the decisions") { db in
      var counts: [DecisionKind: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM decision GROUP BY kind")
      {
        if let kind = DecisionKind(rawValue: row["kind"]) { counts[kind] = row["n"] }
      }
      return counts
    }
  }

  // MARK: - Person history

  /// One programme's referrals in one run, in the order the run stored them.
  public func referrals(runID: Int64, programme: String) throws(StoreError) -> [StoredReferral] {
    try read("read a programme's referrals") { db in
      try StoredReferral.fetchAll(
        db, sql: "SELECT * FROM referral WHERE run_id = ? AND programme = ? ORDER BY rowid",
        arguments: [runID, programme])
    }
  }

  /// The results, in one run, of the people referred to one programme in that run.
  public func results(runID: Int64, programme: String) throws(StoreError) -> [StoredResult] {
    try read("read a programme's results") { db in
      try StoredResult.fetchAll(
        db,
        sql: """
          SELECT result.* FROM result JOIN referral
            ON referral.run_id = result.run_id AND referral.person_id = result.person_id
          WHERE result.run_id = ? AND referral.programme = ?
          """, arguments: [runID, programme])
    }
  }

  /// A person's referrals in one run, by programme order.
  public func referrals(runID: Int64, personID: String) throws(StoreError) -> [StoredReferral] {
    try read("read a person's referrals") { db in
      try StoredReferral.fetchAll(
        db, sql: "SELECT * FROM referral WHERE run_id = ? AND person_id = ? ORDER BY rowid",
        arguments: [runID, personID])
    }
  }

  /// A person's result in one run, if they were scored in it.
  public func result(runID: Int64, personID: String) throws(StoreError) -> StoredResult? {
    try read("read a person's result") { db in
      try StoredResult.fetchOne(
        db, sql: "SELECT * FROM result WHERE run_id = ? AND person_id = ?",
        arguments: [runID, personID])
    }
  }

  /// A person's band and score in every complete run that still holds their result, oldest
  /// first.
  public func bandHistory(personID: String) throws(StoreError) -> [PersonBand] {
    try read("read a person's bands") { db in
      try PersonBand.fetchAll(
        db,
        sql: """
          SELECT result.run_id, run.as_of, result.band, result.score
          FROM result JOIN run ON run.id = result.run_id
          WHERE result.person_id = ? AND run.status = 'complete'
          ORDER BY result.run_id
          """, arguments: [personID])
    }
  }

  // MARK: - Person-level audit

  /// Records that `user` read (or was refused) the data of each of `personIDs` on `page`, in
  /// one transaction.
  public func recordPersonReads(
    _ personIDs: [String], page: String, user: String, role: String, runID: Int64?,
    outcome: PersonRead.Outcome = .shown, now: Date = Date()
  ) throws(StoreError) {
    try insertPersonReads(
      [
        PersonReadRequest(
          personIDs: personIDs, page: page, user: user, role: role, outcome: outcome, at: now)
      ], run: ("?", [runID]))
  }

  /// Records reads as ``recordPersonReads(_:page:user:role:runID:outcome:now:)`` does, against
  /// the latest complete run (none if there is none), read by the insert itself: one write
  /// transaction, and no read transaction before it.
  public func recordPersonReadsAtLatestRun(
    _ personIDs: [String], page: String, user: String, role: String,
    outcome: PersonRead.Outcome = .shown, now: Date = Date()
  ) throws(StoreError) {
    try recordPersonReadsAtLatestRun([
      PersonReadRequest(
        personIDs: personIDs, page: page, user: user, role: role, outcome: outcome, at: now)
    ])
  }

  /// Records several callers' reads against the latest complete run in one durable
  /// transaction (``AuditGroupCommit``'s group commit).
  func recordPersonReadsAtLatestRun(_ requests: [PersonReadRequest]) throws(StoreError) {
    try insertPersonReads(
      requests,
      run: ("(SELECT id FROM run WHERE status = 'complete' ORDER BY id DESC LIMIT 1)", []))
  }

  /// Inserts the reads in one durable transaction; `run` is the SQL of the run id and its
  /// arguments. The statement is prepared once per connection, not once per request.
  private func insertPersonReads(
    _ requests: [PersonReadRequest],
    run: (sql: String, arguments: [(any DatabaseValueConvertible)?])
  ) throws(StoreError) {
    guard requests.contains(where: { !$0.personIDs.isEmpty }) else { return }
    try writeInKeptTransaction("audit person reads") { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO person_read (at, user, role, person_id, page, run_id, outcome)
          VALUES (?, ?, ?, ?, ?, \(run.sql), ?)
          """)
      for request in requests {
        let at = StoreClock.timestamp(request.at)
        for personID in request.personIDs {
          let values: [(any DatabaseValueConvertible)?] =
            [at, request.user, request.role, personID, request.page] + run.arguments
            + [request.outcome.rawValue]
          try insert.execute(arguments: StatementArguments(values))
        }
      }
    }
  }

  /// Every read of a person's data through the service, oldest first.
  public func personReads(personID: String) throws(StoreError) -> [PersonRead] {
    try read("read a person's audit") { db in
      try PersonRead.fetchAll(
        db, sql: "SELECT * FROM person_read WHERE person_id = ? ORDER BY id",
        arguments: [personID])
    }
  }

  /// The reads of and decisions on one person.
  public func personAudit(personID: String) throws(StoreError) -> PersonAudit {
    PersonAudit(
      personID: personID, reads: try personReads(personID: personID),
      decisions: try decisions(personID: personID))
  }
}
