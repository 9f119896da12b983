import Hummingbird

/// The request context of the service: Hummingbird's core storage and the signed-in
/// session, if any (set by ``SessionMiddleware``).
public struct TriageRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public var session: UserSession?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// Forms are small; anything larger is refused before it is read.
  public var maxUploadSize: Int { 64 * 1024 }

  /// Request bodies are HTML forms.
  public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
}
