import Foundation
import Mustache

/// The service's HTML: mustache templates from the module's `Templates` folder, each filling
/// the `layout` template's `main` block. Mustache escapes every `{{value}}` for HTML, so no
/// value reaches a page unescaped.
public struct PageRenderer: Sendable {
  private let library: MustacheLibrary

  /// Loads the templates shipped with the module.
  public static func load() async throws -> PageRenderer {
    guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      throw ServeError("the service's templates are missing from its resources")
    }
    return PageRenderer(library: try await MustacheLibrary(directory: folder.path))
  }

  /// The page rendered with a template; a missing template is a programming error reported
  /// as text rather than a crash.
  public func render<Content>(_ template: String, _ page: Page<Content>) -> String {
    library.render(page, withTemplate: template) ?? "missing template \(template)"
  }
}
