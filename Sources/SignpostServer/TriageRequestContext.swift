import Hummingbird

/// The request context of the service: Hummingbird's core storage, the signed-in session, if
/// any (set by ``SessionMiddleware``), and an API client's token user (set by
/// ``APITokenMiddleware``).
public struct TriageRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public var session: UserSession?
  public var client: ServerUser?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// Forms are small; anything larger is refused before it is read.
  public var maxUploadSize: Int { 64 * 1024 }

  /// Page request bodies are HTML forms; the API reads its JSON bodies itself
  /// (``JSONInput``).
  public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
}
