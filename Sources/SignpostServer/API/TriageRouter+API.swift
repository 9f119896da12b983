import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SignpostStore

/// The JSON API under `/api/v1`, for machine clients with a token (``APITokenMiddleware``);
/// every route, its bodies and its errors are in ``OpenAPIDocument``. The same service calls
/// as the pages, so the same roles, scopes and audit apply.
///
/// | route                                  | what                                       |
/// |----------------------------------------|--------------------------------------------|
/// | `GET /api/v1/openapi.yaml`             | the OpenAPI document (no token needed)     |
/// | `GET /api/v1/runs`                     | the stored runs (aggregates)               |
/// | `GET /api/v1/queues/{programme}`       | a programme's queue, filtered              |
/// | `GET /api/v1/people/{id}`              | a person's result with its explanation     |
/// | `GET /api/v1/people/{id}/decisions`    | the decisions on a person                  |
/// | `POST /api/v1/people/{id}/decisions`   | record a decision                          |
/// | `POST /api/v1/score`                   | score one referral's record                |
extension TriageRouter {
  /// Adds the API's routes to `router`.
  func addAPI(to router: Router<TriageRequestContext>) {
    let api = router.group("/api/v1").add(middleware: APIErrorMiddleware())
    api.get("/openapi.yaml") { _, _ in
      guard let yaml = service.openAPIDocument() else {
        throw APIProblem(.serviceUnavailable, "the OpenAPI document is missing")
      }
      return Response.text(yaml, contentType: "application/yaml; charset=utf-8")
    }
    let client = api.group().add(middleware: APITokenMiddleware(tokens: service.settings.tokens))
    client.get("/runs") { _, context in
      try APIResponse.json(try service.runs(for: try context.apiClient()))
    }
    client.get("/queues/:programme") { request, context in
      let programme = try context.parameters.require("programme")
      let filter = QueueFilter { request.uri.queryParameters[Substring($0)].map(String.init) }
      let queue = try service.queue(
        programme, filter: filter, for: try context.apiClient(), page: "api:queue")
      return try APIResponse.json(APIBody.Queue(queue))
    }
    client.get("/people/:id") { _, context in
      let id = try context.parameters.require("id")
      let person = try service.person(id, for: try context.apiClient(), page: "api:person")
      return try APIResponse.json(APIBody.Person(person))
    }
    client.get("/people/:id/decisions") { _, context in
      let id = try context.parameters.require("id")
      return try APIResponse.json(try service.decisionHistory(id, for: try context.apiClient()))
    }
    client.post("/people/:id/decisions") { request, context in
      let id = try context.parameters.require("id")
      var body = try JSONObjectReader(try await Self.json(request, context), path: "")
      let programme = try body.string("programme", required: true) ?? ""
      let kind = try body.choice("kind", of: DecisionKind.allCases.map(\.rawValue), required: true)
      let reason = try body.choice(
        "reason", of: DecisionReason.allCases.map(\.rawValue), required: true)
      let note = try body.string("note", maxLength: Decision.noteLimit)
      try body.finish()
      let decision = try service.recordDecision(
        id, programme: programme, input: DecisionInput(kind: kind, reason: reason, note: note),
        for: try context.apiClient(), page: "api:decision")
      return try APIResponse.json(APIBody.Decided(decision), status: .created)
    }
    client.post("/score") { request, context in
      let user = try context.apiClient()
      let body = try await Self.json(request, context)
      // The response's bytes are written while the audit commits; it is sent once committed.
      return try await service.score(body, for: user) { APIResponse.json($0.json) }
    }
  }

  /// The request's body as JSON, at most the context's upload size (413 beyond it).
  static func json(_ request: Request, _ context: TriageRequestContext) async throws -> JSONInput {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    return try JSONInput.parse(buffer.readableBytesView)
  }
}

extension TriageRequestContext {
  /// The token's user; the token middleware guarantees one.
  func apiClient() throws(APIProblem) -> ServerUser {
    guard let client else { throw APIProblem(.unauthorized, "no token") }
    return client
  }
}
