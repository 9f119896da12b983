import Hummingbird

/// Puts the signed-in session, if the request's cookie names a live one, into the context.
public struct SessionMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  let sessions: SessionStore

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var context = context
    if let cookie = request.cookies[SessionStore.cookieName]?.value {
      context.session = await sessions.session(cookie: cookie)
    }
    return try await next(request, context)
  }
}
