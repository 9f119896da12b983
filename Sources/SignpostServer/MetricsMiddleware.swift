import Hummingbird

/// Counts every request and times it, labelled by the matched route's template
/// (`/people/{id}`), so that no person id reaches the metrics.
public struct MetricsMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  let metrics: ServerMetrics

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    func record(_ status: Int) {
      let elapsed = ContinuousClock.now - start
      let nanoseconds =
        elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
      metrics.recordRequest(
        method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
        status: status, nanoseconds: nanoseconds)
    }
    do {
      let response = try await next(request, context)
      record(response.status.code)
      return response
    } catch let error as any HTTPResponseError {
      record(error.status.code)
      throw error
    } catch {
      record(500)
      throw error
    }
  }
}
