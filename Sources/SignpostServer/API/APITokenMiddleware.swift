import Foundation
import HTTPTypes
import Hummingbird

/// Authenticates an API request by its `Authorization: Bearer` token and puts the token's
/// user into the context. A session cookie is not accepted in its place: a browser's cookie
/// would make every API route a target for cross-site requests, which the API (having no
/// forms) does not guard with CSRF tokens. So there is no CSRF check here either.
public struct APITokenMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  /// Token users by their token's SHA-256.
  let clients: [String: ServerUser]

  public init(tokens: [APIToken]) {
    clients = Dictionary(tokens.map { ($0.sha256, $0.user) }, uniquingKeysWith: { a, _ in a })
  }

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let header = request.headers[.authorization] ?? ""
    let scheme = "Bearer "
    guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == "bearer "
    else {
      throw APIProblem(
        .unauthorized,
        "send a token as 'Authorization: Bearer <token>'; the API does not accept session cookies"
      )
    }
    let token = header.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces)
    guard let client = clients[APIToken.digest(token)] else {
      throw APIProblem(.unauthorized, "the token is not known")
    }
    var context = context
    context.client = client
    return try await next(request, context)
  }
}
