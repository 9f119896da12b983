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
    guard let token = Self.bearerToken(request.headers[.authorization] ?? "") else {
      throw APIProblem(
        .unauthorized,
        "send a token as 'Authorization: Bearer <token>'; the API does not accept session cookies"
      )
    }
    guard let client = clients[APIToken.digest(token)] else {
      throw APIProblem(.unauthorized, "the token is not known")
    }
    var context = context
    context.client = client
    return try await next(request, context)
  }

  /// The token of an `Authorization` header's `Bearer` scheme (any case), without the spaces
  /// and tabs around it; `nil` for another scheme or no token. Read from the header's bytes:
  /// Foundation's trimming cost more than the rest of the check.
  static func bearerToken(_ header: String) -> Substring? {
    let scheme = "bearer ".utf8
    let bytes = header.utf8
    guard bytes.count > scheme.count,
      zip(bytes, scheme).allSatisfy({ $0 == $1 || (0x41...0x5A).contains($0) && $0 | 0x20 == $1 })
    else { return nil }
    func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    let rest = bytes.dropFirst(scheme.count)
    guard let first = rest.firstIndex(where: { !blank($0) }),
      let last = rest.lastIndex(where: { !blank($0) })
    else { return nil }
    return header[first...last]
  }
}
