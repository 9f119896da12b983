import HTTPTypes
import Hummingbird
import SignpostSource
import SignpostYAML

/// Answers a request for an API path that no route takes as a problem body rather than an
/// HTML page: 405 with the methods the path does take in `Allow`, when the OpenAPI document
/// has the path; otherwise 404.
public struct APIRouteMiddleware: RouterMiddleware {
  public typealias Context = TriageRequestContext
  /// The document's paths, split into segments (`{id}` matches any one), and their methods.
  let operations: [(segments: [Substring], methods: [String])]

  public init() {
    let (root, _) = YAMLParser.parse(
      SourceFile(path: "openapi.yaml", text: OpenAPIDocument.yaml ?? ""))
    let paths = root?.pairs?.first { $0.keyText == "paths" }?.value.pairs ?? []
    operations = paths.map { path in
      (
        path.keyText.split(separator: "/"),
        (path.value.pairs ?? []).map { $0.keyText.uppercased() }
      )
    }
  }

  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound && isAPI(request.uri.path) {
      let segments = request.uri.path.split(separator: "/")
      guard let operation = operations.first(where: { matches($0.segments, segments) }) else {
        return APIProblem(.notFound, "there is no such API route").response
      }
      var response = APIProblem(
        .methodNotAllowed, "this route takes \(operation.methods.joined(separator: ", "))"
      ).response
      response.headers[.allow] = operation.methods.joined(separator: ", ")
      return response
    }
  }

  private func isAPI(_ path: String) -> Bool { path.hasPrefix("/api/") }

  private func matches(_ template: [Substring], _ segments: [Substring]) -> Bool {
    template.count == segments.count
      && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
  }
}
