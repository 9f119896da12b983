import Foundation

/// The API's OpenAPI 3.1 document, `OpenAPI/openapi.yaml` in the module's resources, as
/// `GET /api/v1/openapi.yaml` serves it.
public enum OpenAPIDocument {
  /// The document's text, or `nil` if the resource is missing.
  public static let yaml: String? = Bundle.module.url(
    forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI"
  ).flatMap { try? String(contentsOf: $0, encoding: .utf8) }
}
