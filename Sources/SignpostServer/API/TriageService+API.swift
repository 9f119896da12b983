import SignpostEngine
import SignpostRules
import SignpostStore

extension TriageService {
  /// The OpenAPI document with the serving pack's record (``OpenAPIDocument/served(schema:)``).
  public func openAPIDocument() -> String? {
    OpenAPIDocument.served(schema: scoring.scoring.pack.schema)
  }

  /// The stored runs, newest first: aggregates, so every role may read them.
  public func runs(for user: ServerUser) throws(TriageError) -> APIBody.Runs {
    let runs = try storeCall { () throws(StoreError) in try store.runs() }
    return APIBody.Runs(pack: APIBody.Pack(pack), runs: runs.map(APIBody.Run.init))
  }

  /// Every decision on a person, oldest first; records the read (page `api:decisions`).
  ///
  /// - Throws: 403 for the analyst role, 404 for a person outside the user's scope or not in
  ///   the latest run, as for ``person(_:for:page:)``.
  public func decisionHistory(_ personID: String, for user: ServerUser) throws(TriageError)
    -> APIBody.Decisions
  {
    _ = try authorizePerson(personID, page: "api:decisions", for: user)
    let decisions = try storeCall { () throws(StoreError) in
      try store.decisions(personID: personID)
    }
    return APIBody.Decisions(personId: personID, decisions: decisions.map(APIBody.Decided.init))
  }
}
