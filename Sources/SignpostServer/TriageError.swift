/// Why the service refused a request; the router turns the kind into a status code. Messages
/// name no person.
public struct TriageError: Error, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// 403: the role may not use this page at all.
    case forbidden
    /// 404: no such thing, or a person outside the user's scope (not told apart, so a scope
    /// does not leak who exists).
    case notFound
    /// 400: a form or filter that does not make sense.
    case badRequest
    /// 503: the store cannot be read.
    case unavailable
  }

  public var kind: Kind
  public var message: String
  /// The request field at fault, as a path (`person.suspensions[0].reason`), for the API.
  public var field: String?

  public init(_ kind: Kind, _ message: String, field: String? = nil) {
    self.kind = kind
    self.message = message
    self.field = field
  }
}
