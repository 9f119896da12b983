import HTTPTypes
import Hummingbird
import Logging

/// Answers every refusal of an API route with a problem body (``APIProblem``) instead of an
/// HTML page: the service's ``TriageError``, Hummingbird's own errors (a body over the size
/// limit is 413) and anything unexpected, which is logged without the request's data and
/// answered 500.
public struct APIErrorMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext

  public init() {}

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let problem as APIProblem {
      return problem.response
    } catch let error as TriageError {
      return APIProblem(error).response
    } catch let error as HTTPError {
      return APIProblem(error.status, error.body ?? error.status.reasonPhrase).response
    } catch let error as any HTTPResponseError {
      return APIProblem(error.status, error.status.reasonPhrase).response
    } catch {
      context.logger.error("API request failed", metadata: ["error_type": "\(type(of: error))"])
      return APIProblem(.internalServerError, "the request failed").response
    }
  }
}
