import Hummingbird
import NIOCore

/// Sends a request without a session to the sign-in page (303), and refuses a form post
/// whose CSRF token is not its session's (403).
public struct SignedInMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  let sessions: SessionStore

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard let session = context.session else {
      return Response(status: .seeOther, headers: [.location: "/login"])
    }
    var request = request
    if request.method == .post {
      // Collected once here; the handler decodes the same buffer.
      let body = try await request.collectBody(upTo: context.maxUploadSize)
      let form = try? URLEncodedFormDecoder().decode(CSRFField.self, from: String(buffer: body))
      guard let form, sessions.checkCSRF(form.csrf, sessionID: session.id) else {
        throw HTTPError(.forbidden, message: "The form has expired; go back and try again.")
      }
    }
    return try await next(request, context)
  }

  private struct CSRFField: Decodable {
    var csrf: String
  }
}
