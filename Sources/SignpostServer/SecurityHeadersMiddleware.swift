import HTTPTypes
import Hummingbird

/// Headers on every response: no scripts, frames or outside resources; no MIME sniffing; no
/// referrer (URLs hold person ids).
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  public init() {}

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    if let referrerPolicy = HTTPField.Name("Referrer-Policy") {
      response.headers[referrerPolicy] = "no-referrer"
    }
    return response
  }
}
