import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt

/// The service's routes. Handlers decode the request, call ``TriageService`` and render what
/// it returns; who may see what is decided there, not here.
///
/// | route                                   | what                                   |
/// |-----------------------------------------|----------------------------------------|
/// | `GET /health`, `GET /ready`             | liveness; readiness (store and run)    |
/// | `GET /metrics`                          | Prometheus text format                 |
/// | `GET /login`, `POST /login`             | sign-in form and sign-in               |
/// | `POST /logout`                          | sign-out                               |
/// | `GET /`                                 | the latest run                         |
/// | `GET /queues/{programme}`               | a programme's queue, filtered          |
/// | `GET /queues/{programme}/accepted.csv`  | the accepted referrals for the meeting |
/// | `GET /people/{id}`                      | a person                               |
/// | `GET /people/{id}/decisions/new`        | the decision form (`?programme=`)      |
/// | `POST /people/{id}/decisions`           | record a decision                      |
/// | `GET /admin/users`, `GET /admin/audit`  | accounts; who looked at a person       |
/// | `POST /admin/pack`                      | reload the pack (as SIGHUP does)       |
/// | `/api/v1/...`                           | the JSON API (`TriageRouter+API.swift`) |
public struct TriageRouter: Sendable {
  public let service: TriageService
  public let sessions: SessionStore
  public let throttle: LoginThrottle
  public let renderer: PageRenderer

  public init(
    service: TriageService, sessions: SessionStore, throttle: LoginThrottle,
    renderer: PageRenderer
  ) {
    self.service = service
    self.sessions = sessions
    self.throttle = throttle
    self.renderer = renderer
  }

  /// The router with every route and middleware.
  public func build() -> Router<TriageRequestContext> {
    let router = Router(context: TriageRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: service.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(sessions: sessions))
    router.add(middleware: ErrorPageMiddleware(renderer: renderer, service: service))
    router.add(middleware: APIRouteMiddleware())
    router.get("/health") { _, _ in "ok\n" }
    router.get("/ready") { _, _ in
      service.isReady()
        ? Response.text("ready\n") : Response.text("not ready\n", status: .serviceUnavailable)
    }
    router.get("/metrics") { _, _ in
      _ = service.isReady()
      return Response.text(
        service.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
    addAPI(to: router)
    router.get("/login") { _, context in loginPage(context: context) }
    router.post("/login") { request, context in try await signIn(request, context: context) }
    let signedIn = router.group().add(middleware: SignedInMiddleware(sessions: sessions))
    signedIn.post("/logout") { _, context in await signOut(context: context) }
    signedIn.get("/") { _, context in
      let user = try context.user()
      return page("run", "The latest run", context, try service.overview(for: user))
    }
    signedIn.get("/queues/:programme") { request, context in
      let programme = try context.parameters.require("programme")
      let filter = QueueFilter { request.uri.queryParameters[Substring($0)].map(String.init) }
      let queue = try service.queue(programme, filter: filter, for: try context.user())
      let rendered = RenderedQueue(queue: queue, renderedRows: renderer.queueRows(of: queue))
      return page("queue", "Queue: \(queue.programmeName)", context, rendered)
    }
    signedIn.get("/queues/:programme/accepted.csv") { _, context in
      let programme = try context.parameters.require("programme")
      let csv = try service.acceptedCSV(programme, for: try context.user())
      return Response.text(
        csv, contentType: "text/csv; charset=utf-8",
        headers: [.contentDisposition: "attachment; filename=\"\(programme)-accepted.csv\""])
    }
    signedIn.get("/people/:id") { _, context in
      let id = try context.parameters.require("id")
      return page(
        "person", "Person \(id)", context, try service.person(id, for: try context.user()))
    }
    signedIn.get("/people/:id/decisions/new") { request, context in
      let id = try context.parameters.require("id")
      let programme = request.uri.queryParameters["programme"].map(String.init) ?? ""
      let form = try service.decisionForm(id, programme: programme, for: try context.user())
      return page("decision", "Decision for person \(id)", context, form)
    }
    signedIn.post("/people/:id/decisions") { request, context in
      let id = try context.parameters.require("id")
      let form = try await request.decode(as: DecisionPost.self, context: context)
      let user = try context.user()
      let input = DecisionInput(kind: form.kind, reason: form.reason, note: form.note)
      do {
        try service.recordDecision(id, programme: form.programme, input: input, for: user)
      } catch let error as TriageError where error.kind == .badRequest {
        let view = try service.decisionForm(
          id, programme: form.programme, for: user, input: input, error: error.message)
        return page(
          "decision", "Decision for person \(id)", context, view, status: .badRequest)
      }
      return Response(status: .seeOther, headers: [.location: "/people/\(id)"])
    }
    signedIn.get("/admin/users") { _, context in
      page("users", "Accounts", context, try service.users(for: try context.user()))
    }
    signedIn.get("/admin/audit") { request, context in
      let person = request.uri.queryParameters["person"].map(String.init) ?? ""
      let audit = try service.audit(person, for: try context.user())
      return page("audit", "Who looked at person \(person)", context, audit)
    }
    signedIn.post("/admin/pack") { _, context in
      let reload = try service.reloadPack(for: try context.user())
      return page("reload", "Reload the pack", context, reload)
    }
    return router
  }

  private func page<Content: Sendable>(
    _ template: String, _ title: String, _ context: TriageRequestContext, _ content: Content,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    .html(
      renderer.render(
        template,
        Page(title: title, pack: service.pack, session: context.session, page: content)),
      status: status)
  }

  // MARK: - Signing in and out

  private func loginPage(
    context: TriageRequestContext, username: String = "", error: String? = nil,
    status: HTTPResponse.Status = .ok
  )
    -> Response
  {
    let nonce = SessionStore.randomHex(bytes: 16)
    let form = LoginView(token: sessions.loginToken(nonce: nonce), username: username, error: error)
    let text = renderer.render(
      "login", Page(title: "Sign in", pack: service.pack, session: nil, page: form))
    var response = Response.html(text, status: status)
    response.setCookie(cookie(Self.loginCookie, nonce, maxAge: 600))
    return response
  }

  private func signIn(_ request: Request, context: TriageRequestContext) async throws -> Response {
    let form = try await request.decode(as: LoginPost.self, context: context)
    guard let nonce = request.cookies[Self.loginCookie]?.value,
      sessions.checkLoginToken(form.csrf, nonce: nonce)
    else {
      throw HTTPError(.forbidden, message: "The sign-in form has expired; reload it and try again.")
    }
    // Behind the proxy every connection comes from it: the proxy passes the client's address.
    let address =
      request.headers.first { $0.name.canonicalName == "x-real-ip" }?.value ?? "direct"
    guard await throttle.allows(name: form.username, address: address) else {
      return loginPage(
        context: context, username: form.username,
        error: "Too many failed sign-ins. Wait 15 minutes and try again.", status: .tooManyRequests)
    }
    guard let user = service.settings.user(named: form.username),
      Bcrypt.verify(form.password, hash: user.passwordHash)
    else {
      await throttle.recordFailure(name: form.username, address: address)
      return loginPage(
        context: context, username: form.username,
        error: "The user name or password is wrong.", status: .unauthorized)
    }
    await throttle.recordSuccess(name: user.name)
    let (_, value) = await sessions.start(user)
    var response = Response(status: .seeOther, headers: [.location: "/"])
    response.setCookie(cookie(SessionStore.cookieName, value, maxAge: nil))
    response.setCookie(cookie(Self.loginCookie, "", maxAge: 0))
    return response
  }

  private func signOut(context: TriageRequestContext) async -> Response {
    if let session = context.session { await sessions.end(session.id) }
    var response = Response(status: .seeOther, headers: [.location: "/login"])
    response.setCookie(cookie(SessionStore.cookieName, "", maxAge: 0))
    return response
  }

  private func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
    Cookie(
      name: name, value: value, maxAge: maxAge, path: "/", secure: service.settings.secureCookies,
      httpOnly: true, sameSite: .strict)
  }

  /// The cookie that ties the sign-in form's token to the browser that loaded it.
  static let loginCookie = "signpost_login"

  private struct LoginView: Sendable {
    var token: String
    var username: String
    var error: String?
  }

  private struct LoginPost: Decodable {
    var username: String
    var password: String
    var csrf: String
  }

  private struct DecisionPost: Decodable {
    var programme: String
    var kind: String?
    var reason: String?
    var note: String?
  }
}

extension TriageRequestContext {
  /// The signed-in user; the signed-in group guarantees one.
  func user() throws -> ServerUser {
    guard let session else { throw HTTPError(.unauthorized) }
    return session.user
  }
}
