import Hummingbird

/// Renders a refusal as a page with its status: the service's ``TriageError`` (403, 404,
/// 400, 503) and Hummingbird's own HTTP errors (a route that does not exist, a bad form).
public struct ErrorPageMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  let renderer: PageRenderer
  let service: TriageService

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as TriageError {
      return page(Self.status(error.kind), error.message, context: context)
    } catch let error as HTTPError {
      return page(error.status, error.body ?? error.status.reasonPhrase, context: context)
    }
  }

  /// The status a refusal is answered with.
  static func status(_ kind: TriageError.Kind) -> HTTPResponse.Status {
    switch kind {
    case .forbidden: .forbidden
    case .notFound: .notFound
    case .badRequest: .badRequest
    case .unavailable: .serviceUnavailable
    }
  }

  private func page(_ status: HTTPResponse.Status, _ message: String, context: Context)
    -> Response
  {
    let text = renderer.render(
      "error",
      Page(title: status.reasonPhrase, pack: service.pack, session: context.session, page: message))
    return .html(text, status: status)
  }
}
